"""Benchmark: notes in citation styles litreview had not been tried on.

Reads ``benchmarks/documents_styles`` (a CRS legal report in Bluebook footnotes, a history
with Chicago notes restarting in each chapter; gold in ``gold.yaml``, sources in
``SOURCES.md``) and prints the columns of :mod:`bench_documents_extra`, and back-references
resolved right: of the sampled notes whose citation points back (``Id.``, ``supra note 12``,
a short form), those whose back-reference, followed to the end of its chain, lands on a note
holding the full citation of that work.

    python3 benchmarks/bench_documents_styles.py [--show-wrong] [--off WEIGHT,...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_documents import _ratio, switch_args
from bench_documents_extra import row, score_extra
from documents_score import Score

from litreview.extract.document import DocumentScan, scan_text
from litreview.formats.documents import read_document

STYLES = Path(__file__).resolve().parent / "documents_styles"
HEADER = (
    "| {} | notes R | notes P | entries R | entries P | works/note | cites linked | dropped "
    "| backrefs |\n|---|---|---|---|---|---|---|---|---|"
)


def load_styles() -> list[dict[str, Any]]:
    """The documents and their gold."""
    return list(yaml.safe_load((STYLES / "gold.yaml").read_text(encoding="utf-8"))["documents"])


def note_keys(scan: DocumentScan) -> list[tuple[int, int]]:
    """``(run, number)`` of each note in reading order, runs counted where numbers drop."""
    out, run, previous = [], 0, 0
    for f in scan.notes.footnotes:
        if f.number <= previous:
            run += 1
        previous = f.number
        out.append((run, f.number))
    return out


def _key(text: str) -> tuple[int, int]:
    """``"run:number"`` as a tuple."""
    run, number = str(text).split(":")
    return int(run), int(number)


def resolved_notes(scan: DocumentScan) -> dict[tuple[int, int], set[tuple[int, int]]]:
    """For each note, the notes its back-references finally point at."""
    keys = note_keys(scan)
    index = {(r.footnote, r.position): r for r in scan.rows}
    out: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for r in scan.rows:
        target, seen = r.target, set()
        while target in index and index[target].target and target not in seen:
            seen.add(target)
            target = index[target].target
        if target and 0 < target[0] <= len(keys):
            out.setdefault(keys[r.footnote - 1], set()).add(keys[target[0] - 1])
    return out


def score_backrefs(doc: dict[str, Any], scan: DocumentScan) -> tuple[int, int, list[str]]:
    """Back-references right, their number, and what is wrong."""
    got = resolved_notes(scan)
    right, wrong = 0, []
    gold = doc.get("backrefs", {})
    for note, want in gold.items():
        key, ok = _key(note), {_key(w) for w in want}
        if got.get(key, set()) & ok:
            right += 1
        else:
            found = sorted(got.get(key, set()))
            wrong.append(f"{doc['doc_id']} note {note} points at {found}, not one of {want}")
    return right, len(gold), wrong


def main() -> None:
    """Scan, score, print."""
    args = switch_args(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    total, total_sampled, wrong = Score(), 0, []
    back_right = back_all = 0
    print(HEADER.format("document / format"))
    for doc in load_styles():
        path = STYLES / doc["file"]
        scan = scan_text(read_document(path), str(path))
        s, sampled = score_extra(doc, scan)
        right, n, missed = score_backrefs(doc, scan)
        name = f"{doc['doc_id']} / {path.suffix[1:]}"
        print(f"{row(name, s, sampled)} {_ratio(right, n)} |")
        total.add(s)
        total_sampled += sampled
        back_right, back_all = back_right + right, back_all + n
        wrong += s.wrong + missed
    print(f"{row('all', total, total_sampled)} {_ratio(back_right, back_all)} |")
    if args.show_wrong:
        print()
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
