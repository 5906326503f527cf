"""CSL-JSON mapping tables (data, no logic): fields of the other formats <-> CSL variables.

``EXTRA_TO_CSL`` maps an unmodelled field (``Work.extra`` name, as BibTeX, RIS or a search
export names it) to the CSL variable that holds its value; ``CSL_TO_EXTRA`` is the name a
CSL variable is kept under when read (so a CSL-JSON item read and written back, or written
to BibTeX, keeps it). ``NAME_EXTRAS`` are name lists. Everything else goes to the item's
``custom`` object, which CSL processors ignore. :func:`is_isbn` tells which standard number
a RIS ``SN`` is.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = [
    "CSL_TO_EXTRA",
    "CSL_TYPES",
    "EXTRA_TO_CSL",
    "LEGAL_TYPES",
    "NAME_EXTRAS",
    "NUMBER_TYPES",
    "STRING_FIELDS",
    "is_isbn",
    "schema",
]

# Work attribute -> CSL variable, for the plain string fields.
STRING_FIELDS: dict[str, str] = {
    "title": "title",
    "container": "container-title",
    "publisher": "publisher",
    "place": "publisher-place",
    "volume": "volume",
    "issue": "issue",
    "pages": "page",
    "url": "URL",
    "doi": "DOI",
    "note": "note",
    "abstract": "abstract",
}

# extra name (lower case) -> CSL string variable; the first name of a variable is where
# reading keeps it (CSL_TO_EXTRA).
EXTRA_TO_CSL: dict[str, str] = {
    "isbn": "ISBN",
    "issn": "ISSN",
    "series": "collection-title",
    "shorttitle": "title-short",
    "language": "language",
    "langid": "language",
    "edition": "edition",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "eventtitle": "event-title",
    "venue": "event-place",
    "origtitle": "original-title",
    "version": "version",
    "chapter": "chapter-number",
    "pagetotal": "number-of-pages",
    "volumes": "number-of-volumes",
    "type": "genre",
    "shortjournal": "container-title-short",
    "journalabbreviation": "container-title-short",
    "annote": "annote",
    "annotation": "annote",
    "ris:sn": "ISSN",
    "ris:la": "language",
    "ris:et": "edition",
    "ris:t3": "collection-title",
    "ris:st": "title-short",
    "ris:j2": "container-title-short",
    "ris:m3": "genre",
    "ris:db": "source",
    "ris:cn": "call-number",
    "ris:nv": "number-of-volumes",
    "ris:se": "section",
}
# CSL types whose standard number is the ISBN (RIS ``SN`` is either).
ISBN_TYPES = frozenset({"book", "chapter", "paper-conference", "entry-encyclopedia"})


def is_isbn(value: str, csl_type: str) -> bool:
    """Whether a RIS ``SN`` is an ISBN (10 or 13 digits) rather than an ISSN (8); by the
    type of work when the digits do not say."""
    digits = sum(ch.isdecimal() or ch in "xX" for ch in value.split("(")[0])
    return digits in (10, 13) or (digits != 8 and csl_type in ISBN_TYPES)


# extra name (lower case) -> CSL name variable.
NAME_EXTRAS: dict[str, str] = {
    "translator": "translator",
    "bookauthor": "container-author",
    "ris:a3": "collection-editor",
    "ris:a4": "translator",
}

CSL_TO_EXTRA: dict[str, str] = {}
for _name, _var in [*EXTRA_TO_CSL.items(), *NAME_EXTRAS.items()]:
    if not _name.startswith("ris:"):
        CSL_TO_EXTRA.setdefault(_var, _name)

# CSL types of laws, regulations, cases and the like: legal citation names such a work by
# its place in a code, reporter or record (``20 C.F.R. § 1002.136``) rather than by title
LEGAL_TYPES = frozenset({"legislation", "regulation", "bill", "legal_case", "hearing", "treaty"})
# CSL types of correspondence and interviews: cited by who wrote or spoke to whom, and when
# (``Letter from Jane Roe to John Doe, May 3, 2021``), they have no title
CITED_BY_PARTIES = frozenset({"personal_communication", "interview"})

# CSL types whose ``number`` (a report's, a patent's, a broadcast's episode, an interview's)
# is the Work's issue number: every type that is in no periodical, series or website whose
# issue it could name. An item of these types keeps its own ``issue``, if it has one, as an
# unmodelled field.
NUMBER_TYPES = frozenset(
    {
        *("report", "patent", "standard", "legislation", "bill", "regulation", "dataset"),
        *("software", "broadcast", "interview", "speech", "song", "motion_picture", "graphic"),
        *("map", "performance", "personal_communication", "manuscript", "pamphlet", "event"),
        *("hearing", "treaty", "figure", "musical_score", "classic", "legal_case", "document"),
    }
)


def schema() -> dict[str, Any]:
    """The official CSL-JSON schema (``litreview/data/csl-data.json``, MIT licence)."""
    text = (resources.files("litreview") / "data" / "csl-data.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


CSL_TYPES: frozenset[str] = frozenset(schema()["items"]["properties"]["type"]["enum"])
