"""Real records dressed as the grey literature that notes cite, for ``refparse_synth.py --grey``.

Reports, web pages, news and other grey works are cited in notes with details the public
records seldom carry: a body as author (often a unit of a larger one, ``Department of X,
Office of Y``, or its initials), a report number and series, a full date, a place. Each
record keeps its own title, type and other fields; :func:`grey_variant` adds such details,
drawn from the real records and labelled sets (bodies' names) or made in the shapes report
numbers take (initials, year and serial; a letter and a serial; ``No. 13``). pandoc renders
the result like any other record, so every field's label still comes from the rendering.
"""

from __future__ import annotations

import json
import random
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.extract.gazetteer import word_tags

DATA = Path(__file__).resolve().parent / "refparse_data"
GREY_TYPES = {
    "report": 8.0,
    "webpage": 4.0,
    "document": 4.0,
    "dataset": 2.0,
    "article-newspaper": 4.0,
    "article-magazine": 2.0,
    "post-weblog": 2.0,
    "book": 1.0,
    "manuscript": 1.0,
    "speech": 2.0,
}
"""Record types dressed, with the weight each is drawn with."""
_SMALL = {"of", "and", "for", "the", "on", "in", "&", "de", "du", "des", "la", "für", "y"}
_GENRES = ("Report", "Working Paper", "Technical Report", "Research Report", "Issue Brief")
_NEWS_DATE = ("article-newspaper", "article-magazine", "webpage", "post-weblog")


def _body(name: str) -> bool:
    """Whether a name is a body's (an organisation word, no publisher word, no digits)."""
    words = name.split()
    tags = [word_tags(w) for w in words]
    return (
        any("org" in t for t in tags)
        and not any("pub" in t for t in tags)
        and not any(c.isdigit() or c in ":;()" for c in name)
        and name[:1].isupper()
        and 2 <= len(words) <= 10
    )


@lru_cache(maxsize=1)
def bodies() -> tuple[str, ...]:
    """Names of bodies: publishers and corporate authors of the real records and of the
    public labelled sets used for training (``records.jsonl``, ``grobid.jsonl``,
    ``anystyle_core.jsonl``)."""
    names: set[str] = set()
    with (DATA / "records.jsonl").open(encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            lits = [a.get("literal") for a in rec.get("author", []) if isinstance(a, dict)]
            names.update(n for n in [rec.get("publisher"), *lits] if n)
    for source in ("grobid.jsonl", "anystyle_core.jsonl"):
        with (DATA / source).open(encoding="utf-8") as fh:
            for rec in map(json.loads, fh):
                names.update(t for tag, t in rec["labels"] if tag in ("publisher", "author"))
    cleaned = {" ".join(n.strip(" .,;").split()) for n in names}
    return tuple(sorted(n for n in cleaned if _body(n)))


def initials(name: str) -> str:
    """A body's initials (``Government Accountability Office`` -> ``GAO``)."""
    return "".join(w[0] for w in name.replace(",", " ").split() if w.lower() not in _SMALL)


def _author(rec: dict, rng: random.Random) -> list[dict]:
    """A body as author: the record's publisher or a known body, sometimes a unit of
    another one (``Body, Unit``), sometimes by its initials."""
    pool = bodies()
    name = rec.get("publisher") if rec.get("publisher") and _body(rec["publisher"]) else None
    name = name or rng.choice(pool)
    roll = rng.random()
    if roll < 0.35:
        name = f"{name}, {rng.choice(pool)}"
    elif roll < 0.55 and len(initials(name)) >= 2:
        name = initials(name)
    return [{"literal": name}]


def _number(author: str, year: int, rng: random.Random) -> str:
    """A report number in one of the shapes they take."""
    letters = initials(author)[:5] or "R"
    serial = str(rng.randint(10, 999_999))
    shapes = (
        f"{letters}-{year % 100:02d}-{serial}",
        f"{letters[0]}{rng.randint(10_000, 99_999)}",
        f"{rng.randint(1, 999)}",
        f"{rng.randint(1, 999)}-{rng.randint(1, 99)}",
        f"{letters} {year}/{rng.randint(1, 99)}",
    )
    return rng.choice(shapes)


def _date(rec: dict, rng: random.Random) -> None:
    """A month, and often a day, for a record dated by its year only."""
    parts = (rec.get("issued") or {}).get("date-parts") or []
    if parts and len(parts[0]) == 1 and parts[0][0]:
        day = [rng.randint(1, 28)] if rng.random() < 0.6 else []
        rec["issued"] = {"date-parts": [[int(parts[0][0]), rng.randint(1, 12), *day]]}


def grey_variant(record: dict, rng: random.Random) -> dict:
    """The record with the details grey works carry in notes (see the module doc)."""
    rec = dict(record)
    corporate = rec["type"] not in _NEWS_DATE[:2] and rng.random() < 0.7
    if corporate:
        rec["author"] = _author(rec, rng)
        if rng.random() < 0.5:
            rec.pop("publisher", None)
    if rec["type"] == "report" and not rec.get("number") and rng.random() < 0.7:
        author = (rec.get("author") or [{}])[0].get("literal") or rng.choice(bodies())
        year = ((rec.get("issued") or {}).get("date-parts") or [[2000]])[0][0]
        rec["number"] = _number(author, int(year or 2000), rng)
        if rng.random() < 0.4:
            rec["genre"] = rng.choice(_GENRES)
    if rec["type"] in _NEWS_DATE or rng.random() < 0.6:
        _date(rec, rng)
    return rec
