"""Benchmark: ingest a synthetic 500-page report (time and peak memory).

The report is built from the seed documents' own paragraphs and footnotes: each page has a few
body paragraphs whose sentences carry superscript markers, then the page's footnote block
(renumbered from 1 to N over the whole report), with a heading every ten pages, an Ibid.
now and then, and one footnote per page running over the page break.

    python3 benchmarks/bench_ingest.py [--pages 500] [--seeds ../shared/seeds] [--no-parse]
                                       [--unique]

Seed footnotes repeat many times in the synthetic text and a reference string already parsed
in a document is not parsed again, so by default the parser runs about a hundred times;
``--unique`` gives every footnote its own page number, so every one is parsed and deduplicated.

Prints the size of the text, the number of footnotes and citation rows, the time of the
footnote scan alone and of the whole ingest (parsing and deduplication included), and the
peak Python memory (tracemalloc) of the whole ingest.
"""

from __future__ import annotations

import argparse
import random
import re
import time
import tracemalloc
from pathlib import Path
from typing import Any

from litreview.corpus.ingest import Source, ingest
from litreview.extract.footnotes import find_footnotes
from litreview.formats.documents import read_document

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MARK = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def seed_material(seeds: Path) -> tuple[list[str], list[str]]:
    """Body paragraphs (markers removed) and footnote texts of the seed documents."""
    paragraphs, notes = [], []
    for path in sorted(seeds.glob("*.txt")):
        text = read_document(path)
        scan = find_footnotes(text, str(path))
        notes += [f.text for f in scan.footnotes if not f.text.lower().startswith("ibid")]
        for line in text.splitlines():
            if len(line) > 300 and not _MARK.match(line):
                paragraphs.append(_MARK.sub("", line))
    return paragraphs, notes


def synthetic_report(
    pages: int, paragraphs: list[str], notes: list[str], seed: int = 7, unique: bool = False
) -> str:
    """A report text of ``pages`` pages in the seeds' layout."""
    rng = random.Random(seed)
    out = ["Synthetic Report on Seed Material", "", "Submitted: 01/01/24", ""]
    number = 0
    for page in range(pages):
        if page % 10 == 0:
            out += [f"Section {page // 10 + 1} of the report", ""]
        block = []
        for _ in range(3):
            sentences = re.split(r"(?<=\.)\s+", rng.choice(paragraphs))
            for i in range(0, len(sentences), 2):
                number += 1
                sentences[i] = sentences[i] + str(number).translate(_SUP)
                block.append(_note(rng, notes, number, unique))
            out += [" ".join(sentences), ""]
        for n, text in block:
            out += [f"{str(n).translate(_SUP)} {text}", ""]
    return "\n".join(out) + "\n"


def _note(rng: random.Random, notes: list[str], number: int, unique: bool) -> tuple[int, str]:
    """A footnote: mostly seed footnotes (made unique with a page: ``--unique``), some Ibid."""
    if rng.random() < 0.1:
        return number, "Ibid."
    text = rng.choice(notes)
    return number, f"{text.rstrip('.')}, p. {number}." if unique else text


def _fast_parse(raw: str) -> dict[str, Any]:
    """A stand-in parser (``--no-parse``): measures everything but the reference parser."""
    return {"type": "document", "title": raw[:80]}


def main() -> None:
    """Build the report, ingest it, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500)
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    ap.add_argument("--seeds", default=str(seeds))
    ap.add_argument("--no-parse", action="store_true", help="use a stand-in reference parser")
    ap.add_argument(
        "--unique",
        action="store_true",
        help="make every footnote's text unique, so every reference is parsed",
    )
    args = ap.parse_args()
    paragraphs, notes = seed_material(Path(args.seeds))
    text = synthetic_report(args.pages, paragraphs, notes, unique=args.unique)
    t0 = time.perf_counter()
    scan = find_footnotes(text, "synthetic")
    t_scan = time.perf_counter() - t0
    kwargs: dict[str, Any] = {"parse": _fast_parse} if args.no_parse else {}
    sources = [Source(doc_id="synthetic", path="synthetic.txt", text=text)]
    t0, c0 = time.perf_counter(), time.process_time()
    result = ingest(sources, **kwargs)
    t_ingest, c_ingest = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()  # a second run, traced: tracemalloc slows Python down
    ingest(sources, **kwargs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"pages: {args.pages}  text: {len(text) / 1e6:.2f} M chars  "
        f"footnotes: {len(scan.footnotes)}  problems: {len(scan.problems)}"
    )
    print(f"footnote scan: {t_scan:.2f} s ({len(text) / 1e6 / t_scan:.1f} M chars/s)")
    print(
        f"ingest ({'stand-in parser' if args.no_parse else 'reference parser'}): "
        f"{t_ingest:.2f} s wall, {c_ingest:.2f} s CPU  ({len(scan.footnotes) / t_ingest:.0f} "
        f"footnotes/s)  citation rows: {len(result.citations)}  works: {len(result.works)}"
    )
    print(f"peak memory (tracemalloc): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
