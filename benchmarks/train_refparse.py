"""Train the reference parser's models and cross-validate them on the gold set.

    python3 benchmarks/train_refparse.py                # CV on gold, then the shipped models
    python3 benchmarks/train_refparse.py --no-cv        # only the shipped models
    python3 benchmarks/train_refparse.py --ablation     # one model per component left out

Training data (``refparse_train_data.py``): AnyStyle's core set, ``--grobid`` records of
GROBID's corpus and ``--synth`` synthetic renderings (all seeded samples), plus the gold
training folds; nothing whose text is in gold, grey or the synthetic held-out set.

1. Cross-validation: the gold set in ``--folds`` contiguous blocks (neighbouring records
   come from one bibliography, so a block is the nearest thing to a document); each block
   is parsed by a model trained without it; score.py scores all held-out parses. Figures
   go to ``benchmarks/out/refparse_cv.json``.
2. The type model is trained on the synthetic records (their type is known).
3. The shipped citation model is trained on all of it plus the whole gold set.
4. ``--ablation``: for each component (a feature group, a data source), a model trained
   without it on everything but gold block 0, scored on block 0, grey, the synthetic
   held-out set and the documents' references; figures to ``refparse_ablation.json``
   (``bench_refparse.py --ablation`` prints the table). ``--seed`` draws other samples of
   the same sources (how much the figures move from one equal model to the next),
   ``--exclude`` leaves feature groups out of every row, and ``--punct``/``--punct-fields``
   add training variants with punctuation dropped (``refparse_data/PUNCTUATION.md``),
   ``--reports`` renderings of agency reports with their numbers
   (``refparse_data/REPORT_NUMBERS.md``); the row "GROBID lead bodies as authors" trains
   GROBID's leading bodies as publishers, as converted (``refparse_data/LEAD_BODIES.md``).

Each training record that opens with a body as its author is also given with the body's
acronym in brackets after it (``Environmental Protection Agency (EPA). 2004.``,
``refparse_train_data.acronym_variant``; ``--no-acronyms`` leaves them out;
``refparse_data/ACRONYMS.md``).

Training texts equal to a held-out text in their letters and digits are left out
(``--exact-held-out``: only identical ones, the recipe before ``LEAD_BODIES.md``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from refparse_scoring import score_file, score_sets
from refparse_train_data import (
    BENCH,
    acronym_variant,
    held_out_texts,
    load,
    punct_variant,
    quote_variant,
    sequence,
    training_records,
    type_examples,
)

from litreview.extract.refparse import ReferenceParser
from litreview.extract.refparse_features import sequence_features

OUT = ROOT / "benchmarks" / "out"
DATA = ROOT / "litreview" / "data"
PARAMS = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 120,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}
SEED = 7
ABLATIONS = {
    "GROBID lead bodies as authors": {"lead_authors": False},
    "lexicon features": {"exclude": ["lexicon", "phrases"]},
    "phrase features": {"exclude": ["phrases"]},
    "position features": {"exclude": ["position"]},
    "run features": {"exclude": ["runs"]},
    "lead body features": {"exclude": ["bodies"]},
    "neighbour features": {"exclude": ["neighbours"]},
    "synthetic data": {"n_synth": 0, "n_notes": 0, "n_reports": 0},
    "GROBID data": {"n_grobid": 0},
    "AnyStyle core data": {"core": False},
}


def train_crf(
    records: list[dict],
    path: Path,
    exclude: list[str],
    iterations: int,
    punct: float = 0.0,
    punct_fields: list[str] | None = None,
    acronyms: bool = True,
) -> float:
    """Train a citation model on ``records`` (plus a quote variant of each quoted title, and
    for a ``punct`` share of the records a variant with some punctuation dropped,
    :func:`refparse_train_data.punct_variant`; with ``acronyms``, for each record
    opened by a body, a variant naming its acronym, :func:`refparse_train_data.acronym_variant`);
    returns the seconds it took."""
    t0 = time.perf_counter()
    rng = random.Random(SEED)
    drop = random.Random(SEED + 1)
    trainer = pycrfsuite.Trainer(verbose=False)
    for rec in records:
        tokens, labels = sequence(rec)
        if not tokens:
            continue
        trainer.append(sequence_features(tokens, exclude), labels)
        variant = quote_variant(tokens, labels, rng)
        if variant:
            trainer.append(sequence_features(variant, exclude), labels)
        named = acronym_variant(tokens, labels) if acronyms else None
        if named:
            trainer.append(sequence_features(named[0], exclude), named[1])
        if punct and drop.random() < punct:
            fewer = punct_variant(tokens, labels, drop, punct_fields)
            if fewer:
                trainer.append(sequence_features(fewer, exclude), labels)
    trainer.set_params({**PARAMS, "max_iterations": iterations})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return time.perf_counter() - t0


def train_types(records: list[dict], path: Path) -> None:
    """Train the type model on the records that know their type."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, csl_type in type_examples(records):
        trainer.append([feats], [csl_type])
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 200})
    trainer.train(str(path))


