"""What a document says about itself: its title, authors and date, read from its front matter.

Only the layout, a few generic labels ("Submitted:", "Author(s):", "written by", "About the
..."), the word lists of part headings (``data/document_layout.yaml``) and of given names
and surnames (``data/lexicon/``) are used, never names of particular publishers or topics.
A Markdown title (the first level-1 heading that is not a part heading such as "Abstract")
is the title; else the longest mixed-case heading-like line of the front matter is. A line
of personal names just below the title names the authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from litreview.extract._text import split_lines
from litreview.extract.footnotes import is_heading
from litreview.extract.gazetteer import word_tags
from litreview.extract.layout import MARK, heading_text, layout_words
from litreview.extract.refparse_names import NAME_PARTICLES

__all__ = ["DocMeta", "confirmed_title", "document_metadata", "shares_words", "split_names"]

FRONT_LINES = 50
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_LINE = re.compile(
    rf"^(?:[A-Z][A-Za-z ]{{0,30}}:\s*)?"
    rf"(?:(?P<y4>(?:19|20)\d\d)-\d\d(?:-\d\d)?"
    rf"|(?P<d1>\d{{1,2}})[/.-](?P<m1>\d{{1,2}})[/.-](?P<y1>\d{{2}}|\d{{4}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})"
    rf"|(?:{_MONTHS})\.?\s+(?P<y5>\d{{4}})"
    rf"|(?<=:\s)(?P<y6>(?:19|20)\d\d)"
    rf"|(?P<y7>(?:19|20)\d\d))\s*$",
    re.I,
)
_AUTHORS_LABEL = re.compile(
    r"^(?:experts?|authors?|author\(s\)|by|written by|prepared by)\s*:\s*(?P<names>.+)$"
    r"|^[Bb]y\s+(?P<by>[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){1,15})$",
    re.I,
)
_WRITTEN_BY = re.compile(
    r"\b(?:written|prepared|authored) by\s+(?P<names>[^.]+(?:\.[^.\s][^.]*)*)", re.I
)
_ABOUT = re.compile(r"^about the\s+(?P<org>.+)$", re.I)
_YEAR_GROUPS = ("y4", "y1", "y2", "y3", "y5", "y6", "y7")
_END_STOP = re.compile(r"(?<![A-ZÀ-Þ])\.+$")
_SENTENCE_END = re.compile(r"[.!?](?:\s+[A-ZÀ-Þ]|\s*$)")
_TITLE_START = re.compile(r"^[\"“‘']?[A-ZÀ-Þ0-9]")
_H1 = re.compile(r"^#\s+\S")
_MARKED = re.compile(r"^#{1,6}\s+\S")
_DOI = re.compile(r"\b10\.\d{4,9}/\S")
_YEAR = re.compile(r"(?<![\d./-])(?:19|20)\d\d(?![\d/-])")
_TOKEN = re.compile(r"\w+")
_LINK_PIECE = re.compile(r"[,;]?\s*(?:https?://|www\.)\S*", re.I)
# a report's number before its title in a file's properties ("GAO-06-282, Title"): five
# digits or more, as a series' numbers have them
_LEADING_NUMBER = re.compile(r"^[A-Z][A-Z0-9]*(?:[-./][A-Z0-9]+)*-?\d[A-Z0-9./-]*\s*[,:]\s+")
#: Share of a file's stated title that must stand, word for word, in one run of the
#: document's first lines for the file's title to be the document's
CONFIRMED_SHARE = 0.6
TITLE_MAX_WORDS = 60  # a file's stated title of more words is no title
FRONT_CHARS = 20_000  # how much of the text's start is searched for it
_INITIAL = re.compile(r"^[A-ZÀ-Þ]\.?$|^(?:[A-ZÀ-Þ]\.){1,3}[A-ZÀ-Þ]?\.?$|^[A-ZÀ-Þ]{2}$")
_NAME_WORD = re.compile(r"^[A-ZÀ-Þ](?=\S*[a-zß-ÿ])[\w’'.-]*$")
_HONORIFIC = re.compile(r"^(?:dr|mr|mrs|ms|prof|professor|sir)\.?\s+", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocMeta:
    """A document's own title, authors (display names) and year, ``""``/``()`` when unstated."""

    title: str = ""
    authors: tuple[str, ...] = ()
    year: str = ""


