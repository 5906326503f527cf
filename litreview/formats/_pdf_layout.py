"""The text of a PDF read by layout (pypdfium2): body, superscript markers, page-foot notes.

Every character comes with its position and its size on the page (font size times the text
matrix). From them:

* lines: characters sharing a baseline; a smaller character raised above the baseline is a
  superscript, written ``<sup>...</sup>`` (a note marker or label when it is a number);
* the body size: the size most characters have;
* page furniture: lines in the top or bottom margin whose text, digits masked, comes back on
  three pages or more (running heads, page numbers); they are left out;
* the page-foot notes: the lines below the page's last body-size line, smaller than the body,
  the first of them opening with a number; each note is written as one line
  ``<sup>N</sup> text`` after the page's body, so the note finder reads them as notes;
* paragraphs: a vertical gap larger than the page's usual line gap ends one, and a line
  opening with a list label (``12.``, ``[12]``, a bullet) starts one; a paragraph is written
  as one line, paragraphs and pages separated by a blank line;
* sentences over a page break: a page's last paragraph that stops mid-sentence is joined
  with the next page's first when that goes on in lower case, on the side of the page's
  notes that leaves what the note finder reads after each note as it was (:func:`_run_on`).
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from litreview.core.text import NOTE_CONTINUATION

__all__ = ["pdf_layout", "pdf_layout_text"]

_MARGIN = 0.08  # share of the page height where running heads and feet stand
_SUP_RATIO = 0.85  # a character this much smaller than its line's text, and raised
_NOTE_RATIO = 0.93  # note text is this much smaller than the body, or less
_PARA_GAP = 1.3  # a gap this many times the usual line gap (for its font size) ends a paragraph
_MAX_LEADING = 2.0  # nor is a gap of more than this many font sizes ever a line's own
_PROSE = 50  # a line this long is running text
_HANGING_MIN = 3  # items a run needs before its hanging indent is believed
_HANGING_INDENT = (0.6, 4.0)  # a hanging indent, in font sizes (ems)
_HANGING_TOLERANCE = 0.3  # lines this close (in ems) stand at the same place
_SOFT_HYPHEN = "\x02"  # pdfium's mark for a word hyphenated at a line's end
_ITEM = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}\.|[•▪●◦–-])\s")  # a list item opens a paragraph
_ENTRY_LABEL = re.compile(r"^\[\d{1,4}\]\s")  # a numbered reference list's label
_LABEL = re.compile(r"^(?:<sup>(\d{1,4})</sup>|(\d{1,3})(?=\s))\s*")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Char:
    text: str
    x: float
    y: float
    size: float


@dataclass(frozen=True, slots=True, kw_only=True)
class _Line:
    text: str
    y: float
    size: float
    page_height: float
    x: float = 0.0  # the left edge of its first printed character


def pdf_layout_text(path: str) -> tuple[str, dict[str, str]]:
    """The text of the PDF at ``path`` and its metadata (``Title``, ``Author``, dates)."""
    return pdf_layout(path)[:2]


def pdf_layout(path: str) -> tuple[str, dict[str, str], list[int]]:
    """:func:`pdf_layout_text`, and the numbers (from 1) of the pages that show an image
    but no text: scanned pages, whose words only OCR could read."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
        meta = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        images = [n for n, lines in enumerate(pages, 1) if not lines and _has_image(pdf[n - 1])]
    finally:
        pdf.close()
    read = _pages_read(pages)
    _run_on(read)
    parts = ["\n\n".join(p.paragraphs + p.notes) for p in read]
    return _mended("\n\n".join(p for p in parts if p)) + "\n", meta, images


def _pages_read(pages: list[list[_Line]]) -> list[_Page]:
    """Every page's paragraphs and notes; an item set with a hanging indent that runs on
    from the page before is made whole there."""
    body = _marked_size(pages) or _body_size(pages)
    furniture = _furniture(pages)
    read: list[_Page] = []
    for lines in pages:
        page = _page_parts(lines, body, furniture, continues=bool(read) and read[-1].hanging)
        if page.carried and read and read[-1].paragraphs and page.paragraphs:
            read[-1].paragraphs[-1] = _joined(read[-1].paragraphs[-1], page.paragraphs.pop(0))
        read.append(page)
    return read


