"""PubMed XML (``<PubmedArticleSet>``, what E-utilities' efetch and older PubMed "Save as
XML" give) -> Work.

Read with the standard library's ``xml.etree.ElementTree``, as EndNote XML is: it never
fetches the DTD a file names, and the expat it runs on refuses entity-expansion bombs.

Journal articles (``<PubmedArticle>``) and book chapters or books (``<PubmedBookArticle>``)
are read alike: the article title (a book's title when there is none), authors
(``CollectiveName`` as an organisation) and, for books, editors; the journal or book as the
container, volume, issue, pages (``MedlinePgn``), the publication date (a ``MedlineDate``
such as ``1998 Dec-1999 Jan`` gives its year), the abstract (each labelled part as
``LABEL: text``), publisher and place; the DOI from ``ELocationID`` or the article ids;
MeSH headings written as MEDLINE writes them (``Colitis, Ulcerative/*therapy``: a star
marks a major topic) and author keywords as keywords, so a record read from PubMed XML and
the same record read from MEDLINE text are one work. The PMID, PMC id, ISSN and language
are kept under the names every search export shares; the text of every other element under
``PubMed:<path>`` (``PubMed:MedlineCitation/DateRevised/Year``), so nothing is lost.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Person, Work
from litreview.core.text import line_numbers
from litreview.formats._search import csl_type, date_of
from litreview.formats._xml import parse_xml

__all__ = ["is_pubmed_xml", "read_pubmed_xml"]

PREFIX = "PubMed:"
_ARTICLES = ("PubmedArticle", "PubmedBookArticle")
_ROOT = re.compile(
    r"<(?:PubmedArticleSet|PubmedBookArticleSet|PubmedArticle|PubmedBookArticle)[\s>]"
)
_START = re.compile(r"<(PubmedArticle|PubmedBookArticle)[\s>]")
_SPACE = re.compile(r"\s+")
_IDS = {"pubmed": "pmid", "pmc": "pmcid"}


def is_pubmed_xml(text: str) -> bool:
    """Whether ``text`` is PubMed XML: an article set, or one article or book article."""
    head = text.lstrip("\ufeff").lstrip()[:3000]
    return head.startswith("<") and bool(_ROOT.search(head))


@bulk
def read_pubmed_xml(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a PubMed XML file and its problems (an article without a title is a
    warning at the line it starts on)."""
    root, problems = parse_xml(text, path)
    if root is None:
        return [], problems
    lines = line_numbers(text, [m.start() for m in _START.finditer(text)])
    articles = [e for e in root.iter() if e.tag in _ARTICLES]
    if not articles:
        message = "no <PubmedArticle> or <PubmedBookArticle> found"
        return [], [Problem(path=path, line=1, severity="error", message=message)]
    works: list[Work] = []
    for n, article in enumerate(articles):
        work = article_work(article)
        works.append(work)
        if not work.title:
            message = f"article {n + 1} has no title"
            line = lines[n] if n < len(lines) else None
            problems.append(Problem(path=path, line=line, severity="warning", message=message))
    return works, problems


def _text(element: ET.Element | None) -> str:
    """An element's text with its inline markup's (``<i>``, ``<sup>``), spaces made single."""
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


class _Reader:
    """One article: the fields read from it, and the elements read (the rest go to extra)."""

    def __init__(self, article: ET.Element) -> None:
        self.article = article
        self.used: set[int] = set()

    def find(self, path: str) -> ET.Element | None:
        found = self.article.find(path)
        if found is not None:
            self.mark(found)
        return found

    def findall(self, path: str) -> list[ET.Element]:
        found = self.article.findall(path)
        for e in found:
            self.mark(e)
        return found

    def text(self, path: str) -> str:
        return _text(self.find(path))

    def mark(self, element: ET.Element) -> None:
        self.used.update(id(e) for e in element.iter())

    def first(self, *paths: str) -> str:
        """The text at the first of ``paths`` that has one (every one found is read)."""
        texts = [self.text(p) for p in paths]
        return next((t for t in texts if t), "")