def document_metadata(text: str) -> DocMeta:
    """Title, authors and year stated in the first lines of ``text``."""
    lines = [ln.text.strip() for ln in split_lines(text)[: FRONT_LINES * 2]]
    front = lines[:FRONT_LINES]
    at = _title_line(front)
    # marks, emphasis and a section number before a title are left out ("1 Strategies ...")
    title = heading_text(front[at]) if at is not None else ""
    below = [line for line in front[at + 1 : at + 9] if line][:4] if at is not None else []
    return DocMeta(title=title, authors=_authors(lines, at), year=_year(front, below))


@lru_cache(maxsize=1)
def _part_headings() -> frozenset[str]:
    """Headings that name a part of a document (abstract, contents, notes, references ...)."""
    return frozenset(w for words in layout_words().values() for w in words)


def _title_line(front: list[str]) -> int | None:
    """The index of the title: the first Markdown level-1 heading that is not a part
    heading, else a heading of any level the document opens with, else the longest
    mixed-case heading-like line standing alone (one of the first three lines may be a long
    one; banners are upper case; dates, "About the ..." lines and lines of personal names
    are not titles)."""
    parts = _part_headings()
    for i, line in enumerate(front):
        if _H1.match(line) and heading_text(line).lower() not in parts:
            return i
    first = next((i for i, line in enumerate(front) if line), None)
    opens = first is not None and _MARKED.match(front[first])  # on a heading: its title
    if opens and first is not None and heading_text(front[first]).lower() not in parts:
        return first
    best: int | None = None
    size: tuple[bool, int] = (False, 0)
    opening = [i for i, line in enumerate(front) if line][:3]
    candidates = []
    for i, line in enumerate(front):
        alone = (i == 0 or not front[i - 1]) and (i + 1 == len(front) or not front[i + 1])
        heading = is_heading(line) or (i in opening and _long_title(line))
        if not alone or not heading or line.isupper() or ":" in line.split()[0]:
            continue
        if _DATE_LINE.match(line) or _ABOUT.match(line) or heading_text(line).lower() in parts:
            continue
        if _name_list(line):
            continue
        candidates.append(i)
        # a line among the first three outranks any further down: longest within each
        rank = (i in opening, len(line.split()))
        if best is None or rank > size:
            best, size = i, rank
    if best is not None:  # a longer line further down that holds it is its whole title
        key = heading_text(front[best]).casefold()
        whole = [i for i in candidates if key in heading_text(front[i]).casefold()]
        best = max(whole, key=lambda i: (len(front[i].split()), -i))
    return best


def _long_title(line: str) -> bool:
    """Whether one of a document's first lines reads as a long title: capitalised, up to
    30 words, no link, no sentence end (note markers aside), not ending as a clause does."""
    text = MARK.sub("", line).strip()
    return (
        bool(_TITLE_START.match(text))
        and len(text.split()) <= 30
        and "://" not in text
        and not _SENTENCE_END.search(text)
        and not text.endswith((",", ";", ":"))
    )


def _year(front: list[str], below_title: list[str]) -> str:
    """The year of the first line of the front matter that is only a date (with a label),
    else of a line just below the title that cites the document by its DOI with one year
    ("Rivers Journal 2019. doi:10...": further down, such a line is a reference)."""
    for line in front:
        for field in _fields(line):
            m = _DATE_LINE.match(field)
            if m:
                year = next(m.group(g) for g in _YEAR_GROUPS if m.group(g))
                return year if len(year) == 4 else f"20{year}"
    for line in below_title:
        if _DOI.search(line) and len(line.split()) <= 30:
            years = set(_YEAR.findall(_DOI.sub(" ", line)))
            if len(years) == 1:
                return years.pop()
    return ""


