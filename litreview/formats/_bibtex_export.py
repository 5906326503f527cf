"""Works -> BibTeX or BibLaTeX for the programs that read them (``litreview export``).

``corpus.bib`` keeps every entry as it was read (:func:`.write_bibtex`); an export is for a
consumer and follows its dialect. Plain BibTeX gets BibTeX entry types and field names only
(``@online`` -> ``@misc``, ``@report`` -> ``@techreport``, ``journaltitle`` -> ``journal``,
``location`` -> ``address``; ``year`` and ``month`` always, ``date`` only beside them).
BibLaTeX gets its data
model's types and the fields they require (``@phdthesis`` -> ``@thesis`` with ``type =
{phdthesis}``, a report's or thesis's ``type`` from the CSL genre, no ``booktitle`` on
``@online``). A work without a citekey gets one (its ``id`` when that is a citekey, else
``work1``, ``work2`` ...); an entry with no field at all is still an entry (``@misc{key,}``).
BibLaTeX leaves out that ``id`` (its data model has no such field).
The mapping tables are data, at the top of the module.
"""

from __future__ import annotations

from collections.abc import Iterable

from litreview.core.model import Work, replace
from litreview.core.texmarkup import as_tex
from litreview.formats import _bibtex_maps as maps
from litreview.formats._bibtex_write import write_bibtex
from litreview.formats._citekeys import is_citekey
from litreview.formats._csl_maps import is_isbn
from litreview.formats._ris_maps import EXTRA_TO_TAG

__all__ = ["export_biblatex", "export_bibtex"]

# BibLaTeX entry types -> the BibTeX type a BibTeX style knows.
TO_BIBTEX_TYPE = {
    "online": "misc",
    "electronic": "misc",
    "www": "misc",
    "report": "techreport",
    "thesis": "phdthesis",
    "mvbook": "book",
    "bookinbook": "inbook",
    "collection": "book",
    "mvcollection": "book",
    "mvproceedings": "proceedings",
    "reference": "book",
    "mvreference": "book",
    "inreference": "incollection",
    "periodical": "misc",
    "suppbook": "inbook",
    "suppcollection": "incollection",
    "suppperiodical": "article",
    "dataset": "misc",
    "software": "misc",
    "patent": "misc",
    "legislation": "misc",
    "jurisdiction": "misc",
    "legal": "misc",
    "standard": "misc",
    "letter": "misc",
    "movie": "misc",
    "video": "misc",
    "music": "misc",
    "audio": "misc",
    "artwork": "misc",
    "image": "misc",
    "review": "article",
    "performance": "misc",
}
# BibTeX entry types -> BibLaTeX type, and the ``type`` field BibLaTeX then wants.
TO_BIBLATEX_TYPE = {
    "techreport": ("report", "techreport"),
    "phdthesis": ("thesis", "phdthesis"),
    "mastersthesis": ("thesis", "mathesis"),
    "conference": ("inproceedings", ""),
    "electronic": ("online", ""),
    "www": ("online", ""),
}
# BibLaTeX types that require a ``type`` field, and the one written when nothing says.
NEEDS_TYPE = {"report": "techreport", "thesis": "phdthesis"}
# BibLaTeX field names -> BibTeX's.
TO_BIBTEX_FIELD = {"journaltitle": "journal", "location": "address", "institution": "school"}


# RIS tags kept as read (``RIS:XY``) -> the field that means the same: the names the RIS
# writer writes under those tags (``EXTRA_TO_TAG``), read back; ``SN`` is the ISBN or the
# ISSN by its digits (:func:`~litreview.formats._csl_maps.is_isbn`)
RIS_TO_FIELD = {f"ris:{tag}".lower(): name for name, tag in EXTRA_TO_TAG.items() if tag != "SN"}


def export_bibtex(works: Iterable[Work]) -> str:
    """``works`` as plain BibTeX for BibTeX styles, natbib and pandoc."""
    return write_bibtex([_bibtex(_ris_named(w)) for w in _keyed(works)], biblatex=False)


def export_biblatex(works: Iterable[Work]) -> str:
    """``works`` as BibLaTeX for biber."""
    return write_bibtex([_biblatex(_ris_named(w)) for w in _keyed(works)], biblatex=True)


