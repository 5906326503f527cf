"""Ingest of papers (reference list and in-text citations), interview sources, empty works,
file metadata, and the command's summary line and errors."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import pytest

from litreview.commands import ingest as command
from litreview.corpus.ingest import Source, ingest
from litreview.formats.documents import read_document
from litreview.review import Review
from tests.conftest import DATA
from tests.corpus.test_ingest import fake_parse

DOCS = DATA / "docs"


def _source(name: str, **meta: str) -> Source:
    path = DOCS / name
    return Source(doc_id=path.stem, path=f"docs/{name}", text=read_document(path), **meta)


def _entry_parse(raw: str) -> dict[str, Any]:
    """Title = the words after the first full stop (enough to tell entries apart)."""
    head, _, rest = raw.partition(". ")
    return {"type": "article-journal", "author": [{"literal": head}], "title": rest[:60]}


def test_numeric_paper_rows_link_to_the_entries_works() -> None:
    result = ingest([_source("numeric_paper.md")], parse=_entry_parse)
    rows = [c for c in result.citations if c.doc_id == "numeric_paper"]
    assert all(c.footnote is None and c.kind == "citation" for c in rows)
    linked = [c for c in rows if c.work_key]
    assert {c.raw for c in linked} >= {"[1]", "[2]–[5]", "[6],[7]"}
    first = next(c for c in rows if c.raw == "[1]")
    work = next(w for w in result.works if w.key == first.work_key)
    assert work.authors[0].literal.startswith("Kefauver-Harris Drug Amendments")
    text = read_document(DOCS / "numeric_paper.md")
    assert text[first.char_start : first.char_end] == first.context
    assert first.context.endswith("direct promotion of those unapproved uses [1].")
    assert len([c for c in rows if not c.work_key]) == 10  # 13 to 22: the excerpt lists 12
    missing = [p for p in result.problems if "has no entry" in p.message]
    assert sorted(int(p.message.split("'")[1]) for p in missing) == list(range(13, 23))
    assert {p.line for p in missing} == {7}


def test_interview_sources_are_works_of_their_type() -> None:
    text = (
        "Report\n\nFees rose.¹ Then fell.²\n\n¹ Fees rose, according to ORR officials.\n\n"
        "² ORR officials said so.\n"
    )
    result = ingest([Source(doc_id="r", path="r.txt", text=text)], parse=fake_parse)
    rows = [c for c in result.citations if c.doc_id == "r" and c.work_key]
    assert [c.footnote for c in rows] == [1, 2]
    assert rows[0].work_key == rows[1].work_key  # one interview source per actor
    work = next(w for w in result.works if w.key == rows[0].work_key)
    assert (work.type, work.authors[0].literal) == ("interview", "ORR officials")


def test_a_work_read_empty_is_reported_with_its_line() -> None:
    text = "Report\n\nA claim.¹\n\n¹ Smith 2019, Jones 2020.\n"

    def empty(raw: str) -> dict[str, Any]:
        return {"type": "document"}

    result = ingest([Source(doc_id="r", path="r.txt", text=text)], parse=empty)
    messages = [(p.line, p.message) for p in result.problems]
    assert (
        5,
        "footnote 1: no title, author or link read from 'Smith 2019' (kept as read)",
    ) in messages
    assert (
        5,
        "footnote 1: no title, author or link read from 'Jones 2020' (kept as read)",
    ) in messages


def test_front_matter_wins_and_file_properties_only_fill_gaps() -> None:
    stated = _source("footnoted_report.md", title="Stated Title", stated_by="front matter")
    (doc,) = ingest([stated], parse=fake_parse).documents
    assert doc.title == "Stated Title"
    weak = _source("paged_report.txt", title="Microsoft Word - draft", stated_by="file properties")
    (doc,) = ingest([weak], parse=fake_parse).documents
    assert doc.title == "Field Notes on River Fisheries"


@pytest.fixture
def review(tmp_path: Path) -> Review:
    (tmp_path / "bibliography").mkdir()
    shutil.copytree(DOCS, tmp_path / "docs")
    return Review.at(tmp_path)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    import litreview.corpus.ingest as pipeline

    defaults = dict(pipeline.ingest.__kwdefaults__)
    monkeypatch.setattr(pipeline.ingest, "__kwdefaults__", {**defaults, "parse": fake_parse})


@pytest.mark.usefixtures("fake")
def test_summary_line_counts_each_outcome(
    review: Review, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = [str(review.root / "docs" / n) for n in ("footnoted_report.md", "numeric_paper.md")]
    assert command.run(argparse.Namespace(docs=docs, review=str(review.root))) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("ingested 2 document(s): 6 notes, ")
    for part in (
        "works cited",
        "back-references",
        "explanatory notes",
        "cross-references",
        "in-text citations linked",
        "citations without a work (reported)",
        "problems;",
    ):
        assert part in out
    (doc,) = [d for d in review.load_documents() if d.doc_id == "footnoted_report"]
    assert (doc.title, doc.year) == (
        "Ukraine Funding: HHS Allocation and Oversight of Refugee Assistance",
        "2026",
    )


@pytest.mark.usefixtures("fake")
def test_a_bibliography_given_to_ingest_is_one_line_exit_2(
    review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from litreview.cli import main

    bib = tmp_path / "refs.json"
    bib.write_text('[{"id": "a", "title": "T"}]\n', encoding="utf-8")
    assert main(["ingest", str(bib), "--review", str(review.root)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line == (
        f"litreview ingest: {bib}: this looks like a JSON file (a CSL-JSON bibliography?), "
        "not a document (bibliographies are read by 'litreview import')"
    )
    assert not review.corpus_path.exists()


def test_a_work_named_by_its_number_alone_is_not_empty() -> None:
    """A report's number or a law's says which work it is: no "nothing read" warning."""
    from litreview.core.model import Work
    from litreview.corpus.ingest_papers import empty_work

    assert not empty_work(Work(key="", type="report", issue="GAO-23-106124"))
    assert not empty_work(Work(key="", type="legislation", issue="119-75"))
    assert empty_work(Work(key="", type="report", issue="13"))  # a bare number names nothing
    assert empty_work(Work(key="", type="article-journal", issue="3"))
