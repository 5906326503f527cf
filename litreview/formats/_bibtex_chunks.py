"""Splitting a large BibTeX file at entry boundaries so its parts can be read in parallel.

A boundary is a newline followed by ``@`` where braces (``\\{``/``\\}`` not counted) balance,
so each part starts with an entry. ``@string`` macros defined in an earlier part are handed to
the later ones (as a prelude of their definitions); a file whose parts share a citekey, whose
``@string`` definitions do not start a line, or where a part would end with an ``@preamble``
(kept for the entry after it), is not split (it is read in one piece,
so its problems are exactly those of a serial read).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Chunk", "split_chunks"]

_STRING_ANY = re.compile(r"@\s*string\s*[{(]", re.IGNORECASE)
# Patterns start with a literal (no "^" in MULTILINE mode) so the regex engine can skip ahead.
_STRING_AT_LINE = re.compile(r"\n@[ \t]*string[ \t]*[{(]", re.IGNORECASE)
# Anything that looks like an entry start (a few false hits only make splitting less likely).
_KEY = re.compile(r"@[ \t]*([A-Za-z]\w*)[ \t]*[{(][ \t]*([^,\s{}()]*)")
_PREAMBLE = re.compile(r"@[ \t]*preamble", re.IGNORECASE)
_NOT_ENTRIES = frozenset({"string", "preamble", "comment"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Chunk:
    """One part of a file: its text, the lines before it, and macros defined before it."""

    text: str
    line_offset: int
    prelude: str


def _depth(text: str, start: int, end: int) -> int:
    """Brace depth change from ``start`` to ``end`` (escaped braces do not count), by C-speed
    counting."""
    opened = text.count("{", start, end) - text.count("\\{", start, end)
    closed = text.count("}", start, end) - text.count("\\}", start, end)
    return opened - closed


def _boundary(text: str, start: int, since: int) -> int | None:
    """The first position at or after ``start`` just past a newline, before an ``@`` at depth 0
    (``since``: a position at depth 0 before ``start``, where counting begins)."""
    pos = text.find("\n@", start)
    depth = _depth(text, since, pos) if pos != -1 else 0
    while pos != -1:
        if depth == 0:
            return pos + 1
        nxt = text.find("\n@", pos + 2)
        if nxt != -1:
            depth += _depth(text, pos, nxt)
        pos = nxt
    return None


def _cuts(text: str, parts: int) -> list[int]:
    """Start offsets of up to ``parts`` pieces (the first is 0), strictly increasing; each
    cut is found counting braces from the one before (a cut is at depth 0)."""
    cuts = [0]
    for k in range(1, parts):
        cut = _boundary(text, max(len(text) * k // parts, cuts[-1] + 1), cuts[-1])
        if cut is None:
            break
        cuts.append(cut)
    return cuts


def _strings(text: str) -> Iterator[str]:
    """The ``@string`` definitions of ``text`` that start a line, each up to the next ``@``."""
    text = "\n" + text
    for m in _STRING_AT_LINE.finditer(text):
        end = text.find("\n@", m.end())
        yield text[m.start() + 1 : len(text) if end == -1 else end + 1]


def _ends_with_preamble(piece: str) -> bool:
    """Whether the last block of ``piece`` is an ``@preamble`` (kept for the next entry)."""
    last = piece.rfind("\n@") + 1
    return _PREAMBLE.match(piece, last) is not None


def _keys_overlap(pieces: list[str]) -> bool:
    """Whether a citekey occurs in more than one of ``pieces``."""
    seen: set[str] = set()
    for piece in pieces:
        keys = {
            m.group(2)
            for m in _KEY.finditer(piece)
            if m.group(1).lower() not in _NOT_ENTRIES and m.group(2)
        }
        if keys & seen:
            return True
        seen |= keys
    return False


def split_chunks(text: str, parts: int) -> list[Chunk]:
    """``text`` in up to ``parts`` chunks at entry boundaries; one chunk when it cannot split."""
    whole = [Chunk(text=text, line_offset=0, prelude="")]
    if parts < 2:
        return whole
    if len(_STRING_ANY.findall(text)) != len(_STRING_AT_LINE.findall("\n" + text)):
        return whole
    cuts = _cuts(text, parts)
    pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    if len(pieces) < 2 or _keys_overlap(pieces) or any(map(_ends_with_preamble, pieces[:-1])):
        return whole
    chunks = []
    prelude = ""
    lines = 0  # before the piece (counted a piece at a time, not from the start each time)
    for piece in pieces:
        chunks.append(Chunk(text=piece, line_offset=lines, prelude=prelude))
        prelude += "".join(_strings(piece))
        lines += piece.count("\n")
    return chunks
