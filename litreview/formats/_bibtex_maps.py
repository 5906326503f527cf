"""BibTeX/BibLaTeX <-> CSL mapping tables (data, no logic).

An entry type or field name that is not the default for its CSL type in either dialect is
remembered in ``Work.extra`` under one of the ``MARK_*`` names so it is written back as read.
"""

from __future__ import annotations

__all__ = [
    "BIBER_MAX_FIELDS",
    "CONTAINER_FIELDS",
    "CSLTYPE_FIELD",
    "FOLD_FIELD",
    "KNOWN_FIELDS",
    "MARK_CONTAINER",
    "MARK_PREAMBLE",
    "MARK_PUBLISHER",
    "MARK_TYPE",
    "MAX_FIELDS",
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

# biber 2.18 (btparse) stops, exit code 1 and no message, at an entry of more than 97 fields
# (its parser's stack; 96 when the last value is a "#" concatenation): --tool and a run on a
# document's .bcf alike, whatever the names, values or entry type. An entry the writer would
# make wider than MAX_FIELDS keeps its modelled fields and the KNOWN_FIELDS among its unmodelled
# ones as fields, then the others in order while they fit, and writes the rest as one JSON
# object in FOLD_FIELD, which the reader takes apart again (see _bibtex_write, _bibtex_entry).
BIBER_MAX_FIELDS = 97
MAX_FIELDS = 80
FOLD_FIELD = "litreview-extras"
# Fields of BibLaTeX's data model and of BibTeX's styles (and identifiers they print): never
# folded while the entry has room for them.
_KNOWN = """
    abstract addendum address afterword annotation annotator annote archiveprefix arxivid
    author authortype bookauthor bookpagination booksubtitle booktitle booktitleaddon chapter
    commentator crossref date day doi edition editor editora editoratype editorb editorbtype
    editorc editorctype editortype eid entryset entrysubtype eprint eprintclass eprinttype
    eventdate eventtitle eventtitleaddon execute file foreword gender holder howpublished ids
    indexsorttitle indextitle institution introduction isan isbn ismn isrn issn issue
    issuesubtitle issuetitle issuetitleaddon iswc journal journalsubtitle journaltitle
    journaltitleaddon key keywords label langid langidopts language lccn library lista listb
    listc listd liste listf location mainsubtitle maintitle maintitleaddon month mrnumber
    namea nameaddon nameatype nameb namebtype namec namectype note number options
    organization origdate origlanguage origlocation origpublisher origtitle pages pagetotal
    pagination part pmcid pmid presort primaryclass publisher pubstate related
    relatedoptions relatedstring relatedtype reprinttitle school series shortauthor
    shorteditor shorthand shorthandintro shortjournal shortseries shorttitle sortkey
    sortname sortshorthand sorttitle sortyear subtitle title titleaddon translator type url
    urldate usera userb userc userd usere userf venue verba verbb verbc version volume
    volumes xdata xref year csltype
"""
KNOWN_FIELDS = frozenset(_KNOWN.split())

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
