"""What the works cited under the same heading have been tagged: only known works count, never
the work itself or its group, and never a tag that only the shared heading's words gave."""

from __future__ import annotations

from litreview.core.model import Citation, Work
from litreview.tags.suggest_features import WorkEvidence, gather_evidence
from litreview.tags.suggest_nearby import NearbyTags
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import ROOT

TAXONOMY = load_taxonomy(
    (ROOT / "tests" / "fixture_review" / "bibliography" / "taxonomy.yaml").read_text("utf-8")
)
HEAT, FLOOD = ("hazard", "heat"), ("hazard", "flood")
HEADING = "Heat in the city"


def evidence(b_sentence: str, *, same_paragraph: bool = False) -> dict[str, WorkEvidence]:
    """Works a and b cited under one heading (in two paragraphs, or one), c under another."""
    a = "Work A looked at roofs."
    gap = " " if same_paragraph else "\n\n"
    text = f"{HEADING}\n\n{a}{gap}{b_sentence}\n\nRivers\n\nWork C looked at levees."
    cits = [
        Citation(
            doc_id="d",
            footnote=i,
            position=0,
            raw="r",
            work_key=key,
            context=sentence,
            section=section,
            char_start=text.find(sentence),
            char_end=text.find(sentence) + len(sentence),
        )
        for i, (key, sentence, section) in enumerate(
            (
                ("a", a, HEADING),
                ("b", b_sentence, HEADING),
                ("c", "Work C looked at levees.", "Rivers"),
            )
        )
    ]
    works = [Work(key=k, title=f"Report {k}") for k in "abc"]
    return {e.key: e for e in gather_evidence(works, cits, {"d": text}, TAXONOMY)}


def shares(known: list[WorkEvidence], labels: dict, work: WorkEvidence) -> list[float]:  # type: ignore[type-arg]
    return list(NearbyTags(values=[HEAT, FLOOD]).fit(known, labels).transform([work]).toarray()[0])


def test_a_neighbours_tag_counts_only_beyond_the_shared_heading() -> None:
    only_heading = evidence("Work B looked at parks.")
    assert only_heading["a"].headings == only_heading["b"].headings  # one heading unit
    assert only_heading["a"].group != only_heading["b"].group
    labels = {HEAT: {"a", "b"}}
    # b is tagged heat by the heading's words alone: a's blind view has just blanked them
    assert shares([only_heading["b"]], labels, only_heading["a"]) == [0.0, 0.0]
    own_words = evidence("Work B looked at a heatwave.")
    assert shares([own_words["b"]], labels, own_words["a"]) == [1.0, 0.0]
    # a curator's tag (no phrase behind it) counts; c, under another heading, is no neighbour
    curated = {HEAT: {"b"}, FLOOD: {"b", "c"}}
    assert shares([only_heading["b"], only_heading["c"]], curated, only_heading["a"]) == [0.0, 1.0]


def test_a_work_never_reads_its_own_tags_nor_those_of_works_not_known() -> None:
    ev = evidence("Work B looked at a heatwave.")
    for labels in ({HEAT: {"b"}}, {HEAT: {"a", "b"}, FLOOD: {"a"}}):
        assert shares([ev["b"]], labels, ev["a"]) == [1.0, 0.0]  # a's tags: no effect
    assert shares([ev["a"], ev["b"]], {FLOOD: {"a"}}, ev["a"]) == [0.0, 0.0]
    assert shares([ev["a"]], {HEAT: {"b"}}, ev["a"]) == [0.0, 0.0]  # b not known


def test_a_neighbour_in_the_works_own_group_is_not_counted() -> None:
    ev = evidence("Work B looked at a heatwave.", same_paragraph=True)
    assert ev["a"].group == ev["b"].group  # held out together by cross-validation
    assert shares([ev["b"]], {HEAT: {"b"}}, ev["a"]) == [0.0, 0.0]
