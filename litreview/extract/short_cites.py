"""Short citations of notes pointed at the earlier note that cites their work in full.

Legal and humanities notes cite a work in full once, then by a short form keeping only
part of it: the note it was cited in (``Adkins & Sykes, supra note 34, at 23``), a case's
report (``Lohr, 518 U.S. at 493``, ``497 F. Supp. 3d at 575``) or the author's surname and
a few words of the title (``Hoffman, *Governmental Secrecy*, pp. 69–83.``). The shapes are
data (``short_citation`` in ``data/note_sources.yaml``); this module finds, for each short
citation row that nothing resolved yet, the nearest earlier full citation holding what it
keeps, and points the row at it (``target``), so that it takes that work. A short citation
whose full citation cannot be found stays a work of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import yaml

from litreview.extract.backrefs import LEADIN, Reference

__all__ = ["is_short_citation", "link_short_citations"]

#: How many earlier full citations a short title alone is looked for among (nearest
#: first): a note of thousands of short titles stays linear.
MAX_LOOK_BACK = 500
#: Longer than this, a row is a full citation, not a short one (and no pattern is tried).
MAX_SHORT_CITATION = 1000
_MIN_TITLE_WORDS_ALONE = 4
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The ``short_citation`` shapes of ``data/note_sources.yaml``, compiled once."""
    raw = resources.files("litreview").joinpath("data/note_sources.yaml").read_text("utf-8")
    return tuple(re.compile(p) for p in yaml.safe_load(raw)["short_citation"])


def _words(s: str) -> list[str]:
    """Lower-case words of ``s`` (letters and digits)."""
    return re.findall(r"\w+", s.lower())


def _short_of(raw: str) -> re.Match[str] | None:
    """The short-citation shape ``raw`` has, signal taken off (None: a full citation)."""
    if len(raw) > MAX_SHORT_CITATION:
        return None
    body = LEADIN.sub("", raw.strip(), count=1)
    for pattern in _patterns():
        m = pattern.match(body)
        if m:
            return m
    return None


def is_short_citation(raw: str) -> bool:
    """Whether ``raw`` is a short citation by its shape (``Lohr, 518 U.S. at 493``)."""
    return _short_of(raw) is not None


def _names(name: str | None) -> set[str]:
    """The capitalised words of a short citation's name (at least three letters)."""
    return {w.lower() for w in re.findall(r"\b[A-Z][\w'’\-]{2,}", name or "")}


def _lead(raw: str) -> list[str]:
    """The words of a full citation before its title, year or first comma: its author."""
    body = LEADIN.sub("", raw.strip(), count=1)
    return _words(re.split(r"[,(“\"‘*_\[<]", body, maxsplit=1)[0])


def _has_sequence(words: list[str], seq: list[str]) -> bool:
    """Whether ``seq`` occurs in ``words`` as a run."""
    n = len(seq)
    return n > 0 and any(words[i : i + n] == seq for i in range(len(words) - n + 1))


class _Index:
    """The full citations read so far, by volume number and by author's last word."""

    def __init__(self) -> None:
        self.rows: list[Reference] = []
        self.words: list[list[str]] = []
        self.word_sets: list[frozenset[str]] = []
        self.by_volume: dict[str, list[int]] = {}
        self.by_author: dict[str, list[int]] = {}

    def add(self, r: Reference) -> None:
        """Index a full citation."""
        k = len(self.rows)
        self.rows.append(r)
        self.words.append(_words(r.raw))
        self.word_sets.append(frozenset(self.words[-1]))
        for v in set(re.findall(r"(?<![\d.])\d{1,4}(?=\s+[A-Z])", r.raw)):
            self.by_volume.setdefault(v, []).append(k)
        for w in set(_lead(r.raw)):
            self.by_author.setdefault(w, []).append(k)


def _by_report(m: re.Match[str], index: _Index) -> Reference | None:
    """The full citation of a case with the short form's volume and reporter (and name)."""
    reporter = re.escape(re.sub(r"\s", "", m["reporter"]))
    report = re.compile(rf"(?<![\d.]){m['volume']}{reporter}\d")
    names = _names(m["name"])
    for k in reversed(index.by_volume.get(m["volume"], [])):
        r = index.rows[k]
        if report.search(re.sub(r"\s", "", r.raw)) and (not names or names & index.word_sets[k]):
            return r
    return None


def _by_title(m: re.Match[str], index: _Index) -> Reference | None:
    """The full citation by the short form's author whose title holds its words."""
    title = _words(m["title"])
    names = _names(m["name"])
    if names:
        keys = sorted({k for n in names for k in index.by_author.get(n, [])}, reverse=True)
    elif len(title) >= _MIN_TITLE_WORDS_ALONE:
        keys = list(range(len(index.rows) - 1, max(-1, len(index.rows) - 1 - MAX_LOOK_BACK), -1))
    else:
        return None
    needed = set(title)
    for k in keys[:MAX_LOOK_BACK]:
        if (
            needed <= index.word_sets[k]
            and _has_sequence(index.words[k], title)
            and _YEAR.search(index.rows[k].raw)  # a full citation has its date
        ):
            return index.rows[k]
    return None


def _in_note(
    m: re.Match[str],
    at: int,
    rows_by_note: dict[int, list[Reference]],
    ordinals: dict[int, list[int]],
) -> Reference | None:
    """The work of the nearest earlier note with the number given that shares the most words
    with the name given."""
    earlier = ordinals.get(int(m["note"]), [])
    k = bisect.bisect_left(earlier, at)
    if k == 0:
        return None
    names = _names(m["name"])
    scored = [(len(names & set(_words(r.raw))), r) for r in rows_by_note.get(earlier[k - 1], [])]
    best = max((n for n, _ in scored), default=0)
    return next((r for n, r in scored if n == best), None) if best else None


def link_short_citations(rows: list[Reference], numbers: Sequence[int]) -> list[Reference]:
    """Point each short citation that has no target at the full citation it shortens, and
    each ``X, supra note 4`` at the work by X of note 4 (whatever its name matched before).

    ``rows`` are a document's note rows in reading order; ``numbers`` the printed number of
    each note (``numbers[ordinal - 1]``), which ``supra note N`` names.
    """
    index = _Index()
    rows_by_note: dict[int, list[Reference]] = {}
    ordinals: dict[int, list[int]] = {}  # printed number -> the notes' ordinals, in order
    for ordinal, number in enumerate(numbers, start=1):
        ordinals.setdefault(number, []).append(ordinal)
    out = []
    for r in rows:
        m = _short_of(r.raw) if (r.parse and not r.target) or r.kind == "ibid" else None
        if m and r.kind == "ibid" and not m.groupdict().get("note"):
            m = None  # an Id. or op. cit. resolved already; "X, supra note 4" by its number
        target = None
        if m and m.groupdict().get("note"):
            target = _in_note(m, r.footnote, rows_by_note, ordinals)
        elif m and m.groupdict().get("volume"):
            target = _by_report(m, index)
        elif m and m.groupdict().get("title"):
            target = _by_title(m, index)
        if target is not None:
            r = replace(r, parse=False, target=(target.footnote, target.position))
        elif r.parse and m is None:
            index.add(r)
        out.append(r)
        if r.parse or r.target:
            rows_by_note.setdefault(r.footnote, []).append(r)
    return out
