"""Offset-preserving text helpers: paragraphs, sentences and section headings.

Every span is a ``(start, end)`` pair of Python str offsets into the text as read, so
``text[start:end]`` is always the exact quote. Nothing here changes the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = [
    "LONG_HEADING_WORDS",
    "NOTE_CONTINUATION",
    "SUPERSCRIPTS",
    "Heading",
    "Span",
    "as_shown",
    "find_headings",
    "is_list_item",
    "is_table_row",
    "line_numbers",
    "paragraphs",
    "running_lines",
    "section_at",
    "sentences",
    "shortened",
    "title_cased",
]

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: Paragraphs with no note marker after a note that still read as more of that note when
#: there are this many or fewer (the note finder's rule, which the PDF reader keeps intact
#: when it joins a sentence run over a page break)
NOTE_CONTINUATION = 4
# the markup the document readers keep around raised text (note markers, powers): PDF,
# DOCX, ODT and HTML write it ``<sup>...</sup>``
_SUP_TAG = re.compile(r"<sup>([^<>]{1,80})</sup>")
_RAISED_FORM = re.compile(r"[\d,\-–]+")
_RAISE = str.maketrans("0123456789-–", SUPERSCRIPTS + "⁻⁻")
_PARA = re.compile(r"\n[ \t]*\n")
# a sentence ends at . ! ? (plus closing quotes, brackets, emphasis and note or citation
# markers: superscripts, [^1], [12], <sup>3,4</sup>, ^5^)
_CLOSERS = r"[\"'”’)\]*_" + SUPERSCRIPTS + r"]"
_MARKS = (
    r"\[\^[^\]\s]{1,40}\]|\[\d{1,6}(?:[,–-]\s?\d{1,6}){0,40}\]"
    r"|<sup>[\d,–-]{1,80}</sup>|\^[\d,–-]{1,40}\^"
)
_END = re.compile(rf"[.!?]+(?:{_CLOSERS}|{_MARKS})*(?=\s+\S)")
_LEAD = re.compile(
    r"(?:[" + SUPERSCRIPTS + r"]+|[-*•|]\s+|\d{1,3}[.)]\s+|[A-Z][.)]\s+|#+\s+|\*\*|\s)+"
)
_ABBREV = frozenset(
    {
        "e.g",
        "i.e",
        "etc",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "no",
        "nos",
        "vol",
        "pp",
        "p",
        "cf",
        "al",
        "st",
        "fig",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "vs",
        "approx",
        "ca",
        "ed",
        "eds",
        "op",
        "cit",
        "u.s",
        "u.k",
        "u.n",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "rs",
        "art",
        "sec",
    }
)
_ITEM_LINE = re.compile(r"\n(?=[ \t]*(?:[-*•]|\d{1,3}[.)]|[a-z][.)])\s)")
_ITEM_PREFIX = re.compile(r"[ \t]*(?:[-*•]|\d{1,3}[.)]|[a-z][.)])[ \t]*(?:\*\*)?")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LOWER_WORD = re.compile(r"\s+[a-z]{3}")
#: After a short word in capitals and its stop: a letter and its stop, then another
#: abbreviation or a number, or a number ("STAN. L. REV. 1049", "CHI. L. SCH."): the stops of
#: a journal's name as law reviews print it, in small capitals, not a sentence's end.
_ABBREVIATED_RUN = re.compile(r"\s+(?:[A-Z]\.\s+(?:[A-Z][A-Za-z]{0,5}\.|\d)|\d)")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text located by offsets: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Heading:
    """A section heading line and where it starts."""

    title: str
    start: int
    end: int


def paragraphs(text: str) -> Iterator[Span]:
    """Blocks of text separated by blank lines, trimmed of surrounding whitespace."""
    pos = 0
    for m in _PARA.finditer(text):
        span = _trim(text, pos, m.start())
        if span:
            yield span
        pos = m.end()
    span = _trim(text, pos, len(text))
    if span:
        yield span


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``: split per paragraph, then at sentence ends.

    Leading list markers, footnote numbers and markdown emphasis are left out of the span;
    abbreviations (``e.g.``, ``Dr.``, ``pp.``) and initials do not end a sentence.
    """
    out: list[Span] = []
    for para in paragraphs(text):
        for block in _list_items(text, para):
            start = block.start
            for m in _END.finditer(text, block.start, block.end):
                if _is_abbreviation(text, block.start, m.start()):
                    continue
                _add(out, text, start, m.end())
                start = m.end()
            _add(out, text, start, block.end)
    return out


