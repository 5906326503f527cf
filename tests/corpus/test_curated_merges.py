"""The curator's work merges and "not duplicates", pure and through ingest and import."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from litreview import cli
from litreview.commands import ingest as ingest_command
from litreview.core.curation import Curation, load_curation
from litreview.core.model import Citation, Document, Person, Work
from litreview.corpus.curated_merges import apply_work_curation
from litreview.corpus.ingest import Source, ingest
from litreview.review import Review
from tests.corpus.test_ingest import DOCS, fake_parse

WORKS = [
    Work(
        key="a",
        type="report",
        title="Annual Flow Report",
        issued="2020",
        authors=(Person(literal="Water Agency"),),
    ),
    Work(
        key="b",
        type="report",
        title="Annual flow report (draft)",
        publisher="Agency Press",
        url="https://example.org/flow",
    ),
    Work(key="c", type="report", title="Another", issued="2019"),
    Work(key="d", type="report", title="Unrelated", issued="2001"),
]
CITES = [
    Citation(doc_id="x", footnote=1, position=1, raw="r1", work_key="a"),
    Citation(doc_id="x", footnote=2, position=1, raw="r2", work_key="b"),
    Citation(doc_id="x", footnote=3, position=1, raw="r3", work_key="c"),
    Citation(doc_id="x", footnote=4, position=1, raw="r4", work_key=""),
]
CURATION = """\
works:
  merge:
    - {keep: a, drop: b, reason: same report}
    - {keep: b, drop: c, reason: chained through b}
  not_duplicates: []
"""


def _curation(text: str = CURATION) -> Curation:
    curation, problems = load_curation(text, "curation.yaml")
    assert problems == []
    return curation


def test_merge_folds_drop_into_keep_and_remaps_rows() -> None:
    docs = [Document(doc_id="x", path="x.txt", work_key="c")]
    out = apply_work_curation(WORKS, CITES, _curation(), documents=docs)
    keys = [w.key for w in out.works]
    assert keys == ["a", "d"]
    kept = out.works[0]
    assert kept.title == "Annual Flow Report"  # keep wins
    assert kept.publisher == "Agency Press" and kept.url == "https://example.org/flow"
    assert [c.work_key for c in out.citations] == ["a", "a", "a", ""]
    assert out.documents[0].work_key == "a"
    assert [(m.kept, m.merged) for m in out.merges] == [("a", "b"), ("a", "c")]
    assert out.merges[0].reason == "curation: same report"
    assert out.problems == ()


def test_merge_applied_twice_is_idempotent() -> None:
    once = apply_work_curation(WORKS, CITES, _curation())
    twice = apply_work_curation(
        once.works, once.citations, _curation(), merged={m.merged for m in once.merges}
    )
    assert twice.works == once.works and twice.citations == once.citations
    assert twice.merges == () and twice.problems == ()


def test_unknown_keys_are_reported_with_their_line() -> None:
    text = (
        "works:\n  merge:\n    - {keep: a, drop: b}\n    - {keep: nokey, drop: d}\n"
        "    - {keep: a, drop: typo}\n"
    )
    out = apply_work_curation(WORKS, CITES, _curation(text), merged=set())
    assert [(p.line, p.message) for p in out.problems] == [
        (4, "unknown work 'nokey' (keep of a merge)"),
        (5, "unknown work 'typo' (drop of a merge)"),
    ]
    assert {w.key for w in out.works} == {"a", "c", "d"}  # the bad lines changed nothing


def test_merge_of_a_work_into_itself_is_reported() -> None:
    text = "works:\n  merge:\n    - {keep: a, drop: b}\n    - {keep: b, drop: a}\n"
    out = apply_work_curation(WORKS, CITES, _curation(text))
    assert [p.line for p in out.problems] == [4]
    assert "already one work" in out.problems[0].message


def test_ingest_honours_not_duplicates() -> None:
    text = (
        "Title\n\nSome text here.¹ More text.²\n\n"
        "¹ Water Agency (2020), 'Annual Flow Report'.\n\n"
        "² Water Agency (2020), 'Annual Flow Report', Lagos.\n"
    )
    src = Source(doc_id="d", path="d.txt", text=text)
    merged = ingest([src], parse=fake_parse)
    assert len(merged.merges) == 1
    keys = {merged.merges[0].kept, merged.merges[0].merged}
    apart = ingest([src], parse=fake_parse, not_duplicates=[frozenset(keys)])
    assert apart.merges == ()
    assert keys <= {w.key for w in apart.works}
    assert len({c.work_key for c in apart.citations}) == 2


# -- through the commands ------------------------------------------------------------------


@pytest.fixture
def review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Review:
    import litreview.corpus.ingest as pipeline

    monkeypatch.setattr(
        pipeline.ingest, "__kwdefaults__", {**pipeline.ingest.__kwdefaults__, "parse": fake_parse}
    )
    shutil.copytree(DOCS, tmp_path / "docs")
    (tmp_path / "bibliography").mkdir()
    return Review.at(tmp_path)


def _ingest(review: Review) -> int:
    doc = str(review.root / "docs" / "paged_report.txt")
    return ingest_command.run(argparse.Namespace(docs=[doc], review=str(review.root)))


def _files(review: Review) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(review.bibliography.iterdir())}


def test_ingest_applies_merges_idempotently_and_never_writes_curation(review: Review) -> None:
    _ingest(review)
    keys = sorted(w.key for w in review.load_works()[0] if w.title.startswith("Annual Flow"))
    assert len(keys) == 2
    text = f"works:\n  merge:\n    - {{keep: {keys[0]}, drop: {keys[1]}, reason: editions}}\n"
    review.curation_path.write_text(text, encoding="utf-8")
    _ingest(review)
    works = {w.key for w in review.load_works()[0]}
    assert keys[0] in works and keys[1] not in works
    cited = {c.work_key for c in review.load_citations()}
    assert keys[1] not in cited and keys[0] in cited
    assert any(
        m.merged == keys[1] and m.reason == "curation: editions" for m in review.load_merges()
    )
    before = _files(review)
    _ingest(review)
    assert _files(review) == before  # idempotent, and curation.yaml byte-identical
    assert review.curation_path.read_text(encoding="utf-8") == text


def test_import_applies_merges_and_remaps_citations(
    review: Review, capsys: pytest.CaptureFixture[str]
) -> None:
    _ingest(review)
    keys = sorted(w.key for w in review.load_works()[0] if w.title.startswith("Annual Flow"))
    review.curation_path.write_text(
        f"works:\n  merge:\n    - {{keep: {keys[1]}, drop: {keys[0]}}}\n"
        f"    - {{keep: {keys[1]}, drop: ghost}}\n",
        encoding="utf-8",
    )
    extra = review.root / "extra.bib"
    extra.write_text("@book{new1,\n  title = {A New Book},\n  year = {2001}\n}\n", encoding="utf-8")
    assert cli.main(["import", str(extra), "--review", str(review.root)]) == 0
    works = {w.key for w in review.load_works()[0]}
    assert keys[1] in works and keys[0] not in works and "new1" in works
    assert keys[0] not in {c.work_key for c in review.load_citations()}
    assert keys[0] not in {d.work_key for d in review.load_documents()}
    err = capsys.readouterr().err
    assert "curation.yaml:4: warning: unknown work 'ghost'" in err
