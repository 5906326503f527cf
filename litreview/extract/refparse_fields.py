"""Labelled segments of a reference -> the fields of one CSL-JSON item.

Each label has one field and one normaliser (:mod:`.refparse_norm`, :mod:`.refparse_names`);
where a label occurs more than once the first segment gives the value (a later date may add
the month and day the first one lacked). Nothing here moves text from one field to another
(that is the model's job), except a piece a field's value never holds, cut out as what it
is: a web address inside a title, a journal locator or a publication status at the end of
a container's name; the day and closing bracket of a bracketed date the model gave to
the next field go back to the date; and a bracket one field opens ends the next field where
it closes (``[Doctoral dissertation, | University of Leeds]. White Rose eTheses Online.``);
and a title the model cut at a lower-case "in" with no punctuation before it is one title
again (``Development | in Africa``), as is one cut inside a phrase before a publisher,
container or note (``Presentation at the Victoria | University of Wellington.``); and
persons brought in by "by" after a title (``Title, by William J. Mallett.``) are authors,
wherever the model put them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from litreview.core.data_files import data_lines
from litreview.extract import refparse_norm as norm
from litreview.extract.gazetteer import is_place, word_tags
from litreview.extract.refparse_names import BY_NAMES, NAME_PARTICLES, split_names

__all__ = ["Segment", "build_fields", "fields_of_pieces", "pieces_apart"]


class Segment(NamedTuple):
    """A run of tokens with one label, and where it is in the parsed text."""

    label: str
    text: str
    start: int
    end: int


_TEXT: dict[str, tuple[str, Callable[[str], str]]] = {
    "title": ("title", norm.title),
    "journal": ("container-title", norm.container),
    "container": ("container-title", norm.container),
    "collection": ("collection-title", norm.clean),
    "publisher": ("publisher", norm.clean),
    "location": ("publisher-place", norm.clean),
    "genre": ("genre", norm.clean),
    "number": ("number", norm.number),
    "isbn": ("ISBN", norm.clean),
    "edition": ("edition", norm.edition),
}


def _by_label(segments: Sequence[Segment]) -> dict[str, list[str]]:
    """The texts of the segments of each label, in order."""
    out: dict[str, list[str]] = {}
    for s in segments:
        out.setdefault(s.label, []).append(s.text)
    return out


def _names(item: dict[str, Any], texts: dict[str, list[str]]) -> None:
    """Author, editor and translator lists."""
    for label in ("author", "editor", "translator"):
        names = [n for t in texts.get(label, ()) for n in split_names(t)]
        if names:
            item[label] = names


def _issued(dates: list[str]) -> dict[str, Any] | None:
    """The first date with a year, with the month and day of a later date if it has none."""
    first = next((p for p in map(norm.date_parts, dates) if p), None)
    if first is None or len(first["date-parts"][0]) > 1:
        return first
    year = first["date-parts"][0][0]
    for text in dates:
        finer = norm.date_parts(f"{text} {year}")
        if finer and len(finer["date-parts"][0]) > 1 and finer["date-parts"][0][0] == year:
            return finer
    return first


def _is_access(text: str) -> bool:
    """Whether a note says when the work was accessed (a cue word and a date)."""
    return any("access" in word_tags(w) for w in text.split()) and bool(norm.date_parts(text))


def _links(item: dict[str, Any], segments: Sequence[Segment]) -> None:
    """URL and DOI from url and doi segments (a resolver link gives the DOI)."""
    for text in [s.text for s in segments if s.label in ("url", "doi")]:
        found = norm.doi(text)
        link = norm.url(text)
        if found and (link is None or "doi" in link.lower() or "doi" in text.lower()[:6]):
            item.setdefault("DOI", found)
        elif link:
            item.setdefault("URL", link)


def _months_only(text: str) -> bool:
    """Whether every word of ``text`` is a month's name (numbers and marks aside)."""
    return all("month" in word_tags(w) for w in re.findall(r"[^\W\d_]+", text))


def _only_a_date(text: str) -> bool:
    """Whether a note is a date and nothing else (``Mar. 19, 2014).``): month names, numbers
    and punctuation, with a year."""
    return bool(norm.date_parts(text)) and _months_only(text)


def _notes(item: dict[str, Any], notes: list[str]) -> None:
    """An access date from a note, the work's date from a note that is only a date when
    no date was read (``(Washington, D.C.: | Mar. 19, 2014).``, a report's imprint), and
    the other notes as ``note``."""
    rest = []
    for text in notes:
        if _is_access(text):
            item.setdefault("accessed", norm.date_parts(text))
        elif "issued" not in item and _only_a_date(text):
            item["issued"] = norm.date_parts(text)
        elif norm.clean(text):
            rest.append(norm.clean(text))
    if rest:
        item["note"] = "; ".join(rest)


