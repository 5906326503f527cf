"""Per-facet precision and recall of the rule tagger on a hand-labelled set from the seeds.

The labels (tests/data/tagcheck.yaml) were made by reading each reference and its citing
contexts. The floors below are the figures reached when the set was made (rounded down):
a change to the taxonomy or the tagger that lowers them fails here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from litreview.core.model import Citation, Document
from litreview.review import Review
from litreview.tags.tagging import tag_corpus
from tests.conftest import DATA, ROOT

FACETS = ("crime_type", "group", "gender_dimension")
FLOORS = {"crime_type": (0.9, 0.9), "group": (0.8, 0.8), "gender_dimension": (0.8, 0.8)}


def resolve(entry: dict, citations: list[Citation], documents: list[Document]) -> str | None:
    """The work key a check-set entry names (by document, footnote and raw prefix)."""
    if "doc" in entry:
        return next((d.work_key for d in documents if d.doc_id.startswith(entry["doc"])), None)
    doc, fn, raw = entry["ref"].split(":", 2)
    for c in citations:
        if (
            c.doc_id.startswith(doc)
            and str(c.footnote if c.footnote is not None else "") == fn
            and c.raw.lstrip().startswith(raw)
            and c.work_key
        ):
            return c.work_key
    return None


def evaluate(root: Path) -> tuple[dict[str, tuple[float, float, int]], list[str]]:
    """(precision, recall, n_works) per facet on the check set, and entries not found."""
    review = Review.at(root)
    works, _ = review.load_works()
    citations, documents = review.load_citations(), review.load_documents()
    texts = {d.doc_id: review.load_text(d) for d in documents if review.resolve(d.path).exists()}
    curation, _ = review.load_curation()
    result = tag_corpus(works, citations, texts, documents, review.load_taxonomy(), curation)
    predicted = {(t.work_key, t.facet, t.value) for t in result.tags}
    entries = yaml.safe_load((DATA / "tagcheck.yaml").read_text("utf-8"))["works"]
    missing, scores = [], {}
    resolved, seen = [], set()
    for e in entries:  # two entries naming one (merged) work: the first counts
        key = resolve(e, citations, documents)
        if key is None or key not in seen:
            resolved.append((key, e))
            seen.add(key)
    missing = [e.get("ref") or e.get("doc") for k, e in resolved if k is None]
    for facet in FACETS:
        tp = fp = fn = 0
        for key, e in resolved:
            if key is None:
                continue
            truth = set(e[facet])
            got = {v for (k, f, v) in predicted if k == key and f == facet}
            tp, fp, fn = tp + len(truth & got), fp + len(got - truth), fn + len(truth - got)
        scores[facet] = (tp / ((tp + fp) or 1), tp / ((tp + fn) or 1), len(resolved) - len(missing))
    return scores, missing


@pytest.fixture(scope="module")
def figures() -> tuple[dict[str, tuple[float, float, int]], list[str]]:
    root = Path(os.environ.get("LITREVIEW_TAGCHECK_REVIEW", ROOT))
    if not (root / "bibliography" / "citations.csv").exists():
        pytest.fail(f"no corpus in {root} (run litreview ingest)")
    return evaluate(root)


def test_check_set_is_large_enough(figures) -> None:
    scores, missing = figures
    assert len(missing) <= 5, f"check-set entries not found in the corpus: {missing}"
    assert all(n >= 40 for _, _, n in scores.values())


@pytest.mark.parametrize("facet", FACETS)
def test_precision_and_recall_floors(figures, facet: str) -> None:
    scores, _ = figures
    precision, recall, _ = scores[facet]
    p_floor, r_floor = FLOORS[facet]
    assert precision >= p_floor, f"{facet} precision {precision:.3f} < {p_floor}"
    assert recall >= r_floor, f"{facet} recall {recall:.3f} < {r_floor}"
