"""Themes for notebooks: tables in words, values per theme, themes against the stated gaps."""

from __future__ import annotations

import re

import pytest

from litreview.notebook import helpers as nh
from litreview.notebook import themes as th
from litreview.notebook.corpus import Corpus, open_review
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return open_review(ROOT)


@pytest.mark.slow
def test_theme_tables_values_and_gaps(corpus: Corpus) -> None:
    taxonomy = nh.taxonomy_of(corpus)
    found = th.work_themes(corpus, taxonomy)
    table = th.theme_table(found)
    assert list(table.columns) == ["theme", "size", "words", "values", "examples"]
    under_review = {d.work_key for d in corpus.documents if d.work_key}
    assert table["size"].sum() == len([w for w in corpus.works if w.key not in under_review])
    assert not table["theme"].str.contains(r"\d|_").any()
    facet = taxonomy.facet_ids[0]
    values = th.theme_values(corpus, found, taxonomy, facet)
    assert list(values.columns) == [v.label for v in taxonomy.facet(facet).values]
    assert list(values.index) == list(table["theme"])
    assert (values.sum(axis=1) <= table["size"].to_numpy() * len(values.columns)).all()
    gaps = nh.rank_gaps(corpus, taxonomy)
    grid = th.themes_against_gaps(corpus, found, gaps, top=5)
    assert grid["gap_rank"].nunique() == min(5, sum(1 for g in gaps if g.statements))
    stated = th.statement_themes(corpus, taxonomy)
    assert stated is not None
    labels = th.theme_table(stated)["theme"]
    assert all(re.fullmatch(r"[^\d_]+", label) for label in labels)
