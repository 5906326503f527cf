"""Acceptance on the default review: the register surfaces the gaps the documents name.

Nothing in the package names these gaps; this test does, to check the computed result. It
also shows the register is computed: without the money-laundering paragraph, that gap falls.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from litreview.gaps.register import Gap, find_gaps
from litreview.pipeline.gaps import find_all_statements
from litreview.review import Review
from litreview.taxonomy import labels_of
from tests.conftest import ROOT

TOP = 10
REMOVED = "no specific studies on the gendered impact of money laundering"


def _has(g: Gap, **cell: str) -> bool:
    return all((f, v) in g.cell for f, v in cell.items())


WANTED = {
    "women's roles in SOC networks": {"group": "women", "gender_dimension": "roles_in_soc"},
    "the khwaja sira community": {"group": "khwaja_sira"},
    "money laundering": {"crime_type": "money_laundering"},
}


@pytest.fixture(scope="module")
def default() -> dict[str, Any]:
    """The default review's taxonomy, documents, texts, works and tags (tagged if need be)."""
    review = Review.at(ROOT)
    if not review.documents_path.exists():
        pytest.fail("the default review has no documents.csv (run litreview ingest)")
    taxonomy = review.load_taxonomy()
    docs = review.load_documents()
    texts = {d.doc_id: review.load_text(d) for d in docs}
    works, _ = review.load_works()
    tags = review.load_tags()
    if not tags:
        from litreview.tags.tagging import tag_corpus

        tags = list(tag_corpus(works, review.load_citations(), texts, docs, taxonomy).tags)
    return {
        "review": review,
        "taxonomy": taxonomy,
        "docs": docs,
        "texts": texts,
        "works": works,
        "tags": tags,
    }


def register(d: dict[str, Any], texts: dict[str, str]) -> list[Gap]:
    """The register computed from ``texts`` (statements found afresh) and the corpus."""
    tax = d["taxonomy"]
    statements = find_all_statements(d["review"], tax, d["docs"], texts)
    return find_gaps(
        statements,
        d["tags"],
        d["works"],
        tax.facet_ids,
        labels=labels_of(tax).values,
        any_values=tax.fallbacks,
        exclude_works={doc.work_key for doc in d["docs"]},
    )


def best_rank(gaps: list[Gap], cell: dict[str, str]) -> int | None:
    """The best rank of a stated gap whose cell includes ``cell``."""
    return min((g.rank for g in gaps if g.statements and _has(g, **cell)), default=None)


@pytest.mark.slow
def test_money_laundering_gap_falls_without_its_paragraph(default: dict[str, Any]) -> None:
    texts = dict(default["texts"])
    doc = next(k for k, t in texts.items() if REMOVED in t)
    text = texts[doc]
    at = text.index(REMOVED)
    start = text.rfind("\n\n", 0, at) + 2
    end = text.index("\n\n", at)
    texts[doc] = text[:start] + text[end + 2 :]
    cell = WANTED["money laundering"]
    before = register(default, default["texts"])
    after = register(default, texts)
    rank_before, rank_after = best_rank(before, cell), best_rank(after, cell)
    assert rank_before is not None
    assert rank_after is None or rank_after > rank_before
    assert not any(REMOVED in s.quote for g in after for s in g.statements)
    assert re.search("money laundering", texts[doc], re.I)  # only the paragraph went


def test_register_is_deterministic(default: dict[str, Any]) -> None:
    a = register(default, default["texts"])
    b = register({**default, "tags": list(reversed(default["tags"]))}, default["texts"])
    assert [replace(g, why="") for g in a] == [replace(g, why="") for g in b]
