"""Short names a note gives a work, ``(hereinafter Precedents Wickham)``, and the later
notes that cite the work by them.

Legal and policy notes cite a work in full once and say what they will call it after:
``..., H.Doc. No. 115-62 (GPO, 2019) (hereinafter Precedents Wickham), ch. 6.`` or
``[hereinafter NY State Senate, Final Investigative Report]``. A later row that opens with
that name (``See Precedents (Wickham), ch. 6, p. 395.``) is the same work: it is pointed at
the row the name was given to (``target``), the nearest one before the name in its note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from litreview.extract.backrefs import LEADIN, Reference
from litreview.extract.footnotes import Footnote

__all__ = ["link_hereinafter", "short_names"]

_HEREINAFTER = re.compile(
    r"[(\[]\s*(?:hereinafter|hereafter)\s+(?:cited\s+as\s+|referred\s+to\s+as\s+)?"
    r"[\"“‘_*]*(?P<name>[^()\[\]\"“”‘’_*]{2,80}?)[\"”’_*]*\s*[)\]]",
    re.IGNORECASE,
)


#: A name of one word (``hereinafter TMC``) is a body's acronym, which opens its other
#: works too: only names of two words or more are looked for.
_MIN_WORDS = 2
#: Words a name and the row it names sharing says nothing ("et al.", "and", "of")
_FUNCTION = frozenset({"a", "an", "and", "of", "the", "et", "al", "for", "in", "on", "to"})


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.lower()))


def short_names(
    footnotes: Sequence[Footnote], rows: Sequence[Reference]
) -> list[tuple[tuple[str, ...], int, Reference]]:
    """Each short name a note gives (its words), the note's ordinal, and the row named: the
    work row of that note whose text ends nearest before the name, when they share a word
    (else the work named was not read as a row, and the name is left alone)."""
    by_note: dict[int, list[Reference]] = {}
    for r in rows:
        if r.parse and not r.target:
            by_note.setdefault(r.footnote, []).append(r)
    out = []
    for ordinal, note in enumerate(footnotes, start=1):
        if "ereinafter" not in note.text and "ereafter" not in note.text:
            continue
        for m in _HEREINAFTER.finditer(note.text):
            before = [
                (at + len(r.raw), r)
                for r in by_note.get(ordinal, [])
                if 0 <= (at := note.text.find(r.raw)) < m.start()
            ]
            name = _words(m["name"])
            if not before or len(name) < _MIN_WORDS:
                continue
            named = max(before, key=lambda x: x[0])[1]
            if set(name) & set(_words(named.raw)) - _FUNCTION:  # the name is of that row
                out.append((name, ordinal, named))
    return out


def link_hereinafter(rows: list[Reference], footnotes: Sequence[Footnote]) -> list[Reference]:
    """``rows`` with each work row of a later note that opens with a short name given before
    (its words, brackets and punctuation aside) pointed at the row the name was given to;
    the longest name first."""
    names = sorted(short_names(footnotes, rows), key=lambda n: -len(n[0]))
    if not names:
        return rows
    out = []
    for r in rows:
        if r.parse and not r.target:
            words = _words(LEADIN.sub("", r.raw.strip(), count=1))
            for name, ordinal, named in names:
                if ordinal < r.footnote and words[: len(name)] == name:
                    r = replace(r, parse=False, target=(named.footnote, named.position))
                    break
        out.append(r)
    return out
