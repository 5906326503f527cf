"""In-text citations of the running text, linked to the entries of the reference list.

Three families, read from the text's own shape:

* numeric: ``[3]``, ``[3, 5–7]``, ``[2]–[5]``, ``[6],[7]``, and in a document without
  notes superscripts (``¹²``, ``<sup>2,3</sup>``, ``<sup>2–5</sup>``, ``^2,3^``), ranges
  expanded; each number links to the entry printed with that number;
* author-year: a parenthesis holding names and years (``(Smith, 2019)``, ``(Lin & Emanuel,
  2016; Walsh et al., 2016a)``, ``(see Chen et al., 1995, p. 4)``) or a narrative ``Smith
  (2019)`` / ``Smith and Jones (2019)``; each work links to the entry whose first author's
  name and year it gives (a letter after the year picks among that author's works of the
  year, in list order);
* author-page (MLA): a parenthesis holding names and pages and no year (``(Shelley 45)``,
  ``(Siegel and de Blank 112-14)``), a short title between them when the author has several
  works (``(Hughes, *Harvests* 23)``), or a quoted title and pages for a work with no
  author (``("Youth and Work" 7)``); each links to the one entry whose first author (or,
  with no author, whose title) it gives, and is no citation when no entry or several do;
* EndNote's temporary (unformatted) citations, as it writes them with instant formatting
  off: ``{Smith, 2010 #123}``, ``{Smith, 2010 #123; Jones, 2011 #45}``, a prefix before a
  backslash and pages after ``@`` (``{see \\Smith, 2010 #123@45}``); each work links as an
  author-year one does, by the family name and year it gives (its record number is the
  user's EndNote library's, not the document's).

A citation whose work is not in the list keeps ``entries`` empty for that work; the caller
reports it as a problem with its line, never drops it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from litreview.core.limits import MAX_LABEL_DIGITS
from litreview.extract.cite_shapes import NAMES as _NAMES
from litreview.extract.cite_shapes import YEAR as _YEAR
from litreview.extract.cite_shapes import TemporaryItem, temporary_citations
from litreview.extract.gazetteer import word_tags
from litreview.extract.reflist import RefEntry

__all__ = [
    "CitedWork",
    "InTextCitation",
    "TemporaryItem",
    "entry_of",
    "in_text_citations",
    "temporary_citations",
]

_N = rf"\d{{1,{MAX_LABEL_DIGITS}}}"  # a number citing an entry
_NUMS = rf"{_N}(?:\s*[–-]\s*{_N})?(?:\s*[,;]\s*{_N}(?:\s*[–-]\s*{_N})?)*"
_NUM_GROUP = re.compile(rf"\[(?P<first>{_NUMS})\](?:\s*[–,-]\s*\[{_NUMS}\])*")
_SUP_GROUP = re.compile(
    rf"<sup>{_N}(?:\s*[–,-]\s*{_N})*</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[⁻,][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*"
    rf"|\^{_N}(?:[–,-]{_N}){{0,40}}\^"  # Pandoc Markdown's superscript, ^2,3^
)
_SUP_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_CHAIN = re.compile(r"\]\s*([–,-])\s*\[")  # "[2]–[5]" is a range, "[6],[7]" a list
_NUM_PART = re.compile(rf"({_N})(?:\s*[–-]\s*({_N}))?")
_ITEM = re.compile(rf"(?P<names>{_NAMES}),?\s+(?P<year>{_YEAR})(?:,\s*{_YEAR})*")
_PAREN = re.compile(rf"\((?P<inside>[^()]*?\b{_YEAR}\b[^()]*)\)")
_NARRATIVE = re.compile(rf"(?P<names>{_NAMES})\s+\((?P<year>{_YEAR})(?:[,;][^()]*)?\)")
# pages (never a year: "(Smith 2019)" is author-year): "45", "112-14", "pp. 3, 7-9"
_PAGE = r"\d{1,5}(?:\s*[-–]\s*\d{1,5})?"
_PAGES = rf"(?:p{{1,2}}\.\s*)?(?!(?:1[5-9]|20)\d\d\b){_PAGE}(?:,\s*{_PAGE})*"
_AUTHOR_PAGE = re.compile(
    rf"\((?:(?P<names>{_NAMES})(?:,\s*(?P<short>[*_“\"][^()*_“”\"]{{1,80}}[*_”\"]))?"
    rf"|(?P<title>[“\"][^()“”\"]{{2,80}}[”\"]))\s+(?P<pages>{_PAGES})\)"
)
_DAY_BEFORE = re.compile(r"(?<!\d)(?:[1-9]|[12]\d|3[01])\s+$")  # "25 " before a month: a date
_LEAD_NAME = re.compile(r"^\s*(?P<name>[^,.(]+?)(?:,|\s+[A-Z]{1,3}\b[,.]?|\.|\s+\()")


@dataclass(frozen=True, slots=True, kw_only=True)
class CitedWork:
    """One work an in-text citation names: as written, and the entry it links to."""

    label: str
    entry: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InTextCitation:
    """A citation group in the running text: where it is and the works it names."""

    start: int
    end: int
    text: str
    style: str
    works: tuple[CitedWork, ...]


def in_text_citations(
    text: str,
    entries: Sequence[RefEntry],
    skip: Sequence[tuple[int, int]] = (),
    *,
    superscripts: bool = False,
) -> list[InTextCitation]:
    """Every citation group of ``text`` outside the ``skip`` spans, in reading order.

    ``superscripts``: the document has no notes, so superscript numbers (``¹²``,
    ``<sup>2,3</sup>``, ``<sup>2–5</sup>``) cite the numbered entries too (Vancouver style).
    """
    found: list[InTextCitation] = []
    numbered = {e.label: e.index for e in entries if e.label is not None}
    if numbered:
        found += _numeric(text, numbered, _NUM_GROUP)
        if superscripts:
            # a raised number that names no entry is no citation: a power, a prime read as
            # a raised 0 (``p<sup>0</sup>``), an ordinal
            found += [
                c
                for c in _numeric(text, numbered, _SUP_GROUP)
                if any(w.entry is not None for w in c.works)
            ]
    unnumbered = [e for e in entries if e.label is None]
    if unnumbered:
        found += _author_year(text, unnumbered)
        found += _author_page(text, unnumbered)
    found += _temporary(text, entries)
    inside = _Spans(skip)
    kept = [c for c in found if not inside.holds(c.start)]
    return sorted(kept, key=lambda c: c.start)


class _Spans:
    """Half-open spans ``[a, b)`` merged, to ask whether a position falls in one of them
    in log time (a document of many citations and many spans was a product of both)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(s for s in spans if s[0] < s[1]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def holds(self, pos: int) -> bool:
        """Whether ``pos`` falls in one of the spans."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _numeric(text: str, numbered: dict[int, int], pattern: re.Pattern[str]) -> list[InTextCitation]:
    """Bracketed (or superscript) numbers linked to the numbered entries."""
    out = []
    for m in pattern.finditer(text):
        numbers: list[int] = []
        joined = _CHAIN.sub(lambda c: "–" if c.group(1) in "–-" else ",", m.group(0))
        for part in _NUM_PART.finditer(joined.translate(_SUP_DIGITS)):
            a = int(part.group(1))
            b = int(part.group(2)) if part.group(2) else a
            numbers += range(a, b + 1) if 0 <= b - a < 200 else [a]
        works = tuple(
            CitedWork(label=str(n), entry=numbered.get(n)) for n in dict.fromkeys(numbers)
        )
        out.append(
            InTextCitation(
                start=m.start(), end=m.end(), text=m.group(0), style="numeric", works=works
            )
        )
    return out


def _author_year(text: str, entries: Sequence[RefEntry]) -> list[InTextCitation]:
    """Parenthetical and narrative author-year citations linked to the entries."""
    index = _EntryIndex(entries)
    out = []
    taken = _Spans(())
    for m in _PAREN.finditer(text):
        items = list(_ITEM.finditer(m.group("inside")))
        if not items:
            continue
        inside = m.group("inside")
        works = tuple(
            w
            for it in items
            if not (_month(it.group("names")) and _DAY_BEFORE.search(inside, 0, it.start()))
            for w in index.link(it.group("names"), it.group(0))
            if w.entry is not None or not _month(it.group("names"))
        )
        if not works:
            continue
        out.append(
            InTextCitation(
                start=m.start(), end=m.end(), text=m.group(0), style="author-year", works=works
            )
        )
        taken.starts.append(m.start())  # in order, none overlapping: still merged
        taken.ends.append(m.end())
    for m in _NARRATIVE.finditer(text):
        if taken.holds(m.start("year")):
            continue
        works, dropped = index.link_dropping(m.group("names"), m.group(0))
        if all(w.entry is None for w in works) and _month(m.group("names")):
            continue
        start = m.start("names")
        for _ in range(dropped):
            start = text.index(" ", start) + 1
        out.append(
            InTextCitation(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                style="author-year",
                works=works,
            )
        )
    return out


def _author_page(text: str, entries: Sequence[RefEntry]) -> list[InTextCitation]:
    """MLA's author-page citations, each linked to the one entry its author (and short
    title) or its quoted title names; none when no entry or several do."""
    index = _EntryIndex(entries)
    out = []
    for m in _AUTHOR_PAGE.finditer(text):
        if m["names"]:
            entry = index.by_author(m["names"], _fold(m["short"] or ""))
        else:
            entry = index.by_title(_fold(m["title"]))
        if entry is None:
            continue
        label = text[m.start() + 1 : m.start("pages")].strip().rstrip(",")
        out.append(
            InTextCitation(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                style="author-page",
                works=(CitedWork(label=label, entry=entry),),
            )
        )
    return out


def _temporary(text: str, entries: Sequence[RefEntry]) -> list[InTextCitation]:
    """EndNote's temporary citations, each work linked by its family name and year (one
    without both, or not in the list, left unlinked)."""
    index = _EntryIndex(entries)
    out = []
    for start, end, items in temporary_citations(text):
        works = tuple(
            index.link(it.names, it.year)[0]
            if it.names and it.year
            else CitedWork(label=it.text, entry=None)
            for it in items
        )
        out.append(
            InTextCitation(
                start=start, end=end, text=text[start:end], style="author-year", works=works
            )
        )
    return out


_SHORT_FORM = re.compile(rf"^(?P<names>{_NAMES}),?\s+\(?(?P<year>{_YEAR})\)?(?:[,:;.]|\s|$)")


def _month(names: str) -> bool:
    """Whether ``names`` is one word the word lists know as a month: with a day before it, or
    with a year after it and no entry of that name, it is a date ("25 September 2011"), not a
    citation."""
    words = names.split()
    return len(words) == 1 and "month" in word_tags(words[0])


def entry_of(short: str, entries: Sequence[RefEntry]) -> int | None:
    """The entry a short form (``Smith 2019, 45``, ``Lin and Emanuel (2016)``) names, or
    ``None`` when it is not one or the list has no such entry."""
    m = _SHORT_FORM.match(short.strip())
    if not m or not entries:
        return None
    (work,) = _EntryIndex(entries).link(m.group("names"), m.group("year"))
    return work.entry


def _fold(s: str) -> str:
    """Lower case, accents and punctuation dropped, blanks squeezed."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))


_POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")
# the small words between the capitalised words of a body's name ("Office for Outer Space")
_SMALL_WORDS = ("of", "on", "for", "and", "the", "in", "de", "des", "du", "la", "le", "et")
# an entry's body as it opens: capitalised words and the small words between them
_BODY = re.compile(rf"[A-Z][\w&'’-]*(?:\s+(?:(?:{'|'.join(_SMALL_WORDS)})\s+)*[A-Z][\w&'’-]*)+")
_BRACKETED = re.compile(r"[(\[]([A-Z][A-Z&]{1,9})[)\]]")


def _acronyms_of(raw: str) -> set[str]:
    """The acronyms an entry's author may be cited by: one it gives in brackets before its
    year (``United Nations Environment Programme (UNEP)``, ``[ILO]``), and the initials
    of the body's name it opens with (``World Health Organization``: WHO)."""
    head = raw[: (m.start() if (m := re.search(_YEAR, raw)) else 120)][:160]
    found = set(_BRACKETED.findall(head))
    body = _BODY.match(raw)
    if body:
        words = [w for w in body.group(0).split() if w.lower() not in _SMALL_WORDS]
        if len(words) >= 2:
            found.add("".join(w[0] for w in words).upper())
    return found


class _EntryIndex:
    """Entries looked up by first author's name and year."""

    def __init__(self, entries: Sequence[RefEntry]) -> None:
        self.rows = [(e.index, _fold(e.raw), e.raw) for e in entries]
        # the rows' order by folded text: those starting with a name are a run of it
        self.order = sorted(range(len(self.rows)), key=lambda k: self.rows[k][1])
        self.keys = [self.rows[k][1] for k in self.order]
        # a body's acronym -> the rows it opens (a text cites "UNEP, 2020" for an entry of
        # "United Nations Environment Programme (UNEP). (2020)")
        self.acronyms: dict[str, list[int]] = {}
        for k, (_, _, raw) in enumerate(self.rows):
            for acronym in _acronyms_of(raw):
                self.acronyms.setdefault(acronym, []).append(k)

    def _starting(self, first: str) -> list[tuple[int, str, str]]:
        """The rows whose folded text starts with ``first``, in list order."""
        at = bisect.bisect_left(self.keys, first)
        found = []
        while at < len(self.keys) and self.keys[at].startswith(first):
            found.append(self.order[at])
            at += 1
        return [self.rows[k] for k in sorted(found)]

    def by_author(self, names: str, title: str = "") -> int | None:
        """The one entry whose first author ``names`` gives (and whose text holds the
        folded ``title`` words, when given); ``None`` when none or several are."""
        people = [p for p in re.split(r"\s+(?:&|and)\s+|,\s*|\s+et\s+al\.?", names) if p.strip()]
        first = _fold(people[0]) if people else ""
        hits = [i for i, folded, _ in self._starting(first) if not title or title in folded]
        return hits[0] if first and len(hits) == 1 else None

    def by_title(self, title: str) -> int | None:
        """The one entry that opens with the folded ``title`` (a work cited by title)."""
        hits = [i for i, folded, _ in self._starting(title)] if title else []
        return hits[0] if len(hits) == 1 else None

    def link(self, names: str, written: str) -> tuple[CitedWork, ...]:
        """The works ``written`` names: one per year given after ``names``."""
        return self.link_dropping(names, written)[0]

    def link_dropping(self, names: str, written: str) -> tuple[tuple[CitedWork, ...], int]:
        """The works ``written`` names, and how many leading words of ``names`` name no
        entry and were dropped (``In Brazil, Smith (2019)``: 2)."""
        years = re.findall(_YEAR, written)
        names = _POSSESSIVE.sub("", names.strip())  # "O'Neil's (2015)": O'Neil's work
        words = names.split()
        for k in range(len(words)):
            found = tuple(self._one(" ".join(words[k:]), y) for y in years)
            if all(w.entry is not None for w in found):
                return found, k
        return tuple(self._one(names, y) for y in years), 0

    def _one(self, names: str, year: str) -> CitedWork:
        """The entry of the first author of ``names`` (and the second, if named) in ``year``."""
        people = [p for p in re.split(r"\s+(?:&|and)\s+|,\s*|\s+et\s+al\.?", names) if p.strip()]
        first = _fold(people[0]) if people else ""
        other = _fold(people[1]) if len(people) > 1 else ""
        plain, letter = year[:4], year[4:]
        named = [(i, folded) for i, folded, raw in self._starting(first) if plain in raw]
        if not named and _ACRONYM.fullmatch(people[0].strip() if people else ""):
            rows = [self.rows[k] for k in self.acronyms.get(people[0].strip(), [])]
            named = [(i, folded) for i, folded, raw in rows if plain in raw]
        if not first:
            named = []
        hits = [i for i, folded in named if not other or other in folded]
        if not hits and other:
            hits = [i for i, _ in named]
        if letter and len(hits) > 1:
            k = ord(letter) - ord("a")
            hits = hits[k : k + 1] if k < len(hits) else []
        return CitedWork(label=f"{names}, {year}", entry=hits[0] if hits else None)