def article_work(article: ET.Element) -> Work:
    """One ``<PubmedArticle>`` or ``<PubmedBookArticle>`` as a work."""
    r = _Reader(article)
    book = article.tag == "PubmedBookArticle"
    cite = "BookDocument" if book else "MedlineCitation"
    art = f"{cite}/Article" if not book else cite
    fields: dict[str, Any] = {}
    title = r.text(f"{art}/ArticleTitle")
    book_title = r.text(f"{cite}/Book/BookTitle")
    fields["title"] = title or book_title or r.text(f"{art}/VernacularTitle")
    if book and title and book_title:
        fields["container"] = book_title
    if not book:
        fields["container"] = r.first(f"{art}/Journal/Title", f"{art}/Journal/ISOAbbreviation")
        fields["volume"] = r.text(f"{art}/Journal/JournalIssue/Volume")
        fields["issue"] = r.text(f"{art}/Journal/JournalIssue/Issue")
        fields["pages"] = r.text(f"{art}/Pagination/MedlinePgn")
    else:
        fields["publisher"] = r.text(f"{cite}/Book/Publisher/PublisherName")
        fields["place"] = r.text(f"{cite}/Book/Publisher/PublisherLocation")
        fields["volume"] = r.text(f"{cite}/Book/Volume")
    fields["abstract"] = _abstract(r.findall(f"{art}/Abstract/AbstractText"))
    date = r.find(f"{art}/Journal/JournalIssue/PubDate") if not book else None
    if date is None:
        date = r.find(f"{cite}/Book/PubDate")
    if date is None:
        date = r.find(f"{art}/ArticleDate")
    authors, editors, about = _people(r, f"{art}/AuthorList", f"{cite}/Book/AuthorList")
    extra = _ids(r, book) + about
    if date is not None and len(date):  # the date as written ("2020 Jul 24", "Spring")
        extra.append((PREFIX + date.tag, " ".join(_text(c) for c in date if _text(c))))
    types = [_text(e) for e in r.findall(f"{art}/PublicationTypeList/PublicationType")]
    types += [_text(e) for e in r.findall(f"{cite}/PublicationType")]
    extra += [(PREFIX + "PublicationType", t) for t in types if t]
    keywords = _mesh(r.findall(f"{cite}/MeshHeadingList/MeshHeading"))
    keywords += [_text(e) for e in r.findall(f"{cite}/KeywordList/Keyword") if _text(e)]
    doi = _doi(r)
    extra += _rest(article, r.used)
    return Work(
        key="",
        type=_default_type(book, title) if book else csl_type(types),
        authors=authors,
        editors=editors,
        issued=_date(date),
        doi=doi,
        keywords=tuple(dict.fromkeys(keywords)),
        extra=tuple(extra),
        **{k: v for k, v in fields.items() if v},
    )


def _default_type(book: bool, title: str) -> str:
    """A book article with a title of its own is a chapter; without, the book itself."""
    return "chapter" if book and title else "book"


def _abstract(parts: list[ET.Element]) -> str:
    """The abstract's parts, each labelled one as ``LABEL: text``, one paragraph each."""
    out = []
    for p in parts:
        text, label = _text(p), (p.get("Label") or "").strip()
        if text:
            out.append(f"{label}: {text}" if label else text)
    return "\n\n".join(out)


def _people(
    r: _Reader, *paths: str
) -> tuple[tuple[Person, ...], tuple[Person, ...], list[tuple[str, str]]]:
    """(authors, editors, what else the lists say) of the author lists at ``paths``
    (``Type="editors"``: editors). An author's initials, affiliations and ids (ORCID) are
    kept as ``PubMed:Author/Initials`` and the like, each value after the author's name."""
    lists = [e for path in paths for e in r.findall(path)]
    authors: list[Person] = []
    editors: list[Person] = []
    extra: list[tuple[str, str]] = []
    for each in lists:
        into = editors if (each.get("Type") or "").lower() == "editors" else authors
        for a in each.findall("Author"):
            person = _person(a)
            if person is None:
                continue
            into.append(person)
            name = person.literal or ", ".join(x for x in (person.family, person.given) if x)
            for path, leaf in _leaves(a, ""):
                if path not in _NAMED and _text(leaf):
                    key = f"{PREFIX}Author/{path}{_qualifier(leaf)}"
                    extra.append((key, f"{name}: {_text(leaf)}"))
    return tuple(authors), tuple(editors), extra


