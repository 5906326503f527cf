"""BibTeX/BibLaTeX <-> CSL mapping tables (data, no logic).

An entry type or field name that is not the default for its CSL type in either dialect is
remembered in ``Work.extra`` under one of the ``MARK_*`` names so it is written back as read.
"""

from __future__ import annotations

__all__ = [
    "CONTAINER_FIELDS",
    "CSLTYPE_FIELD",
    "MARK_CONTAINER",
    "MARK_PREAMBLE",
    "MARK_PUBLISHER",
    "MARK_TYPE",
    "PLAIN_FIELDS",
    "PUBLISHER_FIELDS",
    "SUBTYPES",
    "TYPE_FROM_BIB",
    "TYPE_TO_BIB",
    "container_default",
    "publisher_default",
]

MARK_TYPE = "bibtex_type"
MARK_CONTAINER = "bibtex_container_field"
MARK_PUBLISHER = "bibtex_publisher_field"
# An @preamble read just before an entry, written back just before it (one pair per preamble).
MARK_PREAMBLE = "bibtex_preamble"
# A CSL type with no entry type of its own is written as @misc with this field.
CSLTYPE_FIELD = "csltype"

# entry type (lowercase) -> CSL type
TYPE_FROM_BIB: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "chapter",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "collection": "book",
    "mvcollection": "book",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
    "booklet": "pamphlet",
    "patent": "patent",
    "periodical": "periodical",
    "dataset": "dataset",
    "software": "software",
    "legislation": "legislation",
    "legal": "legal_case",
    "jurisdiction": "legal_case",
    "standard": "standard",
    "letter": "personal_communication",
    "movie": "motion_picture",
    "video": "motion_picture",
    "music": "song",
    "audio": "song",
    "artwork": "graphic",
    "image": "graphic",
    "review": "review",
    "performance": "performance",
}

# CSL type -> (BibTeX entry type, BibLaTeX entry type); also the reverse defaults.
TYPE_TO_BIB: dict[str, tuple[str, str]] = {
    "article-journal": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "article-magazine": ("article", "article"),
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "report": ("techreport", "report"),
    "thesis": ("phdthesis", "thesis"),
    "webpage": ("online", "online"),
    "document": ("misc", "misc"),
    "manuscript": ("unpublished", "unpublished"),
    "pamphlet": ("booklet", "booklet"),
    "patent": ("patent", "patent"),
    "periodical": ("periodical", "periodical"),
    "dataset": ("dataset", "dataset"),
    "software": ("software", "software"),
    "legislation": ("legislation", "legislation"),
    "legal_case": ("jurisdiction", "jurisdiction"),
    "standard": ("standard", "standard"),
    "personal_communication": ("letter", "letter"),
    "motion_picture": ("movie", "movie"),
    "song": ("music", "music"),
    "graphic": ("artwork", "artwork"),
    "review": ("review", "review"),
    "performance": ("performance", "performance"),
}

# @article with this entrysubtype <-> CSL type
SUBTYPES: dict[str, str] = {"newspaper": "article-newspaper", "magazine": "article-magazine"}

# Work attribute <- field name, for plain one-to-one string fields.
PLAIN_FIELDS: dict[str, str] = {
    "title": "title",
    "volume": "volume",
    "issue": "number",
    "pages": "pages",
    "url": "url",
    "doi": "doi",
    "note": "note",
    "accessed": "urldate",
    "abstract": "abstract",
}

# Fields read into Work.container, in order of preference.
CONTAINER_FIELDS = ("journaltitle", "journal", "booktitle")
# Fields read into Work.publisher, in order of preference.
PUBLISHER_FIELDS = ("publisher", "institution", "school", "organization")


def container_default(csl_type: str, biblatex: bool) -> str:
    """The field a container title is written to for ``csl_type``."""
    if csl_type.startswith("article"):
        return "journaltitle" if biblatex else "journal"
    return "booktitle"


def publisher_default(csl_type: str, biblatex: bool) -> str:
    """The field a publisher is written to for ``csl_type``."""
    if csl_type == "report":
        return "institution"
    if csl_type == "thesis":
        return "institution" if biblatex else "school"
    return "publisher"


def container_is_default(csl_type: str, name: str) -> bool:
    """Whether ``name`` is where either dialect writes a container of ``csl_type``."""
    return name in {container_default(csl_type, False), container_default(csl_type, True)}


def publisher_is_default(csl_type: str, name: str) -> bool:
    """Whether ``name`` is where either dialect writes a publisher of ``csl_type``."""
    return name in {publisher_default(csl_type, False), publisher_default(csl_type, True)}
