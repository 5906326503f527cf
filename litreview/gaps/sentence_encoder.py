"""A small transformer that reads a sentence whole and scores it as a gap statement (pure).

The linear model of :mod:`litreview.gaps.statement_model` reads words and word lists; it
cannot tell "the consequences ... are largely unknown" from "the provision of services is
lacking" when both carry the same cue words. This encoder reads the sentence as a sequence:
a BERT-style network (all-MiniLM-L6-v2, Apache-2.0, its six layers fine-tuned on the
labelled sentences of ``benchmarks/statements``; ``benchmarks/train_encoder.py`` rebuilds it)
with mean pooling and one logistic output. It runs on NumPy alone: the tokenizer (WordPiece,
lower-cased, accents stripped) and the network are written out here, and the weights are
stored as 8-bit integers with one scale per row in ``litreview/data/gap_encoder.npz``.

:meth:`Encoder.embeddings` gives the mean-pooled hidden states the score is read from, as
sentence embeddings. The fine-tuning for gaps has narrowed their general sense (zero-shot
matching of works to taxonomy values falls to half or less of the average precision of the
original all-MiniLM-L6-v2: ``benchmarks/bench_suggest_embeddings.py``).

Everything is deterministic: the same sentences give the same scores, whatever the batch.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from io import BytesIO

import numpy as np
from threadpoolctl import ThreadpoolController

__all__ = [
    "Encoder",
    "WordPiece",
    "basic_words",
    "default_encoder",
    "encoder_bytes",
    "load_encoder",
    "stored_arrays",
]

# GELU by its tanh form (within 1e-3 of the exact one the network was trained with, far
# inside the error of the 8-bit weights, and several times cheaper than erf)
_C = np.float32(math.sqrt(2.0 / math.pi))
_A = np.float32(0.044715)
MAX_TOKENS = 96  # a sentence's tokens read, [CLS] and [SEP] included
_MAX_WORD = 100  # a longer word is one unknown token
_SEP = "\x1f"  # between the stored check sentences
# BLAS threads while the network runs: its matrices are small (at most 32 sentences of 96
# tokens a batch), and a second thread cost more CPU than it saved (benchmarks/statements)
_THREADS = 1
# what a batch costs besides its tokens, counted in tokens (its numpy calls, its small
# matrix products): fewer batches below it, more padding above it (benchmarks/statements)
_BATCH_TOKENS = 16


@dataclass(frozen=True, slots=True)
class WordPiece:
    """The lower-casing WordPiece tokenizer of BERT uncased: ``vocab`` maps a piece to its
    id; pieces that continue a word start with ``##``. ``seen`` keeps each word's pieces, at
    most ``seen_max`` words (emptied when full, so a long-lived process reading many documents
    holds a bounded cache)."""

    vocab: dict[str, int]
    seen: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    seen_max: int = field(default=200_000, compare=False)

    def ids(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        """[CLS], the text's pieces (cut to fit ``limit``), [SEP]."""
        out = [self.vocab["[CLS]"]]
        for word in basic_words(text):
            pieces = self.seen.get(word)
            if pieces is None:
                if len(self.seen) >= self.seen_max:
                    self.seen.clear()
                pieces = self.seen[word] = self._pieces(word)
            out.extend(pieces)
            if len(out) >= limit - 1:
                del out[limit - 1 :]
                break
        out.append(self.vocab["[SEP]"])
        return out

    def _pieces(self, word: str) -> tuple[int, ...]:
        """Greedy longest-match-first pieces of one word; [UNK] when a part has none."""
        unk = (self.vocab["[UNK]"],)
        if len(word) > _MAX_WORD:
            return unk
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return unk
            start = end
        return tuple(out)


def basic_words(text: str) -> list[str]:
    """BERT's basic tokenizer, uncased: drop NUL, U+FFFD and control characters, split on
    white space, lower-case, strip accents, and cut punctuation and CJK ideographs into
    words of their own."""
    return [w for w in text.translate(_CHARS).split(_CUT) if w]


_CUT = "\x00"  # never in a word: NUL is dropped


class _CharTable(dict[int, str]):
    """What :func:`basic_words` makes of each character, for ``str.translate``, worked out
    the first time the character is seen: ``_CUT`` for white space, ``""`` for a dropped
    character, the character between cuts for punctuation and ideographs, else its
    lower-cased, accent-stripped letters (a punctuation mark among them between cuts)."""

    def __missing__(self, o: int) -> str:
        self[o] = out = _char(chr(o))
        return out


def _char(ch: str) -> str:
    """What one character becomes (see :class:`_CharTable`)."""
    o = ord(ch)
    cat = unicodedata.category(ch)
    if ch in " \t\n\r" or cat == "Zs":
        return _CUT
    if o in (0, 0xFFFD) or cat in ("Cc", "Cf", "Co", "Cn"):
        return ""
    if _is_cjk(o):
        return _CUT + ch + _CUT
    out = []
    for c in unicodedata.normalize("NFD", ch.lower()):
        ccat = unicodedata.category(c)
        if ccat != "Mn":
            out.append(_CUT + c + _CUT if _is_punct(c, ccat) else c)
    return "".join(out)


