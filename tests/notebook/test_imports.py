"""Importing the example bibliography in memory: what deduplication did with each record, and
the corpus after the import."""

from __future__ import annotations

import pytest

from litreview.notebook import helpers as nh
from litreview.notebook.corpus import Corpus, open_review
from litreview.notebook.imports import IMPORT_COLUMNS, import_preview, with_import
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "import-demo.bib"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return open_review(ROOT)


def test_each_record_says_what_dedup_did(corpus: Corpus) -> None:
    preview = import_preview(corpus, EXAMPLE)
    frame = preview.frame
    assert tuple(frame.columns) == IMPORT_COLUMNS and len(frame) == 10
    assert preview.counts() == {
        "merged into the corpus": 2,
        "merged within the file": 2,
        "new work": 6,
    }
    existing = {w.key for w in corpus.works}
    into = frame[frame["outcome"] == "merged into the corpus"]
    assert set(into["work"]) <= existing and (into["score"] >= 92).all()
    within = frame[frame["outcome"] == "merged within the file"]
    new = set(frame.loc[frame["outcome"] == "new work", "work"])
    assert set(within["work"]) <= new and not new & existing
    assert len(preview.result.works) == len(corpus.works) + 6
    assert any("differs" in p.message for p in preview.problems)  # disagreements reported


def test_the_example_is_new_to_another_review(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.review_fixture import build_fixture_review

    other = open_review(build_fixture_review(tmp_path_factory.mktemp("imp") / "review"))
    assert import_preview(other, EXAMPLE).counts() == {
        "merged within the file": 2,
        "new work": 8,
    }


def test_the_corpus_after_the_import_is_tagged_and_ranked(corpus: Corpus) -> None:
    taxonomy = nh.taxonomy_of(corpus)
    grown = with_import(corpus, import_preview(corpus, EXAMPLE), taxonomy)
    added = {w.key for w in grown.works} - {w.key for w in corpus.works}
    assert len(added) == 6
    new_tags = [t for t in grown.tags if t.work_key in added]
    assert new_tags and all(t.evidence.field == "" or t.evidence.quote for t in new_tags)
    assert {t.source.split(":")[1] for t in new_tags} == {"field"}  # from their own fields
    before = nh.rank_gaps(corpus, taxonomy)
    after = nh.rank_gaps(grown, taxonomy)
    moves = nh.compare_rankings(before, after)
    assert (moves["change"] != "same").any()  # new evidence moves the register
    assert corpus.works != grown.works  # the corpus read is untouched
