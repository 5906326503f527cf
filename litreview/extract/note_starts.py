"""Which lines start a note: numbered candidates weighed by layout, chosen as numbered runs.

Any line that opens with a number label may start a note: ``¹²``, ``[^12]:``, ``^12``,
``<sup>12</sup>``, ``[12]``, ``12.``, ``12)``, ``(12)`` or a bare ``12`` before text. Labels
written for notes (superscripts, ``[^n]``, carets, ``<sup>``) are strong evidence; a bare or
list-style number is weak, because body lines, tables and numbered lists start that way too.

Each candidate is scored from its layout (:data:`WEIGHTS`): is there a marker with its
number earlier in the body, does it open a paragraph, does its text start like a sentence or
a reference (not lower case, not a digit), is it a table row (ending in figures) or a heading
line. The notes of a document are then the best-scoring sequence of candidates whose numbers
go up by one (a gap costs a little, a number missing from the text), where a sequence may
start again (at 1: chapters, appendices and note blocks that number afresh; elsewhere, at
a higher cost: an excerpt). A candidate left out
is body text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from litreview.extract._text import Line

__all__ = ["WEIGHTS", "Candidate", "NoteStart", "candidates", "choose_starts", "label_at"]

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_DIGITS = str.maketrans(_SUP, "0123456789")
_LABEL = re.compile(
    rf"^\s*(?P<cell>\|\s*)?(?:(?P<sup>[{_SUP}]{{1,4}}(?![{_SUP}]))|\[\^(?P<fn>[^\]\s]{{1,40}})\]:?|\^(?P<caret>\d{{1,4}})"
    rf"|<sup>(?P<html>\d{{1,4}})</sup>|\[(?P<br>\d{{1,4}})\]:?|\((?P<paren>\d{{1,3}})\)"
    rf"|(?:[-*•]\s+)?(?P<emph>[_*]{{1,2}})?(?P<bare>\d{{1,3}})(?(emph)[_*]{{1,2}})"
    rf"(?P<punct>[.)])?(?=\s))"
    rf"\s*(?(cell)\|?\s*)(?=\S)"
)
STRONG = frozenset({"sup", "fn", "caret", "html"})
_URL_NEXT = re.compile(r"<?(?:https?://|www\.)")
_TABLE_END = re.compile(r"(?:\s[\d.,%$()+–-]+){2,}\s*$")
_LOWER_START = re.compile(r"^(?:[a-z]|[\d,.%]+\s+[a-z])")

WEIGHTS: dict[str, float] = {
    "strong": 3.0,  # a label written for notes
    "bracket": 2.0,  # [12] at the start of a line
    "weak": 1.0,  # 12, 12. 12) (12)
    "url": 1.0,  # a weak label before a link: a bare-link note
    "marker": 1.5,  # a marker with this number earlier in the body
    "no_marker": -1.5,  # a weak label with no marker before it
    "lower": -2.5,  # the text after a weak label starts in lower case (or a figure and lower case)
    "table": -3.0,  # the line ends in two or more figures: a table row
    "figures": -3.0,  # no letter after a weak label: a chart's axis or a table's figures
    "heading": -3.0,  # a short line without a full stop standing alone: a numbered heading
    "inside": -1.0,  # a weak label inside a paragraph (the line before is not blank)
    "restart": -1.0,  # numbering starts again at 1
    "late_start": -1.0,  # the first note of a run numbered above 1
    "gap": -0.75,  # per number skipped between two notes
    "section": 3.0,  # a weak label under a heading that names notes ("Notes", "Footnotes")
    "outside": -3.0,  # a weak label outside such a section when the document's notes are there
}
_MAX_GAP = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A line that opens with a number label: where, which number, how strong, its score."""

    index: int
    number: int
    offset: int
    style: str
    score: float
    markers_before: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteStart:
    """A chosen note start: the line index, its number, the text offset, its numbering run."""

    index: int
    number: int
    offset: int
    run: int
    style: str