_CHARS = _CharTable()


def _is_punct(ch: str, cat: str) -> bool:
    o = ord(ch)
    if 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126:
        return True
    return cat.startswith("P")


def _is_cjk(o: int) -> bool:
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2A6DF
        or 0x2A700 <= o <= 0x2CEAF
        or 0xF900 <= o <= 0xFAFF
        or 0x2F800 <= o <= 0x2FA1F
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Layer:
    """One transformer layer's weights (float32; matrices are ``in × out``; the query's
    columns of ``qkv`` and ``qkv_b`` carry attention's 1/sqrt(head size))."""

    qkv: np.ndarray
    qkv_b: np.ndarray
    out: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_b: np.ndarray
    down: np.ndarray
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True, kw_only=True)
class Encoder:
    """The network: embeddings, layers, the output weights; ``heads`` attention heads."""

    tokenizer: WordPiece
    words: np.ndarray
    positions: np.ndarray
    ln0: tuple[np.ndarray, np.ndarray]
    layers: tuple[Layer, ...]
    head: np.ndarray
    head_b: float
    heads: int
    checks: tuple[tuple[str, float], ...] = ()

    def scores(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """The probability that each text states a gap: the output weights read the
        :meth:`embeddings`."""
        z = self.embeddings(texts, batch).astype(np.float64) @ self.head.astype(np.float64)
        return 1.0 / (1.0 + np.exp(-(z + self.head_b)))

    def embeddings(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """Each text's sentence embedding: the network's hidden states, mean-pooled over its
        tokens (float32, one row per text, the width of the network; what the gap score
        reads)."""
        ids = [self.tokenizer.ids(t) for t in texts]
        out = np.zeros((len(texts), self.words.shape[1]), dtype=np.float32)
        # batch sentences of similar length together: less padding, same results
        order = sorted(range(len(ids)), key=lambda i: (len(ids[i]), i))
        with _blas().limit(limits=_THREADS, user_api="blas"):
            for a, b in _batches([len(ids[i]) for i in order], batch):
                chunk = order[a:b]
                out[chunk] = self._pooled([ids[i] for i in chunk])
        return out

    def _pooled(self, seqs: list[list[int]]) -> np.ndarray:
        n, t = len(seqs), max(len(s) for s in seqs)
        ids = np.zeros((n, t), dtype=np.int64)
        mask = np.zeros((n, t), dtype=np.float32)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = s
            mask[i, : len(s)] = 1.0
        x = self.words[ids]
        x += self.positions[:t][None, :, :]
        x = _norm(x.reshape(n * t, -1), *self.ln0).reshape(n, t, -1)
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in self.layers:
            x = self._layer(x, bias, layer)
        pooled: np.ndarray = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled

    def _layer(self, x: np.ndarray, bias: np.ndarray, w: Layer) -> np.ndarray:
        n, t, d = x.shape
        h, dh = self.heads, d // self.heads
        flat = x.reshape(n * t, d)
        qkv = _affine(flat, w.qkv, w.qkv_b)  # (n t, 3d), one BLAS call
        # one copy puts q, k and v head by head: (3, n, h, t, dh)
        q, k, v = np.ascontiguousarray(qkv.reshape(n, t, 3, h, dh).transpose(2, 0, 3, 1, 4))
        att = np.matmul(q, k.transpose(0, 1, 3, 2))  # the scale is in q's weights
        att += bias
        _softmax(att)
        ctx = np.matmul(att, v).transpose(0, 2, 1, 3).reshape(n * t, d)
        out = _affine(ctx, w.out, w.out_b)
        out += flat
        flat = _norm(out, *w.ln1)
        up = _gelu(_affine(flat, w.up, w.up_b))
        down = _affine(up, w.down, w.down_b)
        down += flat
        return _norm(down, *w.ln2).reshape(n, t, d)


def _batches(lengths: Sequence[int], most: int) -> list[tuple[int, int]]:
    """Where to cut sentences sorted by length (``lengths``, ascending) into batches of at
    most ``most``: the cuts that compute the fewest tokens, padding included, counting
    :data:`_BATCH_TOKENS` for each batch (dynamic programming over the cut points). A batch
    is padded to its longest sentence, so one long sentence among short ones costs them all
    its length: cut into batches of 32 in turn, the benchmark documents computed 57% more
    tokens than they hold."""
    n = len(lengths)
    cost = [0.0] + [math.inf] * n  # cost[j]: the best cost of the first j sentences
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(max(0, j - most), j):
            c = cost[i] + (j - i) * lengths[j - 1] + _BATCH_TOKENS
            if c < cost[j]:
                cost[j], cut[j] = c, i
    out = []
    j = n
    while j > 0:
        out.append((cut[j], j))
        j = cut[j]
    return out[::-1]


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The thread pools of the loaded BLAS libraries (found once)."""
    return ThreadpoolController()


def _affine(x: np.ndarray, m: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``x @ m + b``, the bias added in place."""
    y = x @ m
    y += b
    return y


def _softmax(att: np.ndarray) -> None:
    """Softmax over the last axis, in place."""
    att -= att.max(-1, keepdims=True)
    np.exp(att, out=att)
    att /= att.sum(-1, keepdims=True)


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU by its tanh form, in place: x/2 (1 + tanh(C (x + A x³)))."""
    t = x * x
    t *= _A
    t += np.float32(1.0)
    t *= x
    t *= _C
    np.tanh(t, out=t)
    t += np.float32(1.0)
    t *= np.float32(0.5)
    x *= t
    return x


def _norm(x: np.ndarray, gain: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """Layer norm over the last axis (of a 2-D ``x``), overwriting ``x``."""
    x -= x.mean(-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x)[:, None]
    var *= np.float32(1.0 / x.shape[-1])
    var += np.float32(1e-12)
    np.sqrt(var, out=var)
    x /= var
    x *= gain
    x += shift
    return x


# -- storage -----------------------------------------------------------------------------


def _quantize(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """8-bit integers and one float32 scale per row."""
    scale = np.abs(m).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    return np.round(m / scale).astype(np.int8), scale.astype(np.float32)


def encoder_bytes(
    arrays: dict[str, np.ndarray],
    vocab: Sequence[str],
    checks: Sequence[tuple[str, float]] = (),
) -> bytes:
    """The npz file of an encoder from float32 ``arrays`` named as :func:`load_encoder`
    reads them: every 2-D matrix stored as 8-bit rows, the rest as float32. ``checks`` are
    sentences with the scores the trained network gave them, kept so that a test can hold
    this implementation to the network it was trained as."""
    store: dict[str, np.ndarray] = {
        "vocab": np.array("\n".join(vocab)),
        "check_texts": np.array(_SEP.join(t for t, _ in checks)),
        "check_scores": np.array([p for _, p in checks], dtype=np.float64),
    }
    for name, a in sorted(arrays.items()):
        a = np.asarray(a, dtype=np.float32)
        if a.ndim == 2 and min(a.shape) > 1:
            store[name + ".q"], store[name + ".s"] = _quantize(a)
        else:
            store[name] = a
    buf = BytesIO()
    np.savez_compressed(buf, allow_pickle=False, **store)
    return buf.getvalue()


def stored_arrays(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of an encoder file by name, 8-bit matrices back in float32."""
    with np.load(BytesIO(data), allow_pickle=False) as z:
        raw = {k: z[k] for k in z.files}
    arrays: dict[str, np.ndarray] = {}
    for name, a in raw.items():
        if name.endswith(".q"):
            arrays[name[:-2]] = a.astype(np.float32) * raw[name[:-2] + ".s"]
        elif not name.endswith(".s"):
            arrays[name] = a
    return arrays


def load_encoder(data: bytes) -> Encoder:
    """An encoder from the bytes :func:`encoder_bytes` wrote."""
    arrays = stored_arrays(data)
    vocab = {p: i for i, p in enumerate(str(arrays["vocab"]).split("\n"))}
    n = sum(1 for k in arrays if k.endswith(".qkv"))
    heads = int(arrays["heads"].reshape(-1)[0])
    # attention's 1/sqrt(head size) goes into the query's weights and bias, once
    scale = np.ones(arrays["l0.qkv_b"].shape, dtype=np.float32)
    d = len(scale) // 3
    scale[:d] = np.float32(1.0 / math.sqrt(d // heads))

    def ln(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return arrays[prefix + ".gain"], arrays[prefix + ".shift"]

    layers = tuple(
        Layer(
            qkv=np.ascontiguousarray(arrays[f"l{i}.qkv"].T * scale),
            qkv_b=arrays[f"l{i}.qkv_b"] * scale,
            out=arrays[f"l{i}.out"].T.copy(),
            out_b=arrays[f"l{i}.out_b"],
            ln1=ln(f"l{i}.ln1"),
            up=arrays[f"l{i}.up"].T.copy(),
            up_b=arrays[f"l{i}.up_b"],
            down=arrays[f"l{i}.down"].T.copy(),
            down_b=arrays[f"l{i}.down_b"],
            ln2=ln(f"l{i}.ln2"),
        )
        for i in range(n)
    )
    return Encoder(
        tokenizer=WordPiece(vocab),
        words=arrays["words"] + arrays["types"][0][None, :],
        positions=arrays["positions"],
        ln0=ln("ln0"),
        layers=layers,
        head=arrays["head"].reshape(-1),
        head_b=float(arrays["head_b"].reshape(-1)[0]),
        heads=heads,
        checks=_checks(arrays),
    )


def _checks(arrays: dict[str, np.ndarray]) -> tuple[tuple[str, float], ...]:
    if "check_texts" not in arrays or not str(arrays["check_texts"]):
        return ()
    texts = str(arrays["check_texts"]).split(_SEP)
    return tuple(zip(texts, arrays["check_scores"].tolist(), strict=True))


@lru_cache(maxsize=1)
def default_encoder() -> Encoder | None:
    """The shipped encoder, or ``None`` when the package has none."""
    ref = resources.files("litreview.data").joinpath("gap_encoder.npz")
    if not ref.is_file():
        return None
    return load_encoder(ref.read_bytes())
