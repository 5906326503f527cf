"""The sentences a gap-statement detector reads, and those it never reads.

Body text and explanatory notes are read. Never read: headings, the entries under a reference
list heading, reference strings in notes, captions, and contents lines (the heading words and
patterns are data, in ``gap_cues.yaml``). Notes and reference-list entries are the
document's apparatus as ingest reads it (:func:`litreview.extract.document.scan_text`): a
sentence inside a reference-list entry (or a list section) is never read, whatever its
heading; a note sentence that reads as a reference
(:func:`litreview.extract.reference_likeness.looks_like_reference`) inside a note that
:func:`litreview.extract.citations.classify` does not call explanatory is a reference string.

Apparatus the scan does not find is known by its shape alone. A paragraph (its note number
aside, links read as their words) that the note reader calls a citation, that holds what a
reference holds (a title, a name with a year, publication facts or a link:
:func:`litreview.extract.citations.looks_like_reference`), that reads as one
(:data:`REFERENCE_LIKE`) and has fewer than :data:`PROSE_SENTENCES` prose sentences is a
reference string wherever it stands: an endnote list without a heading, a list of related
products, a list of studies in an appendix. A long paragraph is cut into entries as a
reference list is; when most of them (:data:`LIST_SHARE`) are reference strings, they are
a hard-wrapped list. In an explanatory note, which is read, a bare link or a sentence that
is a reference on its own is not. A short sentence whose every word but the small words of
a title (``title_words`` in ``gap_cues.yaml``) is capitalised is a title: a heading run into
its paragraph, a section title cut from its line, a line of a contents list; standing alone
as a paragraph with no closing punctuation, a longer one is too (a heading the PDF reader
gives as a paragraph). A dot leader
anywhere in a sentence marks a contents line. A sentence without closing punctuation whose
words are mostly figures (:func:`litreview.core.text.is_table_row`) is a row of a table.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from litreview.core.text import (
    LONG_HEADING_WORDS,
    Heading,
    Span,
    find_headings,
    is_list_item,
    is_table_row,
    paragraphs,
    sentences,
)
from litreview.extract._text import LINK_TEXT, split_lines
from litreview.extract.citations import classify
from litreview.extract.citations import looks_like_reference as holds_reference
from litreview.extract.document import DocumentScan, scan_text
from litreview.extract.footnotes import Marker
from litreview.extract.reference_likeness import looks_like_reference
from litreview.extract.reflist import reference_entries
from litreview.gaps.cues import Cues

__all__ = ["REFERENCE_LIKE", "Sentence", "read_sentences"]

#: A note sentence at least this reference-like (0..1) is a reference string.
REFERENCE_LIKE = 0.6
#: A paragraph of more words than this is never one reference string; it is a list of
#: them when at least this share of its entries are.
REFERENCE_WORDS = 100
LIST_SHARE = 0.75
#: A paragraph with this many prose sentences (this many words or more, not reference-like)
#: is body text, however many names, years and titles it holds.
PROSE_SENTENCES = 2
PROSE_WORDS = 8
#: A sentence of more words than this is never a title, however capitalised; one that is a
#: paragraph of its own with no closing punctuation (a heading on its own line) may run to
#: ``LONE_TITLE_WORDS`` (as many as a heading in title case has).
TITLE_WORDS = 12
LONE_TITLE_WORDS = LONG_HEADING_WORDS
_SPACES = re.compile(r"\s+")
# a paragraph's end: a blank line after it, or the text's end
_PARA_AFTER = re.compile(r"[ \t]*(?:\n[ \t]*\n|\s*\Z)")
_NOTE_NUMBER = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}[.)]?)\s+")
_LINK = re.compile(rf"\[({LINK_TEXT}*+)\]\([^)\s\[\]]*\)")
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of a document as the detector reads it.

    ``flat`` is its text with emphasis marks dropped and whitespace runs as one space;
    ``note`` is -1 in the body, else the start of the note it belongs to (the sentences of one
    note share it); ``heading`` is the span of its section's heading ((0, 0) before the first);
    ``reference_like`` is how much a note's sentence reads as a reference (0 to 1; 0 in the
    body, where it is never asked); ``excluded`` says why it is never read (``""`` when it is).
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
    # a caption or a contents line set as a line of its own names no section (it is not
    # read either way: ``_excluded``); a heading the text marks as one (Markdown ``#``:
    # "#### Box 1. Challenges and Limitations") stays one
    headings = [
        h
        for h in find_headings(text)
        if text.startswith("#", h.start) or not _apparatus(flatten(h.title), cues)
    ]
    starts = [h.start for h in headings]
    scan = scan_text(text)
    pieces = _note_pieces(scan)
    listed = _merged([(a.start, a.end) for a in scan.spans if a.kind == "reference"])
    listed_starts = [a for a, _ in listed]
    piece_starts = [p[0] for p in pieces]
    blocks = _reference_paragraphs(text)
    block_starts = [b[0] for b in blocks]
    heading_spans = {(h.start, h.end) for h in headings}
    images = image_spans(text)
    image_starts = [a for a, _ in images]
    spans = _after_markers(text, spans, scan.notes.markers)
    out = []
    for span in spans:
        k = bisect_right(starts, span.start) - 1
        head = headings[k] if k >= 0 else None
        note, explanatory = _note_at(pieces, piece_starts, span)
        flat = flatten(text[span.start : span.end])
        # only a note's sentence is asked how much it reads as a reference
        ref = looks_like_reference(flat) if note >= 0 else 0.0
        in_list = _inside(listed, listed_starts, span.start)
        shaped = explanatory and _inside(blocks, block_starts, span.start)
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
                else "reference"
                if shaped
                else "caption"
                if _inside(images, image_starts, span.start)
                else _excluded(text, span, flat, head, heading_spans, cues, note, explanatory, ref),
            )
        )
    return out


def _after_markers(text: str, spans: list[Span], markers: Sequence[Marker]) -> list[Span]:
    """The sentences, each that opens with a note's marker (``36 According to ...``: the
    number a text made from a PDF leaves after the sentence it marks) begun after it."""
    at = {k: m.end for m in markers for k in range(m.start, m.end)}  # a marker is short
    out = []
    for span in spans:
        end = at.get(span.start)
        if end is not None and end < span.end and not text[span.start : end].startswith("["):
            start = end + len(text[end : span.end]) - len(text[end : span.end].lstrip())
            span = replace(span, start=start) if start < span.end else span
        out.append(span)
    return out


MAX_CAPTION = 20_000  # characters an image's text may run to


def image_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the text of Markdown images, ``![caption](file)``: a figure's caption
    (as Pandoc writes a figure), never body text. Brackets inside are counted (a caption
    cites ``[@key]``); an image whose text runs past :data:`MAX_CAPTION` characters, or
    never closes, is none. Linear: no character is scanned twice (the search goes on where
    a scan stopped)."""
    out: list[tuple[int, int]] = []
    at = text.find("![")
    while at >= 0:
        depth, i, end = 0, at + 1, min(len(text), at + MAX_CAPTION)
        while i < end:
            ch = text[i]
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        if i < end and text.startswith("(", i + 1):
            out.append((at, i + 1))
        at = text.find("![", max(i, at + 2))  # a text never closed is not scanned again
    return out


