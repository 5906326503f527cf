"""Everything a document cites, read from its text: notes, reference list, in-text citations.

:func:`scan_text` runs the readers in order: the reference list first (its lines can never
start a note), then the notes and the rows of works each note cites, then the in-text
citations of the running text (outside notes and the list) linked to the list's entries.
:func:`apparatus_spans` gives the spans of a document that are apparatus, not body text
(notes and reference-list entries, with their kind), so that later stages (gap statements,
tagging contexts) can leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from litreview.core.errors import Problem
from litreview.core.text import line_numbers
from litreview.extract._text import Line, split_lines
from litreview.extract.citations import Reference, references
from litreview.extract.footnotes import FootnoteScan, find_footnotes
from litreview.extract.intext import InTextCitation, entry_of, in_text_citations
from litreview.extract.reflist import RefEntry, reference_entries, reference_sections

__all__ = ["DocumentScan", "TextSpan", "apparatus_spans", "scan_text"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TextSpan:
    """A span of the text that is apparatus: ``kind`` is ``note`` or ``reference``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentScan:
    """What a document cites: its notes and their rows, its reference list, its in-text
    citations, the apparatus spans and the problems found (each with its line)."""

    notes: FootnoteScan
    rows: tuple[Reference, ...]
    entries: tuple[RefEntry, ...]
    citations: tuple[InTextCitation, ...]
    spans: tuple[TextSpan, ...]
    problems: tuple[Problem, ...]


def scan_text(text: str, path: str = "<string>") -> DocumentScan:
    """Notes, reference list and in-text citations of ``text`` (``path`` names it)."""
    lines = split_lines(text)
    sections = reference_sections(lines)
    excluded = {i for first, last in sections for i in range(first, last + 1)}
    entries = reference_entries(text, lines, sections)
    # with a numbered reference list, a marker with no note of its number cites an entry
    numbered = any(e.label is not None for e in entries)
    notes = find_footnotes(text, path, excluded=excluded, citations=numbered)
    rows, problems = references(notes.footnotes, path)
    rows = _resolve_short_forms(rows, entries)
    spans = _spans(notes, entries, text, sections, lines)
    cites = in_text_citations(
        text,
        entries,
        skip=[(s.start, s.end) for s in spans],
        superscripts=not notes.footnotes,
    )
    problems += _unlinked(cites, text, path)
    return DocumentScan(
        notes=notes,
        rows=tuple(rows),
        entries=tuple(entries),
        citations=tuple(cites),
        spans=spans,
        problems=(*notes.problems, *problems),
    )


def _resolve_short_forms(rows: list[Reference], entries: list[RefEntry]) -> list[Reference]:
    """Short forms of notes (``Smith 2019, 45``) pointed at the reference-list entry they
    name; a short form the list does not have stays a work of its own."""
    if not entries:
        return rows
    out = []
    for r in rows:
        entry = entry_of(r.raw, entries) if r.parse and len(r.raw) < 80 else None
        out.append(replace(r, entry=entry, parse=False) if entry is not None else r)
    return out


def apparatus_spans(text: str) -> tuple[TextSpan, ...]:
    """The spans of ``text`` that are notes or reference-list entries, in text order."""
    return scan_text(text).spans


def _spans(
    notes: FootnoteScan,
    entries: list[RefEntry],
    text: str,
    sections: list[tuple[int, int]],
    lines: list[Line],
) -> tuple[TextSpan, ...]:
    """Note pieces and reference entries as spans (a list's whole section when it has none)."""
    out = [TextSpan(start=s, end=e, kind="note") for f in notes.footnotes for s, e in f.spans]
    out += [TextSpan(start=e.start, end=e.end, kind="reference") for e in entries]
    for first, last in sections:
        if not any(
            lines[first].start <= e.start <= lines[last].start + len(lines[last].text)
            for e in entries
        ):
            end = lines[last].start + len(lines[last].text)
            out.append(TextSpan(start=lines[first].start, end=end, kind="reference"))
    return tuple(sorted(out, key=lambda s: (s.start, s.end)))


def _unlinked(cites: list[InTextCitation], text: str, path: str) -> list[Problem]:
    """A problem for each cited work not found in the reference list."""
    out = []
    unlinked = [c for c in cites if any(w.entry is None for w in c.works)]
    for c, line in zip(unlinked, line_numbers(text, [c.start for c in unlinked]), strict=True):
        for w in c.works:
            if w.entry is None:
                out.append(
                    Problem(
                        path=path,
                        line=line,
                        severity="warning",
                        message=f"citation {w.label!r} has no entry in the reference list",
                    )
                )
    return out
