"""The fallback that finds the words naming each value when the detector did not record them."""

from __future__ import annotations

from litreview.core.model import GapStatement
from litreview.core.text import Span
from litreview.gaps.fallback_mentions import clause_words, gap_clauses, with_mentions
from litreview.gaps.index import load_settings
from litreview.gaps.statements import default_cues
from litreview.taxonomy import load_taxonomy
from tests.conftest import TESTS

TAXONOMY = load_taxonomy(
    (TESTS / "fixture_review" / "bibliography" / "taxonomy.yaml").read_text("utf-8")
)


def words():  # type: ignore[no-untyped-def]
    """Clause words and cues as the pipeline builds them."""
    settings = load_settings()
    return clause_words(
        settings.clause_breaks,
        settings.concessive,
        [c.pattern for c in default_cues().positive],
        look_back=settings.look_back,
    )


def statement(text: str, sentence: str, facets: dict[str, tuple[str, ...]]) -> GapStatement:
    """A statement of ``sentence`` (found in ``text``) with the detector's ``facets``."""
    at = text.index(sentence)
    return GapStatement(
        doc_id="d",
        char_start=at,
        char_end=at + len(sentence),
        section="",
        quote=sentence,
        facets=tuple(facets.items()),
    )


def derived(text: str, sentence: str, **facets: tuple[str, ...]) -> GapStatement:
    return with_mentions([statement(text, sentence, facets)], {"d": text}, TAXONOMY, words())[0]


def test_compound_sentence_gets_one_clause_per_gap() -> None:
    text = (
        "Evidence on heat deaths among older people remains thin, and the effect of flooding "
        "on children is poorly understood."
    )
    s = derived(
        text,
        text,
        hazard=("flood", "heat"),
        population=("children", "older_people"),
        outcome=("mortality",),
    )
    by_clause = {(m.value, m.clause) for m in s.mentions}
    assert by_clause == {
        ("heat", 0),
        ("older_people", 0),
        ("mortality", 0),
        ("flood", 1),
        ("children", 1),
    }
    assert all(text[m.char_start : m.char_end] == m.quote for m in s.mentions)


def test_concessive_opener_states_no_gap() -> None:
    text = (
        "Despite evidence on children and floods being widely available, data on heat deaths "
        "among older people was not available."
    )
    s = derived(
        text,
        text,
        hazard=("flood", "heat"),
        population=("children", "older_people"),
        outcome=("mortality",),
    )
    assert {m.value for m in s.mentions} == {"heat", "older_people", "mortality"}
    assert s.values("population") == ("older_people",)  # facets narrowed to named values


def test_list_sharing_one_predicate_is_one_clause() -> None:
    text = "Heat deaths, and the mental health of children have not been sufficiently studied."
    clauses = gap_clauses(text, Span(0, len(text)), words())
    assert clauses == [Span(0, len(text))]


def test_what_this_refers_to_comes_from_the_sentence_before_in_its_paragraph() -> None:
    text = (
        "Flooding\n\nOlder people suffer in floods. Further research on this is required.\n\n"
        "Children play outside. More research on this is needed."
    )
    first = derived(
        text,
        "Further research on this is required.",
        hazard=("flood",),
        population=("older_people",),
    )
    assert {(m.value, m.source, m.clause) for m in first.mentions} == {
        ("older_people", "antecedent", -1),
        ("flood", "antecedent", -1),
    }
    second = derived(
        text, "More research on this is needed.", population=("children",), hazard=("flood",)
    )
    sources = {m.value: m.source for m in second.mentions}
    assert sources == {"children": "antecedent", "flood": "heading"}


def test_a_concessive_clause_is_what_this_refers_to() -> None:
    text = (
        "While heat deaths are likely important, more research is needed to understand how this "
        "intersects with age."
    )
    s = derived(text, text, hazard=("heat",), outcome=("mortality",))
    assert {(m.value, m.source, m.clause) for m in s.mentions} == {
        ("heat", "statement", -1),
        ("mortality", "statement", -1),
    }


def test_recorded_mentions_and_moved_text_are_left_alone() -> None:
    text = "Little research covers heat."
    s = statement(text, text, {"hazard": ("heat",)})
    assert with_mentions([s], {"d": "something else"}, TAXONOMY, words()) == [s]
    assert with_mentions([s], {}, TAXONOMY, words()) == [s]
