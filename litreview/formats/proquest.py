"""ProQuest's text export ("Text only", a ``.txt`` file) -> Work.

What ProQuest's databases (Sociological Abstracts, ERIC, Dissertations
& Theses, PAIS Index, ...) write when a list of documents is exported as text: a header
(``Report Information from ProQuest``), a table of contents, then each document after a
rule of underscores and a ``Document 1 of 20`` line: its title, ``Author:``, a link, and
``Label: value`` paragraphs (``Publication title: ...``, ``Abstract: ...``). A value goes on
over further lines and paragraphs until the next line that opens with a label ProQuest
writes (:data:`LABELS`): an abstract's own ``Background:`` stays in the abstract. What comes
after the last document (a bibliography in another style, ProQuest's contact lines) is not
read.

Read into fields: title, authors (``Family, Given`` separated by ``;``), publication title
(without the place ProQuest appends to it, ``The Daily Example; Lahore``, which is kept whole),
volume, issue, pages (or the first page), the year and date, publisher (a thesis's
university when there is none), place, DOI, abstract, subjects as keywords, the document's
URL and the type from the document and source types. ISSN, ISBN, language and the document
ID are kept under the names every search export shares (``issn``, ``isbn``, ``language``,
``accession-number``); every other label as ``ProQuest:<label>`` (``ProQuest:full-text``,
``ProQuest:identifier-keyword``), so nothing is lost.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._continued import Continued
from litreview.formats._search import column_name, csl_type, date_of, doi_of, name_of, split_list

__all__ = ["LABELS", "is_proquest", "read_proquest"]

PREFIX = "ProQuest:"
#: The labels ProQuest writes before a value (one opening a line starts a new value).
LABELS = frozenset(
    {
        "Abstract",
        "Accession number",
        "Advisor",
        "Author",
        "Author e-mail address",
        "Classification",
        "CODEN",
        "Committee member",
        "Company / organization",
        "Conference title",
        "Copyright",
        "Corporate author",
        "Country of publication",
        "Credit",
        "Database",
        "Degree",
        "Degree date",
        "Department",
        "Dissertation/thesis number",
        "Document feature",
        "Document type",
        "Document URL",
        "DOI",
        "Editor",
        "e-ISSN",
        "First page",
        "Full text",
        "Identifier / keyword",
        "ISBN",
        "ISSN",
        "Issue",
        "Journal subject",
        "Language",
        "Language of publication",
        "Last updated",
        "Links",
        "Location",
        "MeSH subject",
        "Number of pages",
        "Pages",
        "People",
        "Place of publication",
        "Publication date",
        "Publication info",
        "Publication subject",
        "Publication title",
        "Publication year",
        "Publisher",
        "ProQuest document ID",
        "Report number",
        "School code",
        "Section",
        "Series",
        "Source",
        "Source type",
        "Subject",
        "Title",
        "Translator",
        "University location",
        "University/institution",
        "Update",
        "Volume",
    }
)
_FIELDS = {
    "Title": "title",
    "Publication title": "container",
    "Volume": "volume",
    "Issue": "issue",
    "Pages": "pages",
    "Publisher": "publisher",
    "Place of publication": "place",
    "Abstract": "abstract",
    "Document URL": "url",
}
_IDS = {
    "ISSN": "issn",
    "ISBN": "isbn",
    "Language of publication": "language",
    "Language": "language",
    "ProQuest document ID": "accession-number",
}
_EXTRA_NAMES = {"link": PREFIX + "link", "": PREFIX + "heading"}
# ProQuest's document and source types (lower case) that the shared table does not name
_TYPES = {
    "dissertation/thesis": "thesis",
    "dissertations & theses": "thesis",
    "scholarly journals": "article-journal",
    "trade journals": "article-magazine",
    "magazines": "article-magazine",
    "newspapers": "article-newspaper",
    "wire feeds": "article-newspaper",
    "news": "article-newspaper",
    "reports": "report",
    "government & official publications": "report",
    "working papers": "report",
    "books": "book",
    "conference papers & proceedings": "paper-conference",
    "blogs, podcasts, & websites": "post-weblog",
}
_RULE = re.compile(r"_{20,}\s*\Z")
_DOCUMENT = re.compile(r"Document (\d+) of (\d+)\s*\Z")
_LABEL = re.compile(r"([A-Za-z][A-Za-z /&.\-]{0,40}?): ?(.*)\Z")
_LINK = re.compile(r"https?://\S+\Z")
_PLACE_WORDS = 4
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def is_proquest(text: str) -> bool:
    """Whether ``text`` is ProQuest's text export: its header, or a ``Document 1 of N``
    line with a ProQuest document ID after it."""
    head = text.lstrip("\ufeff")[:20000]
    if "Report Information from ProQuest" in head[:2000]:
        return True
    return bool(re.search(r"^Document 1 of \d+\s*$", head, re.M)) and (
        "ProQuest document ID:" in head
    )


@bulk
def read_proquest(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a ProQuest text export and its problems (each with its line)."""
    documents = _documents(text)
    works: list[Work] = []
    problems: list[Problem] = []
    for line, labels in documents:
        work = _work(labels)
        if not work.title:
            message = "a document with no title"
            problems.append(Problem(path=path, line=line, severity="warning", message=message))
        works.append(work)
    if not works:
        message = "no ProQuest documents (a 'Document 1 of N' line, then 'Label: value' lines)"
        problems.append(Problem(path=path, line=1, severity="error", message=message))
    return works, problems


