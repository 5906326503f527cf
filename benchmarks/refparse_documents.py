"""The references of the shared documents, found in their text and scored field by field.

``../shared/benchmarks/documents/gold.json`` lists, per document, references with gold
``author``, ``title``, ``year`` and ``container`` and a ``raw_hint`` (a piece of the
reference's text). The reference string is the reference of the document's notes (found by
the ingest's own splitter, :mod:`litreview.extract.footnotes` and
:mod:`litreview.extract.citations`) or of its reference list that holds the hint; it is
cleaned as ingest cleans it (:func:`litreview.corpus.ingest_works.clean_reference`) and parsed.

Scoring (per field, as score.py does): TP when gold and parse agree after folding (case,
accents and punctuation dropped), FP+FN when both are present and differ, FN or FP when only
one is. Authors are compared as the multiset of their words ("Hawkins CH" = family Hawkins,
given CH; "and", "et al." ignored). A gold container is matched by the container title, the
series, or the report number (alone or after the genre or series: "GAO-26-107433",
"Senate Report 108-340"); only a container title counts as a predicted container.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT.parent / "shared" / "benchmarks" / "documents"
FIELDS = ("author", "title", "year", "container")


class DocRef(NamedTuple):
    """One gold reference of a document and the string found for it (``""``: not found)."""

    doc_id: str
    raw: str
    gold: dict[str, Any]


def fold(text: str | None) -> str:
    """Case, accents and punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(text or "").replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _doc_text(doc: dict) -> str:
    """The text the gold offsets index (the extracted text of a PDF)."""
    name = doc.get("offsets_text") or doc["file"]
    return (DOCS / name).read_text(encoding="utf-8")


_NOTE_START = re.compile(r"^\s*(\d{1,3})\s+\S")
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bNo)(?<!\bPub)(?<!\bStat)(?<!\bv)[.?!][”’\"]?\s+(?=[A-Z(“])"
)


def _note_of(text: str, at: int) -> str:
    """The note (footnote paragraph) holding offset ``at``, its number and line breaks gone."""
    lines = text.splitlines(keepends=True)
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line)
    k = max(i for i, s in enumerate(starts) if s <= at)
    first = k
    while first > 0 and lines[first].strip() and not _NOTE_START.match(lines[first]):
        first -= 1
    last = k + 1
    while last < len(lines) and lines[last].strip() and not _NOTE_START.match(lines[last]):
        last += 1
    note = " ".join("".join(lines[first:last]).split())
    return re.sub(r"^\d{1,3}\s+", "", note)


def _reference_in(note: str, hint: str, author: str | None, title: str | None = None) -> str:
    """The reference of a note that holds ``hint``: it starts at the gold author's first
    word before the hint (or at the start of the sentence or ``;``-part holding the hint),
    or at the gold title before that when the reference gives its title first ("“Title,”
    Agency, accessed ..."), and ends at the first ``;`` or sentence end after the hint."""
    at = fold_index(note, hint)
    ends = [m.end() for m in _SENTENCE_END.finditer(note)]
    ends += [m.end() for m in re.finditer(r";\s+", note)]
    ends = [e for e in ends if note.count("(", 0, e) <= note.count(")", 0, e)]
    start = max([e for e in ends if e <= at], default=0)
    first = (author or "").split()[:1]
    if first:
        k = note.rfind(first[0], start, at + len(first[0]))
        title_at = _title_before(note, title, start, k)
        start = title_at if title_at >= 0 else k if k >= 0 else start
    stop = min([e for e in ends if e > at + len(hint)], default=len(note))
    return note[start:stop].strip().rstrip(";").strip()


def _title_before(note: str, title: str | None, start: int, stop: int) -> int:
    """Where the first words of the gold ``title`` are in ``note[start:stop]``, with the
    quotation mark that opens them (-1: not there)."""
    words = (title or "").split()[:3]
    if not words or stop < 0:
        return -1
    m = re.search(r"\s+".join(re.escape(w) for w in words), note[start:stop])
    if m is None:
        return -1
    at = start + m.start()
    return at - 1 if at > start and note[at - 1] in "“‘\"'" else at


def fold_index(text: str, hint: str) -> int:
    """Where ``hint`` starts in ``text`` (whitespace and case ignored; 0 if nowhere)."""
    pattern = r"\s+".join(re.escape(w) for w in hint.split())
    m = re.search(pattern, text, re.I)
    return m.start() if m else 0