_RUNS_ON = 50  # a page's last paragraph this long, or longer, may stop mid-sentence
_SENTENCE_END = re.compile(r"[.?!:)\]”’\"']$")
_TRAILING_MARKS = re.compile(r"(?:<sup>[^<>]{0,80}</sup>\s*)+$")


def _run_on(read: list[_Page]) -> None:
    """Sentences run over a page break made whole: a page's last paragraph that stops
    mid-sentence (long, with no closing punctuation, note markers aside) is joined with the
    next page's first paragraph when that opens in lower case.

    Between the halves stand the page's notes, and the note finder reads the paragraphs
    after a note, up to the next note, as the note's continuation when they carry no marker
    and are few. So the paragraph made whole stands after the notes, where its second half
    stood, when the paragraphs left before the notes still carry a marker (or are many) and
    its first half brings no marker, or those after them carry one already; else before the
    notes, where its first half stood, on the same terms the other way round; else the
    halves are left apart. Either way the paragraphs on each side of the notes read as before.
    """
    for page, nxt in itertools.pairwise(read):
        if not (page.paragraphs and nxt.paragraphs):
            continue
        last, first = page.paragraphs[-1], nxt.paragraphs[0]
        if not _runs_on(last, first):
            continue
        if not page.notes or _movable(page.paragraphs, nxt.paragraphs):
            nxt.paragraphs[0] = _joined(page.paragraphs.pop(), first)
        elif _movable(nxt.paragraphs[::-1], page.paragraphs[::-1]):
            page.paragraphs[-1] = _joined(last, nxt.paragraphs.pop(0))


def _movable(source: list[str], target: list[str]) -> bool:
    """Whether the last paragraph of ``source`` may move over the notes into ``target``: the
    rest of ``source`` carries a marker (or, the paragraph bringing none, is many), and the
    paragraph brings no marker or ``target`` carries one already."""
    moved, rest = source[-1], source[:-1]
    if _marked(moved):
        return _marked(rest) and _marked(target)
    return _marked(rest) or len(rest) > NOTE_CONTINUATION


def _marked(paragraphs: str | list[str]) -> bool:
    """Whether a paragraph (or any of some) carries a note marker."""
    texts = [paragraphs] if isinstance(paragraphs, str) else paragraphs
    return any("<sup>" in t for t in texts)


def _runs_on(last: str, first: str) -> bool:
    """Whether a page's last paragraph goes on in the next page's first."""
    said = _TRAILING_MARKS.sub("", last).rstrip()
    return len(said) >= _RUNS_ON and not _SENTENCE_END.search(said) and first[:1].islower()


def _has_image(page: object) -> bool:
    """Whether a page holds an image object (at its top level or in a form)."""
    import pypdfium2.raw as raw

    objects = page.get_objects(max_depth=2)  # type: ignore[attr-defined]
    return any(o.type == raw.FPDF_PAGEOBJ_IMAGE for o in objects)