def _documents(text: str) -> list[tuple[int, list[tuple[str, str]]]]:
    """Each document's line and its ``(label, value)`` pairs in order: the heading (the
    title as the list shows it) under ``""``, the bare link under ``"link"``."""
    out: list[tuple[int, list[tuple[str, str]]]] = []
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: list[tuple[str, str]] | None = None
    continued = Continued("\n")
    after_rule = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if _RULE.match(stripped):
            continued.flush()
            current, after_rule = None, True
            continue
        if not stripped:
            if current:
                continued.add(current, "")
            continue
        if after_rule:
            after_rule = False
            if _DOCUMENT.match(stripped):
                current = []
                out.append((number, current))
                continue
        if current is None:
            continue  # the header, the table of contents, what follows the last document
        m = _LABEL.match(stripped)
        if m and m.group(1) in LABELS:
            continued.flush()
            current.append((m.group(1), m.group(2).strip()))
        elif not current:
            current.append(("", stripped))
        elif _LINK.match(stripped) and current[-1][0] in ("", "Author"):
            continued.flush()
            current.append(("link", stripped))
        else:
            continued.add(current, stripped)
    continued.flush()
    return [(n, [(k, _paragraphs(v)) for k, v in d]) for n, d in out]


def _paragraphs(value: str) -> str:
    """A value's lines: its paragraphs joined by a blank line, the lines of one by a space."""
    paragraphs = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", value.strip())]
    return "\n\n".join(p for p in paragraphs if p)


def _work(pairs: list[tuple[str, str]]) -> Work:
    """One document as a work; every value not read whole into a field kept in extra."""
    labels: dict[str, list[str]] = defaultdict(list)
    for label, value in pairs:
        if value:
            labels[label].append(value)
    read: set[str] = set()  # labels read whole
    fields: dict[str, Any] = {}
    for label, attr in _FIELDS.items():
        if labels.get(label):
            fields[attr] = labels[label][0]
            read.add(label)
    heading = (labels.get("") or [""])[0]  # the title as the list shows it
    if heading and fields.setdefault("title", heading) == heading:
        read.add("")
    # "The Daily Example; Lahore": the place ProQuest appends to a title (kept whole too)
    title, sep, place = fields.get("container", "").rpartition("; ")
    if sep and title and len(place.split()) <= _PLACE_WORDS:
        fields["container"] = title
        fields.setdefault("place", place)
        read.discard("Publication title")
    if "pages" not in fields and labels.get("First page"):
        fields["pages"] = labels["First page"][0]
        read.add("First page")
    if "publisher" not in fields and labels.get("University/institution"):
        fields["publisher"] = labels["University/institution"][0]
        read.add("University/institution")
    if "url" not in fields and labels.get("link"):
        fields["url"] = labels["link"][0]
        read.add("link")
    authors = [name_of(n) for v in labels.get("Author", []) for n in split_list(v)]
    keywords = [k for v in labels.get("Subject", []) for k in split_list(v)]
    read |= {"Author", "Subject"}
    doi = ""
    for value in labels.get("DOI", []):
        if doi_of(value) and not doi:
            doi = doi_of(value)
            read.add("DOI")
    year = (labels.get("Publication year") or [""])[0]
    date = (labels.get("Publication date") or [""])[0]
    issued = date_of(year or (_YEAR.findall(date) or [""])[0], date)
    if issued:
        read.add("Publication year")
        if len(issued) > len("2019") or date.strip() == issued:  # a date with nothing more
            read.add("Publication date")
    names = [n.lower() for t in ("Document type", "Source type") for n in labels.get(t, [])]
    known = next((_TYPES[n] for n in names if n in _TYPES), "")
    extra = [
        (_IDS.get(label) or _EXTRA_NAMES.get(label) or column_name(PREFIX, label), value)
        for label, values in labels.items()
        if label not in read
        for value in values
    ]
    return Work(
        key="",
        type=known or csl_type(names),
        authors=tuple(authors),
        issued=issued,
        doi=doi,
        keywords=tuple(dict.fromkeys(keywords)),
        extra=tuple(extra),
        **fields,
    )
