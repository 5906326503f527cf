"""Offset-keeping text helpers for the extractors: lines with offsets, sentence spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LINK_TEXT", "NOTE_DEFINITION", "Line", "sentence_span", "split_lines"]

#: A line that gives a note's text as the readers write it (``[^N]: text``, Markdown's
#: ``[^name]: text``).
NOTE_DEFINITION = re.compile(r"^\s*\[\^(?P<name>[^\]\s]{1,40})\]:")
#: One piece of a Markdown link's text (``[text](url)``): a run of characters other than
#: brackets, or a bracketed group one level deep, as search engines write a link to a file
#: (``[[PDF] Title](url)``). Each piece is taken whole (possessive), so a run of ``[`` or of
#: ``[a](`` costs linear time.
LINK_TEXT = r"(?:[^\[\]]++|\[[^\[\]]*+\])"


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One line of a text: its 1-based number, start offset and text (no line end)."""

    number: int
    start: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets (``\\r\\n`` and ``\\n`` both end a line)."""
    out = []
    pos = 0
    for n, chunk in enumerate(text.splitlines(keepends=True), start=1):
        out.append(Line(number=n, start=pos, text=chunk.rstrip("\r\n")))
        pos += len(chunk)
    return out


_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKER = (
    rf"(?:[{_SUP}]{{1,4}}(?![{_SUP}])|\[\^?\d{{1,4}}\]|\[\^[^\]\s]{{1,40}}\]|\^[\d,–-]{{1,12}}\^|\^\d{{1,4}}"
    rf"|<sup>[\d,–-]{{1,12}}</sup>)"
)
_END = re.compile(rf"[.!?][\"”’')\]*]*(?: ?{_MARKER})?(?=\s+[\"“‘'(\[*]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.]+)$")
_ABBREV = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "no",
        "vol",
        "st",
        "e.g",
        "i.e",
        "cf",
        "al",
        "fig",
        "pp",
        "p",
        "ed",
        "eds",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "vs",
    }
)


#: How far a citing sentence is looked for either side of what it cites (characters).
CONTEXT_REACH = 2_000


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its line) holding ``text[start:end]``, as offsets.

    A marker right after a full stop belongs to the sentence it ends. Leading and trailing
    blanks are left out, so ``text[s:e]`` is the sentence itself. A sentence is looked for
    within :data:`CONTEXT_REACH` characters either side of the span, and cut there when it
    runs on (a line of a million note markers and no full stop was copied whole for each of
    its notes: 8 GB, and as long to scan).
    """
    newline = text.rfind("\n", max(0, start - CONTEXT_REACH), start)
    if newline >= 0:
        line_start = newline + 1
    elif start <= CONTEXT_REACH:
        line_start = 0
    else:
        line_start = _word_start(text, start - CONTEXT_REACH)
    line_end = text.find("\n", end, end + CONTEXT_REACH)
    if line_end < 0:
        line_end = min(len(text), end + CONTEXT_REACH)
        if line_end < len(text):
            line_end = _word_end(text, line_end, end)
    line = text[line_start:line_end]
    e = len(line)
    before: list[re.Match[str]] = []  # the stops before the span: only the last real one counts
    for m in _END.finditer(line):
        if m.end() <= start - line_start:
            before.append(m)
        elif m.end() >= end - line_start and not _is_abbreviation(line, m.start()):
            e = m.end()
            break
    s = next((m.end() for m in reversed(before) if not _is_abbreviation(line, m.start())), 0)
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return line_start + s, line_start + e


def _word_start(text: str, at: int) -> int:
    """``at``, moved on past the word it cuts (a cut sentence starts with a whole word)."""
    space = text.find(" ", at, at + 100)
    return space + 1 if space >= 0 else at


def _word_end(text: str, at: int, least: int) -> int:
    """``at``, moved back before the word it cuts (but not before ``least``)."""
    space = text.rfind(" ", max(least, at - 100), at)
    return space if space >= 0 else at


def _is_abbreviation(line: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial, not a sentence."""
    if line[dot] != ".":
        return False
    word = _LAST_WORD.search(line, max(0, dot - 12), dot)
    if not word:
        return False
    w = word.group(1)
    return w.lower() in _ABBREV or (len(w) == 1 and w.isupper())
