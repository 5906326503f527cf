"""The gap-statement encoder's scores of every labelled document, none seen in its training.

``benchmarks/statements/encoder_oof.npz`` holds, per ``doc_id``, the encoder's score of each
sentence of the document that the detector reads, in order, and (under ``doc_id@spans``)
where each of those sentences is in the document's text:

- the documents the shipped encoder was trained on: their out-of-fold scores from
  ``train_encoder.py`` (each scored by a network fine-tuned without its fold);
- documents labelled after it was trained: the shipped encoder's own scores
  (:func:`litreview.gaps.sentence_encoder.default_encoder`), out of sample because it never
  saw them; their ids are stored under ``unseen``.

So the linear model can take in newly labelled documents without the encoder being trained
again (about two CPU hours), and every blended score of ``statement_labels.py`` stays out of
sample. :func:`scores` gives the scores of a list of documents concatenated in their order,
scoring with the shipped encoder (and storing) any document the file lacks.

When the reader cuts a document into other sentences (a sentence-end rule, the scope), the
stored scores are carried over by place (:func:`carry_over`): a sentence takes the highest
score of the stored sentences it overlaps, so two pieces joined take the score of the piece
that read most like a gap and a sentence cut in two gives both parts its score. A sentence
that overlaps none (read now, not read before) is scored by the shipped encoder. The ids of
the documents so carried over are stored under ``carried`` with how many of their sentences
changed, and the scores stay out of sample (no network saw those documents' folds), though
a network trained on the new sentences would score them a little otherwise: train it again
(``train_encoder.py``) when many have changed.

    python3 benchmarks/statement_encoder_oof.py   # score and store the documents it lacks
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_statements as ts

from litreview.gaps.cues import default_cues
from litreview.gaps.sentence_encoder import default_encoder
from litreview.gaps.statement_scope import read_sentences

STORE = ROOT / "benchmarks" / "statements" / "encoder_oof.npz"
UNSEEN = "unseen"
CARRIED = "carried"
SPANS = "@spans"  # suffix of a document's sentence offsets


def read_texts(doc: ts.Doc) -> list[str]:
    """The sentences of ``doc`` the detector reads, as the encoder reads them."""
    sents = read_sentences(doc.doc.text, default_cues())
    return [s.flat for s, read in zip(sents, doc.read, strict=True) if read]


def read_spans(doc: ts.Doc) -> np.ndarray:
    """Where the sentences of ``doc`` the detector reads are: (start, end) offsets, in order."""
    sents = read_sentences(doc.doc.text, default_cues())
    spans = [(s.start, s.end) for s, read in zip(sents, doc.read, strict=True) if read]
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


@dataclass
class Store:
    """What the file holds: scores and sentence offsets by document, and which documents
    were scored unseen or carried over to new sentences (with how many changed)."""

    scores: dict[str, np.ndarray] = field(default_factory=dict)
    spans: dict[str, np.ndarray] = field(default_factory=dict)
    unseen: list[str] = field(default_factory=list)
    carried: dict[str, int] = field(default_factory=dict)


def load(path: Path = STORE) -> Store:
    """The stored scores (an empty store when there is no file)."""
    store = Store()
    if not path.is_file():
        return store
    with np.load(path) as z:
        for k in z.files:
            if k.endswith(SPANS):
                store.spans[k.removesuffix(SPANS)] = z[k]
            elif k == UNSEEN:
                store.unseen = [str(x) for x in z[k]]
            elif k == CARRIED:
                store.carried = {str(d): int(n) for d, n in z[k]}
            else:
                store.scores[k] = z[k]
    return store


def save(store: Store, path: Path = STORE) -> None:
    """Write the store (sorted, so a rebuild gives the same file)."""
    arrays: dict[str, np.ndarray] = {}
    for k in sorted(store.scores):
        arrays[k] = store.scores[k]
        if k in store.spans:
            arrays[k + SPANS] = store.spans[k]
    arrays[UNSEEN] = np.array(sorted(store.unseen), dtype=str)
    carried = sorted(store.carried.items())
    arrays[CARRIED] = np.array([[d, str(n)] for d, n in carried], dtype=str).reshape(-1, 2)
    np.savez_compressed(path, **arrays)


def carry_over(
    old_spans: np.ndarray, old_scores: np.ndarray, new_spans: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Scores for the sentences at ``new_spans`` from those stored for ``old_spans``: the
    highest score among the old sentences each new one overlaps, NaN where it overlaps none;
    and whether each new sentence differs from an old one (not the same offsets)."""
    out = np.full(len(new_spans), np.nan)
    same = {(int(a), int(b)): float(v) for (a, b), v in zip(old_spans, old_scores, strict=True)}
    changed = np.zeros(len(new_spans), bool)
    starts = old_spans[:, 0] if len(old_spans) else np.zeros(0, np.int64)
    ends = old_spans[:, 1] if len(old_spans) else np.zeros(0, np.int64)
    for i, (a, b) in enumerate(new_spans):
        key = (int(a), int(b))
        if key in same:
            out[i] = same[key]
            continue
        changed[i] = True
        # old sentences are in order and do not overlap: those starting before b and
        # ending after a
        lo = int(np.searchsorted(ends, a, side="right"))
        hi = int(np.searchsorted(starts, b, side="left"))
        if hi > lo:
            out[i] = float(old_scores[lo:hi].max())
    return out, changed