#: Labels of text fields a web address never belongs to: one the model gave such a field
#: is the work's link (:func:`pieces_apart`).
_NO_LINKS = frozenset({"title", "journal", "container", "collection", "publisher", "number"})
#: Labels of a container's name, which never holds its journal locator or a publication
#: status: one the model ran into a container is the work's locator or a note.
_NAMES = frozenset({"journal", "container"})
#: What is cut out of which labels, and the label the piece gets, in this order: a web
#: address, a publication status (``Epub ahead of print``, ``lexicon/status.txt``), then a
#: journal locator run (``2009;6(7):e1000097``, read as a volume is) before it; a container
#: named after ``//`` in a title; a description in square brackets at a title's end; a
#: status read as the date (``(in press).``); which
#: editions or issues are meant, after a title (``..., and earlier editions``).
_APART: tuple[tuple[frozenset[str], Callable[[str], tuple[int, int] | None], str], ...] = (
    (_NO_LINKS, norm.link_span, "url"),
    (_NAMES, norm.status_span, "note"),
    (_NAMES, norm.locator_span, "volume"),
    (frozenset({"editor"}), norm.editor_tail_span, "container"),
    (frozenset({"title"}), norm.slashes_span, "container"),
    (frozenset({"title"}), norm.description_span, "genre"),
    (frozenset({"date"}), norm.status_only_span, "note"),
    (frozenset({"title"}), norm.title_tail_span, "note"),
)


def _cut(
    segments: Sequence[Segment],
    labels: frozenset[str],
    find: Callable[[str], tuple[int, int] | None],
    label: str,
) -> list[Segment]:
    """The segments with the piece ``find`` finds in each segment of ``labels`` cut out as
    a segment labelled ``label``."""
    out: list[Segment] = []
    for s in segments:
        at = find(s.text) if s.label in labels else None
        if at is None:
            out.append(s)
            continue
        a, b = at
        pieces = [(s.label, 0, a), (label, a, b), (s.label, b, len(s.text))]
        out += [
            Segment(name, s.text[x:y], s.start + x, s.start + y)
            for name, x, y in pieces
            if s.text[x:y].strip(" \t.,;:()[]")
        ]
    return out