def _locate(text: str, hint: str, author: str | None, title: str | None = None) -> str:
    """The reference string in a document that holds ``hint`` (``""`` if it is not there)."""
    hint = re.sub(r"^\s*\d{1,3}\s+", "", hint).strip()
    pattern = r"\s+".join(re.escape(w) for w in hint.split())
    m = re.search(pattern, text)
    if not m:
        return ""
    return _reference_in(_note_of(text, m.start()), " ".join(hint.split()), author, title)


def _find(hint: str, candidates: list[str]) -> str:
    """The shortest candidate holding the hint."""
    key = fold(hint)
    hits = [c for c in candidates if key and key in fold(c)]
    return min(hits, key=len) if hits else ""


def document_references() -> list[DocRef]:
    """Every gold reference of the shared documents with the string found for it."""
    gold = json.loads((DOCS / "gold.json").read_text(encoding="utf-8"))
    out = []
    for doc in gold["documents"]:
        listed = {e["index"]: e["raw"] for e in doc.get("reference_list") or []}
        text = _doc_text(doc)
        for ref in doc.get("references") or []:
            if "ref" in ref and ref["ref"] in listed:
                raw = listed[ref["ref"]]
            else:
                hint, author, title = ref["raw_hint"], ref.get("author"), ref.get("title")
                raw = _find(hint, list(listed.values())) or _locate(text, hint, author, title)
            out.append(DocRef(doc["doc_id"], raw, ref))
    return out


def _author_words(value: Any) -> Counter[str]:
    """The words of a name list (or of a gold author string), without "and"/"et al."."""
    if isinstance(value, list):
        value = " ".join(
            " ".join(str(n.get(k, "")) for k in ("given", "family", "literal")) for n in value
        )
    return Counter(w for w in fold(value).split() if w not in {"and", "et", "al"})


def _containers(item: dict[str, Any]) -> set[str]:
    """The folded strings a gold container may match."""
    number, genre = item.get("number") or "", item.get("genre") or ""
    series = item.get("collection-title") or ""
    values = [item.get("container-title"), series, number]
    values += [f"{genre} {number}", f"{series} {number}", f"{series} no {number}"]
    return {fold(v) for v in values if v and fold(v)}


def _year(item: dict[str, Any]) -> str | None:
    """The year of an item's ``issued`` date."""
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts[0] else None


def _compare(field: str, gold: Any, item: dict[str, Any]) -> tuple[bool, bool]:
    """``(predicted present, right)`` of one field."""
    if field == "author":
        pred = item.get("author") or []
        return bool(pred), bool(gold) and _author_words(pred) == _author_words(gold)
    if field == "title":
        return bool(item.get("title")), fold(item.get("title")) == fold(gold)
    if field == "year":
        return bool(_year(item)), _year(item) == str(gold)[:4]
    return bool(item.get("container-title")), fold(gold) in _containers(item)


def score(refs: list[DocRef], parse: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """Per-field counts, precision, recall, F1 and accuracy over the gold references."""
    from litreview.corpus.ingest_works import clean_reference

    counts = {f: Counter() for f in FIELDS}
    for ref in refs:
        item = parse(clean_reference(ref.raw)) if ref.raw else {}
        for field in FIELDS:
            gold = ref.gold.get(field)
            present, right = _compare(field, gold, item)
            c = counts[field]
            c["n"] += 1
            c["ok"] += right or (not gold and not present)
            c["tp"] += bool(gold) and right
            c["fn"] += bool(gold) and not right
            c["fp"] += present and not (gold and right)
    result: dict[str, Any] = {"n": len(refs), "found": sum(bool(r.raw) for r in refs)}
    for field, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        result[field] = {**c, "precision": p, "recall": r, "f1": f1, "accuracy": c["ok"] / c["n"]}
    return result


class Miss(NamedTuple):
    """One field of one gold reference the parse got wrong (a wrong, missing or extra value)."""

    ref: DocRef
    field: str
    gold: Any
    item: dict[str, Any]


def misses(
    refs: list[DocRef], parse: Callable[[str], dict[str, Any]], fields: tuple[str, ...] = FIELDS
) -> list[Miss]:
    """Every field of ``fields`` that :func:`score` counts as a false negative or a false
    positive, in the order of the references."""
    from litreview.corpus.ingest_works import clean_reference

    out = []
    for ref in refs:
        item = parse(clean_reference(ref.raw)) if ref.raw else {}
        for field in fields:
            gold = ref.gold.get(field)
            present, right = _compare(field, gold, item)
            if (gold and not right) or (present and not (gold and right)):
                out.append(Miss(ref, field, gold, item))
    return out