def _ris_named(work: Work) -> Work:
    """``work`` with the RIS tags it kept as read (``RIS:M3``, ``RIS:SN`` ...) under the
    field that means the same (``type``, ``isbn`` ...), the first of each, where the work
    has no such field: a record read from RIS exports with its genre, language, edition,
    series and standard number where styles look for them."""
    if not any(n[:4].lower() == "ris:" for n, _ in work.extra):
        return work
    names = {n.lower() for n, _ in work.extra}
    out = []
    for name, value in work.extra:
        low = name.lower()
        field = RIS_TO_FIELD.get(low, "")
        if low == "ris:sn":
            field = "isbn" if is_isbn(value, work.type) else "issn"
        if field and field not in names:
            names.add(field)
            out.append((field, value))
        else:
            out.append((name, value))
    return replace(work, extra=tuple(out))


def _keyed(works: Iterable[Work]) -> list[Work]:
    """The works as TeX, each with a citekey of its own."""
    out = [as_tex(w) for w in works]
    taken = {w.key for w in out if w.key}
    numbers = iter(range(1, 10**9))
    for i, work in enumerate(out):
        if work.key:
            continue
        own = work.extra_value("id")
        key = own if own and is_citekey(own) and own not in taken else ""
        while not key or key in taken:
            key = f"work{next(numbers)}"
        taken.add(key)
        out[i] = replace(work, key=key)
    return out


def _with_extra(work: Work, drop: set[str], add: list[tuple[str, str]]) -> Work:
    """``work`` without the ``extra`` names of ``drop`` (any case) and with ``add``."""
    kept = tuple((n, v) for n, v in work.extra if n.lower() not in drop)
    return replace(work, extra=kept + tuple(add))


def _bibtex(work: Work) -> Work:
    """A work as plain BibTeX writes it."""
    mark = work.extra_value(maps.MARK_TYPE).lower()
    add: list[tuple[str, str]] = []
    if mark in TO_BIBTEX_TYPE:
        add.append((maps.MARK_TYPE, TO_BIBTEX_TYPE[mark]))
    elif not mark and maps.TYPE_TO_BIB.get(work.type, ("misc",))[0] in TO_BIBTEX_TYPE:
        add.append((maps.MARK_TYPE, TO_BIBTEX_TYPE[maps.TYPE_TO_BIB[work.type][0]]))
    names = {n.lower() for n, _ in work.extra}
    for field_mark in (maps.MARK_CONTAINER, maps.MARK_PUBLISHER):
        value = work.extra_value(field_mark)
        if value in TO_BIBTEX_FIELD and TO_BIBTEX_FIELD[value] not in names:
            add.append((field_mark, TO_BIBTEX_FIELD[value]))
    renamed = [
        (TO_BIBTEX_FIELD.get(n.lower(), n), v)
        for n, v in work.extra
        if n.lower() in TO_BIBTEX_FIELD and TO_BIBTEX_FIELD[n.lower()] not in names
    ]
    drop = {maps.MARK_TYPE} if add and add[0][0] == maps.MARK_TYPE else set()
    drop |= {n for n, _ in add} | {n.lower() for n, _ in work.extra if n.lower() in TO_BIBTEX_FIELD}
    return _with_extra(work, drop, add + renamed)


def _biblatex(work: Work) -> Work:
    """A work as BibLaTeX's data model wants it."""
    mark = work.extra_value(maps.MARK_TYPE).lower()
    etype, subtype = TO_BIBLATEX_TYPE.get(mark, (mark, ""))
    if not etype:
        etype = maps.TYPE_TO_BIB.get(work.type, ("misc", "misc"))[1]
    add: list[tuple[str, str]] = [(maps.MARK_TYPE, etype)] if mark else []
    # a source's own id of the record (a RIS ID, a key no format can cite by): no field of
    # the data model holds it, and biber warns at each one
    drop = {maps.MARK_TYPE, "id"} if mark else {"id"}
    genre = work.extra_value("type") or work.extra_value("genre")
    if etype in NEEDS_TYPE and not work.extra_value("type"):
        add.append(("type", subtype or genre or NEEDS_TYPE[etype]))
        drop.add("genre")
    if etype == "online" and (work.container or work.publisher):
        # @online has no container: the site is its organization, or with a publisher beside
        # it a titleaddon; each written where a reader of the export would put it back (an
        # organization is a publisher, a titleaddon a field of its own), so an export read and
        # exported again is the same text
        if work.publisher and work.container:
            add.append(("titleaddon", work.container))
        add.append((maps.MARK_PUBLISHER, "organization"))
        drop |= {maps.MARK_CONTAINER, maps.MARK_PUBLISHER}
        work = replace(work, publisher=work.publisher or work.container, container="")
    return _with_extra(work, drop, add)
