"""Quality of suggestions: grouped folds, precision and recall at the top and at a threshold,
and calibration; the default review's figures, measured with the rules hidden."""

from __future__ import annotations

import numpy as np
import pytest

from litreview.tags.suggest_quality import (
    calibration_error,
    facet_quality,
    grouped_folds,
)
from tests.conftest import ROOT


def test_grouped_folds_never_split_a_group() -> None:
    groups = ["a", "a", "b", "c", "c", "c", "d", "e"]
    folds = grouped_folds(groups, 3)
    assert len(folds) == 3
    for train, test in folds:
        assert not {groups[i] for i in train} & {groups[i] for i in test}
    assert sorted(i for _, test in folds for i in test) == list(range(8))
    assert grouped_folds(["a", "a"], 5) == []


def test_another_seed_another_split_still_grouped() -> None:
    groups = [f"g{i // 2}" for i in range(40)]
    splits = {seed: grouped_folds(groups, 5, seed) for seed in (None, 1, 2)}
    for folds in splits.values():
        assert len(folds) == 5
        for train, test in folds:
            assert not {groups[i] for i in train} & {groups[i] for i in test}
            assert len(test) == 8
        assert sorted(i for _, test in folds for i in test) == list(range(40))
    tests = {seed: {tuple(t) for _, t in folds} for seed, folds in splits.items()}
    assert tests[1] != tests[None] and tests[1] != tests[2]
    assert tests[1] == {tuple(t) for _, t in grouped_folds(groups, 5, 1)}  # deterministic


def test_precision_recall_at_the_top_and_at_the_threshold() -> None:
    scores = {
        ("w1", "f", "x"): 0.9,  # right
        ("w2", "f", "x"): 0.8,  # wrong
        ("w3", "f", "y"): 0.6,  # right
        ("w4", "f", "y"): 0.3,  # right, below the threshold
        ("w1", "g", "z"): 0.99,  # another facet
    }
    labels = {("f", "x"): {"w1"}, ("f", "y"): {"w3", "w4", "w9"}, ("g", "z"): {"w1"}}
    q = facet_quality(scores, labels, "f", ["w1", "w2", "w3", "w4"], top=2, threshold=0.5)
    assert (q.n_works, q.n_positive) == (4, 3)  # w9 is not held out here
    assert q.precision_at_top == 0.5 and q.recall_at_top == pytest.approx(1 / 3)
    assert q.n_suggested == 3 and q.precision == pytest.approx(2 / 3)
    assert q.recall == pytest.approx(2 / 3)
    assert "precision 0.50 at the top 2" in q.summary()


def test_calibration_error_is_zero_when_scores_match_the_share_right() -> None:
    probs = np.array([0.25] * 4 + [0.75] * 4)
    right = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=float)
    assert calibration_error(probs, right) == pytest.approx(0.0)
    assert calibration_error(np.array([0.95, 0.95]), np.array([0.0, 0.0])) == pytest.approx(0.95)


@pytest.mark.slow
def test_default_review_quality_with_the_rules_hidden() -> None:
    """What a curator gets: the 20 best suggestions of each facet, cross-validated with the
    held-out works blind to the facet's phrases, checked against the rule tags those phrases
    gave (benchmarks/bench_suggest.py prints the table). The issue's target is 0.7. With the
    context a curator has (the headings' words, the work's other facets' tags, what the works
    under its headings were tagged) crime_type reaches it (0.80 on these folds, 0.86 over five
    other splits); gender_dimension and group stay near 0.5 against rule tags (0.45 to 0.55),
    from 0.37 to 0.51 before. Pinned so that none falls and calibration stays small."""
    from litreview.pipeline.suggest import review_evidence
    from litreview.review import Review
    from litreview.tags.suggest import TagSuggester, confirmed_labels
    from litreview.tags.suggest_features import blind_to
    from litreview.tags.suggest_quality import cross_validate

    review = Review.at(ROOT)
    taxonomy = review.load_taxonomy()
    values = [(f.id, v.id) for f in taxonomy.facets for v in f.values]
    hide = blind_to(taxonomy)
    quality = cross_validate(
        review_evidence(review, taxonomy),
        confirmed_labels(review.load_tags()),
        lambda: TagSuggester(values=values, hide=hide),
        blind=hide,
    )
    assert {q.facet for q in quality} == set(taxonomy.facet_ids)
    assert max(q.precision_at_top for q in quality) >= 0.7
    for q in quality:
        assert q.precision_at_top >= 0.45, q
        assert q.recall_at_top > 0.07 and q.calibration_error < 0.06, q
