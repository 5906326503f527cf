"""What a document says about itself: its title, authors and date, read from its front matter.

Only the layout and a few generic labels are used ("Submitted:", "Experts:", "written by",
"About the ..."), never names of particular publishers or topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litreview.extract._text import split_lines
from litreview.extract.footnotes import is_heading

__all__ = ["DocMeta", "document_metadata"]

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
    rf"|(?<=:\s)(?P<y6>(?:19|20)\d\d))\s*$",
    re.I,
)
_AUTHORS_LABEL = re.compile(
    r"^(?:experts?|authors?|by|written by|prepared by)\s*:\s*(?P<names>.+)$"
    r"|^[Bb]y\s+(?P<by>[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){1,15})$",
    re.I,
)
_WRITTEN_BY = re.compile(
    r"\b(?:written|prepared|authored) by\s+(?P<names>[^.]+(?:\.[^.\s][^.]*)*)", re.I
)
_ABOUT = re.compile(r"^about the\s+(?P<org>.+)$", re.I)
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
    return DocMeta(title=_title(front), authors=_authors(lines), year=_year(front))


def _title(front: list[str]) -> str:
    """The longest mixed-case heading-like line of the front matter (banners are upper case)."""
    best = ""
    for i, line in enumerate(front):
        alone = (i == 0 or not front[i - 1]) and (i + 1 == len(front) or not front[i + 1])
        if not alone or not is_heading(line) or line.isupper() or ":" in line.split()[0]:
            continue
        if _DATE_LINE.match(line) or _ABOUT.match(line):
            continue
        if len(line.split()) > len(best.split()):
            best = line
    return best.strip().lstrip("#").strip().strip("*_").strip()


def _year(front: list[str]) -> str:
    """The year of the first line of the front matter that is only a date (with a label)."""
    for line in front:
        for field in _fields(line):
            m = _DATE_LINE.match(field)
            if m:
                year = next(m.group(g) for g in ("y4", "y1", "y2", "y3", "y5", "y6") if m.group(g))
                return year if len(year) == 4 else f"20{year}"
    return ""


def _fields(line: str) -> list[str]:
    """A front-matter line's fields: ``**Label:** value | **Label:** value`` split at the
    bars, emphasis marks dropped."""
    return [" ".join(f.replace("*", "").split()) for f in line.split(" | ")]


def _authors(lines: list[str]) -> tuple[str, ...]:
    """Authors named by a label line, a "written by" phrase, or the body an "About the" names."""
    for line in lines:
        m = _AUTHORS_LABEL.match(line.replace("*", ""))
        if m:
            return _names(m.group("names") or m.group("by"))
    for line in lines:
        m = _WRITTEN_BY.search(line)
        if m:
            return _names(_trailing_name(m.group("names")))
    for line in lines:
        m = _ABOUT.match(line)
        if m and is_heading(line):
            org = m.group("org").strip()
            return (org.title() if org.isupper() else org,)
    return ()


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


def _names(text: str) -> tuple[str, ...]:
    """Names in a list written "A, B and C", honorifics dropped."""
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*|;\s*", text.strip().rstrip("."))
    return tuple(_HONORIFIC.sub("", p).strip() for p in parts if p.strip())
