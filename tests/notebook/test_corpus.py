"""open_review and the notebook helpers on a small review of another topic, built in tmp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from litreview.cli import main
from litreview.notebook import helpers as nh
from litreview.notebook.corpus import ENV_VAR, Corpus, open_review, review_dir
from tests.review_fixture import build_fixture_review


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture review after ingest, import and report."""
    return build_fixture_review(tmp_path_factory.mktemp("corpus") / "review")


@pytest.fixture(scope="module")
def corpus(review: Path) -> Corpus:
    """The fixture review, loaded."""
    return open_review(review)


def test_review_dir_prefers_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert review_dir("elsewhere") == tmp_path.resolve()
    monkeypatch.delenv(ENV_VAR)
    assert review_dir(tmp_path / "x") == (tmp_path / "x").resolve()


def test_open_review_reads_every_table(corpus: Corpus, review: Path) -> None:
    bib = (review / "bibliography" / "corpus.bib").read_text(encoding="utf-8")
    assert len(corpus.works) == bib.count("\n@") + bib.startswith("@")
    assert {d.doc_id for d in corpus.documents} == {
        p.stem for p in (review / "documents").glob("*.txt")
    }
    tag_lines = (review / "bibliography" / "tags.csv").read_text(encoding="utf-8").splitlines()
    assert len(corpus.tags_df) == len(corpus.tags) > 0
    assert len(tag_lines) - 1 >= len(corpus.tags)
    assert set(corpus.tags_df["facet"]) <= set(nh.taxonomy_of(corpus).facet_ids)
    assert len(corpus.statements_df) == len(corpus.statements) > 0
    assert list(corpus.suggestions_df.columns) == list(corpus.tags_df.columns)
    assert len(corpus.suggestions_df) == len(corpus.suggestions)


def test_cited_in_and_most_cited(corpus: Corpus) -> None:
    top = corpus.most_cited(3)
    assert list(top["citations"]) == sorted(top["citations"], reverse=True)
    key = top.loc[0, "work_key"]
    rows = corpus.cited_in(key)
    assert len(rows) == top.loc[0, "citations"]
    assert set(rows["doc_id"]) <= {d.doc_id for d in corpus.documents}
    assert corpus.work(key).key == key


def test_import_merge_is_visible(corpus: Corpus) -> None:
    merges = corpus.merges_df
    assert len(merges) >= 1 and all(merges["reason"] != "")
    keys = {w.key for w in corpus.works}
    assert set(merges["kept"]) <= keys and not set(merges["merged"]) & keys


def test_tags_of_and_without_works(corpus: Corpus) -> None:
    key = corpus.tags[0].work_key
    assert set(corpus.tags_of(key)["work_key"]) == {key}
    smaller = nh.without_works(corpus, [key])
    assert key not in {w.key for w in smaller.works}
    assert all(t.work_key != key for t in smaller.tags)
    assert len(smaller.works) == len(corpus.works) - 1


def test_in_memory_ranking_matches_saved_register(corpus: Corpus, review: Path) -> None:
    saved = json.loads((review / "gaps" / "register.json").read_text(encoding="utf-8"))
    assert [g.id for g in nh.rank_gaps(corpus)] == [g["id"] for g in saved]


def test_curation_in_memory(corpus: Corpus, review: Path) -> None:
    before = (review / "bibliography" / "tags.csv").read_bytes()
    t = corpus.tags[0]
    entry = f"{{work: {t.work_key}, facet: {t.facet}, value: {t.value}, reason: x}}"
    text = f"tags:\n  remove:\n    - {entry}\n"
    tags, problems = nh.curated_tags(corpus, text)
    assert problems == []
    changes = nh.tag_changes(corpus.tags, tags)
    assert list(changes["change"]) == ["removed"] and changes.loc[0, "value"] == t.value
    bad, problems = nh.curated_tags(corpus, text.replace(t.work_key, "nosuchwork", 1))
    assert problems and len(bad) == len(corpus.tags)
    assert (review / "bibliography" / "tags.csv").read_bytes() == before


def test_export_slice_matches_command(corpus: Corpus, review: Path, tmp_path: Path) -> None:
    facet, value = corpus.tags[0].facet, corpus.tags[0].value
    out = tmp_path / "slice.ris"
    assert (
        main(
            [
                "export",
                "--format",
                "ris",
                "--where",
                f"{facet}={value}",
                "-o",
                str(out),
                "--review",
                str(review),
            ]
        )
        == 0
    )
    text = nh.export_slice(corpus, [f"{facet}={value}"], "ris")
    assert text == out.read_text(encoding="utf-8") and "TY  -" in text


def test_coverage_heatmaps_one_per_pair(corpus: Corpus) -> None:
    taxonomy = nh.taxonomy_of(corpus)
    n = len(taxonomy.facets)
    images = nh.coverage_heatmaps(corpus.tags, taxonomy)
    assert len(images) == n * (n - 1) // 2
    assert all(png.startswith(b"\x89PNG") for png in images.values())
