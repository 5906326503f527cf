"""Benchmark the shipped reference parser: accuracy on every held-out set, speed, size.

    python3 benchmarks/bench_refparse.py [--n 10000] [--runs 3] [--ablation]
    python3 benchmarks/bench_refparse.py --misses title container

1. Gold, cross-validated: the figures ``train_refparse.py`` wrote to
   ``benchmarks/out/refparse_cv.json`` (each gold block parsed by a model trained
   without it); the shipped model has seen all of gold, so it is not scored on it here.
2. Grey (``anystyle_grey.jsonl``, never trained on), real journal references
   (``refparse_data/plos_mixed.jsonl``, from publishers' markup: ``make_jats_refs.py``; never
   trained on; the fields the markup tags), the yearly reports of bodies
   (``refparse_data/yearly_reports.jsonl``, ``YEARLY_REPORTS.md``; never trained on) and the
   synthetic held-out set
   (``refparse_data/synth_heldout.jsonl``: styles and records never trained on), scored by
   the benchmark's score.py, per field; for the synthetic set also the micro-F1 with a
   link pandoc put inside a rendered title scored as a link (``refparse_spans.unlink``).
3. The references of the shared documents (``refparse_documents.py``): author, title,
   year and container, per field.
4. Speed: ``--n`` reference strings (gold and grey, cycled) parsed ``--runs`` times; the
   best and the median references per CPU second (and the best per wall-clock second);
   the model files' sizes.
5. ``--ablation``: the table ``train_refparse.py --ablation`` wrote (each component of
   the model left out in turn), then the components after the model switched off here:
   the type model (against the plain field guess), the genre's say over the type
   (``genre_types.tsv``), the journal titles' say (``journals.txt``), Markdown handling
   and the "cited in" split (on the documents' references).
6. ``--misses FIELD ...``: only the documents' references whose field the parser gets
   wrong, with the text it read, the gold value and the labelled segments;
   ``--grey-misses FIELD ...`` the same for the grey set (score.py's field names), with
   grey's own labels beside the parser's segments and a count per field.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_jats_refs import SCORED as JATS_FIELDS
from refparse_documents import FIELDS, document_references, misses
from refparse_documents import score as score_documents
from refparse_scoring import record_misses, score_records
from refparse_train_data import BENCH, DATA, load

from litreview.corpus.ingest_works import clean_reference
from litreview.extract import refparse, refparse_text
from litreview.extract.refparse import ReferenceParser, parse_many

OUT = ROOT / "benchmarks" / "out"
MODELS = ROOT / "litreview" / "data"


def _parser(type_model: bool = True, genres: bool = True, journals: bool = True) -> ReferenceParser:
    """The shipped models (without the type model, the genre's say or the journal titles'
    say, if asked)."""
    types = MODELS / "refparse_type.crfsuite" if type_model else None
    return ReferenceParser(MODELS / "refparse.npz", types, genres=genres, journals=journals)


def _print_fields(result: dict[str, Any]) -> None:
    """A per-field table of score.py's figures."""
    print(f"  {'field':<16}{'P':>7}{'R':>7}{'F1':>7}")
    for field, f in result["fields"].items():
        print(f"  {field:<16}{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}")
    print(f"  micro-F1 {result['micro_f1']:.3f}")


def accuracy() -> None:
    """Gold (cross-validated), grey, synthetic held-out and the documents, per field."""
    cv = OUT / "refparse_cv.json"
    if cv.exists():
        print("gold, cross-validated (benchmarks/out/refparse_cv.json):")
        _print_fields(json.loads(cv.read_text(encoding="utf-8")))
    else:
        print("gold, cross-validated: run benchmarks/train_refparse.py first")
    parser = _parser()
    print("grey (anystyle_grey.jsonl, 297 references):")
    _print_fields(score_records(parser, load(BENCH / "anystyle_grey.jsonl")))
    synth = load(DATA / "synth_heldout.jsonl")
    print(f"synthetic held-out styles and records ({len(synth)} references):")
    _print_fields(score_records(parser, synth, synthetic=True))
    unlinked = score_records(parser, synth, synthetic=True, unlinked=True)["micro_f1"]
    print(f"  (micro-F1 {unlinked:.3f} with the links pandoc put inside titles scored as links)")
    plos = load(DATA / "plos_mixed.jsonl")
    print(f"real journal references (plos_mixed.jsonl, {len(plos)}; never trained on):")
    _print_fields(score_records(parser, plos, fields=JATS_FIELDS))
    yearly = load(DATA / "yearly_reports.jsonl")
    print(f"yearly reports by bodies (yearly_reports.jsonl, {len(yearly)}; never trained on):")
    _print_fields(score_records(parser, yearly))
    documents(parser)


def documents(parser: ReferenceParser) -> None:
    """The shared documents' references, per field."""
    refs = document_references()
    result = score_documents(refs, parser.parse)
    print(f"documents' references ({result['n']}, {result['found']} found in the text):")
    print(f"  {'field':<12}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}")
    for field in FIELDS:
        f = result[field]
        print(
            f"  {field:<12}{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}"
            f"{f['accuracy']:>7.3f}"
        )