def scores(docs: list[ts.Doc], path: Path = STORE) -> np.ndarray:
    """The encoder's score of every read sentence of ``docs``, concatenated in their order;
    documents missing from the store are scored by the shipped encoder, documents whose
    sentences changed are carried over (:func:`carry_over`), and the store is written again."""
    store = load(path)
    encoder = None
    touched = False
    for d in docs:
        key = d.doc.doc_id
        got = store.scores.get(key)
        spans = read_spans(d)
        if (
            got is not None
            and len(got) == len(spans)
            and (key not in store.spans or np.array_equal(store.spans[key], spans))
        ):
            if key not in store.spans:
                store.spans[key] = spans
                touched = True
            continue
        encoder = encoder or default_encoder()
        if encoder is None:
            raise SystemExit("no shipped encoder to score new sentences with")
        texts = read_texts(d)
        if got is None:
            store.scores[key] = encoder.scores(texts).astype(np.float32)
            store.unseen.append(key)
            print(f"scored {key} with the shipped encoder (unseen)", file=sys.stderr)
        else:
            if key not in store.spans:
                raise SystemExit(
                    f"{path}: {key} has {len(got)} scores for {len(spans)} read sentences and"
                    " no offsets to carry them over by: train the encoder again"
                )
            new, changed = carry_over(store.spans[key], got, spans)
            blank = np.isnan(new)
            if blank.any():
                new[blank] = encoder.scores([t for t, b in zip(texts, blank, strict=True) if b])
            store.scores[key] = new.astype(np.float32)
            store.carried[key] = store.carried.get(key, 0) + int(changed.sum())
            print(
                f"carried {key} over: {int(changed.sum())} of {len(spans)} sentences changed,"
                f" {int(blank.sum())} scored by the shipped encoder",
                file=sys.stderr,
            )
        store.spans[key] = spans
        touched = True
    if touched:
        save(store, path)
    return np.concatenate([store.scores[d.doc.doc_id] for d in docs]) if docs else np.zeros(0)


def split(docs: list[ts.Doc], flat: np.ndarray, path: Path = STORE) -> None:
    """Store out-of-fold scores given as one array in ``docs``' order (``train_encoder.py``)."""
    sizes = np.cumsum([0, *(sum(d.read) for d in docs)])
    if sizes[-1] != len(flat):
        raise SystemExit(f"{len(flat)} scores for {sizes[-1]} read sentences")
    store = Store()
    for d, a, b in zip(docs, sizes, sizes[1:], strict=False):
        store.scores[d.doc.doc_id] = flat[a:b]
        store.spans[d.doc.doc_id] = read_spans(d)
    save(store, path)


def main() -> None:
    docs = ts.load_all()
    enc = scores(docs)
    store = load()
    print(
        f"{len(docs)} documents, {len(enc)} read sentences; {len(store.unseen)} scored unseen;"
        f" {sum(store.carried.values())} sentences of {len(store.carried)} documents carried"
        " over to new sentences"
    )


if __name__ == "__main__":
    main()
