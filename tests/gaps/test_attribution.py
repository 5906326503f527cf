"""Attribution: a statement backs a cell only for values named together in one clause."""

from __future__ import annotations

from litreview.core.model import GapStatement, Mention
from litreview.gaps.attribution import backing, clause_values, supports
from litreview.gaps.register import find_gaps, statement_cells
from tests.gap_fakes import corpus

FACETS = ("hazard", "population", "outcome")
COMPOUND = (
    "Evidence on heat deaths among older people remains thin, and the effect of flooding on "
    "children is poorly understood."
)


def mention(
    facet: str, value: str, word: str, *, clause: int, source: str = "statement"
) -> Mention:
    """A mention of ``word`` in COMPOUND (or at 0 when it is not there)."""
    at = max(COMPOUND.find(word), 0)
    return Mention(
        facet=facet,
        value=value,
        char_start=at,
        char_end=at + len(word),
        quote=word,
        source=source,
        clause=clause,
    )


def compound(*extra: Mention) -> GapStatement:
    """The compound sentence with its mentions in clause 0 (heat, older people, deaths) and
    clause 1 (flooding, children)."""
    mentions = (
        mention("hazard", "heat", "heat", clause=0),
        mention("population", "older_people", "older people", clause=0),
        mention("outcome", "mortality", "deaths", clause=0),
        mention("hazard", "flood", "flooding", clause=1),
        mention("population", "children", "children", clause=1),
        *extra,
    )
    return GapStatement(
        doc_id="brief",
        char_start=0,
        char_end=len(COMPOUND),
        section="Conclusions",
        quote=COMPOUND,
        facets=(
            ("hazard", ("flood", "heat")),
            ("population", ("children", "older_people")),
            ("outcome", ("mortality",)),
        ),
        mentions=mentions,
    )


def test_compound_sentence_backs_each_clause_not_their_mix() -> None:
    s = compound()
    cells = statement_cells(s, FACETS)
    assert (("hazard", "heat"), ("population", "older_people"), ("outcome", "mortality")) in cells
    assert (("hazard", "flood"), ("population", "children")) in cells
    for mixed in (
        (("hazard", "flood"), ("population", "older_people")),
        (("hazard", "heat"), ("population", "children")),
        (("hazard", "flood"), ("outcome", "mortality")),
    ):
        assert mixed not in cells and supports(s, mixed) is None


def test_words_of_an_antecedent_apply_to_every_clause() -> None:
    s = compound(mention("outcome", "mental_health", "this", clause=-1, source="antecedent"))
    assert dict(clause_values(s))[1]["outcome"] == ("mental_health",)
    assert supports(s, (("hazard", "flood"), ("outcome", "mental_health"))) == 1
    assert supports(s, (("hazard", "heat"), ("outcome", "mental_health"))) == 0


def test_backing_names_the_words_of_each_value() -> None:
    b = backing(compound(), (("hazard", "flood"), ("population", "children")))
    assert b is not None and b.clause == 1
    assert [(m.value, m.quote) for m in b.mentions] == [
        ("flood", "flooding"),
        ("children", "children"),
    ]
    assert backing(compound(), (("hazard", "flood"), ("outcome", "mortality"))) is None


def test_statement_without_mentions_is_one_clause_of_its_facets() -> None:
    s = compound()
    legacy = GapStatement(
        doc_id=s.doc_id,
        char_start=0,
        char_end=10,
        section="",
        quote="x",
        facets=s.facets,
    )
    assert supports(legacy, (("hazard", "flood"), ("population", "older_people"))) == 0


def test_register_has_both_gaps_of_a_compound_sentence_and_never_the_mix() -> None:
    tags, works = corpus()
    gaps = find_gaps([compound()], tags, works, FACETS)
    cells = [set(g.cell) for g in gaps if g.statements]
    assert {("hazard", "heat"), ("population", "older_people"), ("outcome", "mortality")} in cells
    assert {("hazard", "flood"), ("population", "children")} in cells
    for g in gaps:
        values = {v for _, v in g.cell}
        assert not ({"flood", "older_people"} <= values or {"heat", "children"} <= values)