def flatten(sentence: str) -> str:
    """A sentence as the detector reads it: emphasis marks dropped, one space between words."""
    return _SPACES.sub(" ", sentence.replace("*", "")).strip()


def _apparatus(line: str, cues: Cues) -> bool:
    """Whether a line is a caption or a contents line by the cue file's patterns."""
    return bool(
        (cues.caption is not None and cues.caption.match(line))
        or (cues.contents is not None and cues.contents.search(line))
    )


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
    if is_table_row(flat) and not flat.rstrip(" \"')]*_").endswith((".", "!", "?")):
        return "table"
    if _title_cased(flat, cues.title_words, LONE_TITLE_WORDS if _lone(text, span) else TITLE_WORDS):
        return "title"
    if note >= 0 and not explanatory and reference_like >= REFERENCE_LIKE:
        return "reference"
    if note >= 0 and _reference_sentence(flat, reference_like):
        return "reference"
    return ""


def _reference_paragraphs(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that are reference strings by their shape, in order: short
    paragraphs that read as one, and the entries of a long paragraph that is a hard-wrapped
    list of them (cut as :func:`litreview.extract.reflist.reference_entries` cuts a list)."""
    lines = split_lines(text)
    line_starts = [ln.start for ln in lines]
    out = []
    for para in paragraphs(text):
        raw = text[para.start : para.end]
        if len(raw.split()) <= REFERENCE_WORDS:
            out += [(para.start, para.end)] if _reads_as_reference(raw) else []
            continue
        first = bisect_right(line_starts, para.start) - 1
        last = bisect_right(line_starts, para.end - 1) - 1
        entries = reference_entries(text, lines, [(first, last)])
        shaped = [(e.start, e.end) for e in entries if _reads_as_reference(e.raw)]
        if len(shaped) >= 2 and len(shaped) >= LIST_SHARE * len(entries):
            out += shaped
    return out


def _reads_as_reference(raw: str) -> bool:
    """Whether a piece of text is one reference string (a markdown link read as its words: a
    linked word in prose is no title; a leading note number left out)."""
    body = _NOTE_NUMBER.sub("", _SPACES.sub(" ", _LINK.sub(r"\1", raw)).strip(), count=1)
    return (  # the cheapest tests that turn most paragraphs away first
        len(body.split()) <= REFERENCE_WORDS
        and looks_like_reference(flatten(body)) >= REFERENCE_LIKE
        and classify(body) == "citation"
        and holds_reference(body)
        and _prose_sentences(body) < PROSE_SENTENCES
    )


def _reference_sentence(flat: str, reference_like: float) -> bool:
    """Whether a sentence of an explanatory note is a reference string of its own: a bare
    link, or a citation by the note reader's shape that reads as a reference and not as prose
    (``RSIL (2022) The case for ...``)."""
    kind = classify(flat)
    if kind == "url":
        return True
    return (
        kind == "citation"
        and reference_like >= REFERENCE_LIKE
        and holds_reference(flat)
        and _prose_sentences(flat) == 0
    )


def _prose_sentences(body: str) -> int:
    """How many sentences of ``body`` read as prose: of some length, and not as a reference."""
    return sum(
        1
        for span in sentences(body)
        if len(body[span.start : span.end].split()) >= PROSE_WORDS
        and looks_like_reference(flatten(body[span.start : span.end])) < REFERENCE_LIKE
    )


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The half-open ``spans`` sorted, those that overlap or touch joined: the same offsets
    fall inside them, and :func:`_inside` can find them."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        elif a < b:
            out.append((a, b))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` falls inside one of ``spans`` (sorted, ``starts`` their starts)."""
    k = bisect_right(starts, offset) - 1
    return k >= 0 and offset < spans[k][1]


def _lone(text: str, span: Span) -> bool:
    """Whether a sentence is a paragraph of its own that ends with no punctuation: a blank
    line (or the text's start) before it, a blank line (or the text's end) after it."""
    i = span.start
    while i and text[i - 1] in " \t":
        i -= 1
    if i:  # a line break, then only spaces back to another line break or the start
        if text[i - 1] != "\n":
            return False
        i -= 1
        while i and text[i - 1] in " \t":
            i -= 1
        if i and text[i - 1] != "\n":
            return False
    return (
        _PARA_AFTER.match(text, span.end) is not None
        and text[span.start : span.end].rstrip()[-1:].isalnum()
    )


def _title_cased(flat: str, small: frozenset[str], most: int = TITLE_WORDS) -> bool:
    """Whether a sentence is a title: at most ``most`` words, each capitalised but ``small``
    ones, the first and last capitalised too (never when there are no small words to go by,
    nor for a question or a piece ending in a comma)."""
    words = _WORD.findall(flat)
    if not small or not words or len(words) > most or flat.endswith(("?", ",")):
        return False
    if not words[0][0].isupper() or words[-1].lower() in small:
        return False  # a sentence cut by a page break: "in the United States and"
    return all(w[0].isupper() for w in words if w.lower() not in small)


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
    # a note's first sentence starts before the note's text (at its number or marker): it
    # belongs to the note its last character is in
    k = bisect_right(starts, span.end - 1) - 1
    if k >= 0 and span.start < pieces[k][0] and span.end - 1 < pieces[k][1]:
        return pieces[k][2], pieces[k][3]
    return -1, True