def _fields(line: str) -> list[str]:
    """A front-matter line's fields: ``**Label:** value | **Label:** value`` split at the
    bars, emphasis marks dropped."""
    return [" ".join(f.replace("*", "").split()) for f in line.split(" | ")]


def _authors(lines: list[str], title_at: int | None) -> tuple[str, ...]:
    """Authors named by a label line, a line of personal names just below the title, a
    "written by" phrase (not in brackets: "(map prepared by ...)" credits a figure), or the
    body an "About the" names."""
    for line in lines:
        m = _AUTHORS_LABEL.match(_unmarked(line))
        if m:
            return split_names(m.group("names") or m.group("by"))
    if title_at is not None:
        below = [line for line in lines[title_at + 1 : title_at + 8] if line][:3]
        for line in below:
            names = _name_list(line)
            if names:
                return names
    for line in lines:
        for m in _WRITTEN_BY.finditer(line):
            if line[: m.start()].count("(") <= line[: m.start()].count(")"):
                return split_names(_trailing_name(m.group("names")))
    for line in lines:
        m = _ABOUT.match(line)
        if m and is_heading(line):
            org = m.group("org").strip()
            return (org.title() if org.isupper() else org,)
    return ()


def _unmarked(line: str) -> str:
    """A line without emphasis marks and table bars (``| **Author:** | Reese, Shawn |``)."""
    return " ".join(line.replace("*", "").strip().strip("|").replace("|", " ").split())


def _trailing_name(text: str) -> str:
    """The capitalised words ending ``text``, from an honorific on ("X Consultant Dr A B")."""
    words = text.strip().rstrip(".").split()
    run: list[str] = []
    for w in reversed(words):
        if not w[:1].isupper():
            break
        run.insert(0, w)
        if _HONORIFIC.match(w + " "):
            break
    return " ".join(run)


def split_names(text: str) -> tuple[str, ...]:
    """Names in a list written "A, B and C", "Family, Given; Family, Given" or "Family,
    Given", as display names ("Given Family"), honorifics and web addresses dropped (a
    PDF's author "Agency, http://www.agency.gov" names one author)."""
    text = _END_STOP.sub("", _LINK_PIECE.sub("", text).strip(" ,;"))
    if ";" in text:
        parts = [_display(p) for p in re.split(r"\s*;\s*", text)]
    elif _inverted(pieces := re.split(r",\s*", text)):
        pairs = zip(pieces[::2], pieces[1::2], strict=True)
        parts = [f"{given} {family}" for family, given in pairs]
    else:
        parts = re.split(r",\s*|\s+and\s+|\s*&\s*", text)
    return tuple(_HONORIFIC.sub("", p).strip() for p in parts if p.strip())


def _display(name: str) -> str:
    """ "Family, Given" as "Given Family"; any other name unchanged."""
    family, comma, given = name.partition(",")
    return f"{given.strip()} {family.strip()}" if comma and given.strip() else name.strip()


def _inverted(parts: list[str]) -> bool:
    """Whether comma pieces are "Family, Given" pairs ("Sarata, Amanda K."): an even number;
    each second piece ends with an initial or is known given names only; no first piece
    holds an initial."""
    if len(parts) < 2 or len(parts) % 2:
        return False
    families = [p.split() for p in parts[::2]]
    if not all(0 < len(f) <= 3 and not any(_INITIAL.match(w) for w in f) for f in families):
        return False
    return all(_given_part(p.split()) for p in parts[1::2])


def _given_part(words: list[str]) -> bool:
    """Whether words are given names and initials ending with an initial, or known given
    names only."""
    if not 0 < len(words) <= 3:
        return False
    if not all(_INITIAL.match(w) or _NAME_WORD.match(w) for w in words):
        return False
    return bool(_INITIAL.match(words[-1])) or all("given" in word_tags(w) for w in words)