def blocks(n: int, folds: int) -> list[int]:
    """The fold of each of ``n`` records: contiguous blocks."""
    return [i * folds // n for i in range(n)]


def cross_validate(gold: list[dict], base: list[dict], args: argparse.Namespace) -> dict:
    """Held-out parses of every gold record, scored; writes predictions and figures."""
    fold_of = blocks(len(gold), args.folds)
    preds: list[dict] = [{} for _ in gold]
    type_model = args.work / "cv_types.crfsuite"
    train_types(base, type_model)
    for k in range(args.folds):
        model = args.work / f"cv_fold{k}.crfsuite"
        train = base + [g for g, f in zip(gold, fold_of, strict=True) if f != k]
        secs = train_crf(
            train, model, [], args.iterations, args.punct, args.punct_fields, args.acronyms
        )
        parser = ReferenceParser(model, type_model)
        for i, rec in enumerate(gold):
            if fold_of[i] == k:
                preds[i] = {"id": rec["id"], "fields": parser.parse(rec["raw"])}
        print(f"fold {k}: {len(train)} sequences, {secs:.0f} s", file=sys.stderr)
    path = args.work / "refparse_cv_pred.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return score_file(BENCH / "anystyle_gold.jsonl", path)


def _merged(changes: list[dict]) -> dict:
    """Several ablation rows at once (their excluded feature groups joined)."""
    out: dict = {}
    for change in changes:
        out = {**out, **change, "exclude": [*out.get("exclude", []), *change.get("exclude", [])]}
    return out


def ablation(gold: list[dict], args: argparse.Namespace) -> dict:
    """One model per component left out (block 0 of gold held out), and one with all."""
    fold_of = blocks(len(gold), args.folds)
    block0 = [g for g, f in zip(gold, fold_of, strict=True) if f == 0]
    rest = [g for g, f in zip(gold, fold_of, strict=True) if f != 0]
    held = held_out_texts()
    type_model = args.work / "cv_types.crfsuite"
    results = {}
    rows = {k: v for k, v in ABLATIONS.items() if not args.rows or k in args.rows}
    for combo in [r for r in args.rows or [] if "+" in r]:
        rows[combo] = _merged([ABLATIONS[k.strip()] for k in combo.split("+")])
    for name, change in {"(all components)": {}, **rows}.items():
        opts = {
            "n_grobid": args.grobid,
            "n_synth": args.synth,
            "n_notes": args.notes,
            "n_reports": args.reports,
            "exact_held_out": args.exact_held_out,
            **change,
        }
        exclude = [*opts.pop("exclude", []), *args.exclude]
        base = training_records(seed=args.seed, held_out=held, **opts)
        if not type_model.exists():
            train_types(base, type_model)
        model = args.work / f"ablation_{len(results)}.crfsuite"
        secs = train_crf(
            base + rest,
            model,
            exclude,
            args.iterations,
            args.punct,
            args.punct_fields,
            args.acronyms,
        )
        parser = ReferenceParser(model, type_model, exclude=exclude)
        results[name] = score_sets(parser, block0)
        results[name]["train_seconds"] = round(secs)
        print(f"{name}: {results[name]}", file=sys.stderr)
    return results


def main() -> int:
    """Cross-validate, train the shipped models, or run the ablation."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--grobid", type=int, default=3000, help="GROBID records used")
    ap.add_argument("--synth", type=int, default=12000, help="synthetic records used")
    ap.add_argument("--notes", type=int, default=4000, help="synthetic footnotes used")
    ap.add_argument("--links", type=int, default=300, help="link-only references used")
    ap.add_argument(
        "--reports",
        type=int,
        default=0,
        help="renderings of agency reports added (refparse_synth.py --reports)",
    )
    ap.add_argument(
        "--punct",
        type=float,
        default=0.0,
        help="share of records also given with punctuation dropped",
    )
    ap.add_argument(
        "--punct-fields", nargs="*", help="drop punctuation only at the ends of these fields"
    )
    ap.add_argument(
        "--no-acronyms",
        dest="acronyms",
        action="store_false",
        help="leave out the variants of body-authored records with the body's acronym",
    )
    ap.add_argument(
        "--exact-held-out",
        action="store_true",
        help="leave out only training texts equal to a held-out text (the older recipe)",
    )
    ap.add_argument("--exclude", nargs="*", default=[], help="feature groups left out of every row")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the training samples")
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--no-cv", action="store_true", help="only train the shipped models")
    ap.add_argument("--cv-only", action="store_true", help="do not write the shipped models")
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument(
        "--rows", nargs="*", help="ablation rows to run (default: all; 'A+B': both left out)"
    )
    ap.add_argument("--out", type=Path, default=OUT / "refparse_ablation.json")
    ap.add_argument("--work", type=Path, default=OUT / "refparse_work")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    gold = load(BENCH / "anystyle_gold.jsonl")
    if args.ablation:
        result = ablation(gold, args)
        args.out.write_text(json.dumps(result, indent=1) + "\n")
        return 0
    held = held_out_texts()
    base = training_records(
        n_grobid=args.grobid,
        n_synth=args.synth,
        n_notes=args.notes,
        n_links=args.links,
        n_reports=args.reports,
        seed=args.seed,
        held_out=held,
        exact_held_out=args.exact_held_out,
    )
    if not args.no_cv:
        result = cross_validate(gold, base, args)
        (OUT / "refparse_cv.json").write_text(json.dumps(result, indent=1) + "\n")
        print(f"gold cross-validated micro-F1 {result['micro_f1']:.3f}", file=sys.stderr)
    if args.cv_only:
        return 0
    train_types(base, DATA / "refparse_type.crfsuite")
    secs = train_crf(
        base + gold,
        DATA / "refparse.crfsuite",
        [],
        args.iterations,
        args.punct,
        args.punct_fields,
        args.acronyms,
    )
    size = (DATA / "refparse.crfsuite").stat().st_size / 1e6
    print(f"shipped model: {len(base) + len(gold)} sequences, {secs:.0f} s, {size:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
