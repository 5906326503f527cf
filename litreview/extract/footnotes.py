"""Footnotes and endnotes of a document's text: markers in the body, note texts, pairing.

The text is read line by line. Which lines start a note is decided by
:mod:`.note_starts` from their labels and layout (a strong label like ``¹²`` or ``[^12]:``
always; a bare ``12`` or ``12.`` only where a marker with that number came before, the text
reads like a note and not a table row or a numbered heading), as runs of numbers that may
start again at 1 (chapters, appendices). Lines inside a reference list are never notes.

Which lines are note text and which are body is decided by :mod:`.note_roles` (a note runs
to the end of its paragraph, and over a page break); running heads and feet repeated on
many pages (:func:`.layout.furniture`) are neither.

Every marker is paired with the note of its number and run (the k-th marker numbered n with
the k-th note numbered n); the problems (a marker without text, a text without a marker, a
marker number that jumps back) come back as data with their line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace

from litreview.core.errors import InputError, Problem
from litreview.core.limits import MAX_DOCUMENT_NOTES
from litreview.extract._text import NOTE_DEFINITION, Line, sentence_span, split_lines
from litreview.extract.layout import (
    GLUED_MARK,
    MARK,
    PAREN_MARK,
    SPACED_MARK,
    back_matter,
    continued_at,
    furniture,
    headings,
    is_heading,
    layout_words,
)
from litreview.extract.note_roles import line_roles
from litreview.extract.note_starts import NoteStart, candidates, choose_starts

__all__ = ["Footnote", "FootnoteScan", "Marker", "find_footnotes", "headings", "is_heading"]

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_DIGITS = str.maketrans(_SUP, "0123456789")


@dataclass(frozen=True, slots=True, kw_only=True)
class Marker:
    """A footnote marker in the body: its number, where it is, and its line."""

    number: int
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Footnote:
    """One note paired with its marker.

    ``text`` is the note's text (the pieces of a note that runs over lines or pages joined
    by one space); ``spans`` locate those pieces in the document. ``run`` numbers the runs of
    note numbering (0 for the first; a new run where numbering starts again). ``context`` is
    the sentence carrying the marker (``text[context_start:context_end]``), ``section`` the
    heading above it; both are empty when the note has no marker.
    """

    number: int
    text: str
    spans: tuple[tuple[int, int], ...]
    line: int
    marker: Marker | None = None
    context: str = ""
    context_start: int | None = None
    context_end: int | None = None
    section: str = ""
    run: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class FootnoteScan:
    """What :func:`find_footnotes` found: notes in reading order, markers, problems."""

    footnotes: tuple[Footnote, ...]
    markers: tuple[Marker, ...]
    problems: tuple[Problem, ...]
    headings: tuple[tuple[int, str], ...] = ()


def find_footnotes(
    text: str, path: str = "<string>", excluded: Collection[int] = (), *, citations: bool = False
) -> FootnoteScan:
    """Find, join and pair the notes of ``text`` (``path`` names it in problems).

    ``excluded`` are line indices (0-based) that cannot start a note: a reference list.
    ``citations``: the document has a numbered reference list, so a marker with no note of
    its number is a numeric citation, not a note marker: it is not reported as having no
    text, nor as going back (citing an entry again is how such papers read; a missing
    entry is reported as a citation).
    """
    lines = split_lines(text)
    furn = furniture(lines)
    names = _named_notes(lines)
    skip = frozenset(excluded) | furn
    kinds = [_NAMED_MARK] if names else _marker_kinds(lines)
    note_lines = frozenset(
        i for s in back_matter(lines) if s.kind == "notes" for i in range(s.first, s.last + 1)
    )
    chosen = [(_starts(lines, m, names, skip, note_lines), -k, m) for k, m in enumerate(kinds)]
    found_starts, _, mark = max(chosen, key=lambda c: (len(c[0]), c[1]))
    starts = {s.index: s for s in found_starts}
    roles = line_roles(lines, starts, furn, mark)
    notes = _gather_notes(lines, roles, starts)
    if len(notes) > MAX_DOCUMENT_NOTES:
        raise InputError(
            f"more than {MAX_DOCUMENT_NOTES:,} notes: not a document litreview reads",
            path=path,
            line=notes[MAX_DOCUMENT_NOTES].line,
        )
    heads = headings(lines, roles)
    # a plainer kind of marker is one only where the document has notes for it
    markers = _markers(lines, roles, mark, names) if notes or mark is MARK else []
    noted = {n.number for n in notes}
    own = [m for m in markers if m.number in noted] if citations else markers
    problems = _marker_problems(_in_sequence(own, noted), notes, path)
    paired = _pair(text, notes, markers, heads)
    return FootnoteScan(
        footnotes=tuple(paired),
        markers=tuple(markers),
        problems=tuple(problems),
        headings=tuple(heads),
    )


_FALLBACK = (GLUED_MARK, SPACED_MARK, PAREN_MARK)


def _marker_kinds(lines: list[Line]) -> list[re.Pattern[str]]:
    """The kinds of marker this document may use: superscripts, brackets, carets,
    ``<sup>``; in a document that has none of those, the plainer kinds, of which the one
    that pairs with the most notes is taken: numbers glued to a word (``Medicare.1``: a
    PDF's text without its superscripts), numbers standing between sentences (``in 2005. 1
    EIA``), bracketed numbers ``(12)`` (elsewhere ``(1)`` numbers a sentence's items)."""
    if any(MARK.search(ln.text) for ln in lines):
        return [MARK]
    return [m for m in _FALLBACK if any(m.search(ln.text) for ln in lines)] or [MARK]


def _starts(
    lines: list[Line],
    mark: re.Pattern[str],
    names: dict[str, int],
    skip: frozenset[int],
    noted: frozenset[int],
) -> list[NoteStart]:
    """The note starts chosen when markers are of the kind ``mark`` (``noted``: the lines
    under a heading that names notes)."""
    marks = _marker_lines(lines, mark, names)
    return choose_starts(candidates(lines, marks, skip, names=names, noted=noted))


_NAMED_DEF = NOTE_DEFINITION
_NAMED_MARK = re.compile(MARK.pattern + r"|\[\^(?P<named>[^\]\s\d][^\]\s]{0,39})\](?!:)")


def _named_notes(lines: list[Line]) -> dict[str, int]:
    """Named Markdown footnotes (``[^intro]:``) numbered as a reader sees them: in the order
    of their first reference, then unreferenced ones in the order defined; ``{}`` when the
    text defines none."""
    defined = [m.group("name") for ln in lines if (m := _NAMED_DEF.match(ln.text))]
    if not defined or all(name.isdigit() for name in defined):
        return {}
    order: dict[str, int] = {}
    for ln in lines:
        if _NAMED_DEF.match(ln.text):
            continue
        for m in _NAMED_MARK.finditer(ln.text):
            name = m.group("named") or ""
            if name in defined and name not in order:
                order[name] = len(order) + 1
    for name in defined:
        order.setdefault(name, len(order) + 1)
    return order


def _marker_lines(
    lines: list[Line], mark: re.Pattern[str], names: dict[str, int]
) -> dict[int, list[int]]:
    """Marker number -> indices of the lines where a marker with that number stands."""
    out: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        for m in mark.finditer(ln.text):
            if m.start() == len(ln.text) - len(ln.text.lstrip()):
                continue  # a label opening the line, not a marker
            number = _number(m, names)
            if number is not None:
                out.setdefault(number, []).append(i)
    return out


def _number(m: re.Match[str], names: dict[str, int] | None = None) -> int | None:
    """The number a marker match carries (a named note's number; ``None``: no known note)."""
    if m.groupdict().get("named"):
        return (names or {}).get(m.group("named"))
    raw = next(g for g in m.groupdict().values() if g)
    return int(raw.translate(_SUP_DIGITS))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Note:
    number: int
    run: int
    line: int
    spans: tuple[tuple[int, int], ...]
    text: str


def _gather_notes(lines: list[Line], roles: list[str], starts: dict[int, NoteStart]) -> list[_Note]:
    """Note texts in reading order, continuations joined to the note they continue."""
    notes: list[_Note] = []
    for i, (ln, role) in enumerate(zip(lines, roles, strict=True)):
        if role == "start":
            s = starts[i]
            end = _text_end(ln.text)
            span = (ln.start + s.offset, ln.start + end)
            notes.append(
                _Note(
                    number=s.number,
                    run=s.run,
                    line=ln.number,
                    spans=(span,) if end > s.offset else (),
                    text=ln.text[s.offset : end].strip(),
                )
            )
        elif role == "cont" and notes:
            last = notes[-1]
            lead = len(ln.text) - len(ln.text.lstrip())
            end = _text_end(ln.text)
            if end <= lead:  # nothing but markup
                continue
            span = (ln.start + lead, ln.start + end)
            notes[-1] = _Note(
                number=last.number,
                run=last.run,
                line=last.line,
                spans=(*last.spans, span),
                text=f"{last.text} {ln.text[:end].strip()}".lstrip(),
            )
    return notes


#: A kramdown attribute list ending a line, or alone on one ("{: .fs-2}", as Jekyll sites
#: write after a paragraph): markup, no text.
_ATTRIBUTES = re.compile(r"\s*\{:[^{}\n]{0,200}\}\s*$")
#: A Markdown thematic break ("***", "---", "_ _ _"): no text either.
_BREAK = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")


def _text_end(line: str) -> int:
    """Where a note's text on ``line`` ends: before a table row's closing bar, before a
    kramdown attribute list and before a mark that the note goes on at the next page
    (``(continued...)``); at its start if it is a thematic break."""
    if _BREAK.fullmatch(line):
        return 0
    attributes = _ATTRIBUTES.search(line) if "{:" in line else None
    end = len(line[: attributes.start()].rstrip()) if attributes else len(line.rstrip())
    if line.lstrip().startswith("|"):  # a table row: its closing bar is no text
        end = len(line[:end].removesuffix("|").rstrip())
    cut = continued_at(line[:end])
    return len(line[:cut].rstrip()) if cut is not None else end


def _markers(
    lines: list[Line], roles: list[str], mark: re.Pattern[str], names: dict[str, int]
) -> list[Marker]:
    """Footnote markers in body lines, in reading order; where two kinds of marker carry one
    number (``<sup>401</sup>`` and a quotation's ``section [401]``), the document's usual kind
    is the marker."""
    found: list[tuple[str, Marker]] = []
    for ln, role in zip(lines, roles, strict=True):
        if role != "body":
            continue
        for m in mark.finditer(ln.text):
            number = _number(m, names)
            if number is None or _a_power(ln.text, m.start(), number):
                continue
            marker = Marker(
                number=number, start=ln.start + m.start(), end=ln.start + m.end(), line=ln.number
            )
            found.append((m.lastgroup or "", marker))
    kinds = Counter(kind for kind, _ in found)
    usual = kinds.most_common(1)[0][0] if kinds else ""
    claimed = {m.number for kind, m in found if kind == usual}
    return [m for kind, m in found if kind == usual or m.number not in claimed]


_UNIT_REACH = 40
"""How far back from a small 2 or 3 a unit of measure is looked for: the word before it is
read from this many characters of the line, not from the whole line (a line of a million
markers would be read a million times)."""


def _a_power(line: str, at: int, number: int) -> bool:
    """Whether a small 2 or 3 at ``at`` is the power of a unit of measure before it
    (``75,000 km<sup>2</sup>``), not a note marker."""
    if number not in (2, 3):
        return False
    before = line[max(0, at - _UNIT_REACH - 1) : at]
    words = before.split()
    if not words or before[-1].isspace() or len(words[-1]) > _UNIT_REACH:
        return False
    return words[-1].lstrip("([").lower() in layout_words()["powered_units"]


_MAX_JUMP = 5
"""How far above the highest marker number before it a marker of a document with no notes
may be numbered (markers skip a few numbers where their notes' paragraphs were not read)."""


def _in_sequence(markers: list[Marker], noted: set[int]) -> list[Marker]:
    """The markers that can be note markers: note numbers run in order, so a number with no
    note of its own beyond the next after the document's last note, and not the next after
    the marker before, marks no note (a year set small on a cover, a contents line's page
    number, "Office, 441 G Street"). A document with no notes keeps the markers whose numbers
    run on from 1, a few skipped at most: their notes may be what was not found (a year in
    brackets, "through March [2027]", is no marker)."""
    if not noted:
        out, top = [], 0
        for m in markers:
            if m.number <= top + _MAX_JUMP:
                out.append(m)
                top = max(top, m.number)
        return out
    last, previous = max(noted), 0
    out = []
    for m in markers:
        if m.number in noted or m.number <= last + 1 or m.number == previous + 1:
            out.append(m)
            previous = m.number
    return out


def _marker_problems(markers: list[Marker], notes: list[_Note], path: str) -> list[Problem]:
    """Markers without text, texts without markers, and marker numbers that jump back."""
    problems = []
    have = {n.number for n in notes}
    marked = {m.number for m in markers}
    previous = 0
    for m in markers:
        if m.number not in have:
            problems.append(
                _warning(path, m.line, f"footnote marker {m.number} has no footnote text")
            )
        if 1 < m.number <= previous:
            problems.append(
                _warning(path, m.line, f"footnote marker {m.number} jumps back (after {previous})")
            )
        previous = 0 if m.number == 1 else max(previous, m.number)
    for n in notes:
        if n.number not in marked:
            problems.append(
                _warning(path, n.line, f"footnote {n.number} has no marker in the text")
            )
    return problems


def _warning(path: str, line: int, message: str) -> Problem:
    """A warning about ``line`` of ``path``."""
    return Problem(path=path, line=line, severity="warning", message=message)


def _pair(
    text: str, notes: list[_Note], markers: list[Marker], heads: list[tuple[int, str]]
) -> list[Footnote]:
    """Notes with their marker (the k-th marker numbered n for the k-th note numbered n),
    citing sentence and section heading, in reading order."""
    by_number: dict[int, list[Marker]] = {}
    for m in markers:
        by_number.setdefault(m.number, []).append(m)
    seen: dict[int, int] = {}
    out = []
    for n in notes:
        k = seen.get(n.number, 0)
        seen[n.number] = k + 1
        pool = by_number.get(n.number, [])
        found = pool[k] if k < len(pool) else (pool[-1] if pool and n.run == 0 else None)
        note = Footnote(number=n.number, text=n.text, spans=n.spans, line=n.line, run=n.run)
        if found is None:
            out.append(note)
            continue
        s, e = sentence_span(text, found.start, found.end)
        out.append(
            replace(
                note,
                marker=found,
                context=text[s:e],
                context_start=s,
                context_end=e,
                section=_section_at(heads, found.start),
            )
        )
    return out


def _section_at(heads: list[tuple[int, str]], offset: int) -> str:
    """The last heading at or before ``offset``."""
    section = ""
    for start, title in heads:
        if start > offset:
            break
        section = title
    return section