def _page_lines(page: object) -> list[_Line]:
    """The lines of a page, top to bottom."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    height = page.get_height()  # type: ignore[attr-defined]
    chars = []
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    for i in range(textpage.count_chars()):
        ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
        if ch in "\r\n\ufffe":
            continue
        raw.FPDFText_GetMatrix(textpage.raw, i, matrix)
        if abs(matrix.b) > abs(matrix.a):  # turned a quarter or more: a margin's stamp
            continue
        raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        size = raw.FPDFText_GetFontSize(textpage.raw, i) * math.hypot(matrix.c, matrix.d)
        chars.append(_Char(text=ch, x=x.value, y=y.value, size=round(size, 1)))
    return _group_lines(chars, height)


def _group_lines(chars: list[_Char], height: float) -> list[_Line]:
    """Characters grouped into lines by baseline, superscripts marked."""
    rows: list[_Row] = []
    for c in chars:
        if rows and _same_line(rows[-1], c):
            rows[-1].add(c)
        else:
            rows.append(_Row(c))
    return [_line(row.chars, height) for row in rows if "".join(c.text for c in row.chars).strip()]


class _Row:
    """A line being gathered: its characters, its largest size and the baseline most of the
    characters of that size stand on (kept as characters come, so a line of n characters
    costs n steps, not n²). On a tie the baseline seen first wins."""

    __slots__ = ("base", "chars", "counts", "size")

    def __init__(self, c: _Char) -> None:
        self.chars = [c]
        self.size = c.size
        self.counts: dict[int, int] = {round(c.y): 1}  # baselines of the largest size, in order
        self.base = round(c.y)

    def add(self, c: _Char) -> None:
        self.chars.append(c)
        if c.size > self.size:
            self.size, self.counts, self.base = c.size, {}, round(c.y)
        if c.size == self.size:
            y = round(c.y)
            n = self.counts[y] = self.counts.get(y, 0) + 1
            best = self.counts[self.base]
            if y != self.base and (n > best or (n == best and _before(self.counts, y, self.base))):
                self.base = y


def _before(counts: dict[int, int], a: int, b: int) -> bool:
    """Whether baseline ``a`` was seen before ``b`` (ties are rare: a walk of the few keys)."""
    return next(k for k in counts if k in (a, b)) == a


def _same_line(row: _Row, c: _Char) -> bool:
    """Whether ``c`` continues ``row``: near its baseline, or a superscript beside it (a
    raised smaller character after the text, or a raised label before it)."""
    size, base = row.size, row.base
    if abs(c.y - base) <= 0.3 * max(size, c.size):
        return True
    if _smaller(c.size, size):
        return 0 < c.y - base < 0.8 * size
    return _smaller(size, c.size) and 0 < base - c.y < 0.8 * c.size


def _line(row: list[_Char], height: float) -> _Line:
    """One line's text, with raised smaller runs as ``<sup>...</sup>``."""
    sizes = Counter(c.size for c in row if c.text.strip())
    size = sizes.most_common(1)[0][0] if sizes else row[0].size
    base = Counter(round(c.y) for c in row if c.size == size).most_common(1)[0][0]
    out: list[str] = []
    sup: list[str] = []
    for c in sorted(row, key=lambda c: c.x) if _unordered(row) else row:
        raised = _smaller(c.size, size) and c.y - base > 0.15 * size
        if raised and c.text.strip():
            sup.append(c.text)
            continue
        if sup:
            out.append(_sup("".join(sup)))
            sup = []
        out.append(c.text)
    if sup:
        out.append(_sup("".join(sup)))
    text = " ".join("".join(out).split())
    x = min((c.x for c in row if c.text.strip()), default=0.0)
    return _Line(text=text, y=base, size=size, page_height=height, x=x)


def _smaller(size: float, than: float) -> bool:
    """Whether characters of ``size`` are small enough beside ``than`` to be raised text:
    :data:`_SUP_RATIO` of it or less (a footnote's 6.8-point label beside its 8-point
    text stands at 0.85 exactly; sizes are read to a tenth of a point)."""
    return size <= _SUP_RATIO * than + 0.01


def _unordered(row: list[_Char]) -> bool:
    """Whether a row's characters are out of left-to-right order."""
    return any(b.x + 1 < a.x for a, b in itertools.pairwise(row))


def _sup(text: str) -> str:
    """A superscript run: numbers as ``<sup>..</sup>``, anything else as it is."""
    return f"<sup>{text}</sup>" if re.fullmatch(r"[\d,–\-]+", text) else text


def _marked_size(pages: list[list[_Line]]) -> float:
    """The size of the lines that carry a superscript inside them (note markers stand in the
    body; a note's label opens its line), ``0`` when no line does."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            if "<sup>" in ln.text[1:] and not ln.text.startswith("<sup>"):
                sizes[ln.size] += 1
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _body_size(pages: list[list[_Line]], default: float = 10.0) -> float:
    """The size of the running text: of the sizes of prose lines (long, mostly letters), the
    largest that has at least half as much text as the commonest (notes, tables and sources
    are set smaller than the body, and may be as plentiful)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            letters = sum(ch.isalpha() for ch in ln.text)
            if len(ln.text) >= _PROSE and letters >= 0.6 * len(ln.text):
                sizes[ln.size] += len(ln.text)
    if not sizes:
        return default
    top = sizes.most_common(1)[0][1]
    return max(size for size, n in sizes.items() if n >= 0.5 * top)


def _key(text: str) -> str:
    """A line as running heads repeat it: digits masked."""
    return re.sub(r"\d+", "#", text)


def _in_margin(ln: _Line) -> bool:
    """Whether a line stands in the top or bottom margin of its page."""
    return ln.y < _MARGIN * ln.page_height or ln.y > (1 - _MARGIN) * ln.page_height


