"""Benchmark: notes and reference lists of documents litreview was not developed on.

Reads ``benchmarks/documents_extra`` (real GAO and CRS reports of layouts the development
set of :mod:`bench_documents` does not have; gold in ``gold.yaml``, sources in
``SOURCES.md``) and prints the columns of :mod:`bench_documents` for each document:
recall and precision of notes and of reference-list entries, works per note right (over the
gold's sample of notes), in-text citations linked right (the journal article's, from its
publisher's XML), and silently dropped notes citing works and citations.

    python3 benchmarks/bench_documents_extra.py [--show-wrong] [--off WEIGHT,...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_documents import HEADER, _ratio, switch_args
from documents_score import Score, _score_citations, _score_entries, _wanted

from litreview.extract.document import DocumentScan, scan_text
from litreview.formats.documents import read_document

EXTRA = Path(__file__).resolve().parent / "documents_extra"


def load_extra() -> list[dict[str, Any]]:
    """The documents and their gold."""
    return list(yaml.safe_load((EXTRA / "gold.yaml").read_text(encoding="utf-8"))["documents"])


def citation_links(doc: dict[str, Any]) -> list[tuple[str, list[int]]]:
    """The gold in-text citations of a journal article (the publisher's XML spans): their
    text and the entries (1-based, in list order) each cites."""
    data = json.loads((EXTRA / doc["citations"]).read_text(encoding="utf-8"))
    order = {r["id"]: k for k, r in enumerate(data["refs"], start=1)}
    return [(c["text"], _wanted(c, order)) for c in data["cites"]]


def found_notes(scan: DocumentScan) -> dict[tuple[int, int], int]:
    """``(run, number) -> works`` of the notes the scan found, runs counted where numbers drop
    (as the gold counts them)."""
    count: dict[int, set[str]] = {}
    for r in scan.rows:
        if r.kind not in ("note", "xref"):
            count.setdefault(r.footnote, set()).add(f"{r.target}" if r.target else r.raw)
    out: dict[tuple[int, int], int] = {}
    run, previous = 0, 0
    for k, f in enumerate(scan.notes.footnotes, 1):
        if f.number <= previous:
            run += 1
        previous = f.number
        out[(run, f.number)] = len(count.get(k, ()))
    return out


def score_extra(doc: dict[str, Any], scan: DocumentScan) -> tuple[Score, int]:
    """The counts of one document, and the number of notes whose works the gold gives."""
    s = Score()
    found = found_notes(scan)
    works = {tuple(map(int, k.split(":"))): v for k, v in doc.get("works", {}).items()}
    gold = [(r, n) for r, size in enumerate(doc["note_runs"]) for n in range(1, size + 1)]
    s.gold_notes, s.pred_notes = len(gold), len(found)
    for key in gold:
        if key not in found:
            s.dropped += works.get(key, 1) > 0
            s.wrong.append(f"{doc['doc_id']} note {key[0]}:{key[1]} not found")
            continue
        s.hit_notes += 1
        if key in works and found[key] != works[key]:
            got, want = found[key], works[key]
            s.wrong.append(f"{doc['doc_id']} note {key[0]}:{key[1]} works {got} != {want}")
        elif key in works:
            s.works_right += 1
    for key in sorted(set(found) - set(gold)):
        s.wrong.append(f"{doc['doc_id']} note {key[0]}:{key[1]} is not a note")
    entries = [{"raw": raw} for raw in doc.get("reference_list", [])]
    entry_map = _score_entries(s, entries, scan)
    if doc.get("citations"):
        _score_citations(s, citation_links(doc), scan, entry_map, doc["doc_id"])
    got = {" ".join(e.raw.split()) for e in scan.entries}
    for e in entries:
        if not any(g.startswith(" ".join(e["raw"].split())[:40]) for g in got):
            s.wrong.append(f"{doc['doc_id']} entry not found: {e['raw'][:70]!r}")
    return s, sum(1 for k in works if k in set(gold))


def row(name: str, s: Score, sampled: int) -> str:
    """One table row; works per note is over the sampled notes."""
    return (
        f"| {name} | {_ratio(s.hit_notes, s.gold_notes)} | {_ratio(s.hit_notes, s.pred_notes)} "
        f"| {_ratio(s.hit_entries, s.gold_entries)} | {_ratio(s.hit_entries, s.pred_entries)} "
        f"| {_ratio(s.works_right, sampled)} | {_ratio(s.linked_right, s.gold_cites)} "
        f"| {s.dropped} |"
    )


def main() -> None:
    """Scan, score, print."""
    args = switch_args(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    total, total_sampled, wrong = Score(), 0, []
    print(HEADER.format("document / format"))
    for doc in load_extra():
        path = EXTRA / doc["file"]
        scan = scan_text(read_document(path), str(path))
        s, sampled = score_extra(doc, scan)
        print(row(f"{doc['doc_id']} / {path.suffix[1:]}", s, sampled))
        total.add(s)
        total_sampled += sampled
        wrong += s.wrong
    print(row("all", total, total_sampled))
    if args.show_wrong:
        print()
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
