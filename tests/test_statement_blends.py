"""The gap detector's combination experiments (benchmarks/statement_blends.py): how a
sentence's pair features are scaled, and the stacked mixture's out-of-fold fitting."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from statement_blends import pairs_scaled, stacked  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))

FEATURES = {"lex:knowledge": 2.0, "pair:a+b": 1.0, "pair:a+c": 1.0, "pair:b+c": 1.0, "w:no": 0.7}


@pytest.mark.parametrize(
    ("how", "pair", "kept"),
    [("all", 1.0, 5), ("sqrt", 1 / math.sqrt(3), 5), ("half", 0.5, 5), ("none", None, 2)],
)
def test_pairs_are_scaled_and_nothing_else(how: str, pair: float | None, kept: int) -> None:
    out = pairs_scaled(how, FEATURES)
    assert len(out) == kept
    assert out["lex:knowledge"] == 2.0 and out["w:no"] == 0.7
    if pair is None:
        assert not any(k.startswith("pair:") for k in out)
    else:
        assert out["pair:a+b"] == pytest.approx(pair)


def test_a_sentence_without_pairs_is_unchanged() -> None:
    assert pairs_scaled("sqrt", {"w:no": 0.7}) == {"w:no": 0.7}


def test_the_stacked_mixture_lets_a_confident_encoder_outvote_the_linear_model() -> None:
    """Trained on other folds where the encoder alone tells gaps apart, a held-out sentence
    the encoder is sure of is a gap whatever the linear score over the floor."""
    rng = np.random.default_rng(0)
    n = 400
    gold = rng.random(n) < 0.3
    lin = np.clip(rng.random(n) * 0.5 + 0.2, 0, 1)  # no signal, all over the floor
    enc = np.where(gold, 0.9, 0.1) + rng.normal(0, 0.02, n)
    r = {"doc": np.arange(n) % 10, "lin": lin, "enc": np.clip(enc, 0.01, 0.99), "gold": gold}
    p = stacked(r, folds=5, floor=0.125)
    assert ((p >= 0.5) == gold).mean() > 0.95