def _list_items(text: str, para: Span) -> list[Span]:
    """A paragraph cut before each line that starts a list item (``-``, ``*``, ``1.``)."""
    cuts = [m.start() + 1 for m in _ITEM_LINE.finditer(text, para.start, para.end)]
    bounds = [para.start, *cuts, para.end]
    return [Span(a, b) for a, b in pairwise(bounds) if b > a]


def line_numbers(text: str, offsets: Sequence[int]) -> list[int]:
    """The line (from 1) of each offset of ``text``, in the order given: one pass over the
    text in offset order (a count from the start for each was quadratic on large files)."""
    out = [0] * len(offsets)
    line, at = 1, 0
    for k in sorted(range(len(offsets)), key=offsets.__getitem__):
        line += text.count("\n", at, offsets[k])
        at = offsets[k]
        out[k] = line
    return out


def is_list_item(text: str, start: int) -> bool:
    """Whether the sentence starting at ``start`` follows a list marker on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_ITEM_PREFIX.fullmatch(text, line_start, start))


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    """Append the trimmed span (without leading markers) when it has a letter."""
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    span = _trim(text, start, end)
    if span and any(ch.isalpha() for ch in text[span.start : span.end]):
        out.append(span)


def _is_abbreviation(text: str, floor: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` belongs to an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(floor, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREV:
        return True
    word = word.rsplit(".", 1)[-1]
    if word in _ABBREV:
        return True
    if m.group(1).isupper() and len(word) <= 6 and _ABBREVIATED_RUN.match(text, dot + 1):
        return True  # "52 STAN. L. REV. 1049": a name abbreviated word by word
    if len(word) != 1 or not word.isalpha():
        return False
    # an initial before a name ("J. Smith"), or an abbreviated capital before a word in lower
    # case ("E. coli", "the E.O. was"): a sentence never starts in lower case
    after = text[dot + 1 : dot + 5]
    nxt = after.strip()[:1]
    return nxt.isupper() or (text[dot - 1].isupper() and bool(_LOWER_WORD.match(after)))


def _trim(text: str, start: int, end: int) -> Span | None:
    """``start``/``end`` moved inward past whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


# -- headings --------------------------------------------------------------------------------
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


def find_headings(text: str, *, max_length: int = 90) -> list[Heading]:
    """Lines that stand alone as headings: a one-line paragraph, short, starting with a capital
    (or a markdown ``#``), not ending like a sentence and not a footnote or list item; never
    a page's running head or foot (:func:`running_lines`)."""
    found: list[Heading] = []
    for para in paragraphs(text):
        line = text[para.start : para.end]
        if "\n" in line:
            continue
        md = _MD_HEADING.match(line)
        title = md.group(1) if md else line.strip("*_ ")
        if md or _looks_like_heading(title, max_length):
            clean = _NOTE_MARK_END.sub("", title.strip("*_ ").rstrip()).rstrip("*_ ")
            found.append(Heading(title=clean, start=para.start, end=para.end))
    running = running_lines([h.title for h in found])
    return [h for h in found if h.title not in running]


#: A line that comes back this many times or more, its numbers aside, is a running head
RUNNING_REPEATS = 3
_NUMBERS = re.compile(r"\d+")


def running_lines(lines: Sequence[str]) -> set[str]:
    """The lines that are a page's running head or foot: lines that come back at least
    :data:`RUNNING_REPEATS` times with only their numbers changed, in two forms or more
    ("Page 8 GAO-26-107815 Refugee Assistance", "Page 9 GAO-26-107815 Refugee Assistance").
    A heading repeated word for word (a slide's title on each of its slides) is not one."""
    forms: dict[str, set[str]] = {}
    seen: dict[str, int] = {}
    for line in lines:
        key = _NUMBERS.sub("#", line)
        forms.setdefault(key, set()).add(line)
        seen[key] = seen.get(key, 0) + 1
    return {
        line
        for key, group in forms.items()
        if len(group) >= 2 and seen[key] >= RUNNING_REPEATS
        for line in group
    }


#: note markers at the end of a line: superscript digits, raised numbers as the document
#: readers write them ("<sup>3</sup>"), or bracketed numbers ("[3]", "[4-6]")
_NOTE_MARK_END = re.compile(
    rf"(?:[{SUPERSCRIPTS}]+|<sup>\s*\d+(?:[,–-]\s?\d+)*\s*</sup>|\[\d+(?:[,–-]\s?\d+)*\])+$"
)


