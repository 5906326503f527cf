"""RIS reference types (``TY``) <-> CSL types, as data.

``CSL_TO_TY`` is the type written for a CSL type; ``TY_TO_CSL`` reads every RIS type.
A ``TY`` whose CSL type writes back as another ``TY`` (``EJOUR`` -> ``article-journal`` ->
``JOUR``) is kept in ``Work.extra`` as ``RIS:TY`` by the reader, so it survives.
"""

from __future__ import annotations

CSL_TO_TY: dict[str, str] = {
    "article": "GEN",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "broadcast": "VIDEO",
    "chapter": "CHAP",
    "classic": "CLSWK",
    "dataset": "DATA",
    "document": "GEN",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "figure": "FIGURE",
    "graphic": "ART",
    "hearing": "HEAR",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "musical_score": "MUSIC",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
    "patent": "PAT",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "post": "ICOMM",
    "post-weblog": "BLOG",
    "regulation": "LEGAL",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
}

TY_TO_CSL: dict[str, str] = {
    **{ty: csl for csl, ty in CSL_TO_TY.items() if csl != "article"},
    "ABST": "article",
    "ADVS": "motion_picture",
    "AGGR": "dataset",
    "ANCIENT": "classic",
    "CHART": "figure",
    "CONF": "paper-conference",
    "CTLG": "book",
    "DBASE": "dataset",
    "EBOOK": "book",
    "ECHAP": "chapter",
    "EDBOOK": "book",
    "EJOUR": "article-journal",
    "EQUA": "figure",
    "GOVDOC": "report",
    "GRANT": "document",
    "INPR": "article-journal",
    "MULTI": "webpage",
    "SER": "periodical",
    "SLIDE": "speech",
    "UNPB": "manuscript",
    "VIDEO": "motion_picture",
}

# Unmodelled fields of other formats (``Work.extra`` names, lower case) written as RIS tags.
EXTRA_TO_TAG: dict[str, str] = {
    "issn": "SN",
    "isbn": "SN",
    "language": "LA",
    "edition": "ET",
    "series": "T3",
    "shorttitle": "ST",
    "shortjournal": "J2",
    "type": "M3",
    "source": "DB",
    "call-number": "CN",
    "volumes": "NV",
    "section": "SE",
}