# the parts of an <Author> read into its name
_NAMED = frozenset({"LastName", "ForeName", "Suffix", "CollectiveName"})


def _person(a: ET.Element) -> Person | None:
    """An ``<Author>``: family and given names (initials when no fore name), a suffix, or a
    collective name as an organisation."""
    collective = _text(a.find("CollectiveName"))
    if collective:
        return Person(literal=collective)
    family = _text(a.find("LastName"))
    given = _text(a.find("ForeName")) or _text(a.find("Initials"))
    if not family:
        return Person(literal=given) if given else None
    return Person(family=family, given=given, suffix=_text(a.find("Suffix")))


def _date(date: ET.Element | None) -> str:
    """``YYYY[-MM[-DD]]`` of a ``PubDate`` (``Year``/``Month``/``Day``, or ``MedlineDate``:
    its first year, and a month only when it names one month)."""
    if date is None:
        return ""
    year = _text(date.find("Year"))
    if year:
        return date_of(year, f"{_text(date.find('Month'))} {_text(date.find('Day'))}")
    medline = _text(date.find("MedlineDate"))
    m = re.match(r"((?:1[5-9]|20)\d\d)(?:\s+([A-Za-z]{3,9}))?(?:\s+(\d{1,2}))?\s*$", medline)
    if m:
        return date_of(m.group(1), f"{m.group(2) or ''} {m.group(3) or ''}")
    found = re.search(r"\b(?:1[5-9]|20)\d\d\b", medline)
    return found.group(0) if found else ""


def _doi(r: _Reader) -> str:
    """The DOI: the first ``ELocationID`` or article id of type doi; every one giving the
    same DOI is read (the others are kept)."""
    found = [
        e
        for path in ("*/Article/ELocationID", "BookDocument/ELocationID", "*/Book/ELocationID")
        for e in r.article.findall(path)
        if (e.get("EIdType") or "").lower() == "doi" and _text(e)
    ]
    found += [e for e in _article_ids(r.article) if (e.get("IdType") or "").lower() == "doi"]
    doi = next((_text(e) for e in found if _text(e)), "")
    for e in found:
        if _text(e).lower() == doi.lower():
            r.mark(e)
    return doi


def _article_ids(article: ET.Element) -> list[ET.Element]:
    """The ``<ArticleId>`` elements of an article's and a book document's id lists."""
    return [
        e
        for path in ("PubmedData", "PubmedBookData", "BookDocument")
        for e in article.findall(f"{path}/ArticleIdList/ArticleId")
    ]


def _ids(r: _Reader, book: bool) -> list[tuple[str, str]]:
    """The PMID, PMC id, ISSN, ISBN and language under their shared names."""
    cite = "BookDocument" if book else "MedlineCitation"
    out = [("pmid", r.text(f"{cite}/PMID"))]
    seen = {out[0][1]}
    for e in _article_ids(r.article):
        kind = _IDS.get((e.get("IdType") or "").lower())
        value = _text(e)
        if kind == "pmid" and value in seen:
            r.mark(e)
        elif kind and value:
            r.mark(e)
            out.append((kind, value))
    out += [("issn", _text(e)) for e in r.findall(f"{cite}/Article/Journal/ISSN")]
    out += [("isbn", _text(e)) for e in r.findall(f"{cite}/Book/Isbn")]
    art = f"{cite}/Article" if not book else cite
    out += [("language", _text(e)) for e in r.findall(f"{art}/Language")]
    return [(k, v) for k, v in out if v]


