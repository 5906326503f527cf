"""Zotero RDF as data: its namespaces, its creator roles, and the classes of described
resources read as works when no ``z:itemType`` says what they are.

Item types are read through the genre table MODS shares
(:data:`litreview.formats._mods_maps.GENRES`, which holds Zotero's item types).
"""

from __future__ import annotations

__all__ = ["CLASSES", "NS", "ROLES", "SKIPPED_TYPES"]

NS: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "z": "http://www.zotero.org/namespaces/export#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "bib": "http://purl.org/net/biblio#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "link": "http://purl.org/rss/1.0/modules/link/",
    "prism": "http://prismstandard.org/namespaces/1.2/basic/",
    "vcard": "http://nwalsh.com/rdf/vCard#",
}

# Item types that are no works: a file or link kept with an item, a note.
SKIPPED_TYPES = frozenset({"attachment", "note"})

# The element holding a list of creators (``bib:authors``, ``z:directors``: Zotero writes
# ``bib:`` for authors, editors and contributors, ``z:`` with the role's plural for the
# others) -> where its people go. The creator a type lists first (a film's director, a
# program's programmer, a bill's sponsor) is its author; roles without a place of their
# own are kept as ``Zotero:<role>``.
ROLES: dict[str, str] = {
    "authors": "authors",
    "directors": "authors",
    "programmers": "authors",
    "presenters": "authors",
    "artists": "authors",
    "cartographers": "authors",
    "inventors": "authors",
    "podcasters": "authors",
    "performers": "authors",
    "sponsors": "authors",
    "interviewees": "authors",
    "editors": "editors",
    "translators": "translator",
    "bookAuthors": "bookauthor",
}

# The class of a described resource without ``z:itemType`` (what other tools writing the
# same vocabulary give) -> CSL type. Containers (journals, series, websites) are not here:
# they are read as part of the work that refers to them.
CLASSES: dict[str, str] = {
    "Article": "article-journal",
    "Book": "book",
    "BookSection": "chapter",
    "Thesis": "thesis",
    "Report": "report",
    "Document": "document",
    "Letter": "personal_communication",
    "Manuscript": "manuscript",
    "Interview": "interview",
    "MotionPicture": "motion_picture",
    "Illustration": "graphic",
    "Image": "graphic",
    "Legislation": "legislation",
    "Patent": "patent",
    "Recording": "song",
    "ConferenceProceedings": "paper-conference",
    "Data": "dataset",
}
