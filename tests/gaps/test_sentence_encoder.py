"""The sentence encoder: its tokenizer, its network on NumPy, its storage, and the blend."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.gaps.cues import default_cues, review_cues
from litreview.gaps.sentence_encoder import (
    MAX_TOKENS,
    WordPiece,
    _batches,
    basic_words,
    default_encoder,
    encoder_bytes,
    load_encoder,
    stored_arrays,
)
from litreview.gaps.statements import blend

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "data", "are", "un", "##known", "##k", "the", "."]
VOCAB += ["cafe", ",", "lack", "of", "evidence", "is", "research", "needed", "more", "##s"]


def _tiny(seed: int = 0) -> bytes:
    """A small random network in the shipped format."""
    return encoder_bytes(_arrays(seed), VOCAB, [("data are unknown .", 0.5)])


def _arrays(seed: int, d: int = 8, heads: int = 2, layers: int = 2) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def m(rows: int, cols: int) -> np.ndarray:
        return rng.normal(0, 0.5, (rows, cols)).astype(np.float32)

    arrays = {
        "words": m(len(VOCAB), d),
        "positions": m(MAX_TOKENS, d),
        "types": m(1, d),
        "ln0.gain": np.ones(d, np.float32),
        "ln0.shift": np.zeros(d, np.float32),
        "head": m(1, d).reshape(-1),
        "head_b": np.array([0.1], np.float32),
        "heads": np.array([heads], np.float32),
    }
    for i in range(layers):
        arrays |= {
            f"l{i}.qkv": m(3 * d, d),
            f"l{i}.qkv_b": m(1, 3 * d).reshape(-1),
            f"l{i}.out": m(d, d),
            f"l{i}.out_b": np.zeros(d, np.float32),
            f"l{i}.ln1.gain": np.ones(d, np.float32),
            f"l{i}.ln1.shift": np.zeros(d, np.float32),
            f"l{i}.up": m(4 * d, d),
            f"l{i}.up_b": np.zeros(4 * d, np.float32),
            f"l{i}.down": m(d, 4 * d),
            f"l{i}.down_b": np.zeros(d, np.float32),
            f"l{i}.ln2.gain": np.ones(d, np.float32),
            f"l{i}.ln2.shift": np.zeros(d, np.float32),
        }
    return arrays


def test_basic_words_lower_case_strip_accents_and_cut_punctuation_and_ideographs() -> None:
    assert basic_words("Café, DATA\u00a0are unknown.") == [
        "cafe",
        ",",
        "data",
        "are",
        "unknown",
        ".",
    ]
    assert basic_words("a\x00b\ufffd c\u200b\uf0a7d") == ["ab", "cd"]
    assert basic_words("数据 missing") == ["数", "据", "missing"]


def _words_char_by_char(text: str) -> list[str]:
    """BERT's basic tokenizer written character by character, as the reference."""
    words: list[str] = []
    cur: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        cjk = 0x4E00 <= ord(ch) <= 0x9FFF or 0x3400 <= ord(ch) <= 0x4DBF
        if ch in " \t\n\r" or cat == "Zs" or cjk:
            words += ["".join(cur)] if cur else []
            words += [ch] if cjk else []
            cur = []
        elif ord(ch) not in (0, 0xFFFD) and cat not in ("Cc", "Cf", "Co", "Cn"):
            for c in unicodedata.normalize("NFD", ch.lower()):
                o = ord(c)
                if unicodedata.category(c) == "Mn":
                    continue
                if (
                    33 <= o <= 47
                    or 58 <= o <= 64
                    or 91 <= o <= 96
                    or 123 <= o <= 126
                    or (unicodedata.category(c).startswith("P"))
                ):
                    words += ["".join(cur), c] if cur else [c]
                    cur = []
                else:
                    cur.append(c)
    return words + (["".join(cur)] if cur else [])


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=0xA000), max_size=40))
def test_basic_words_by_table_agree_with_reading_character_by_character(text: str) -> None:
    assert basic_words(text) == _words_char_by_char(text)


def test_wordpiece_takes_the_longest_piece_first_and_marks_a_word_it_cannot_cut() -> None:
    wp = WordPiece({p: i for i, p in enumerate(VOCAB)})
    assert wp.ids("Data are unknown.") == [2, 4, 5, 6, 7, 10, 3]
    assert wp.ids("unk") == [2, 6, 8, 3]
    assert wp.ids("zebra data") == [2, 1, 4, 3]  # no piece starts "zebra": one [UNK]


