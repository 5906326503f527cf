"""What the readers of database search exports share: names, dates, types, identifiers.

A search export names the same things many ways ("Owen-Smith, J", "Phillips J.C.",
"Heather A. Piwowar"; "SEP", "2019 Mar 5"). These helpers turn them into the model's
fields; the tables that map each database's document types to CSL types live with them, as
data. Identifiers are kept in ``Work.extra`` under one name each, whatever the database:
``pmid``, ``pmcid``, ``wos`` (Web of Science UT), ``scopus-eid``, ``openalex``, ``issn``,
``isbn``, ``language``; deduplication reads them first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from litreview.core.model import Person
from litreview.formats._bibtex_syntax import parse_month
from litreview.formats._names import initials_first, particle_of, text_person

__all__ = [
    "IDENTIFIERS",
    "column_name",
    "csl_type",
    "date_of",
    "initials_name",
    "name_of",
    "natural_name",
    "pages_of",
    "split_list",
]

# Extra names of the identifiers search exports carry (deduplication looks them up).
IDENTIFIERS = ("pmid", "pmcid", "wos", "scopus-eid", "openalex")

# Document types of the databases (lower case) -> CSL types.
_TYPES: dict[str, str] = {
    "article": "article-journal",
    "journal article": "article-journal",
    "review": "article-journal",
    "letter": "article-journal",
    "editorial": "article-journal",
    "editorial material": "article-journal",
    "note": "article-journal",
    "erratum": "article-journal",
    "short survey": "article-journal",
    "article in press": "article-journal",
    "early access": "article-journal",
    "comment": "article-journal",
    "meeting abstract": "paper-conference",
    "conference abstract": "paper-conference",
    "conference paper": "paper-conference",
    "proceedings paper": "paper-conference",
    "proceedings-article": "paper-conference",
    "conference proceedings": "paper-conference",
    "book chapter": "chapter",
    "book-chapter": "chapter",
    "chapter": "chapter",
    "book section": "chapter",
    "book": "book",
    "edited book": "book",
    "monograph": "book",
    "book review": "review-book",
    "dissertation": "thesis",
    "thesis": "thesis",
    "report": "report",
    "dataset": "dataset",
    "preprint": "article",
    "posted-content": "article",
    "patent": "patent",
    "data paper": "article-journal",
    "web page": "webpage",
    "journal-article": "article-journal",
    # Crossref's types (its REST API's "type"), the ones not named above
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "book-series": "book",
    "proceedings": "book",
    "book-part": "chapter",
    "book-section": "chapter",
    "book-track": "chapter",
    "reference-entry": "entry",
    "standard": "standard",
    "journal-issue": "periodical",
    "peer-review": "review",
    "report-component": "report",
    "report-series": "report",
    "database": "dataset",
    "component": "document",
    "grant": "document",
    "other": "document",
    # EndNote's reference types (its tagged and XML exports)
    "electronic article": "article",
    "newspaper article": "article-newspaper",
    "magazine article": "article-magazine",
    "electronic book": "book",
    "electronic book section": "chapter",
    "unpublished work": "manuscript",
    "manuscript": "manuscript",
    "government document": "report",
    "map": "map",
    "computer program": "software",
    "film or broadcast": "motion_picture",
    "personal communication": "personal_communication",
    "case": "legal_case",
    "statute": "legislation",
    "bill": "bill",
    "hearing": "hearing",
    "generic": "document",
    # RefWorks' reference types (its tagged format's RT line)
    "book, whole": "book",
    "book, edited": "book",
    "book, section": "chapter",
    "journal, electronic": "article-journal",
    "dissertation/thesis": "thesis",
    "dissertation/thesis, unpublished": "manuscript",
    "unpublished material": "manuscript",
    "laws/statutes": "legislation",
    "bills/resolutions": "bill",
    "case/court decisions": "legal_case",
    "online discussion forum/blogs": "post-weblog",
    "video/dvd": "motion_picture",
    "motion picture": "motion_picture",
    "sound recording": "song",
    "music score": "musical_score",
    "artwork": "graphic",
    "abstract": "article",
}


def csl_type(names: Iterable[str], default: str = "article-journal") -> str:
    """The CSL type of the first of a record's document types that is known."""
    for name in names:
        found = _TYPES.get(name.strip().lower())
        if found:
            return found
    return default


def column_name(prefix: str, column: str) -> str:
    """A database's column as a field name every format can write: its words in lower case
    joined by ``-`` after the database's prefix (``Art. No.`` -> ``Scopus:art-no``)."""
    return prefix + "-".join(re.findall(r"[a-z0-9]+", column.lower()))


def split_list(value: str, sep: str = ";") -> list[str]:
    """A ``;``-separated cell as its items (stripped, empty ones dropped)."""
    return [part.strip() for part in value.split(sep) if part.strip()]


def name_of(value: str) -> Person:
    """``"Family, Given"`` as a person; a name without a comma as an organisation, unless it
    is initials then a family name (``J.B. Babu``, as the RIS reader reads it too)."""
    family, sep, given = value.partition(",")
    if not sep:
        return initials_first(value) or Person(literal=value.strip())
    return text_person(family, given)


_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.-?|[A-Z]\.?)+\Z")


def initials_name(value: str) -> Person:
    """``"Phillips J.C."`` or ``"van der Berg J."`` (Scopus) as a person: initials last."""
    words = value.split()
    n = len(words)
    while n > 1 and _INITIALS.match(words[n - 1]):
        n -= 1
    if n == len(words):
        return name_of(value) if "," in value else Person(literal=value.strip())
    family = " ".join(words[:n])
    return Person(family=family, given=" ".join(words[n:]), particle=particle_of(family))


def natural_name(value: str) -> Person:
    """``"Heather A. Piwowar"`` (given names first, OpenAlex) as a person."""
    words = value.split()
    if len(words) < 2:
        return Person(literal=value.strip())
    cut = len(words) - 1
    while cut > 1 and words[cut - 1][:1].islower():  # "Ludwig van Beethoven": van with family
        cut -= 1
    family = " ".join(words[cut:])
    return Person(family=family, given=" ".join(words[:cut]), particle=particle_of(family))


_TOKEN = re.compile(r"[^\W_]+")


_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)\Z", re.I)


def doi_of(value: str) -> str:
    """The DOI a value is, written bare, after ``doi:`` or as a doi.org link (``""`` when
    it is none)."""
    m = _DOI.match(value.strip())
    return m.group(1) if m else ""


def date_of(year: str, month_day: str = "") -> str:
    """``YYYY[-MM[-DD]]`` from a year and a month/day text (``"SEP"``, ``"JUN 19"``,
    ``"Mar 5"``, ``"Sept. 3"``, ``"6 2"``: month, then day); only the year when the month
    cannot be read. The number that gives the month is never also the day."""
    year = year.strip()[:4]
    if not (year.isdecimal() and len(year) == 4):
        return ""
    words = _TOKEN.findall(month_day)
    # a month's name wherever it is, else the first number that can be a month
    at = next((i for i, w in enumerate(words) if not w.isdecimal() and parse_month(w)), None)
    if at is None:
        at = next((i for i, w in enumerate(words) if w.isdecimal() and 1 <= int(w) <= 12), None)
    month = parse_month(words[at]) if at is not None else None
    if not month:
        return year
    day = next(
        (int(w) for i, w in enumerate(words) if i != at and w.isdecimal() and 1 <= int(w) <= 31),
        None,
    )
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def pages_of(first: str, last: str) -> str:
    """``first-last`` (or the one there is)."""
    first, last = first.strip(), last.strip()
    return f"{first}-{last}" if first and last and first != last else first or last