def _name_list(line: str) -> tuple[str, ...]:
    """The names of a line that lists people ("Ya Zhao, Jimin Lin and Ligang Wu"; a group
    such as "The PRISMA Group" may stand among them), ``()`` for any other line: most of
    its pieces are personal names, and one of them has an initial, a known given name or a
    known surname; a name alone needs a known given name and an initial or known surname."""
    text = line.strip().strip("*_").strip()
    if not text or any(c.isdigit() or c in ":?!" for c in text) or text.startswith("#"):
        return ()
    pieces = [p.strip() for p in re.split(r",\s*|;\s*|\s+and\s+|\s*&\s*", text)]
    if not all(pieces) or any(len(p.split()) > 16 for p in pieces):
        return ()
    people = [p for p in pieces if _personal(p)]
    if len(pieces) == 1:  # one name alone: a title-cased phrase unless the lists know it
        words = _HONORIFIC.sub("", text).split()
        if not people or "given" not in word_tags(words[0]) or not _known_name(text, alone=True):
            return ()
    elif 2 * len(people) < len(pieces) or not any(_known_name(p) for p in people):
        return ()
    return tuple(pieces)


def _known_name(piece: str, *, alone: bool = False) -> bool:
    """Whether a personal-looking piece holds evidence of a name: an initial, a known given
    name first or a known surname last (``alone``: an initial or a known surname, beside a
    known given name)."""
    words = _HONORIFIC.sub("", piece).split()
    initial = any(_INITIAL.match(w) for w in words[1:-1] if "." in w or len(w) == 1)
    surname = "surname" in word_tags(words[-1])
    if alone:
        return initial or surname
    return initial or surname or "given" in word_tags(words[0])


def _personal(piece: str) -> bool:
    """Whether a piece reads as one person's name: two to five capitalised words or
    initials (particles such as "van" allowed), ending with a word that is not an
    initial."""
    words = _HONORIFIC.sub("", piece).split()
    if not 2 <= len(words) <= 5 or _INITIAL.match(words[-1]) or not _NAME_WORD.match(words[-1]):
        return False
    return all(
        _INITIAL.match(w) or _NAME_WORD.match(w) or w.lower() in NAME_PARTICLES for w in words
    )


def confirmed_title(stated: str, text: str) -> str:
    """The title a file's properties state (``stated``), when the document's first lines
    bear it out: at least :data:`CONFIRMED_SHARE` of its words, and four or more, stand in
    one unbroken run of them, line breaks aside; else ``""`` (also for a title with no
    space, a file's name). A report's number before it
    (``GAO-06-282, ...``) is left out."""
    title = " ".join(stated.split())
    number = _LEADING_NUMBER.match(title)
    if number and sum(c.isdigit() for c in number.group(0)) >= 5:  # not "COVID-19: ..."
        title = title[number.end() :]
    want = [w.casefold() for w in _TOKEN.findall(title[:2000])]
    if " " not in title or not 4 <= len(want) <= TITLE_MAX_WORDS:
        return ""  # a file's name ("plos-one-2016-tobacco") is no stated title
    lines = [ln.text for ln in split_lines(text[:FRONT_CHARS])[: FRONT_LINES * 2]]
    have = [w.casefold() for w in _TOKEN.findall(MARK.sub(" ", "\n".join(lines)))]
    run = _longest_run(want, have)
    return title if run >= 4 and run >= CONFIRMED_SHARE * len(want) else ""


def shares_words(part: str, whole: str) -> bool:
    """Whether most (:data:`CONFIRMED_SHARE`) of the words of ``part`` are words of
    ``whole``."""
    mine = [w.casefold() for w in _TOKEN.findall(part)]
    theirs = {w.casefold() for w in _TOKEN.findall(whole)}
    return bool(mine) and sum(w in theirs for w in mine) >= CONFIRMED_SHARE * len(mine)


def _longest_run(want: list[str], have: list[str]) -> int:
    """The length of the longest run of consecutive words of ``want`` that stands,
    consecutively, in ``have``."""
    best = 0
    prev = [0] * (len(have) + 1)
    for w in want:
        cur = [0] * (len(have) + 1)
        for j, h in enumerate(have):
            if w == h:
                cur[j + 1] = prev[j] + 1
                best = max(best, cur[j + 1])
        prev = cur
    return best
