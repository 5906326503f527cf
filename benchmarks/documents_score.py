"""Scoring of one document's scan against the hand-made gold of ``shared/benchmarks/documents``.

Notes are matched by (numbering run, number): a run starts where numbers drop (chapters,
appendices), in the gold as in the scan. Reference-list entries are matched by their text
(whitespace and case folded, fuzzy at 90 so a renderer's changed quotes or dashes still
match). In-text citations are matched by their text in reading order (offsets differ between
formats), and a citation is linked right when the set of entries it links to is the gold's.
A citation is *silently dropped* when the gold has it and the scan neither found it nor
reported it; a note citing works is dropped when the scan did not find it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from litreview.extract.document import DocumentScan

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "documents"


@dataclass
class Score:
    """Counts for one document in one format (summed over documents for the tables)."""

    gold_notes: int = 0
    pred_notes: int = 0
    hit_notes: int = 0
    works_right: int = 0
    gold_entries: int = 0
    pred_entries: int = 0
    hit_entries: int = 0
    gold_cites: int = 0
    found_cites: int = 0
    linked_right: int = 0
    dropped: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add ``other``'s counts to these."""
        for name in self.__dataclass_fields__:
            if name != "wrong":
                setattr(self, name, getattr(self, name) + getattr(other, name))


def load_gold() -> list[dict[str, Any]]:
    """The gold documents, each with its citation links (``links``: gold entry indices per
    in-text citation, in order) where the publisher's XML gave them."""
    docs = json.loads((GOLD_DIR / "gold.json").read_text(encoding="utf-8"))["documents"]
    for doc in docs:
        stem = Path(doc["file"]).stem
        path = GOLD_DIR / "annotations" / "citations" / f"{stem}.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            order = {r["id"]: k for k, r in enumerate(data["refs"], start=1)}
            doc["links"] = [(c["text"], _wanted(c, order)) for c in data["cites"]]
    return docs


def _wanted(cite: dict[str, Any], order: dict[str, int]) -> list[int]:
    """The gold entries of a citation: its ids, and every number inside a written range (the
    publisher's XML names only a range's ends: ``[31–39]`` cites 31 to 39)."""
    got = {order[r] for r in cite["rids"] if r in order}
    for a, b in re.findall(r"(\d+)\]?\s*[–-]\s*\[?(\d+)", cite["text"]):
        if int(a) in got and int(b) in got:
            got.update(range(int(a), int(b) + 1))
    return sorted(got)


def gold_note_keys(doc: dict[str, Any]) -> list[tuple[int, int, int]]:
    """``(run, number, n_works)`` of every gold note, runs counted where numbers drop."""
    out, run, previous = [], 0, 0
    for f in doc.get("footnotes", []):
        if f["number"] <= previous:
            run += 1
        previous = f["number"]
        out.append((run, f["number"], f["n_works"]))
    return out


def works_per_note(scan: DocumentScan) -> list[tuple[int, int, int]]:
    """``(run, number, works)`` of every note the scan found."""
    count: dict[int, set[str]] = {}
    for r in scan.rows:
        if r.kind not in ("note", "xref"):
            count.setdefault(r.footnote, set()).add(f"{r.target}" if r.target else r.raw)
    return [(f.run, f.number, len(count.get(k, ()))) for k, f in enumerate(scan.notes.footnotes, 1)]


def score(doc: dict[str, Any], scan: DocumentScan, *, renumbered: bool = False) -> Score:
    """The counts of one document's scan against its gold. ``renumbered``: the document was
    rendered with notes numbered 1, 2, ... through the whole text (as Word and LaTeX number
    footnotes), so gold notes are keyed by their order."""
    s = Score()
    gold = gold_note_keys(doc)
    if renumbered:
        gold = [(0, k, w) for k, (_, _, w) in enumerate(gold, start=1)]
    _score_notes(s, gold, works_per_note(scan), doc["doc_id"])
    entry_map = _score_entries(s, doc.get("reference_list", []), scan)
    if "links" in doc:
        _score_citations(s, doc["links"], scan, entry_map, doc["doc_id"])
    return s


def _score_notes(
    s: Score, gold: list[tuple[int, int, int]], pred: list[tuple[int, int, int]], doc_id: str
) -> None:
    """Notes found and works per note."""
    found = {(r, n): w for r, n, w in pred}
    s.gold_notes += len(gold)
    s.pred_notes += len(pred)
    for run, number, works in gold:
        if (run, number) not in found:
            s.dropped += works > 0
            s.wrong.append(f"{doc_id} note {run}:{number} not found")
            continue
        s.hit_notes += 1
        if found[(run, number)] == works:
            s.works_right += 1
        else:
            s.wrong.append(f"{doc_id} note {run}:{number} works {found[(run, number)]} != {works}")


def _fold(s: str) -> str:
    """Text as entries are compared: letters and digits, lower case, single spaces."""
    return " ".join(re.findall(r"\w+", s.lower()))


def _score_entries(s: Score, gold: list[dict[str, Any]], scan: DocumentScan) -> dict[int, int]:
    """Reference-list entries found; returns scan entry index -> gold entry index."""
    s.gold_entries += len(gold)
    s.pred_entries += len(scan.entries)
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for e in scan.entries:
        got = _fold(e.raw)
        for k, g in enumerate(gold, start=1):
            want = _fold(g["raw"].split(" || ")[0])
            if k not in used and (got.startswith(want) or fuzz.ratio(got, _fold(g["raw"])) >= 90):
                mapping[e.index] = k
                used.add(k)
                break
    s.hit_entries += len(used)
    return mapping


_WINDOW = 12


def _overlaps(gold: str, pred: str) -> bool:
    """Whether one citation's text holds the other's (a parenthesis with a figure call, a
    group the publisher split)."""
    return bool(gold and pred) and (gold in pred or pred in gold)


def _score_citations(
    s: Score,
    links: list[tuple[str, list[int]]],
    scan: DocumentScan,
    entry_map: dict[int, int],
    doc_id: str,
) -> None:
    """In-text citations found (by text, in order) and linked to the right entries."""
    pred = list(scan.citations)
    k = 0
    s.gold_cites += len(links)
    for text, want in links:
        window = range(k, min(k + _WINDOW, len(pred)))
        gold_text = _fold(text)
        j = next((i for i in window if _overlaps(gold_text, _fold(pred[i].text))), None)
        if j is None:
            s.dropped += 1
            s.wrong.append(f"{doc_id} citation {text!r} not found")
            continue
        group = [pred[j]]
        while (
            j + 1 < len(pred)
            and _fold(pred[j].text) in gold_text != _fold(pred[j].text)
            and _fold(pred[j + 1].text) in gold_text
        ):
            j += 1  # the gold joins what the scan found as separate citations
            group.append(pred[j])
        k = j + 1
        s.found_cites += 1
        got = sorted(
            {entry_map.get(w.entry, -1) for c in group for w in c.works if w.entry is not None}
        )
        if got == want:
            s.linked_right += 1
        else:
            s.wrong.append(f"{doc_id} citation {text!r} linked {got} != {want}")