def _mesh(headings: list[ET.Element]) -> list[str]:
    """MeSH headings as MEDLINE writes them: ``Descriptor/Qualifier``, one per qualifier, a
    star before a major topic."""
    out = []
    for h in headings:
        name = h.find("DescriptorName")
        if name is None or not _text(name):
            continue
        star = "*" if name.get("MajorTopicYN") == "Y" else ""
        qualifiers = h.findall("QualifierName")
        if not qualifiers:
            out.append(f"{star}{_text(name)}")
        for q in qualifiers:
            q_star = "*" if q.get("MajorTopicYN") == "Y" else ""
            out.append(f"{star}{_text(name)}/{q_star}{_text(q)}")
    return out


def _rest(article: ET.Element, used: set[int]) -> list[tuple[str, str]]:
    """The text of every element not read into a field, as ``PubMed:<path>``: a date
    (``Year``, ``Month``, ``Day`` ...) as one ``YYYY-MM-DD`` value, a person as ``Last,
    Fore``, an id with its kind (``PubMed:PubmedData/ArticleIdList/ArticleId[pii]``)."""
    out = []
    for path, element in _leaves(article, ""):
        if id(element) in used:
            continue
        text = _value(element)
        if text:
            out.append((PREFIX + path + _qualifier(element), text))
    return out


_DATE_PARTS = ("Year", "Month", "Day", "Hour", "Minute", "Second")
_NAME_PARTS = frozenset({"LastName", "ForeName", "Initials", "Suffix"})
_KINDS = ("IdType", "EIdType", "PubStatus", "Source", "IssnType")


def _qualifier(element: ET.Element) -> str:
    """The kind an attribute gives an element (``[doi]``, ``[received]``), or ``""``."""
    kinds = [element.get(a) for a in _KINDS if element.get(a)]
    return f"[{kinds[0]}]" if kinds else ""


def _value(element: ET.Element) -> str:
    """The text an element holds: a date's or a name's parts joined, else its text."""
    tags = [c.tag for c in element]
    if tags and all(t in _DATE_PARTS or t == "Season" for t in tags):
        parts = [_text(element.find(t)) for t in _DATE_PARTS]
        date = "-".join(p.zfill(2) if k else p for k, p in enumerate(parts[:3]) if p)
        time = ":".join(p.zfill(2) for p in parts[3:] if p)
        season = _text(element.find("Season"))
        return " ".join(x for x in (date, season, time) if x)
    if tags and set(tags) - {"AffiliationInfo", "Identifier"} <= _NAME_PARTS:
        family, given = _text(element.find("LastName")), _text(element.find("ForeName"))
        name = ", ".join(x for x in (family, given or _text(element.find("Initials"))) if x)
        more = [_text(e) for e in element if e.tag in ("AffiliationInfo", "Identifier")]
        return "; ".join(x for x in (name, *more) if x)
    return _text(element)


def _leaves(element: ET.Element, path: str) -> Iterator[tuple[str, ET.Element]]:
    """(path, element) of every element holding a value: text and no child elements, or
    a date or a name (:func:`_value`); inline markup (``<i>``, ``<sup>``) is part of its
    parent's text, not an element of its own."""
    for child in element:
        here = f"{path}/{child.tag}" if path else child.tag
        if len(child) and not _inline(child) and not _whole(child):
            yield from _leaves(child, here)
        else:
            yield here, child


def _whole(element: ET.Element) -> bool:
    """Whether an element is a date or a person, read as one value."""
    tags = {c.tag for c in element}
    dates = tags <= {*_DATE_PARTS, "Season"}
    return dates or ("LastName" in tags and tags <= _NAME_PARTS | {"AffiliationInfo", "Identifier"})


_INLINE = frozenset({"i", "b", "u", "sup", "sub", "mml:math", "math"})


def _inline(element: ET.Element) -> bool:
    """Whether every child of ``element`` is inline markup (an ``<AbstractText>`` with
    ``<i>``): its text is one value."""
    return all(c.tag in _INLINE or c.tag.endswith("}math") for c in element)
