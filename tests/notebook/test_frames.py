"""DataFrame views keep every record and the evidence columns."""

from __future__ import annotations

from litreview.core.model import Citation, Evidence, Person, Tag, Work
from litreview.notebook.frames import citations_frame, tags_frame, works_frame


def test_works_frame_indexed_by_key() -> None:
    works = [
        Work(
            key="a2020",
            authors=(Person(literal="UNODC"), Person(family="Khan", given="S.")),
            issued="2020-05",
            title="T",
        )
    ]
    frame = works_frame(works)
    assert frame.loc["a2020", "authors"] == "UNODC; S. Khan"
    assert frame.loc["a2020", "year"] == "2020"


def test_citations_frame_keeps_missing_footnote() -> None:
    cits = [Citation(doc_id="d", footnote=None, position=0, raw="r", work_key="", kind="note")]
    frame = citations_frame(cits)
    assert frame["footnote"].isna().all() and len(frame) == 1


def test_tags_frame_source_kind() -> None:
    tags = [
        Tag(
            work_key="w",
            facet="f",
            value="v",
            source="curator",
            evidence=Evidence(quote="q", doc_id="d", char_start=1, char_end=2),
        )
    ]
    frame = tags_frame(tags)
    assert list(frame["kind"]) == ["curator"] and frame.loc[0, "char_end"] == 2
