"""Tags side by side: rule tags, curator edits, accepted and open suggestions."""

from __future__ import annotations

from litreview.core.model import Evidence, Tag
from litreview.notebook.tag_views import KINDS, side_by_side, source_counts


def tag(work: str, value: str, source: str, quote: str, score: float = 1.0) -> Tag:
    return Tag(
        work_key=work,
        facet="hazard",
        value=value,
        source=source,
        evidence=Evidence(quote=quote),
        score=score,
    )


TAGS = [
    tag("a", "heat", "rule:field:title:x", "Heat"),
    tag("a", "heat", "rule:context:sentence:x", "heatwave"),
    tag("a", "flood", "curator", "read it"),
    tag("b", "heat", "rule:field:title:x", "Hot"),
    tag("c", "flood", "accepted:model:evidence-logreg", "levee", 0.61),
]
SUGGESTED = [tag("b", "flood", "model:evidence-logreg", "river", 0.34)]


def test_side_by_side_shows_each_source_with_its_words() -> None:
    frame = side_by_side(TAGS, SUGGESTED)
    assert list(frame.columns) == ["work_key", "facet", "value", *KINDS, "score"]
    rows = {(r.work_key, r.value): r for r in frame.itertuples()}
    assert set(rows) == {
        ("a", "flood"),
        ("a", "heat"),
        ("b", "flood"),
        ("b", "heat"),
        ("c", "flood"),
    }
    assert rows[("a", "heat")].rule == "Heat" and rows[("a", "flood")].curator == "read it"
    assert rows[("b", "flood")].suggested == "river" and rows[("b", "flood")].score == 0.34
    assert rows[("c", "flood")].accepted == "levee" and rows[("c", "flood")].score == 0.61
    assert side_by_side(TAGS, SUGGESTED, works={"a"})["work_key"].unique().tolist() == ["a"]


def test_source_counts_count_works_per_kind() -> None:
    counts = source_counts([*TAGS, *SUGGESTED])
    assert list(counts.columns) == list(KINDS)
    assert counts.loc["hazard"].to_dict() == {
        "rule": 2,
        "curator": 1,
        "accepted": 1,
        "suggested": 1,
    }
