"""The gap-statement encoder's scores of every labelled document, none seen in its training.

``benchmarks/statements/encoder_oof.npz`` holds, per ``doc_id``, the encoder's score of each
sentence of the document that the detector reads, in order:

- the documents the shipped encoder was trained on: their out-of-fold scores from
  ``train_encoder.py`` (each scored by a network fine-tuned without its fold);
- documents labelled after it was trained: the shipped encoder's own scores
  (:func:`litreview.gaps.sentence_encoder.default_encoder`), out of sample because it never
  saw them; their ids are stored under ``unseen``.

So the linear model can take in newly labelled documents without the encoder being trained
again (about two CPU hours), and every blended score of ``statement_labels.py`` stays out of
sample. :func:`scores` gives the scores of a list of documents concatenated in their order,
scoring with the shipped encoder (and storing) any document the file lacks.

    python3 benchmarks/statement_encoder_oof.py   # score and store the documents it lacks
"""

from __future__ import annotations

import sys
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


def read_texts(doc: ts.Doc) -> list[str]:
    """The sentences of ``doc`` the detector reads, as the encoder reads them."""
    sents = read_sentences(doc.doc.text, default_cues())
    return [s.flat for s, read in zip(sents, doc.read, strict=True) if read]


def load(path: Path = STORE) -> tuple[dict[str, np.ndarray], list[str]]:
    """The stored scores by document and the ids of the documents scored unseen."""
    if not path.is_file():
        return {}, []
    with np.load(path) as z:
        by_doc = {k: z[k] for k in z.files if k != UNSEEN}
        unseen = [str(x) for x in z[UNSEEN]] if UNSEEN in z.files else []
    return by_doc, unseen


def save(by_doc: dict[str, np.ndarray], unseen: list[str], path: Path = STORE) -> None:
    """Write the store (sorted, so a rebuild gives the same file)."""
    arrays = {k: by_doc[k] for k in sorted(by_doc)}
    np.savez_compressed(path, **arrays, **{UNSEEN: np.array(sorted(unseen), dtype=str)})


def scores(docs: list[ts.Doc], path: Path = STORE) -> np.ndarray:
    """The encoder's score of every read sentence of ``docs``, concatenated in their order;
    documents missing from the store are scored by the shipped encoder and stored."""
    by_doc, unseen = load(path)
    missing = [d for d in docs if d.doc.doc_id not in by_doc]
    if missing:
        encoder = default_encoder()
        if encoder is None:
            raise SystemExit("no shipped encoder to score the new documents with")
        for d in missing:
            by_doc[d.doc.doc_id] = encoder.scores(read_texts(d)).astype(np.float32)
            unseen.append(d.doc.doc_id)
            print(f"scored {d.doc.doc_id} with the shipped encoder (unseen)", file=sys.stderr)
        save(by_doc, unseen, path)
    out = []
    for d in docs:
        got = by_doc[d.doc.doc_id]
        if len(got) != sum(d.read):
            raise SystemExit(
                f"{path}: {d.doc.doc_id} has {len(got)} scores for {sum(d.read)} read sentences"
                " (the scope or the labels changed: score it again)"
            )
        out.append(got)
    return np.concatenate(out) if out else np.zeros(0)


def split(docs: list[ts.Doc], flat: np.ndarray, path: Path = STORE) -> None:
    """Store out-of-fold scores given as one array in ``docs``' order (``train_encoder.py``)."""
    sizes = np.cumsum([0, *(sum(d.read) for d in docs)])
    if sizes[-1] != len(flat):
        raise SystemExit(f"{len(flat)} scores for {sizes[-1]} read sentences")
    by_doc = {d.doc.doc_id: flat[a:b] for d, a, b in zip(docs, sizes, sizes[1:], strict=False)}
    save(by_doc, [], path)


def main() -> None:
    docs = ts.load_all()
    enc = scores(docs)
    _, unseen = load()
    print(f"{len(docs)} documents, {len(enc)} read sentences; {len(unseen)} scored unseen")


if __name__ == "__main__":
    main()
