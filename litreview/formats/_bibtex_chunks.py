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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import AnyStr, cast

__all__ = ["Chunk", "Part", "split_chunks", "split_parts"]

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One part of a file's bytes, ``data[start:end]``: a :class:`Chunk` not yet decoded."""

    start: int
    end: int
    line_offset: int
    prelude: str


def _lit(text: AnyStr, s: str) -> AnyStr:
    """``s`` as the same type as ``text``: the cuts are found alike in text and in its UTF-8
    bytes (every byte of a multi-byte character is beyond ASCII, so never a brace or ``@``)."""
    return cast(AnyStr, s if isinstance(text, str) else s.encode("ascii"))


def _depth(text: AnyStr, start: int, end: int) -> int:
    """Brace depth change from ``start`` to ``end`` (escaped braces do not count), by C-speed
    counting."""
    return _count(text, "{", start, end) - _count(text, "}", start, end)


def _count(text: AnyStr, brace: str, start: int, end: int) -> int:
    """The braces ``brace`` of ``text[start:end]`` that count: not after an odd run of
    backslashes (``\\{`` is escaped, ``\\\\{`` a line break and a brace). Each brace ends at
    most one match of ``k`` backslashes and itself, so the braces after a run of at least
    ``k`` are counted for each ``k``, and the odd runs are their alternating sum."""
    total = text.count(_lit(text, brace), start, end)
    k, sign = 1, -1
    while True:
        found = text.count(_lit(text, "\\" * k + brace), start, end)
        if not found:
            return total
        total += sign * found
        k, sign = k + 1, -sign


def _boundary(text: AnyStr, start: int, since: int) -> int | None:
    """The first position at or after ``start`` just past a newline, before an ``@`` at depth 0
    (``since``: a position at depth 0 before ``start``, where counting begins)."""
    at_line = _lit(text, "\n@")
    pos = text.find(at_line, start)
    depth = _depth(text, since, pos) if pos != -1 else 0
    while pos != -1:
        if depth == 0:
            return pos + 1
        nxt = text.find(at_line, pos + 2)
        if nxt != -1:
            depth += _depth(text, pos, nxt)
        pos = nxt
    return None


def _cuts(text: AnyStr, parts: int, first: int = 0) -> list[int]:
    """Start offsets of up to ``parts`` pieces (the first is ``first``), strictly increasing;
    each cut is found counting braces from the one before (a cut is at depth 0)."""
    cuts = [first]
    size = len(text) - first
    for k in range(1, parts):
        cut = _boundary(text, max(first + size * k // parts, cuts[-1] + 1), cuts[-1])
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


def split_chunks(text: str, parts: int) -> list[Chunk]:
    """``text`` in up to ``parts`` chunks at entry boundaries; one chunk when it cannot split."""
    whole = [Chunk(text=text, line_offset=0, prelude="")]
    if parts < 2:
        return whole
    cuts = _cuts(text, parts)
    pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    plan = _plan(pieces)
    if plan is None:
        return whole
    return [
        Chunk(text=piece, line_offset=lines, prelude=prelude)
        for piece, (lines, prelude) in zip(pieces, plan, strict=True)
    ]


def split_parts(
    data: bytes, parts: int, decode: Callable[[int, int], str], first: int = 0
) -> list[Part] | None:
    """The UTF-8 text ``data[first:]`` in up to ``parts`` byte ranges at entry boundaries, as
    :func:`split_chunks` would cut its text; ``None`` when it cannot split. Each range is
    decoded (``decode(start, end)``, which raises on a bad byte) and checked, then dropped:
    the whole text is never held, only the bytes."""
    cuts = _cuts(data, parts, first)
    if len(cuts) < 2:
        return None
    ends = [*cuts[1:], len(data)]
    plan = _plan(decode(a, b) for a, b in zip(cuts, ends, strict=True))
    if plan is None:
        return None
    return [
        Part(start=a, end=b, line_offset=lines, prelude=prelude)
        for a, b, (lines, prelude) in zip(cuts, ends, plan, strict=True)
    ]


def _plan(pieces: Iterable[str]) -> list[tuple[int, str]] | None:
    """Per piece (in file order, each seen once): the lines before it and the ``@string``
    definitions of the pieces before it; ``None`` when the pieces must be read as one text (a
    citekey in two of them, an ``@string`` not at the start of a line, a piece ending with an
    ``@preamble``)."""
    plan: list[tuple[int, str]] = []
    seen: set[str] = set()
    prelude = ""
    lines = 0  # before the piece (counted a piece at a time, not from the start each time)
    last_preamble = False
    for piece in pieces:
        if last_preamble or len(_STRING_ANY.findall(piece)) != len(
            _STRING_AT_LINE.findall("\n" + piece)
        ):
            return None
        keys = _keys(piece)
        if keys & seen:
            return None
        seen |= keys
        plan.append((lines, prelude))
        prelude += "".join(_strings(piece))
        lines += piece.count("\n")
        last_preamble = _ends_with_preamble(piece)
    return plan if len(plan) > 1 else None


def _keys(piece: str) -> set[str]:
    """The citekeys of the entries (anything that looks like one) in ``piece``."""
    return {
        m.group(2)
        for m in _KEY.finditer(piece)
        if m.group(1).lower() not in _NOT_ENTRIES and m.group(2)
    }
