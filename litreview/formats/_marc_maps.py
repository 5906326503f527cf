"""MARC 21 as data: the leader's record types and levels as CSL types, relator codes and
terms as roles, and where the tags read go; :func:`csl_type` reads a record's type by the
tables.

The leader's position 6 is the type of record, position 7 its bibliographic level
(https://www.loc.gov/marc/bibliographic/bdleader.html); 008 position 26 is the type of a
computer file, which German union catalogues (B3Kat, the DNB) give to e-books and online
articles too, so a computer file that is a document is read as text.
"""

from __future__ import annotations

__all__ = ["COMPUTER_FILES", "LEVELS", "RECORD_TYPES", "ROLES", "csl_type"]

# leader/06 (type of record) -> CSL type; "" for text, whose type is its level's
RECORD_TYPES: dict[str, str] = {
    "a": "",  # language material
    "t": "",  # manuscript language material
    "c": "musical_score",  # notated music
    "d": "musical_score",  # manuscript notated music
    "e": "map",  # cartographic material
    "f": "map",  # manuscript cartographic material
    "g": "motion_picture",  # projected medium
    "i": "song",  # nonmusical sound recording
    "j": "song",  # musical sound recording
    "k": "graphic",  # two-dimensional nonprojectable graphic
    "m": "",  # computer file: by 008/26 (COMPUTER_FILES), else as text
    "o": "document",  # kit
    "p": "document",  # mixed materials
    "r": "document",  # three-dimensional artifact or naturally occurring object
}

# 008/26 of a computer file -> CSL type; any other (document, unknown, "|") reads as text
COMPUTER_FILES: dict[str, str] = {
    "a": "dataset",  # numeric data
    "b": "software",  # computer program
    "e": "dataset",  # bibliographic data
    "g": "software",  # game
}

# leader/07 (bibliographic level) of text -> CSL type
LEVELS: dict[str, str] = {
    "a": "chapter",  # monographic component part (an article when its host is a serial)
    "b": "article-journal",  # serial component part
    "c": "book",  # collection
    "d": "chapter",  # subunit
    "i": "webpage",  # integrating resource
    "m": "book",  # monograph/item
    "s": "periodical",  # serial
}

# a relator ($4 code or $e term, lower case, "." and "," dropped) -> where its people go
ROLES: dict[str, str] = {
    "aut": "authors",
    "author": "authors",
    "cre": "authors",
    "creator": "authors",
    "verfasser": "authors",
    "verfasserin": "authors",
    "auteur": "authors",
    "edt": "editors",
    "editor": "editors",
    "ed": "editors",
    "herausgeber": "editors",
    "herausgeberin": "editors",
    "hrsg": "editors",
    "éditeur scientifique": "editors",
    "trl": "translator",
    "translator": "translator",
    "übersetzer": "translator",
    "übersetzerin": "translator",
    "traducteur": "translator",
}


def csl_type(leader: str, file_type: str, thesis: bool, serial_host: bool) -> str:
    """The CSL type of a record: a thesis (a 502 note) when it is text, else by the
    leader's type and level (a component part in a serial, ``serial_host``, an article)."""
    kind = leader[6:7]
    found = RECORD_TYPES.get(kind, "document")
    if kind == "m":
        found = COMPUTER_FILES.get(file_type, "")
    if found:
        return found
    level = leader[7:8]
    if thesis and level in ("m", "c", ""):
        return "thesis"
    if level == "a" and serial_host:
        return "article-journal"
    return LEVELS.get(level, "document")