def print_misses(fields: list[str]) -> None:
    """The documents' references whose ``fields`` the parser gets wrong: the text it read,
    the gold value, and the labelled segments."""
    parser = _parser()
    for miss in misses(document_references(), parser.parse, tuple(fields)):
        found = parser.detailed(clean_reference(miss.ref.raw))
        print(f"{miss.ref.doc_id} {miss.field}: gold {miss.gold!r}")
        print(f"  text: {found.text}")
        print("  segments: " + " | ".join(f"{s.label}: {s.text}" for s in found.segments))


def print_grey_misses(fields: list[str]) -> None:
    """The grey references whose ``fields`` the parser gets wrong: gold and parsed value,
    grey's labels and the parser's segments; then the count of misses per field."""
    parser = _parser()
    found = record_misses(parser.parse, load(BENCH / "anystyle_grey.jsonl"), tuple(fields))
    for miss in found:
        segments = parser.detailed(miss.record["raw"]).segments
        print(f"{miss.record['id']} {miss.field}: gold {miss.gold!r}, parsed {miss.parsed!r}")
        print("  grey:   " + " | ".join(f"{tag}: {text}" for tag, text in miss.record["labels"]))
        print("  parser: " + " | ".join(f"{s.label}: {s.text}" for s in segments))
    for field in fields:
        print(f"{field}: {sum(m.field == field for m in found)} misses")


def speed(n: int, runs: int) -> None:
    """References per second of ``parse_many`` in CPU time (best and median of ``runs``;
    other processes on a shared machine slow the wall clock, less the CPU time), the wall
    clock's best, and the model sizes."""
    names = ("anystyle_gold.jsonl", "anystyle_grey.jsonl")
    raws = [r["raw"] for name in names for r in load(BENCH / name)]
    batch = list(itertools.islice(itertools.cycle(raws), n))
    parse_many(["warm-up (2000) model load."])
    cpus, walls = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        parse_many(batch)
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - t0)
    sizes = {p.name: p.stat().st_size / 1e6 for p in sorted(MODELS.glob("refparse*.crfsuite"))}
    print(
        f"speed: {n} references, {runs} runs: CPU best {n / min(cpus):,.0f} refs/s, "
        f"median {n / statistics.median(cpus):,.0f} refs/s (wall best {n / min(walls):,.0f}); "
        "models: " + ", ".join(f"{k} {v:.2f} MB" for k, v in sizes.items())
    )


def ablation() -> None:
    """The model-side ablation table (from the training script), then the components after
    the model, switched off here."""
    path = OUT / "refparse_ablation.json"
    if path.exists():
        rows = json.loads(path.read_text(encoding="utf-8"))
        cols = [c for c in next(iter(rows.values())) if c != "train_seconds"]
        print(
            "ablation, one model per row (a smaller training set, 60 iterations, gold block 0"
            " held out and scored; run before the quote/bracket state was removed):"
        )
        print(f"  {'left out':<24}" + "".join(f"{c:>14}" for c in cols))
        for name, row in rows.items():
            print(f"  {name:<24}" + "".join(f"{row[c]:>14.3f}" for c in cols))
    else:
        print("model ablation: run benchmarks/train_refparse.py --ablation first")
    grey, synth = load(BENCH / "anystyle_grey.jsonl"), load(DATA / "synth_heldout.jsonl")
    parsers = (
        ("type model", _parser()),
        ("field guess", _parser(False)),
        ("type model, genre no say", _parser(genres=False)),
        ("type model, journals no say", _parser(journals=False)),
    )
    for label, parser in parsers:
        g = score_records(parser, grey)["fields"]["type"]["f1"]
        s = score_records(parser, synth, synthetic=True)["fields"]["type"]["f1"]
        print(f"  type F1 with the {label:<24} grey {g:.3f}  synthetic held-out {s:.3f}")
    _switches()


def _switches() -> None:
    """The documents' references with Markdown handling and the "cited in" split off."""
    parser = _parser()
    refs = document_references()
    plain = refparse_text.preprocess
    related = refparse.split_related
    cases = {
        "all on": (plain, related),
        "Markdown handling off": (lambda raw: " ".join(raw.split()), related),
        "cited-in split off": (plain, lambda text: (text, None)),
    }
    for name, (pre, split) in cases.items():
        refparse.preprocess, refparse.split_related = pre, split  # type: ignore[assignment]
        try:
            result = score_documents(refs, parser.parse)
        finally:
            refparse.preprocess, refparse.split_related = plain, related
        cells = "  ".join(f"{f} {result[f]['f1']:.3f}" for f in FIELDS)
        print(f"  documents, {name:<22} {cells}")


def main() -> int:
    """Accuracy, speed, and the ablation table if asked."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3, help="timed runs of the speed test")
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument("--skip-accuracy", action="store_true", help="only speed (and ablation)")
    ap.add_argument(
        "--misses", nargs="+", choices=FIELDS, help="only list the documents' misses of these"
    )
    ap.add_argument("--grey-misses", nargs="+", help="only list grey's misses of these fields")
    args = ap.parse_args()
    if args.misses:
        print_misses(args.misses)
        return 0
    if args.grey_misses:
        print_grey_misses(args.grey_misses)
        return 0
    if not args.skip_accuracy:
        accuracy()
    speed(args.n, args.runs)
    if args.ablation:
        ablation()
    return 0


if __name__ == "__main__":
    sys.exit(main())