def _looks_like_heading(line: str, max_length: int) -> bool:
    """A short capitalised line without a sentence ending or a footnote/list marker; or a
    longer one, up to :data:`LONG_HEADING_WORDS` words, in title case (a report's finding
    set as its heading: "Formula Marketing: Most State WIC Contracts Do Not Comply with FNS
    Restrictions")."""
    if not line or not line[0].isupper():
        return False
    too_long = len(line) > max_length or len(line.split()) > _HEADING_WORDS
    if too_long and not _long_heading(line, max_length):
        return False
    said = _NOTE_MARK_END.sub("", line)  # "A sentence.¹" ends like a sentence all the same
    if line[0] in SUPERSCRIPTS or said.endswith((".", ",", ";", ":", "?")):
        return False
    if re.match(r"^(?:\d+[.)]|[-*•])\s", line) or "http" in line or "@" in line:
        return False
    if "|" in line or _DOT_LEADER.search(line):  # a table's cells; a contents line
        return False
    if is_table_row(line):
        return False
    return any(ch.isalpha() for ch in line)


_HEADING_WORDS = 14  # a heading in any case has at most this many words
#: a heading in title case may have this many
LONG_HEADING_WORDS = 25
#: the share of a title's words of four letters or more that are capitalised
TITLE_SHARE = 0.8
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _long_heading(line: str, max_length: int) -> bool:
    """Whether a line too long for a heading in any case is one in title case: at most
    :data:`LONG_HEADING_WORDS` words and twice ``max_length`` characters, and no more than
    two commas (a longer list is of names: a byline, an addressee's titles)."""
    return (
        len(line.split()) <= LONG_HEADING_WORDS
        and len(line) <= 2 * max_length
        and line.count(",") <= _HEADING_COMMAS
        and title_cased(line)
    )


_HEADING_COMMAS = 2
#: a contents line's dot leader: five dots or more, spaced or not (as the reader's cue file
#: has it for the sentences it never reads), or two ellipses
_DOT_LEADER = re.compile(r"\.(?:\s?\.){4,}|…{2,}")


def title_cased(line: str) -> bool:
    """Whether ``line`` is written in title case: its first and last words capitalised, and
    :data:`TITLE_SHARE` of its words of four letters or more ("against", "between" may stay
    lower-case; "of", "and", "the" are not counted). For a line standing alone; the reader
    asks more of a sentence within a paragraph (every word capitalised but the cue file's
    small words: ``gaps.statement_scope``)."""
    words = _TITLE_WORD.findall(line)
    long = [w for w in words if len(w) >= 4]
    if not long or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    return sum(w[0].isupper() for w in long) >= TITLE_SHARE * len(long)


def is_table_row(line: str) -> bool:
    """Whether a line reads as a row of a table (or a date line): of its four or more words,
    two in five or more are figures (numbers, amounts, dashes, fiscal years)."""
    words = line.split()
    return len(words) >= _ROW_WORDS and sum(map(_is_figure, words)) >= _ROW_SHARE * len(words)


#: a line of at least this many words, this share of them figures, is a table's row
_ROW_WORDS = 4
_ROW_SHARE = 0.4
_FIGURE = re.compile(r"[(\[]?[$€£]?(?:[\d.,%*]+|[—–-]+|FY\d{2,4})[)\]%*,;:]*")


def _is_figure(word: str) -> bool:
    """Whether a word is a figure of a table: a number, an amount, a dash, a fiscal year
    (in Markdown emphasis or not: ``**$245.3**``)."""
    word = word.strip("*_")
    return bool(_FIGURE.fullmatch(word)) and any(ch.isdigit() or ch in "—–-" for ch in word)


def section_at(headings: list[Heading], offset: int) -> str:
    """The title of the last heading starting before ``offset`` (``""`` before the first)."""
    starts = [h.start for h in headings]
    i = bisect_right(starts, offset) - 1
    return headings[i].title if i >= 0 else ""


def as_shown(text: str) -> str:
    """``text`` as a reader sees it: raised numbers the document readers wrote as
    ``<sup>3</sup>`` (note markers, ``km<sup>2</sup>``) as raised characters (``³``), other
    raised text as plain text (``1<sup>st</sup>``: ``1st``). For display only: offsets
    into the text as read are not offsets into this."""
    return _SUP_TAG.sub(
        lambda m: m[1].translate(_RAISE) if _RAISED_FORM.fullmatch(m[1]) else m[1], text
    )


def shortened(text: str, most: int) -> str:
    """``text`` cut at a word to at most ``most`` characters with " …" added, when longer."""
    if len(text) <= most:
        return text
    return text[: most - 3].rsplit(" ", 1)[0] + " …"
