"""Train the reference-parser CRF and report its cross-validated score.

    python3 benchmarks/train_refparse.py [--gold PATH] [--folds 5] [--out MODEL]

1. k-fold cross-validation on the gold set: train on k-1 folds, parse the held-out
   fold with the full parser (CRF + rules), write all held-out predictions to
   ``benchmarks/out/refparse_cv_pred.jsonl`` and score them with the benchmark's score.py.
2. Synthetic held-out check: the fold-0 model parses synthetic references drawn with
   another seed than the training ones (``--check-seed``); their gold fields are built
   from the labels by construction, and score.py scores the parses.
3. Train on the whole gold set and write the shipped model (``--out``).
The grey set is never used here (see bench_refparse.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.extract import refparse
from litreview.extract.refparse_features import sequence_features, tokenize
from litreview.extract.refparse_fields import build_item

sys.path.insert(0, str(ROOT / "benchmarks"))
from refparse_synth import synthetic_records

BENCH = ROOT.parent / "shared" / "benchmarks" / "refparse"
SYNTH = 800
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def load(path: Path) -> list[dict]:
    """The benchmark records of a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def token_labels(record: dict) -> tuple[list[str], list[str]]:
    """Tokens of the record's raw string with the gold label of each."""
    tokens: list[str] = []
    labels: list[str] = []
    for tag, text in record["labels"]:
        toks = tokenize(text)
        tokens += toks
        labels += [refparse.canonical_label(tag)] * len(toks)
    return tokens, labels


def augmented(tokens: list[str], labels: list[str]) -> list[list[str]]:
    """Copies of a sequence whose “double-quoted” title is written in single quotes instead.

    Our footnotes quote titles with '...' and ‘...’, which the gold set rarely does.
    """
    if "title" not in labels or not tokens[labels.index("title")].startswith("“"):
        return []
    out = []
    for left, right in (("‘", "’"), ("'", "'")):
        out.append(
            [
                t.replace("“", left).replace("”", right) if lab == "title" else t
                for t, lab in zip(tokens, labels, strict=True)
            ]
        )
    return out


def train(records: list[dict], model_path: Path, n_synth: int = 0) -> None:
    """Train a CRF on ``records`` (plus single-quote copies and ``n_synth`` synthetic
    grey-literature references) and save it to ``model_path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for rec in [*records, *synthetic_records(n_synth)]:
        tokens, labels = token_labels(rec)
        if tokens:
            trainer.append(sequence_features(tokens), labels)
            for copy in augmented(tokens, labels):
                trainer.append(sequence_features(copy), labels)
    trainer.set_params(PARAMS)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


def cross_validate(
    records: list[dict], folds: int, out_dir: Path, reuse: bool, n_synth: int = 0
) -> Path:
    """Held-out predictions of every record (fold = index mod k); returns their path.

    Fold models are kept in ``out_dir``; with ``reuse`` existing ones are not retrained
    (to re-score after a change in the rules only). Synthetic references join the training
    folds only; every held-out record is gold.
    """
    preds: list[dict | None] = [None] * len(records)
    for k in range(folds):
        train_recs = [r for i, r in enumerate(records) if i % folds != k]
        model = out_dir / f"cv_fold{k}of{folds}.crfsuite"
        t0 = time.perf_counter()
        if not (reuse and model.exists()):
            train(train_recs, model, n_synth)
        parser = refparse.ReferenceParser(model)
        for i, rec in enumerate(records):
            if i % folds == k:
                preds[i] = {"id": rec["id"], "fields": parser.parse(rec["raw"])}
        print(f"fold {k}: {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    path = out_dir / "refparse_cv_pred.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return path


def synth_fields(record: dict) -> dict:
    """CSL fields of a synthetic record, built from its labels (gold by construction)."""
    segs = [(refparse.canonical_label(tag), text) for tag, text in record["labels"]]
    segs = [(lab, text) for lab, text in segs if lab != "note"]
    return build_item(segs, record["raw"])


def synth_check(model: Path, n: int, seed: int, out_dir: Path) -> None:
    """Score ``model`` (with the rules) on ``n`` synthetic references of another seed."""
    records = synthetic_records(n, seed=seed)
    parser = refparse.ReferenceParser(model)
    gold, pred = out_dir / "synth_check_gold.jsonl", out_dir / "synth_check_pred.jsonl"
    with gold.open("w", encoding="utf-8") as gh, pred.open("w", encoding="utf-8") as ph:
        for rec in records:
            gh.write(
                json.dumps({"id": rec["id"], "fields": synth_fields(rec)}, ensure_ascii=False)
                + "\n"
            )
            ph.write(
                json.dumps(
                    {"id": rec["id"], "fields": parser.parse(rec["raw"])}, ensure_ascii=False
                )
                + "\n"
            )
    print(f"synthetic held-out check ({n} refs, seed {seed}, {model.name}):", file=sys.stderr)
    sys.stdout.flush()
    subprocess.run([sys.executable, str(BENCH / "score.py"), str(gold), str(pred)], check=True)


def main() -> int:
    """Cross-validate, score, then train the shipped model."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--gold", type=Path, default=BENCH / "anystyle_gold.jsonl")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "litreview" / "data" / "refparse.crfsuite")
    ap.add_argument(
        "--synth",
        type=int,
        default=SYNTH,
        help="synthetic grey-literature references added to every training set",
    )
    ap.add_argument("--no-cv", action="store_true", help="only train the shipped model")
    ap.add_argument(
        "--check",
        type=int,
        default=400,
        help="synthetic held-out references scored after CV (0: none)",
    )
    ap.add_argument(
        "--check-seed",
        type=int,
        default=20240,
        help="seed of the held-out synthetic references (training uses 7)",
    )
    ap.add_argument("--cv-only", action="store_true", help="do not write the shipped model")
    ap.add_argument(
        "--reuse-folds",
        action="store_true",
        help="reuse fold models left by an earlier run (rules changed, features not)",
    )
    ap.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "litreview_refparse_cv",
        help="where fold models and held-out predictions go",
    )
    args = ap.parse_args()
    records = load(args.gold)
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.no_cv:
        pred = cross_validate(records, args.folds, args.work, args.reuse_folds, args.synth)
        score = [sys.executable, str(BENCH / "score.py"), str(args.gold), str(pred)]
        subprocess.run(score, check=True)
        sys.stdout.flush()
        if args.check:
            synth_check(
                args.work / f"cv_fold0of{args.folds}.crfsuite",
                args.check,
                args.check_seed,
                args.work,
            )
    if args.cv_only:
        return 0
    train(records, args.out, args.synth)
    print(f"model written to {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
