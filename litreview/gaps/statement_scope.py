"""The sentences a gap-statement detector reads, and those it never reads.

Body text and explanatory notes are read. Never read: headings, the entries under a reference
list heading, reference strings in notes, captions, and contents lines (the heading words and
patterns are data, in ``gap_cues.yaml``). Notes and reference-list entries are the
document's apparatus as ingest reads it (:func:`litreview.extract.document.scan_text`): a
sentence inside a reference-list entry (or a list section) is never read, whatever its
heading; a note sentence that reads as a reference
(:func:`litreview.extract.reference_likeness.looks_like_reference`) inside a note that
:func:`litreview.extract.citations.classify` does not call explanatory is a reference string.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from litreview.core.text import Heading, Span, find_headings, is_list_item, sentences
from litreview.extract.citations import classify
from litreview.extract.document import DocumentScan, scan_text
from litreview.extract.reference_likeness import looks_like_reference
from litreview.gaps.cues import Cues

__all__ = ["REFERENCE_LIKE", "Sentence", "read_sentences"]

#: A note sentence at least this reference-like (0..1) is a reference string.
REFERENCE_LIKE = 0.6
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of a document as the detector reads it.

    ``flat`` is its text with emphasis marks dropped and whitespace runs as one space;
    ``note`` is -1 in the body, else the start of the note it belongs to (the sentences of one
    note share it); ``heading`` is the span of its section's heading ((0, 0) before the first);
    ``excluded`` says why it is never read (``""`` when it is).
    """

    start: int
    end: int
    flat: str
    section: str
    heading: tuple[int, int]
    note: int
    list_item: bool
    reference_like: float
    excluded: str = ""


def read_sentences(text: str, cues: Cues) -> list[Sentence]:
    """Every sentence of ``text`` in order, each with its section, note and scope."""
    spans = sentences(text)
    headings = find_headings(text)
    starts = [h.start for h in headings]
    scan = scan_text(text)
    pieces = _note_pieces(scan)
    listed = [(a.start, a.end) for a in scan.spans if a.kind == "reference"]
    piece_starts = [p[0] for p in pieces]
    heading_spans = {(h.start, h.end) for h in headings}
    out = []
    for span in spans:
        k = bisect_right(starts, span.start) - 1
        head = headings[k] if k >= 0 else None
        note, explanatory = _note_at(pieces, piece_starts, span)
        flat = flatten(text[span.start : span.end])
        ref = looks_like_reference(flat)
        in_list = any(a <= span.start < b for a, b in listed)
        out.append(
            Sentence(
                start=span.start,
                end=span.end,
                flat=flat,
                section=head.title if head else "",
                heading=(head.start, head.end) if head else (0, 0),
                note=note,
                list_item=is_list_item(text, span.start),
                reference_like=ref,
                excluded="reference list"
                if in_list
                else _excluded(text, span, flat, head, heading_spans, cues, note, explanatory, ref),
            )
        )
    return out


def flatten(sentence: str) -> str:
    """A sentence as the detector reads it: emphasis marks dropped, one space between words."""
    return _SPACES.sub(" ", sentence.replace("*", "")).strip()


def _excluded(
    text: str,
    span: Span,
    flat: str,
    head: Heading | None,
    heading_spans: set[tuple[int, int]],
    cues: Cues,
    note: int,
    explanatory: bool,
    reference_like: float,
) -> str:
    """Why a sentence is never read (``""`` when it is read)."""
    if any(a <= span.start and span.end <= b for a, b in heading_spans):
        return "heading"
    title = head.title if head else ""
    if cues.reference_headings is not None and cues.reference_headings.match(title):
        return "reference list"
    if cues.contents_headings is not None and cues.contents_headings.match(title):
        return "contents"
    if cues.caption is not None and cues.caption.match(flat):
        return "caption"
    if cues.contents is not None and cues.contents.search(flat):
        return "contents"
    if note >= 0 and not explanatory and reference_like >= REFERENCE_LIKE:
        return "reference"
    return ""


def _note_pieces(scan: DocumentScan) -> list[tuple[int, int, int, bool]]:
    """(start, end, note, explanatory) of every piece of every note, in text order; ``note``
    is the start of the note's first piece (a note may run over a page break)."""
    out = []
    for note in scan.notes.footnotes:
        if note.spans:
            explanatory = classify(note.text) == "note"
            out += [(a, b, note.spans[0][0], explanatory) for a, b in note.spans]
    return sorted(out)


def _note_at(
    pieces: list[tuple[int, int, int, bool]], starts: list[int], span: Span
) -> tuple[int, bool]:
    """(the note's start, whether it is explanatory) for a sentence inside a note; else
    (-1, True)."""
    k = bisect_right(starts, span.start) - 1
    if k >= 0 and span.start < pieces[k][1]:
        return pieces[k][2], pieces[k][3]
    return -1, True