def label_at(text: str, names: Mapping[str, int] | None = None) -> tuple[int, int, str] | None:
    """``(number, offset of the text after the label, style)`` when ``text`` opens with one.

    ``names`` numbers named Markdown footnotes (``[^intro]:``); an unknown name is no label.
    """
    m = _LABEL.match(text)
    if not m:
        return None
    style = next(k for k, v in m.groupdict().items() if v and k not in ("punct", "cell", "emph"))
    if style == "bare" and m.group("punct"):
        style = "list"
    raw = m.group(style if style != "list" else "bare").translate(_SUP_DIGITS)
    if not raw.isdigit():
        number = (names or {}).get(raw)
        return None if number is None else (number, m.end(), style)
    return int(raw), m.end(), style


def candidates(
    lines: Sequence[Line],
    marker_lines: dict[int, list[int]],
    excluded: frozenset[int] = frozenset(),
    weights: dict[str, float] = WEIGHTS,
    names: Mapping[str, int] | None = None,
    noted: frozenset[int] = frozenset(),
) -> list[Candidate]:
    """Every line (not in ``excluded``) that opens with a label, scored by its layout.

    ``noted`` are the indices of lines in a section whose heading names notes: where such a
    section holds labelled lines, those are its notes, and a weak label elsewhere (a
    numbered list, an equation, a table row) is most likely none.
    ``marker_lines`` maps a marker number to the line indices where body markers with that
    number stand. The score leaves out whether a marker came first: that depends on how many
    runs of notes came before (the k-th note numbered n needs k markers numbered n before it)
    and is added by :func:`choose_starts`.
    """
    labelled = [
        (i, found)
        for i, ln in enumerate(lines)
        if i not in excluded and (found := _label_of(lines, i, names)) is not None
    ]
    sectioned = any(i in noted for i, _ in labelled)
    out = []
    for i, (number, offset, style) in labelled:
        score = _score(lines, i, offset, style, weights)
        if sectioned and style not in STRONG:
            score += weights["section"] if i in noted else weights["outside"]
        before = sum(1 for j in marker_lines.get(number, ()) if j < i)
        out.append(
            Candidate(
                index=i,
                number=number,
                offset=offset,
                style=style,
                score=score,
                markers_before=before,
            )
        )
    return out


_LONE = re.compile(r"^\s*(?P<bare>\d{1,3})\s*$")


def _label_of(
    lines: Sequence[Line], i: int, names: Mapping[str, int] | None
) -> tuple[int, int, str] | None:
    """The label opening line ``i`` (:func:`label_at`), or a number standing alone on it
    with the text on the next line of its paragraph (``20`` above ``Securities and ...``:
    a PDF's note number set apart), style ``lone``."""
    found = label_at(lines[i].text, names)
    if found is not None:
        return found
    m = _LONE.match(lines[i].text)
    if m is None or i + 1 == len(lines) or not lines[i + 1].text.strip():
        return None
    return int(m.group("bare")), len(lines[i].text), "lone"


def _score(lines: Sequence[Line], i: int, offset: int, style: str, w: dict[str, float]) -> float:
    """The layout score of a candidate line (see :data:`WEIGHTS`), markers left out (a
    ``lone`` number's text is the next line)."""
    rest = lines[i].text[offset:] if style != "lone" else lines[i + 1].text.lstrip()
    if style in STRONG:
        return w["strong"]
    score = w["bracket"] if style == "br" else w["weak"]
    if _URL_NEXT.match(rest):
        score += w["url"]
    if _LOWER_START.match(rest):
        score += w["lower"]
    if _table_row(lines, i, rest):
        score += w["table"]
    if not any(ch.isalpha() for ch in rest):
        score += w["figures"]
    if _heading_like(lines, i, rest):
        score += w["heading"]
    if i > 0 and lines[i - 1].text.strip() and label_at(lines[i - 1].text) is None:
        score += w["inside"]
    return score


