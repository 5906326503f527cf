"""Entries bibtexparser's splitter gives up on for one local fault, mended so the entry is read.

- An empty field between two commas (``title = {X}, , year = 2001``, a field an exporter
  left out): the splitter stops at the second comma and the rest of the entry became text
  outside any entry. The comma is read as a space.
- A field whose braces do not balance (``title = {Rice {yields in Asia},``, as EBSCO writes
  a title holding a lone brace, or keywords scraped from a web page, ``Person}, ...
  {name:``): the value never closed, and the entry ran on to the next one, or closed early
  and the rest of the entry was text outside any entry. Where every field starts a line,
  the field is the text up to the next field's line; its unmatched braces are read as the
  commands that print them (``\\textbraceleft{}``), so the value keeps every character and
  BibTeX and biber can read it written back.

A mend is a list of insertions and replacements in the text the splitter read; the reader
reads the mended text again and reports each mend as a warning at its line. Anything else
the splitter gives up on stays an error.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bibtexparser import model as bm

from litreview.core.limits import MAX_BIBTEX_MENDS
from litreview.formats._bibtex_prepare import entry_name

__all__ = ["Mend", "Note", "mend"]

_EMPTY_FIELD = "Expected a `=` after entry key, but found `,`"
# Where a block starts a line: there the splitter is outside any block.
_NEXT_BLOCK = re.compile(r"\n[^\S\n]*+(?=@\w*[ \t]*[{(])")
_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.DOTALL)
_LONE = {"{": "\\textbraceleft{}", "}": "\\textbraceright{}"}
_HEAD = re.compile(r"@[ \t]*\w+[ \t]*[{(][ \t]*([^,\s{}()]*)")
# A field that starts a line (after white space, or the comma that ends the field before it)
_FIELD_LINE = re.compile(r"^[ \t]*,?[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=[ \t]*", re.MULTILINE)


class Note(NamedTuple):
    """A mend made before reading, for the reader to report (``line`` 0-based, as a block's
    ``start_line``)."""

    line: int
    message: str


class Mend(NamedTuple):
    """Edits to the text the splitter read: ``(position, characters replaced, new text)``,
    in order; ``start`` is where the mended entry starts, ``fault`` where its first fault is."""

    start: int
    fault: int
    edits: tuple[tuple[int, int, str], ...]
    message: str

    def apply(self, text: str, offset: int) -> str:
        """``text`` (the read text from ``offset`` on) with the edits made."""
        out, pos = [], 0
        for at, length, new in self.edits:
            out += [text[pos : at - offset], new]
            pos = at - offset + length
        return "".join(out) + text[pos:]


def mend(block: bm.ParsingFailedBlock, text: str) -> Mend | None:
    """The mend of a block the splitter gave up on in ``text``, or ``None``."""
    error = block.error
    end = getattr(error, "end_index", None)
    raw = block.raw or ""
    if not isinstance(end, int) or not raw:
        return None
    end -= 1  # the splitter reads the text after a newline it adds
    start = end - len(raw)
    if start < 0 or text[start:end] != raw:
        return None
    reason = str(getattr(error, "abort_reason", "") or "")
    head = _HEAD.match(raw)
    key = head.group(1) if head else ""
    before = end - 1
    while before > start and text[before].isspace():
        before -= 1
    if reason.startswith(_EMPTY_FIELD) and text[before] == ",":
        message = f"{entry_name(key)}: an empty field between two commas; read without it"
        return Mend(start, end, ((end, 1, " "),), message)
    if head:  # the entry up to the next block start, read a field a line
        nxt = _NEXT_BLOCK.search(text, start)
        return _unbalanced(text[start : nxt.end() if nxt else len(text)], start, head.end(), key)
    return None


def _unbalanced(raw: str, start: int, body: int, key: str) -> Mend | None:
    """Escapes for the unmatched braces of the fields of an entry that ran on (``raw``), each
    field the text up to the next field's line; ``None`` when no field is unbalanced."""
    close = raw.rstrip().rfind("}")
    if close < body:
        return None
    found = list(_FIELD_LINE.finditer(raw, body, close))
    edits: list[tuple[int, int, str]] = []
    names = []
    ends = [m.start() for m in found[1:]] + [close] if found else []
    for m, value_end in zip(found, ends, strict=True):
        value = raw[m.end() : value_end].rstrip()
        value = value[:-1].rstrip() if value.endswith(",") else value
        if len(value) < 2 or (value[0], value[-1]) not in (("{", "}"), ('"', '"')):
            continue
        lone = _unmatched(value[1:-1])
        if len(edits) + len(lone) > MAX_BIBTEX_MENDS:
            return None  # no lone brace or two: not this fault
        if lone:
            names.append(m.group(1))
            at = start + m.end() + 1
            edits += [(at + i, 1, _LONE[value[1 + i]]) for i in lone]
    if not edits:
        return None
    fields = ", ".join(f"'{n}'" for n in names)
    message = (
        f"{entry_name(key)}: the braces of field {fields} do not balance; "
        "the unmatched brace is read as text (\\textbraceleft{})"
    )
    return Mend(start, edits[0][0], tuple(edits), message)


def _unmatched(value: str) -> list[int]:
    """Where the braces of ``value`` that no other brace matches are (a backslash hides the
    character after it)."""
    opened: list[int] = []
    lone: list[int] = []
    for m in _BRACE_OR_ESCAPE.finditer(value):
        if m.group() == "{":
            opened.append(m.start())
        elif m.group() == "}":
            if opened:
                opened.pop()
            else:
                lone.append(m.start())
    return sorted(lone + opened)
