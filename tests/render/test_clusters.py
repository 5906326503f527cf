"""Cluster outputs of a review: themes named in words (no numbers, no ids), the tables and
figures written under ``gaps/``."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from litreview.core.model import GapStatement
from litreview.gaps.cluster_terms import CUE_ALONE_LISTS, cue_words, generic_words, stop_words
from litreview.gaps.cluster_texts import statement_id
from litreview.gaps.objects import load_object_rules, statement_objects
from litreview.gaps.themes import Theme
from litreview.pipeline.gaps import find_all_statements
from litreview.render.clusters import (
    THEMES_CSV,
    Themes,
    cluster_files,
    statement_clusters,
    work_clusters,
)
from litreview.review import Review
from litreview.taxonomy import Taxonomy
from tests.conftest import ROOT
from tests.review_fixture import build_fixture_review


@pytest.fixture(scope="module")
def fixture_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_review(tmp_path_factory.mktemp("clusters") / "review")


def assert_readable(labels: list[str], taxonomy: Taxonomy) -> None:
    """Words only: no digit, no underscore (so no snake_case id), no facet id."""
    facets = {f.id for f in taxonomy.facets}
    for label in labels:
        assert label and not re.search(r"\d|_", label), label
        assert not set(re.findall(r"\w+", label.lower())) & facets, label


def shown(theme: Theme) -> list[str]:
    """The theme's phrases its label shows after its values' labels, lower case."""
    tail = theme.label.lower()
    for v in theme.values:
        tail = tail.replace(v.label.lower(), "")
    return [t.lower() for t in theme.terms if t.lower() in tail]


def assert_phrases_name_something(found: Themes, *, cues: bool) -> None:
    """No phrase of a label begins or ends with a stop word (nor, for ``cues``, a gap cue word),
    none is a generic noun alone, and none repeats as a word inside another of the label."""
    words, prefixes = cue_words()
    alone, alone_prefixes = cue_words(CUE_ALONE_LISTS)
    for theme in found.themes:
        phrases = shown(theme)
        for p in phrases:
            parts = p.split()
            assert not {parts[0], parts[-1]} & stop_words(), (theme.label, p)
            assert p.rstrip("s") not in generic_words() and p not in generic_words(), theme.label
            if cues:
                ends = {parts[0], parts[-1]}
                assert not ends & words and not any(w.startswith(prefixes) for w in ends), p
                assert " " in p or not (p in alone or p.startswith(alone_prefixes)), p
            assert not any(p in q.split() for q in phrases if q != p), theme.label


def assert_named_by_what_is_missing(found: Themes, statements: list[GapStatement]) -> None:
    """Each phrase of a statement theme's label is in what one of its statements says is
    missing, whenever one of them says it in words the patterns find; and some label has one."""
    rules = load_object_rules()
    by_id = {statement_id(s): s for s in statements}
    with_object = 0
    for theme in found.themes:
        members = found.result.members(theme.cluster)
        objects = [o.lower() for i in members for o in statement_objects(by_id[i], rules)]
        if objects:
            for p in shown(theme):
                assert any(p in o for o in objects), (theme.label, p, objects)
            with_object += bool(shown(theme))
    assert with_object


@pytest.mark.slow
@pytest.mark.parametrize("which", ["default", "fixture"])
def test_theme_labels_are_words_not_numbers_or_ids(which: str, fixture_review: Path) -> None:
    review = Review.at(ROOT if which == "default" else fixture_review)
    taxonomy = review.load_taxonomy()
    works, _ = review.load_works()
    docs = review.load_documents()
    texts = {d.doc_id: review.load_text(d) for d in docs}
    statements = find_all_statements(review, taxonomy, docs, texts)
    found = work_clusters(works, review.load_citations(), review.load_tags(), taxonomy)
    stmts = statement_clusters(statements, taxonomy)
    assert stmts is not None
    labels = [t.label for t in (*found.themes, *stmts.themes)]
    assert_readable(labels, taxonomy)
    assert len(set(labels)) == len(labels)
    assert_phrases_name_something(found, cues=False)
    assert_phrases_name_something(stmts, cues=True)
    assert_named_by_what_is_missing(stmts, statements)
    for theme in found.themes:  # examples are titles of the theme's own works
        assert theme.example_ids and set(theme.example_ids) <= set(
            found.result.members(theme.cluster)
        )


def test_cluster_files_write_tables_and_figures() -> None:
    review = Review.at(ROOT)
    taxonomy = review.load_taxonomy()
    works, _ = review.load_works()
    statements = review.load_statements(taxonomy.facet_ids)
    exclude = {d.work_key for d in review.load_documents() if d.work_key}
    files = cluster_files(
        works,
        review.load_citations(),
        statements,
        taxonomy,
        tags=review.load_tags(),
        exclude=exclude,
    )
    assert {"clusters.csv", "themes.csv", "figures/cluster-map.png"} <= set(files)
    assert "figures/statement-clusters.png" in files and "figures/clusters-x-gaps.png" not in files
    rows = list(csv.DictReader(io.StringIO(str(files["themes.csv"]))))
    assert tuple(rows[0]) == THEMES_CSV
    kinds = {r["kind"] for r in rows}
    assert kinds == {"works", "statements"}
    sizes = sum(int(r["size"]) for r in rows if r["kind"] == "works")
    assert sizes == len([w for w in works if w.key not in exclude])
    assert_readable([r["label"] for r in rows], taxonomy)
