"""A work's evidence for the model: its fields, its located citing sentences, the taxonomy's
hits there (weak ones too), and the group of works sharing a sentence or paragraph."""

from __future__ import annotations

from litreview.core.model import Citation, Work
from litreview.tags.hits import tag_work_fields
from litreview.tags.suggest_explain import locate
from litreview.tags.suggest_features import (
    Context,
    WorkEvidence,
    blind_to,
    gather_evidence,
    place_of,
)
from litreview.tags.suggest_vectors import EvidenceVectorizer
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import ROOT

TAXONOMY = load_taxonomy(
    (ROOT / "tests" / "fixture_review" / "bibliography" / "taxonomy.yaml").read_text("utf-8")
)
TEXT = (
    "Intro\n\nFloods hit the delta. Older people were moved. Two reports cover it.\n\n"
    "Elsewhere, schools closed for a week."
)


def cite(key: str, sentence: str, footnote: int) -> Citation:
    at = TEXT.find(sentence)
    return Citation(
        doc_id="d",
        footnote=footnote,
        position=0,
        raw="r",
        work_key=key,
        context=sentence,
        char_start=at,
        char_end=at + len(sentence),
    )


def test_evidence_groups_contexts_and_hits() -> None:
    works = [
        Work(key=k, title=t)
        for k, t in (("a", "Delta report"), ("b", "Relocation"), ("c", "Schools"), ("d", "Uncited"))
    ]
    cits = [
        cite("a", "Floods hit the delta.", 1),
        cite("b", "Older people were moved.", 2),  # same paragraph as a
        cite("c", "Elsewhere, schools closed for a week.", 3),
        Citation(doc_id="d", footnote=4, position=0, raw="r", work_key="c", context="not here"),
    ]
    ev = {e.key: e for e in gather_evidence(works, cits, {"d": TEXT}, TAXONOMY)}
    assert list(ev) == ["a", "b", "c", "d"]
    assert ev["a"].group == ev["b"].group == "a" and ev["c"].group == "c" and ev["d"].group == "d"
    (located,) = ev["a"].contexts
    assert TEXT[located.char_start : located.char_end] == located.text  # type: ignore[misc]
    assert [c.char_start for c in ev["c"].contexts][1] is None  # not found: kept, no offsets
    places = {(h.value, place_of(h)) for h in ev["b"].hits}
    assert ("older_people", "sentence") in places and ("flood", "paragraph") in places


def test_vectorizer_columns_name_their_block() -> None:
    works = [Work(key="a", title="Heat deaths"), Work(key="b", title="River floods")]
    evidence = gather_evidence(works, [], {}, TAXONOMY)
    values = [(f.id, v.id) for f in TAXONOMY.facets for v in f.values]
    vec = EvidenceVectorizer(values=values).fit(evidence)
    x = vec.transform(evidence).toarray()
    names = vec.feature_names()
    assert x.shape == (2, len(names))
    col = names.index(("hit", "hazard=heat@title"))
    assert x[0, col] > 0 and x[1, col] == 0
    assert ("fields", "river") in names and not any(b == "contexts" for b, _ in names)


def test_blind_view_blanks_the_facets_phrases_keeps_offsets_and_drops_its_hits() -> None:
    work = Work(key="w", title="Heatwave deaths of older people")
    e = WorkEvidence(
        key="w",
        fields=(("title", work.title),),
        contexts=(
            Context(
                doc_id="d",
                text="Heat kills children.",
                char_start=5,
                char_end=25,
                section="Floods and heat",
                section_start=0,
            ),
        ),
        hits=tuple(tag_work_fields(work, TAXONOMY)),
        group="w",
        tags=(("hazard", "heat"), ("population", "older_people")),
    )
    hidden = blind_to(TAXONOMY)(e, "hazard")
    assert hidden.fields == (("title", " " * 8 + " deaths of older people"),)
    assert hidden.contexts == (
        Context(
            doc_id="d",
            text="     kills children.",
            char_start=5,
            char_end=25,
            section="       and     ",
            section_start=0,
        ),
    )
    assert {h.facet for h in hidden.hits} == {"population", "outcome"}
    assert hidden.tags == (("population", "older_people"),)  # its answers hidden too
    assert e.hits and {h.facet for h in e.hits} >= {"hazard"}


HEADED = "Intro\n\nHeat and the city\n\nRoofs were hot. Parks were cool.\n\nTrees help too."


def test_evidence_knows_the_headings_citing_a_work_and_its_accepted_tags() -> None:
    works = [Work(key="a", title="Roofs"), Work(key="b", title="Trees")]
    cits = [
        Citation(
            doc_id="d",
            footnote=i,
            position=0,
            raw="r",
            work_key=key,
            context=sentence,
            section="Heat and the city",
            char_start=HEADED.find(sentence),
            char_end=HEADED.find(sentence) + len(sentence),
        )
        for i, (key, sentence) in enumerate((("a", "Roofs were hot."), ("b", "Trees help too.")))
    ]
    accepted = {("hazard", "heat"): {"a"}, ("outcome", "mortality"): {"a", "x"}}
    ev = {
        e.key: e for e in gather_evidence(works, cits, {"d": HEADED}, TAXONOMY, accepted=accepted)
    }
    assert ev["a"].headings == ev["b"].headings == (("heading", "d", HEADED.find("Heat and")),)
    (c,) = ev["a"].contexts
    assert c.section_start is not None
    assert HEADED[c.section_start : c.section_start + len(c.section)] == "Heat and the city"
    assert ev["a"].headings_text == "Heat and the city"
    assert ev["a"].tags == (("hazard", "heat"), ("outcome", "mortality")) and ev["b"].tags == ()
    heading_hit = next(h for h in ev["b"].hits if place_of(h) == "heading")
    assert heading_hit.unit == ev["b"].headings[0]  # as the hits name it
    for block, name in (("headings", "city"), ("near", "hazard=heat"), ("tag", "hazard=heat")):
        found = locate(ev["b"] if block != "tag" else ev["a"], block, name)
        assert found is not None and found.char_start is not None, block
        assert HEADED[found.char_start : found.char_end] == found.quote, block


def test_a_facets_features_never_hold_its_own_accepted_values() -> None:
    e = WorkEvidence(
        key="a",
        fields=(("title", "Roofs"),),
        contexts=(),
        hits=(),
        group="a",
        tags=(("hazard", "heat"), ("outcome", "mortality")),
    )
    values = [(f.id, v.id) for f in TAXONOMY.facets for v in f.values]
    vec = EvidenceVectorizer(values=values, facet="hazard").fit([e])
    names = vec.feature_names()
    row = vec.transform([e]).toarray()[0]
    assert not any(b == "tag" and n.startswith("hazard=") for b, n in names)
    assert row[names.index(("tag", "outcome=mortality"))] == 1.0