def _dates_closed(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with each date in brackets whole: the day and closing bracket the model
    gave the next segment (``(2010 November`` | ``9) Title``) go back to the date."""
    out = list(segments)
    for i in range(len(out) - 1):
        s, nxt = out[i], out[i + 1]
        n = norm.date_close_len(s.text, nxt.text) if s.label == "date" != nxt.label else 0
        if n:
            gap = " " * (nxt.start - s.end)
            out[i] = Segment("date", s.text + gap + nxt.text[:n].rstrip(), s.start, nxt.start + n)
            out[i + 1] = Segment(nxt.label, nxt.text[n:], nxt.start + n, nxt.end)
    return [s for s in out if s.text.strip()]


#: the day and year that finish a month the model read alone: "29, 2022)" after "Sept."
_DAY_YEAR = re.compile(r"\d{1,2},?\s+(?:1[5-9]|20)\d\d\b\)?")


def _dates_completed(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with a date that holds a month and no year given the day and year the
    model read into the next segment (``Sept.`` | ``29, 2022)``): one date again."""
    out = list(segments)
    for i in range(len(out) - 1):
        s, nxt = out[i], out[i + 1]
        if s.label != "date" or nxt.label == "date" or norm.date_parts(s.text):
            continue
        found = _DAY_YEAR.match(nxt.text)
        if found and re.search(r"[^\W\d_]", s.text) and _months_only(s.text):
            n = found.end()
            out[i] = Segment(
                "date", s.text + " " * (nxt.start - s.end) + nxt.text[:n], s.start, nxt.start + n
            )
            rest = nxt.text[n:]
            out[i + 1] = Segment(nxt.label, rest, nxt.end - len(rest), nxt.end)
    return [s for s in out if s.text.strip()]


def _locators_joined(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with a journal locator run the model cut after its date (``2011 Jan`` |
    ``4;8(1):e1000368.``, ``2018`` | ``Mar;45(2):112-20.``) one date segment again, which
    :func:`norm.locator` reads: a date and the segment after it, when together they are one
    NLM run (with an issue or pages) and the date alone is not."""
    out = list(segments)
    for i in range(len(out) - 1):
        s, nxt = out[i], out[i + 1]
        if s.label != "date" or nxt.label in ("url", "doi"):
            continue
        joined = s.text + " " * (nxt.start - s.end) + nxt.text
        if norm.is_locator(joined) and not norm.is_locator(s.text):
            out[i] = Segment("date", joined, s.start, nxt.end)
            out[i + 1] = Segment(nxt.label, "", nxt.end, nxt.end)
    return [s for s in out if s.text.strip()]


#: quotation marks that open a title, and the marks that close each (the straight mark
#: does both: CRS and GAO notes quote titles with it)
_QUOTES = {"“": "”", "«": "»", "„": "“", '"': '"'}
#: fields a quoted title never runs into: what the model read after a quotation mark that
#: closes there is a work of its own (a journal, a publisher), quoted by its style
_NOT_INSIDE = frozenset(
    {"journal", "container", "collection", "publisher", "edition", "url", "doi"}
)


def _left_open(text: str, mark: str) -> bool:
    """Whether ``text`` opens a quotation with ``mark`` and does not close it: more opening
    marks than closing ones, or, for a mark that also closes (``"``), an odd number."""
    close = _QUOTES[mark]
    if close == mark:
        return text.count(mark) % 2 == 1 and text.lstrip()[:1] == mark
    return text.count(mark) > text.count(close)


def _quotes_closed(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with a title that opens a quotation mark and does not close it given
    the words up to the closing mark from the segment after it (``« Le facteur rural en``
    | ``1914 :`` | ``un médiateur »``: a year or a place inside a quoted title, read as a
    date or a place); when two segments stand between, both. A quotation holds one title."""
    out = list(segments)
    i = 0
    while i < len(out):
        s = out[i]
        mark = None
        if s.label == "title":
            mark = next((o for o in _QUOTES if _left_open(s.text, o)), None)
        if mark is None:
            i += 1
            continue
        close = _QUOTES[mark]
        for j in range(i + 1, min(i + 3, len(out))):
            if out[j].label in _NOT_INSIDE:
                break
            at = out[j].text.find(close)
            if at < 0:
                continue
            end = at + len(close)
            end += len(out[j].text[end:]) - len(out[j].text[end:].lstrip(",.;: "))
            taken = out[j].text[:end].rstrip()
            joined, before = s.text, s
            for t in [*out[i + 1 : j], out[j]._replace(text=taken)]:
                joined += " " * (t.start - before.end) + t.text
                before = t
            rest = out[j].text[end:]
            out[i] = Segment("title", joined, s.start, out[j].start + len(taken))
            out[i + 1 : j + 1] = [Segment(out[j].label, rest, out[j].end - len(rest), out[j].end)]
            break
        i += 1
    return [s for s in out if s.text.strip()]


#: a year that opens a subtitle: "2007:" in "Climate Change 2007: The Physical Science Basis"
_SUBTITLE_YEAR = re.compile(r"(?:1[5-9]|20)\d\d\s*:")


def _subtitle_years(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with a title cut at a year that opens its subtitle (``Climate Change``
    | ``2007:`` | ``Mitigation of Climate Change``) one title again: a year before a colon
    is part of a title, never a work's date."""
    out = list(segments)
    i = 0
    while i + 2 < len(out):
        a, year, b = out[i], out[i + 1], out[i + 2]
        if (a.label, year.label, b.label) == ("title", "date", "title") and (
            _SUBTITLE_YEAR.fullmatch(year.text.strip())
        ):
            text = a.text + " " * (year.start - a.end) + year.text
            text += " " * (b.start - year.end) + b.text
            out[i : i + 3] = [Segment("title", text, a.start, b.end)]
            continue
        i += 1
    return out


_CLOSERS = {"]": "[", ")": "("}
#: at most this many words before a segment's end may open a bracket the next one closes
_OPENER_WORDS = 3


def _brackets_opened(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with a bracket opened in the last words of one segment and closed in
    the next (``Title (NBER`` | ``Working Paper No. 21345).``) given whole to the next: a
    bracket holds one element."""
    out = list(segments)
    for i in range(len(out) - 1):
        s, nxt = out[i], out[i + 1]
        if s.label == nxt.label or "url" in (s.label, nxt.label) or "doi" in (s.label, nxt.label):
            continue
        at = _open_at(s.text)
        if at is None or _unmatched_close(nxt.text, s.text[at:]) is None:
            continue
        if s.text[at:].count(" ") >= _OPENER_WORDS or not s.text[:at].strip():
            continue
        out[i] = Segment(
            s.label, s.text[:at].rstrip(), s.start, s.start + len(s.text[:at].rstrip())
        )
        out[i + 1] = Segment(
            nxt.label, s.text[at:] + " " * (nxt.start - s.end) + nxt.text, s.start + at, nxt.end
        )
    return out


def _open_at(text: str) -> int | None:
    """Where the last bracket ``text`` opens and does not close begins; ``None`` if none."""
    if "(" not in text and "[" not in text:
        return None
    depth: list[int] = []
    for i, ch in enumerate(text):
        if ch in "([":
            depth.append(i)
        elif ch in _CLOSERS and depth and text[depth[-1]] == _CLOSERS[ch]:
            depth.pop()
    return depth[-1] if depth else None


_NEW_ELEMENT = re.compile(r"[.,;]\s+(?:[^\W\d_][^\W_]*\W+)?[^\W\d_]{2}")


def _bracket_ends(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with a bracket one segment opens (``[Doctoral dissertation,``) ending
    the next one where it closes: what follows the closing bracket there (``University of
    Leeds]. White Rose eTheses Online.``) is a note of its own, not more of that field."""
    out: list[Segment] = []
    for s in segments:
        prev = out[-1] if out else None
        at = (
            _unmatched_close(s.text, prev.text)
            if prev is not None and s.label not in ("url", "doi")
            else None
        )
        # what goes on must be a new element: a stop or comma, a space, then words
        if at is None or not _NEW_ELEMENT.match(s.text, at):
            out.append(s)
            continue
        out += [
            Segment(s.label, s.text[:at], s.start, s.start + at),
            Segment("note", s.text[at:], s.start + at, s.end),
        ]
    return out


def _unmatched_close(text: str, before: str) -> int | None:
    """Where, after a bracket ``text`` closes that ``before`` left open, ``text`` goes on;
    ``None`` when it closes none."""
    if ")" not in text and "]" not in text:
        return None
    depth = {"[": 0, "(": 0}
    for i, ch in enumerate(text):
        if ch in depth:
            depth[ch] += 1
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if depth[opener]:
                depth[opener] -= 1
            elif before.count(opener) > before.count(ch):
                return i + 1
    return None


def pieces_apart(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with what never belongs to their field cut out as segments of their
    own (:data:`_APART`): each web address inside a title, container or publisher (a title
    is never a link: "“Title” https://..." labelled title whole gave the title the
    address), a journal locator or a publication status at a container's end; a date
    in brackets the model cut before its day made whole again, and a bracket opened in the
    last words of one segment and closed in the next given to the next."""
    out = _subtitle_years(
        _quotes_closed(
            _brackets_opened(
                _bracket_ends(_locators_joined(_dates_closed(_dates_completed(segments))))
            )
        )
    )
    for labels, find, label in _APART:
        out = _cut(out, labels, find, label)
    return out


_TITLE_YEAR = re.compile(r"(?P<title>.+),\s*(?P<year>(?:1[5-9]|20)\d\d)")


def _year_of_title(item: dict[str, Any]) -> None:
    """A year read into a title's end after a comma (``Annual Report of the Agency,
    1952``) is the work's date when it has none."""
    m = _TITLE_YEAR.fullmatch(item.get("title", ""))
    if m and "issued" not in item:
        item["title"], item["issued"] = m.group("title"), {"date-parts": [[int(m.group("year"))]]}


def _report_numbers(item: dict[str, Any]) -> None:
    """A report's series and number read as a journal and its issue (``Food Assistance and
    Nutrition Research Report No. 13``: a "journal" whose last word names a kind of
    document, an issue and no volume or pages) are the series and the number."""
    journal, issue = item.get("container-title", ""), item.get("issue", "")
    words = journal.split()
    unnumbered = not {"volume", "page", "number", "collection-title"} & item.keys()
    if words and issue and unnumbered and "genre" in word_tags(words[-1]):
        item["collection-title"], item["number"] = item.pop("container-title"), item.pop("issue")


#: a document's number and a comma opening a title: "IF12899, Data Centers ..."
_NUMBER_FIRST = re.compile(r"(?P<number>[A-Z]{1,6}-?\d[\d\-./]*[A-Z]?),\s+(?P<rest>\S.*)")


def _number_before_title(item: dict[str, Any]) -> None:
    """A document's number that opens the title of a work a genre names (``CRS In Focus |
    IF12899, Data Centers and Cloud Computing``) is the work's number, not the title's first
    word. Only after a genre: a title may open with a code (``COVID-19, Schools and ...``)."""
    found = _NUMBER_FIRST.fullmatch(item.get("title", ""))
    if found and "genre" in item and "number" not in item:
        item["number"], item["title"] = found.group("number"), found.group("rest")


_PLACE_FIRST = re.compile(r"([^:;]{2,40}?)\s*:\s*(\S.*)")


def _place_of_publisher(item: dict[str, Any]) -> None:
    """A publisher and its place read as one field: ``Geneva: World Health Organization`` or
    ``Polskie Sieci, Warsaw`` as the publisher gives the place when the word lists know it
    and the work has no place yet; ``Issy-les-Moulineaux: Masson`` as the place gives the
    publisher after the colon when the work has none."""
    publisher, place = item.get("publisher", ""), item.get("publisher-place", "")
    if publisher and not place:
        m = _PLACE_FIRST.fullmatch(publisher)
        head, _, tail = publisher.rpartition(", ")
        if m and is_place(m.group(1), towns=True):
            item["publisher-place"], item["publisher"] = m.group(1), m.group(2)
        elif head and is_place(tail, towns=True):
            item["publisher-place"], item["publisher"] = tail, head
    elif place and not publisher:
        m = _PLACE_FIRST.fullmatch(place)
        if m and re.search(r"[^\W\d]", m.group(2)):
            item["publisher-place"], item["publisher"] = m.group(1), m.group(2)


#: a document's number read as a volume ("PL 23-05"): capitals, then digits
_DOCUMENT_NUMBER = re.compile(r"[A-Z]{1,6}[\s\-]?\d[\d\-./]*")


_PEOPLE = frozenset({"author", "editor", "translator"})


def _body_before_date(segments: Sequence[Segment]) -> list[Segment]:
    """A reference naming nobody that opens with a title, then its date, then a second
    title: the first stands where an author-date style puts the author, and is the author
    (a body named in sentence case, ``Ministère des transports (2000). Title``, or with an
    article, ``The WHO Collaborative Study (1992) Title``, which the model reads as a title
    since unsigned works open with theirs). Without it the second title, the work's, was
    lost: a work has one title field and the first was kept."""
    labels = [s.label for s in segments]
    i = next((k for k, label in enumerate(labels) if label != "citation-number"), len(labels))
    if (
        labels[i : i + 2] != ["title", "date"]
        or "title" not in labels[i + 2 :]
        or _PEOPLE & set(labels)
    ):
        return list(segments)
    return [*segments[:i], segments[i]._replace(label="author"), *segments[i + 1 :]]


_IN = re.compile(r"\s*in\b", re.IGNORECASE)


def _book_after_editors(segments: Sequence[Segment]) -> list[Segment]:
    """A second title right after editors introduced by "In" (``Title. In: Roe A, Doe B,
    editors. Book Title.``) is the book the work is in, its container: before, a work having
    one title field, the book's was dropped. Not when a journal or container is named."""
    labels = [s.label for s in segments]
    if {"journal", "container"} & set(labels):
        return list(segments)
    out = list(segments)
    for i in range(2, len(out)):
        before = out[i - 1]
        if (
            out[i].label == "title"
            and before.label == "editor"
            and _IN.match(before.text)
            and "title" in labels[: i - 1]
        ):
            out[i] = out[i]._replace(label="container")
            break
    return out


#: how a title's last word may end when the next segment is its own field
_TITLE_END = re.compile(r"[.,:;?!\"'\u201d\u2019\u00bb)\]]\s*$")
_LOWER_IN = re.compile(r"in\s+\S")


def _in_title(segments: Sequence[Segment]) -> list[Segment]:
    """A container read from a lower-case "in" that follows a title's last word with no
    punctuation between (``Colonisation, School and Development | in Africa.``) is the
    title's own words: a container opens after the title's closing punctuation ("Title.
    In", "Title, in")."""
    out = list(segments)
    i = 1
    while i < len(out):
        a, b = out[i - 1], out[i]
        if (
            a.label == "title"
            and b.label == "container"
            and _LOWER_IN.match(b.text)
            and not _TITLE_END.search(a.text)
        ):
            text = a.text + " " * (b.start - a.end) + b.text
            out[i - 1 : i + 1] = [Segment("title", text, a.start, b.end)]
            continue
        i += 1
    return out


#: a date that closes a note after a comma ("Bloomberg, April 3, 2025", "press release,
#: November 20, 2024", "Notice 4510, 2022"): a month (and day) or none, and a year
_MONTH_WORD = r"(?:[A-Z][a-z]{2,8}\.?)"
_CLOSING_DATE = re.compile(
    rf",\s+(?P<date>(?:{_MONTH_WORD}\s+\d{{1,2}},?\s+|\d{{1,2}}\s+{_MONTH_WORD}\s+|{_MONTH_WORD}\s+)?"
    r"(?:1[5-9]|20)\d\d)\s*[.,;]?\s*$"
)
#: at most this many words of a note before its closing date are an outlet's name
_OUTLET_WORDS = 6


def _date_out_of_note(segments: Sequence[Segment]) -> list[Segment]:
    """A reference with no date whose note ends with one after a comma (``"Title,"
    | Bloomberg, April 3, 2025,``) has that date: it is cut off as the date. The words before
    it are the work's genre when every one is a genre's word in lower case (``press
    release``), the outlet (container) of a work cited by its quoted title and no container
    (a news article: ``Cory Bennett, "Title," | The Hill, November 2, 2014.``), else the
    note."""
    if any(s.label == "date" for s in segments):
        return list(segments)
    out = list(segments)
    for i, s in enumerate(out):
        found = _CLOSING_DATE.search(s.text) if s.label == "note" else None
        if found is None or not _months_only(found["date"]) or _is_access(s.text):
            continue
        head = s.text[: found.start()].strip()
        last = head.split()[-1].strip(",.") if head else ""
        if (last.isdigit() and len(last) <= 2) or "month" in word_tags(last):
            continue  # "May 19, | 2013": the closing date is longer than the match
        at = s.start + found.start("date")
        date = Segment("date", s.text[found.start("date") :], at, s.end)
        if not head:
            out[i] = date
            return out
        out[i : i + 1] = [Segment(_head_label(head, out), head, s.start, s.start + len(head)), date]
        return out
    return out


def _head_label(head: str, segments: Sequence[Segment]) -> str:
    """What the words before a note's closing date are (:func:`_date_out_of_note`)."""
    words = head.split()
    if head.islower() and all("genre" in word_tags(w.strip(",.")) for w in words):
        return "genre"  # a kind of work in lower case; a capitalised "Review" names one
    quoted = any(s.label == "title" and s.text[:1] in _QUOTES for s in segments)
    named = any(s.label in _NAMES for s in segments)
    if quoted and not named and len(words) <= _OUTLET_WORDS and words[0][:1].isupper():
        return "container"
    return "note"


#: fields a title the model cut short runs on into
_RUN_ON = frozenset({"container", "publisher", "note"})
#: the words up to the first punctuation mark, when they open with a letter (not "In")
_FIRST_WORDS = re.compile(r"(?!In\b)[^\W\d_][^.,;:]*[.,;:]?")


def _title_runs_on(segments: Sequence[Segment]) -> list[Segment]:
    """A title that ends on a letter or digit, with no punctuation, before a container,
    publisher or note that opens with a word was cut inside a phrase (``... the Siting of a
    Municipal Solid | Waste Landfill Facility, Guam.``, ``Presentation at the Victoria |
    University of Wellington.``): the words up to the next segment's first punctuation mark
    go back to the title, and the rest stays what the model read. Not a journal (``a
    randomized study | Diabetes Care, 36``: styles that set no mark after a title) and not a
    segment that opens with a bracket, a number or a capital "In" (``Title | (London:``,
    ``Title | In Book``)."""
    out = list(segments)
    i = 1
    while i < len(out):
        a, b = out[i - 1], out[i]
        found = _FIRST_WORDS.match(b.text)
        end = a.text.rstrip()
        if a.label == "title" and b.label in _RUN_ON and found and end and end[-1].isalnum():
            cut = b.start + found.end()
            text = a.text + " " * (b.start - a.end) + found.group()
            rest = b.text[found.end() :]
            lead = len(rest) - len(rest.lstrip())
            tail = [Segment(b.label, rest.strip(), cut + lead, b.end)] if rest.strip() else []
            out[i - 1 : i + 1] = [Segment("title", text, a.start, cut), *tail]
        i += 1
    return out


#: where a quotation opens inside a segment: a mark at the start of a word
_QUOTE_OPENS = re.compile(r"(?:^|(?<=\s))[“\"«„](?=\S)")


def _quote_out_of_names(segments: Sequence[Segment]) -> list[Segment]:
    """Names that run into the opening words of a quoted title (``GAO, “Foster`` | ``Care:
    HHS Could Do More ...”``) give those words back to the title after them: a name never
    opens a quotation it does not close. Only when names stand before the mark and a title
    follows."""
    out = list(segments)
    for i in range(len(out) - 1):
        s, nxt = out[i], out[i + 1]
        if s.label not in _PEOPLE or nxt.label != "title":
            continue
        marks = list(_QUOTE_OPENS.finditer(s.text))
        if not marks:
            continue
        at = marks[-1].start()
        mark = s.text[at]
        if not s.text[:at].strip() or not _left_open(s.text[at:], mark):
            continue
        names = s.text[:at].rstrip()
        out[i] = Segment(s.label, names, s.start, s.start + len(names))
        title = s.text[at:] + " " * (nxt.start - s.end) + nxt.text
        out[i + 1] = Segment("title", title, s.start + at, nxt.end)
    return out


def _closing_at(text: str, close: str, start: int, depth: int = 1) -> int:
    """Where ``close`` closes the quotation opened before ``start`` in ``text``, or -1, an
    inner quotation passed over (``“Criteria for “Veteran” Status”``). A straight mark
    opens when a blank is before it and a word after it, and closes otherwise."""
    if close != '"':
        opener = next(o for o, c in _QUOTES.items() if c == close)
        for at in range(start, len(text)):
            depth += (text[at] == opener) - (text[at] == close)
            if depth == 0:
                return at
        return -1
    for at in range(start, len(text)):
        if text[at] != '"':
            continue
        before, after = text[at - 1 : at], text[at + 1 : at + 2]
        opens = (not before or before.isspace()) and after.strip() != ""
        depth += 1 if opens else -1
        if depth == 0:
            return at
    return -1


def _opening_quote_is_title(segments: Sequence[Segment]) -> list[Segment]:
    """A reference that opens with a quotation ending in a comma or full stop opens with its
    title, as styles cite an unsigned work (``“Switchboard,” International Rescue
    Committee, accessed ...``): the quoted words are the title, whatever the model read them
    as, and what follows the closing mark in a segment the model read as the title is where
    the work appeared. Only where the model's reading crosses the closing mark, or finds no
    title outside the quotation (a style that quotes its authors, ``“Roe A”. 1977. Tides.``,
    has one); never past a journal or a publisher, which some styles quote with the title,
    and not a quotation that opens a longer title (``"They Took Everything": Forced ...``)."""
    out = list(segments)
    k = next((i for i, s in enumerate(out) if s.label != "citation-number"), None)
    if k is None or out[k].text[:1] not in _QUOTES:
        return out
    close = _QUOTES[out[k].text[0]]
    for j in range(k, len(out)):
        if j > k and out[j].label in _NOT_INSIDE:
            return out
        at = _closing_at(out[j].text, close, 1 if j == k else 0)
        if at >= 0:
            return _quotation_as_title(out, k, j, at)
    return out


def _quotation_as_title(out: list[Segment], k: int, j: int, at: int) -> list[Segment]:
    """:func:`_opening_quote_is_title` once the closing mark is found at ``at`` in segment
    ``j`` (the quotation opens segment ``k``)."""
    text = out[j].text
    inside = text[at - 1 : at] in (",", ".")
    end = at + 1 + (text[at + 1 : at + 2] in (",", "."))
    if not (inside or end > at + 1) or not any(ch.isalpha() for ch in text[:end]):
        return out  # a quotation opening a longer title, or a quoted number ("“1”.")
    rest = text[end:]
    others = [s for s in (*out[:k], *out[j + 1 :]) if s.label == "title"]
    if others and not rest.strip():
        return out
    words, before = "", None
    for t in [*out[k:j], out[j]._replace(text=text[:end])]:
        words += ("" if before is None else " " * (t.start - before.end)) + t.text
        before = t
    title = Segment("title", words, out[k].start, out[j].start + end)
    tail = []
    if rest.strip():
        named = {"journal", "container"} & {s.label for s in out}
        label = out[j].label if out[j].label != "title" else ("note" if named else "container")
        lead = len(rest) - len(rest.lstrip())
        tail = [Segment(label, rest.strip(), out[j].end - len(rest) + lead, out[j].end)]
    return [*out[:k], title, *tail, *out[j + 1 :]]


def _by_roles() -> dict[str, str]:
    """The words before "by" that bring in a work's makers, and the role they give
    (``data/by_roles.txt``)."""
    rows = [line.split("\t") for line in data_lines("by_roles.txt")]
    return {words.strip().lower(): role.strip() for words, role in rows}


_BY_ROLES = _by_roles()
_ROLE_WORDS = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(_BY_ROLES))
#: "Title, by Ann Roe", "Title, coordinated by Ann Roe": the words that bring a work's makers
#: in after its title
_BY = re.compile(rf",\s+(?:(?P<role>{_ROLE_WORDS})\s+)?by\s+", re.I)
_BY_END = re.compile(rf",\s+(?:(?P<role>{_ROLE_WORDS})\s+)?by\s*$", re.I)
#: "Title, coordinated" | "by Ann Roe": the role's words closing the title before a segment
#: of names that opens with "by"
_ROLE_END = re.compile(rf",\s+(?P<role>{_ROLE_WORDS})\s*$", re.I)


def _role_of(found: re.Match[str]) -> str:
    """The segment label the words of a ``_BY``-like match give the names after them."""
    words = found["role"]
    return _BY_ROLES[" ".join(words.lower().split())] if words else "author"


_NAME_SEP = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_INITIAL_WORD = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*")


def _person_name(text: str) -> bool:
    """Whether ``text`` reads as one person's name: two to four words, the first a given
    name of the word lists or an initial, the rest capitalised or name particles, none a
    word of a body's name ("by William J. Mallett"; not "by Time Period", "by State")."""
    words = text.replace("et al.", "").split()
    return (
        2 <= len(words) <= 4
        and ("given" in word_tags(words[0]) or bool(_INITIAL_WORD.fullmatch(words[0])))
        and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words[1:])
        and not any("org" in word_tags(w) for w in words)
    )


def _names_only(text: str) -> bool:
    """Whether ``text`` is a list of persons' names (with "and", commas, "et al.")."""
    parts = [p.strip(" .") for p in _NAME_SEP.split(text.strip(" .,")) if p.strip(" .")]
    parts = [p for p in parts if p not in ("et al", "et al.")]
    return bool(parts) and all(_person_name(p) for p in parts)


def _last_by(text: str) -> re.Match[str] | None:
    """The last ", by " of a title (a scan, no backtracking: titles may be long)."""
    matches = list(_BY.finditer(text))
    return matches[-1] if matches else None


def _by_authors(segments: Sequence[Segment]) -> list[Segment]:
    """Persons brought in by "by" after a title (``Title, by William J. Mallett.``, as CRS
    notes cite reports) are the work's authors, wherever the model put them: the end of the
    title (``Title, by Ann Roe``), the segment after a title that ends in ", by", or an
    editor segment that opens with "by". Words before "by" may give another role
    (``data/by_roles.txt``: "coordinated by" authors, "translated by" translators), also
    when they close the title before a segment "by Ann Roe". Only names of persons
    (:func:`_names_only`): "Crime Rates, by State" keeps its title. No authors when the
    reference names an author already."""
    named = any(s.label == "author" and not BY_NAMES.match(s.text) for s in segments)
    out = list(segments)
    for i, s in enumerate(out):
        if s.label != "title":
            continue
        found = _last_by(s.text)
        role = _role_of(found) if found else ""
        if found and not (named and role == "author") and _names_only(s.text[found.end() :]):
            cut, by = found.start(), found.end()
            out[i : i + 1] = [
                Segment("title", s.text[:cut], s.start, s.start + cut),
                Segment(role, s.text[by:], s.start + by, s.end),
            ]
            return out
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is None:
            continue
        ends = _BY_END.search(s.text)
        role = _role_of(ends) if ends else ""
        if ends and not (named and role == "author") and _names_only(nxt.text):
            cut = ends.start()
            out[i] = Segment("title", s.text[:cut], s.start, s.start + cut)
            out[i + 1] = nxt._replace(label=role)
            return out
        closing = _ROLE_END.search(s.text)
        role = _role_of(closing) if closing else ""
        if (
            closing
            and not (named and role == "author")
            and nxt.label in _PEOPLE
            and (lead := BY_NAMES.match(nxt.text))
            and _names_only(nxt.text[lead.end() :])
        ):
            cut = closing.start()
            out[i] = Segment("title", s.text[:cut], s.start, s.start + cut)
            out[i + 1] = nxt._replace(label=role)
            return out
    if named:
        return out
    for i, s in enumerate(out):
        if s.label in ("editor", "author") and BY_NAMES.match(s.text):
            out[i] = s._replace(label="author")
    return out


#: a word a body's name never ends with: it runs on into the next segment
_NAME_RUNS_ON = re.compile(r"(?:^|\s)(?:of|for|and|the|on|de|du|des|del|di|für|und|et)\s*$")


def _names_run_on(segments: Sequence[Segment]) -> list[Segment]:
    """A body's name the model cut after a word no name ends with (``National Institute
    for Health and`` | ``Care Excellence. Evidence Update 65``) takes back the capitalised
    words of the next segment up to its first punctuation mark."""
    out = list(segments)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.label not in _PEOPLE or not _NAME_RUNS_ON.search(a.text) or not b.text[:1].isupper():
            continue
        found = _FIRST_WORDS.match(b.text)
        if not found:
            continue
        n = found.end()
        out[i] = Segment(
            a.label, a.text + " " * (b.start - a.end) + b.text[:n], a.start, b.start + n
        )
        rest = b.text[n:]
        lead = len(rest) - len(rest.lstrip())
        out[i + 1] = Segment(b.label, rest.strip(), b.start + n + lead, b.end)
    return [s for s in out if s.text.strip()]


#: what happens to the labelled segments, once :func:`pieces_apart` has cut them, before
#: they become fields, in order
_SEGMENT_NORMALISERS: tuple[Callable[[Sequence[Segment]], list[Segment]], ...] = (
    _opening_quote_is_title,
    _body_before_date,
    _book_after_editors,
    _in_title,
    _quote_out_of_names,
    _by_authors,
    _title_runs_on,
    _names_run_on,
    _date_out_of_note,
)


def build_fields(segments: Sequence[Segment]) -> dict[str, Any]:
    """The CSL fields (no ``type``, no ``id``) of a reference's labelled segments."""
    return fields_of_pieces(pieces_apart(segments))


def fields_of_pieces(segments: Sequence[Segment]) -> dict[str, Any]:
    """:func:`build_fields` of segments :func:`pieces_apart` has already cut (the parser
    cuts them once for the fields and the type model)."""
    for normalise in _SEGMENT_NORMALISERS:
        segments = normalise(segments)
    item: dict[str, Any] = {}
    texts = _by_label(segments)
    _names(item, texts)
    issued = _issued(texts.get("date", []))
    if issued:
        item["issued"] = issued
    for label, (key, tidy) in _TEXT.items():
        if label not in texts:
            continue
        value = next((v for v in map(tidy, texts[label]) if v), None)
        if value and key not in item:
            item[key] = value
    for label in ("date", "volume", "pages"):
        for text in texts.get(label, [])[:1]:
            found = norm.locator(text)
            if label == "date" and "issued" in found:
                item["issued"] = found["issued"]
            for key, value in found.items():
                item.setdefault(key, value)
    for text in texts.get("volume", [])[:1]:
        if (
            _DOCUMENT_NUMBER.fullmatch(norm.clean(text))
            and not {"journal", "container"} & texts.keys()
        ):
            item.setdefault("number", norm.clean(text))  # "PL 23-05": a document's number
            continue
        for key, value in norm.volume_issue(text).items():
            item.setdefault(key, value)
    for text in texts.get("pages", [])[:1]:
        for key, value in norm.page_fields(text).items():
            item.setdefault(key, value)
    _place_of_publisher(item)
    _report_numbers(item)
    _number_before_title(item)
    _year_of_title(item)
    if "url" in texts or "doi" in texts:
        _links(item, segments)
    _notes(item, texts.get("note", []))
    return item