def _table_row(lines: Sequence[Line], i: int, rest: str) -> bool:
    """A one-line paragraph ending in two or more figures, not a sentence: a table row."""
    alone = i + 1 == len(lines) or not lines[i + 1].text.strip()
    short = len(rest) < 100 and not rest.rstrip().endswith(".")
    return alone and short and _TABLE_END.search(rest) is not None


def _heading_like(lines: Sequence[Line], i: int, rest: str) -> bool:
    """A short line standing alone with no closing punctuation and no figures: a numbered
    heading (a document number, ``GAO-24-106192``, is a short note)."""
    alone = (i == 0 or not lines[i - 1].text.strip()) and (
        i + 1 == len(lines) or not lines[i + 1].text.strip()
    )
    words = rest.split()
    closed = rest.rstrip().endswith((".", ")", ">", "”", '"'))
    return alone and 0 < len(words) <= 8 and not closed and not re.search(r"\d", rest)


Ranges = tuple[tuple[int, int], ...]


def choose_starts(
    cands: Sequence[Candidate], weights: dict[str, float] = WEIGHTS
) -> list[NoteStart]:
    """The best-scoring runs of candidates whose numbers go up (starting again at 1, or,
    at a higher cost, anywhere lower)."""
    if not cands:
        return []
    best: list[float] = []
    back: list[int] = []
    ranges: list[Ranges] = []  # the numbers each run of the chain covers, the last open
    by_number: dict[int, list[int]] = {}
    prefix_best, prefix_arg = 0.0, -1  # best chain ending before the current candidate
    for c in cands:
        fresh: Ranges = ((c.number, c.number),)
        options: list[tuple[float, int, Ranges]] = [
            (_gain(c, 0, weights) + _start_cost(c.number, weights), -1, fresh)
        ]
        if prefix_arg >= 0:
            earlier = ranges[prefix_arg]
            cost = weights["restart"] + _start_cost(c.number, weights)
            gain = _gain(c, _covering(earlier, c.number), weights)
            options.append((prefix_best + gain + cost, prefix_arg, (*earlier, (c.number,) * 2)))
        for n in range(max(1, c.number - _MAX_GAP), c.number):
            for j in by_number.get(n, ()):
                gap = weights["gap"] * (c.number - n - 1)
                *done, (low, _) = ranges[j]
                gain = _gain(c, _covering(tuple(done), c.number), weights)
                options.append((best[j] + gain + gap, j, (*done, (low, c.number))))
        value, arg, covered = max(options, key=lambda o: (o[0], -o[1]))
        best.append(value)
        back.append(arg)
        ranges.append(covered)
        by_number.setdefault(c.number, []).append(len(best) - 1)
        if value > prefix_best:
            prefix_best, prefix_arg = value, len(best) - 1
    if prefix_best <= 0:
        return []
    chain = []
    k = prefix_arg
    while k >= 0:
        chain.append(k)
        k = back[k]
    return [
        NoteStart(
            index=c.index, number=c.number, offset=c.offset, run=len(ranges[k]) - 1, style=c.style
        )
        for k in reversed(chain)
        for c in (cands[k],)
    ]


def _covering(done: Ranges, number: int) -> int:
    """How many earlier runs of the chain hold ``number``: that many markers numbered like
    it belong to them."""
    return sum(1 for low, high in done if low <= number <= high)


def _gain(c: Candidate, taken: int, weights: dict[str, float]) -> float:
    """A candidate's score once ``taken`` markers with its number belong to earlier notes:
    another such marker must stand before it."""
    if c.markers_before > taken:
        return c.score + weights["marker"]
    return c.score + (0.0 if c.style in STRONG else weights["no_marker"])


def _start_cost(number: int, weights: dict[str, float]) -> float:
    """What opening a chain at ``number`` costs: nothing at 1, a little above."""
    return 0.0 if number == 1 else weights["late_start"]