def _furniture(pages: list[list[_Line]]) -> frozenset[str]:
    """Keys of margin lines repeated on three pages or more."""
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_key(ln.text) for ln in lines if _in_margin(ln)})
    return frozenset(k for k, n in seen.items() if n >= 3 or re.fullmatch(r"[#\s]+", k))


_FURNITURE_LEAD = 15
"""How long the words a running foot opens with must be for a margin line opening with them
to be that foot too (a last page's foot may add to it: 'Congressional Research Service
R48906 · VERSION 2 · NEW 18' where the others read 'Congressional Research Service 17')."""


def _is_furniture(text: str, furniture: frozenset[str]) -> bool:
    """Whether a margin line is a running head or foot: its key is one, or it opens with the
    words (before a page number) of one that is long enough to be telling."""
    key = _key(text)
    if key in furniture:
        return True
    for k in furniture:
        lead = k.removesuffix("#").rstrip()
        if len(lead) >= _FURNITURE_LEAD and "#" not in lead and key.startswith(lead + " "):
            return True
    return False


@dataclass(slots=True)
class _Page:
    """A page read: its paragraphs and notes, whether its last run of lines is set with a
    hanging indent, and whether its first paragraph ends an item of the page before's."""

    paragraphs: list[str]
    notes: list[str]
    hanging: bool
    carried: bool


def _page_text(lines: list[_Line], body: float, furniture: frozenset[str]) -> str:
    """A page's paragraphs, then its notes."""
    page = _page_parts(lines, body, furniture)
    return "\n\n".join(page.paragraphs + page.notes)


def _page_parts(
    lines: list[_Line], body: float, furniture: frozenset[str], *, continues: bool = False
) -> _Page:
    """A page's paragraphs and notes (``continues``: the page before ends in a run of
    lines set with a hanging indent)."""
    kept = [ln for ln in lines if not (_in_margin(ln) and _is_furniture(ln.text, furniture))]
    notes = _note_lines(kept, body)
    runs = _paragraph_runs([ln for ln in kept if ln not in notes], continues)
    return _Page(
        paragraphs=runs.paragraphs,
        notes=_notes(sorted(notes, key=lambda ln: -ln.y)),
        hanging=runs.hanging,
        carried=runs.carried,
    )


def _note_lines(lines: list[_Line], body: float) -> list[_Line]:
    """The page's note block: the smaller lines below its lowest body line, from the highest
    of them that opens with a number down (``[]`` when there is none). Lines labelled in
    brackets are a numbered reference list, not notes. A page with no body line has no
    page-foot notes (a reference list set small, whose lines opening with a
    volume number, ``149 (2019), 485–510.``, are no note labels)."""
    floor = min(
        (ln.y for ln in lines if ln.size >= _NOTE_RATIO * body and not _in_margin(ln)),
        default=math.inf,
    )
    if floor == math.inf:
        return []
    below = sorted(
        (ln for ln in lines if ln.y < floor and ln.size < _NOTE_RATIO * body),
        key=lambda ln: -ln.y,
    )
    if any(_ENTRY_LABEL.match(ln.text) for ln in below):
        return []  # a numbered reference list set small ("[9] S. Rao, ..."), not notes
    for k, ln in enumerate(below):
        if _LABEL.match(ln.text):
            return below[k:]
    return []


def _notes(lines: list[_Line]) -> list[str]:
    """Each note of a note block as one line opening with its label."""
    notes: list[str] = []
    for ln in lines:
        if _LABEL.match(ln.text):  # a raised label stays <sup>N</sup>, a plain one N
            notes.append(ln.text)
        elif notes:
            notes[-1] = _joined(notes[-1], ln.text)
    return notes


_BROKEN = re.compile(rf"(\w+){_SOFT_HYPHEN}(\w+)")


def _mended(text: str) -> str:
    """Words broken at a line's end made whole: the hyphen is kept when the document writes
    the word with it elsewhere (``off-label``), dropped otherwise (``pharma-ceutical``)."""
    hyphenated = {m.group(0).casefold() for m in re.finditer(r"\w+-\w+", text)}

    def mend(m: re.Match[str]) -> str:
        word = f"{m.group(1)}-{m.group(2)}"
        return word if word.casefold() in hyphenated else m.group(1) + m.group(2)

    return _BROKEN.sub(mend, text).replace(_SOFT_HYPHEN, "-")