def test_wordpiece_cuts_long_text_to_the_limit_with_sep_last() -> None:
    wp = WordPiece({p: i for i, p in enumerate(VOCAB)})
    ids = wp.ids("data " * 500)
    assert len(ids) == MAX_TOKENS and ids[0] == 2 and ids[-1] == 3


def test_wordpiece_keeps_at_most_seen_max_words_and_cuts_the_same_when_it_forgets() -> None:
    vocab = {p: i for i, p in enumerate(VOCAB)}
    small, fresh = WordPiece(vocab, seen_max=3), WordPiece(vocab)
    text = "data are unknown zebra unk data are"
    for _ in range(3):
        assert small.ids(text) == fresh.ids(text)
        assert len(small.seen) <= 3
    assert len(fresh.seen) == 5


def test_storage_round_trips_within_half_a_step_of_eight_bits() -> None:
    enc = load_encoder(_tiny())
    assert enc.heads == 2 and len(enc.layers) == 2
    assert enc.checks == (("data are unknown .", 0.5),)
    stored = stored_arrays(_tiny())
    for name, got in (("l0.qkv", stored["l0.qkv"]), ("l1.down", enc.layers[1].down.T)):
        original = _arrays(0)[name]
        step = np.abs(original).max(axis=1, keepdims=True) / 127
        assert np.all(np.abs(got - original) <= step / 2 + 1e-6)
        assert np.any(got != original)  # stored in 8 bits, not as they were
    assert np.array_equal(stored["l0.qkv_b"], _arrays(0)["l0.qkv_b"])
    # attention's scale, 1/sqrt(head size), is carried by the query's weights and bias
    d = enc.words.shape[1]
    scale = np.r_[np.full(d, 1 / np.sqrt(d // enc.heads)), np.ones(2 * d)]
    assert np.allclose(enc.layers[0].qkv_b, stored["l0.qkv_b"] * scale)
    assert np.allclose(enc.layers[0].qkv, stored["l0.qkv"].T * scale)


# a few short sentences of a small alphabet (an accent among it), as a batch
_SENTENCES = st.lists(
    st.text(alphabet="data are unknown the evidence lack of.,é ", max_size=60),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(_SENTENCES)
def test_a_sentence_scores_the_same_alone_or_in_any_batch(texts: list[str]) -> None:
    enc = load_encoder(_tiny(1))
    together = enc.scores(texts, batch=4)
    alone = np.array([enc.scores([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.all((together > 0) & (together < 1))


def test_different_sentences_get_different_scores() -> None:
    enc = load_encoder(_tiny(2))
    a, b = enc.scores(["data are unknown .", "more research is needed"])
    assert abs(a - b) > 1e-3


@settings(max_examples=30, deadline=None)
@given(_SENTENCES)
def test_embeddings_are_the_same_alone_or_in_any_batch_and_give_the_scores(
    texts: list[str],
) -> None:
    enc = load_encoder(_tiny(3))
    together = enc.embeddings(texts, batch=4)
    alone = np.vstack([enc.embeddings([t]) for t in texts])
    assert together.shape == (len(texts), 8) and together.dtype == np.float32
    assert np.allclose(together, alone, atol=1e-5)
    # the gap score is the logistic output read from these embeddings
    z = together.astype(np.float64) @ enc.head.astype(np.float64) + enc.head_b
    assert np.allclose(enc.scores(texts), 1 / (1 + np.exp(-z)), atol=1e-6)


def test_embeddings_tell_different_sentences_apart() -> None:
    enc = load_encoder(_tiny(4))
    a, b = enc.embeddings(["data are unknown .", "more research is needed"])
    assert np.abs(a - b).max() > 1e-3


def test_the_shipped_encoder_gives_the_trained_networks_scores() -> None:
    enc = default_encoder()
    if enc is None:
        pytest.fail("litreview/data/gap_encoder.npz is missing")
    assert len(enc.checks) >= 10
    texts = [t for t, _ in enc.checks]
    want = np.array([p for _, p in enc.checks])
    assert np.abs(enc.scores(texts) - want).max() < 0.02


class _Counting:
    """A stand-in encoder that says 0.9 and records what it read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def scores(self, texts: list[str], batch: int = 32) -> np.ndarray:
        self.read.extend(texts)
        return np.full(len(texts), 0.9)


def test_blend_reads_only_sentences_at_the_floor_and_mixes_by_the_share() -> None:
    from dataclasses import replace

    cues = replace(default_cues(), encoder_share=0.5, encoder_floor=0.1)
    enc = _Counting()
    linear = np.array([0.05, 0.2, 0.6])
    out = blend(linear, ["a", "b", "c"], enc, cues)  # type: ignore[arg-type]
    linear[:] = out.score  # as score_sentences does: the parts must not change with it
    assert np.allclose(out.linear, [0.05, 0.2, 0.6])
    assert enc.read == ["b", "c"]
    assert np.allclose(out.score, [0.025, 0.55, 0.75])
    assert np.isnan(out.encoder[0]) and out.encoder[2] == 0.9


def test_blend_with_no_share_leaves_the_linear_score_and_reads_nothing() -> None:
    from dataclasses import replace

    cues = replace(default_cues(), encoder_share=0.0)
    enc = _Counting()
    out = blend(np.array([0.3, 0.7]), ["a", "b"], enc, cues)  # type: ignore[arg-type]
    assert enc.read == [] and np.allclose(out.score, [0.3, 0.7])


def test_with_no_share_the_shipped_encoder_is_not_even_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from litreview.gaps import statements as statements_module
    from litreview.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(
        "facets:\n  - id: hazard\n    values:\n      - {id: flood, synonyms: [flood]}\n",
        "t.yaml",
    )

    def refuse() -> None:
        raise AssertionError("the encoder was loaded")

    monkeypatch.setattr(statements_module, "default_encoder", refuse)
    cues = replace(default_cues(), encoder_share=0.0)
    text = "Little is known about flood deaths. Data on heat are not available."
    found = statements_module.find_statements("d", text, cues, taxonomy)
    assert found and all("sentence encoder" not in s.why for s in found)


def test_a_review_may_set_the_share_but_only_from_0_to_1() -> None:
    assert review_cues(("encoder_share: 0\n", "g.yaml")).encoder_share == 0.0
    with pytest.raises(InputError) as e:
        review_cues(("threshold: 0.4\nencoder_share: 2\n", "g.yaml"))
    assert e.value.line == 2 and "0 to 1" in str(e.value)


def test_blend_never_reads_a_sentence_that_is_not_read_and_scores_it_0() -> None:
    from dataclasses import replace

    cues = replace(default_cues(), encoder_share=0.5, encoder_floor=0.0)
    enc = _Counting()
    unread = np.array([True, False])
    out = blend(np.array([0.8, 0.8]), ["a heading", "b"], enc, cues, unread)  # type: ignore[arg-type]
    assert enc.read == ["b"]
    assert out.score[0] == 0.0 and np.isclose(out.score[1], 0.85)


class _Saying:
    """A stand-in encoder that gives each text a fixed score and records what it read."""

    def __init__(self, says: dict[str, float]) -> None:
        self.says = says
        self.read: list[str] = []

    def scores(self, texts: list[str], batch: int = 32) -> np.ndarray:
        self.read.extend(texts)
        return np.array([self.says[t] for t in texts])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=8),
    st.floats(0.1, 0.9),
    st.floats(0.05, 0.95),
)
def test_blend_for_flags_only_reads_less_and_flags_the_same(
    pairs: list[tuple[float, float]], share: float, threshold: float
) -> None:
    from dataclasses import replace

    cues = replace(default_cues(), encoder_share=share, threshold=threshold)
    texts = [f"s{i}" for i in range(len(pairs))]
    linear = np.array([lin for lin, _ in pairs])
    full_enc, cut_enc = (
        _Saying({t: e for t, (_, e) in zip(texts, pairs, strict=True)}) for _ in "ab"
    )
    full = blend(linear, texts, full_enc, cues)  # type: ignore[arg-type]
    cut = blend(linear, texts, cut_enc, cues, flags_only=True)  # type: ignore[arg-type]
    assert np.array_equal(full.score >= threshold, cut.score >= threshold)
    assert set(cut_enc.read) <= set(full_enc.read)
    sure = [t for t, lin in zip(texts, linear, strict=True) if (1 - share) * lin >= threshold]
    assert not set(sure) & set(cut_enc.read)  # reached on the linear part alone: not read


@given(st.lists(st.integers(2, 96), max_size=80), st.integers(1, 40))
def test_batches_cover_the_sentences_in_order_each_at_most_the_batch_size(
    lengths: list[int], most: int
) -> None:
    cuts = _batches(sorted(lengths), most)
    assert [i for a, b in cuts for i in range(a, b)] == list(range(len(lengths)))
    assert all(0 < b - a <= most for a, b in cuts)


def test_a_long_sentence_is_not_batched_with_short_ones() -> None:
    assert _batches([10, 10, 10, 10, 96], 32) == [(0, 4), (4, 5)]
    assert _batches([10, 11, 12], 32) == [(0, 3)]
