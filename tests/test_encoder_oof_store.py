"""The encoder's stored out-of-fold scores follow the reader when it cuts a document into
other sentences: each new sentence takes the highest score of the stored ones it overlaps,
and the store round-trips."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from statement_encoder_oof import Store, carry_over, load, save  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))


def _spans(*pairs: tuple[int, int]) -> np.ndarray:
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def test_joined_pieces_take_the_highest_score_and_a_cut_sentence_gives_both_parts() -> None:
    old = _spans((0, 10), (11, 20), (21, 30), (31, 50))
    scores = np.array([0.1, 0.9, 0.2, 0.6])
    new = _spans((0, 10), (11, 30), (31, 40), (41, 50), (60, 70))
    got, changed = carry_over(old, scores, new)
    assert got[:4].tolist() == [0.1, 0.9, 0.6, 0.6]
    assert np.isnan(got[4])  # read now, overlapping nothing stored
    assert changed.tolist() == [False, True, True, True, True]


@given(st.lists(st.integers(1, 20), min_size=1, max_size=30), st.data())
def test_unchanged_sentences_keep_their_scores(lengths: list[int], data: st.DataObject) -> None:
    """Sentences of any lengths, gaps between them; the same offsets give the same scores,
    and any new sentence inside the old ones gets a score one of them had."""
    ends = np.cumsum([n + 1 for n in lengths])
    old = _spans(*((int(e - n - 1), int(e - 1)) for e, n in zip(ends, lengths, strict=True)))
    scores = np.array(data.draw(st.lists(st.floats(0, 1), min_size=len(old), max_size=len(old))))
    got, changed = carry_over(old, scores, old)
    assert np.array_equal(got, scores) and not changed.any()
    a = data.draw(st.integers(0, int(ends[-1]) - 2))
    b = data.draw(st.integers(a + 1, int(ends[-1])))
    one, _ = carry_over(old, scores, _spans((a, b)))
    assert np.isnan(one[0]) or one[0] in scores


def test_the_store_round_trips(tmp_path: Path) -> None:
    store = Store(
        scores={"b": np.array([0.5, 0.25], np.float32), "a": np.array([0.75], np.float32)},
        spans={"b": _spans((0, 4), (5, 9)), "a": _spans((2, 8))},
        unseen=["a"],
        carried={"b": 2},
    )
    path = tmp_path / "oof.npz"
    save(store, path)
    back = load(path)
    assert back.unseen == ["a"] and back.carried == {"b": 2}
    assert set(back.scores) == {"a", "b"}
    for k in ("a", "b"):
        assert np.array_equal(back.scores[k], store.scores[k])
        assert np.array_equal(back.spans[k], store.spans[k])
