"""MODS as data: its genres and resource types as CSL types, its identifiers and roles as
litreview's names; :func:`csl_type` reads a record's type by the tables.

Genres are matched in lower case, spaces and ``-`` dropped, so JabRef's BibTeX types
(``inproceedings``), Zotero's item types (``journalArticle``), MARC's genre terms
(``conference publication``, authority ``marcgt``) and the Library of Congress's genre
forms are one table.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

__all__ = ["GENRES", "HOST_GENRES", "IDENTIFIERS", "RESOURCES", "ROLES", "csl_type", "genre_key"]


def genre_key(text: str) -> str:
    """A genre as :data:`GENRES` names it: lower case, without spaces, ``-`` and ``_``."""
    return "".join(c for c in text.lower() if c not in " -_")


# genre (genre_key) -> CSL type
GENRES: dict[str, str] = {
    # BibTeX/BibLaTeX entry types, as JabRef writes them
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "patent": "patent",
    "misc": "document",
    # Zotero's item types
    "journalarticle": "article-journal",
    "magazinearticle": "article-magazine",
    "newspaperarticle": "article-newspaper",
    "booksection": "chapter",
    "conferencepaper": "paper-conference",
    "thesis": "thesis",
    "report": "report",
    "webpage": "webpage",
    "blogpost": "post-weblog",
    "forumpost": "post",
    "preprint": "article",
    "dataset": "dataset",
    "computerprogram": "software",
    "film": "motion_picture",
    "videorecording": "motion_picture",
    "audiorecording": "song",
    "podcast": "song",
    "radiobroadcast": "broadcast",
    "tvbroadcast": "broadcast",
    "interview": "interview",
    "letter": "personal_communication",
    "email": "personal_communication",
    "manuscript": "manuscript",
    "map": "map",
    "artwork": "graphic",
    "presentation": "speech",
    "case": "legal_case",
    "statute": "legislation",
    "bill": "bill",
    "hearing": "hearing",
    "encyclopediaarticle": "entry-encyclopedia",
    "dictionaryentry": "entry-dictionary",
    "standard": "standard",
    "document": "document",
    # MARC genre terms (authority marcgt) and common genre forms
    "academicjournal": "article-journal",
    "journal": "periodical",
    "periodical": "periodical",
    "newspaper": "periodical",
    "conferencepublication": "paper-conference",
    "technicalreport": "report",
    "dissertation": "thesis",
    "website": "webpage",
    "encyclopedia": "book",
    "dictionary": "book",
    "legislation": "legislation",
    "legalcasematerials": "legal_case",
    "motionpicture": "motion_picture",
    "sound": "song",
    "picture": "graphic",
    "catalog": "book",
    "handbook": "book",
    "festschrift": "book",
}

# the genre of a host (genre_key) -> the CSL type of a work in it
HOST_GENRES: dict[str, str] = {
    "journal": "article-journal",
    "academicjournal": "article-journal",
    "periodical": "article-journal",
    "magazine": "article-magazine",
    "newspaper": "article-newspaper",
    "book": "chapter",
    "conferencepublication": "paper-conference",
    "proceedings": "paper-conference",
    "encyclopedia": "entry-encyclopedia",
    "dictionary": "entry-dictionary",
    "website": "webpage",
}

# typeOfResource -> CSL type (text: by its issuance, see mods.py)
RESOURCES: dict[str, str] = {
    "still image": "graphic",
    "cartographic": "map",
    "notated music": "musical_score",
    "sound recording": "song",
    "sound recording-musical": "song",
    "sound recording-nonmusical": "song",
    "moving image": "motion_picture",
    "software, multimedia": "software",
    "three dimensional object": "document",
    "mixed material": "document",
    "dataset": "dataset",
}

# identifier type (lower case) -> litreview's name ("doi" and "uri" are fields)
IDENTIFIERS: dict[str, str] = {
    "isbn": "isbn",
    "issn": "issn",
    "issn-l": "issn",
    "pmid": "pmid",
    "pubmed": "pmid",
    "pmcid": "pmcid",
    "pmc": "pmcid",
    "lccn": "lccn",
    "oclc": "oclc",
    "arxiv": "eprint",
}

# a role (its MARC relator code or its text, lower case) -> where its people go
ROLES: dict[str, str] = {
    "aut": "authors",
    "author": "authors",
    "cre": "authors",
    "creator": "authors",
    "edt": "editors",
    "editor": "editors",
    "trl": "translator",
    "translator": "translator",
}


def csl_type(record: ET.Element, host: ET.Element | None) -> str:
    """The CSL type: from the record's genre, else its host's, else its resource type."""
    for genre in record.findall("genre"):
        found = GENRES.get(genre_key(_text(genre)))
        if found:
            return found
    if host is not None:
        for genre in host.findall("genre"):
            found = HOST_GENRES.get(genre_key(_text(genre)))
            if found:
                return found
        if _text(host.find("originInfo/issuance")) in ("continuing", "serial"):
            return "article-journal"
        if _text(host.find("originInfo/issuance")) == "monographic":
            return "chapter"
    resource = _text(record.find("typeOfResource")).lower()
    if resource in RESOURCES:
        return RESOURCES[resource]
    if resource == "text" and _text(record.find("originInfo/issuance")) == "monographic":
        return "book"
    if host is not None and resource == "text":
        return "article"
    return "document"


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""