def _joined(text: str, line: str) -> str:
    """``line`` run on after ``text``; a word broken at the line's end keeps its mark, for
    :func:`_mended` to decide."""
    return text + line if text.endswith(_SOFT_HYPHEN) else f"{text} {line}"


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Lines joined into paragraphs where the vertical gap is the usual one, and a run of
    such lines set with a hanging indent cut before each line that sticks out."""
    return _paragraph_runs(lines).paragraphs


@dataclass(frozen=True, slots=True)
class _Runs:
    """Paragraphs of a page's lines; whether the last run is set with a hanging indent, and
    whether the first paragraph is the end of an item begun on the page before."""

    paragraphs: list[str]
    hanging: bool
    carried: bool


def _paragraph_runs(lines: list[_Line], continues: bool = False) -> _Runs:
    """:func:`_paragraphs` and what the next page needs to know; with ``continues`` the
    first run may open with the indented lines of an item begun on the page before."""
    if not lines:
        return _Runs(paragraphs=[], hanging=continues, carried=False)
    usual = _usual_leading(lines)
    runs = [[lines[0]]]
    for a, b in itertools.pairwise(lines):
        gap = a.y - b.y
        same = (
            usual
            and a.size == b.size
            and 0 < gap <= min(_PARA_GAP * usual * a.size, _MAX_LEADING * a.size)
        )
        if same:
            runs[-1].append(b)
        else:
            runs.append([b])
    out: list[str] = []
    hanging = frozenset[int]()
    carried = False
    for n, run in enumerate(runs):
        # a hanging indent says where items start; else a line opening with a list label
        # does (in a hanging list, a line run on may open with "2012." too)
        hanging = _hanging_starts(run, continues=continues and n == 0)
        carried = carried or (n == 0 and bool(hanging) and 0 not in hanging)
        starts = hanging or {k for k, ln in enumerate(run) if _ITEM.match(ln.text)}
        for k, line in enumerate(run):
            if k and k not in starts:
                out[-1] = _joined(out[-1], line.text)
            else:
                out.append(line.text)
    return _Runs(paragraphs=out, hanging=bool(hanging), carried=carried)


def _usual_leading(lines: list[_Line]) -> float:
    """The page's usual gap between one line and the next of the same size, in font sizes
    (the median; 0 with no such pair). Measured in sizes, a heading set large, whose lines
    stand further apart than the body's, keeps its lines together as the body does."""
    ratios = sorted(
        (a.y - b.y) / a.size
        for a, b in itertools.pairwise(lines)
        if a.y > b.y and a.size == b.size and a.size > 0
    )
    return ratios[(len(ratios) - 1) // 2] if ratios else 0.0


def _hanging_starts(run: list[_Line], *, continues: bool = False) -> frozenset[int]:
    """The lines that open an item of a run set with a hanging indent (a reference list
    whose entries stand on the margin and run on indented, with no space between them):
    the run opens on the margin, at least three lines stand there, as many or more stand
    one indent in and none elsewhere, and most lines on the margin run on to one indented.
    A run of paragraphs whose first lines are indented opens indented, or has more lines on
    the margin than in; a block quote follows few of them: no line of those is cut. With
    ``continues`` (the run opens a page after a list so set) it may open indented: the end of
    the item the page before began."""
    if len(run) < _HANGING_MIN * 2:
        return frozenset()
    size = run[0].size
    margin = min(ln.x for ln in run)
    flush = [k for k, ln in enumerate(run) if ln.x - margin <= _HANGING_TOLERANCE * size]
    inner = [ln.x - margin for ln in run if ln.x - margin > _HANGING_TOLERANCE * size]
    if not flush or (flush[0] and not continues) or len(flush) < _HANGING_MIN:
        return frozenset()
    if len(inner) - flush[0] < len(flush):  # (the lines run on from the page before aside)
        return frozenset()
    starts = frozenset(flush)
    # most items run on to an indented line (a block quote between lines on the margin: one
    # or two of them do)
    if 2 * sum(1 for k in flush if k + 1 < len(run) and k + 1 not in starts) <= len(flush):
        return frozenset()
    indent = min(inner)
    if not _HANGING_INDENT[0] * size <= indent <= _HANGING_INDENT[1] * size or (
        max(inner) - indent > _HANGING_TOLERANCE * size
    ):
        return frozenset()
    return starts
