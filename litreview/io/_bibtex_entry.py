"""One evaluated BibTeX/BibLaTeX entry -> :class:`Work` (the field mapping, no parsing)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Work
from . import _bibtex_maps as maps
from ._bibtex_syntax import parse_month, split_names

__all__ = ["entry_to_work"]

# Work attribute <- field name, for plain one-to-one string fields.
_PLAIN = {
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


class _Fields:
    """Fields of one entry by lowercase name; ``take`` consumes them, the rest is extra."""

    def __init__(self, fields: Sequence[tuple[str, str, list[str]]]) -> None:
        self.order = [name for name, _, _ in fields]
        self.values = {name.lower(): value for name, value, _ in fields}
        self.taken: set[str] = set()

    def take(self, name: str) -> str:
        """The value of ``name`` (``""`` if absent), marked as consumed."""
        if name in self.values:
            self.taken.add(name)
            return self.values[name]
        return ""

    def first(self, names: Sequence[str]) -> tuple[str, str]:
        """``(name, value)`` of the first of ``names`` present (consumed), or ``("", "")``."""
        for name in names:
            if name in self.values:
                return name, self.take(name)
        return "", ""

    def rest(self) -> list[tuple[str, str]]:
        """Unconsumed fields, in file order, under their own names."""
        return [(n, self.values[n.lower()]) for n in self.order if n.lower() not in self.taken]


def _csl_type(entry_type: str, fields: _Fields) -> tuple[str, str]:
    """The CSL type, and the entry type to remember (``""`` if it is a default)."""
    low = entry_type.lower()
    csl = maps.TYPE_FROM_BIB.get(low, "document")
    sub = fields.values.get("entrysubtype", "").lower()
    if low == "article" and sub in maps.SUBTYPES:
        fields.take("entrysubtype")
        csl = maps.SUBTYPES[sub]
    elif low == "misc" and fields.values.get(maps.CSLTYPE_FIELD):
        csl = fields.take(maps.CSLTYPE_FIELD)
        return csl, ""
    return csl, "" if low in maps.TYPE_TO_BIB.get(csl, ()) else entry_type


def _issued(fields: _Fields) -> str:
    """``date``, or ``year`` with ``month`` as ``YYYY-MM`` (an unreadable month stays extra)."""
    if "date" in fields.values:
        date = fields.take("date")
        if fields.values.get("year") == date[:4]:
            fields.take("year")
            month = fields.values.get("month", "")
            if month and parse_month(month) == _int(date[5:7]):
                fields.take("month")
        return date
    year = fields.take("year")
    month = fields.values.get("month", "")
    num = parse_month(month) if month else None
    if year.isdigit() and len(year) == 4 and num:
        fields.take("month")
        return f"{year}-{num:02d}"
    return year


def _int(text: str) -> int | None:
    """``text`` as an int, or ``None``."""
    return int(text) if text.isdigit() else None


def _preferred(defaults: set[str], names: Sequence[str]) -> list[str]:
    """``names`` with the ``defaults`` first, order otherwise kept."""
    return [n for n in names if n in defaults] + [n for n in names if n not in defaults]


def entry_to_work(
    entry_type: str, key: str, evaluated: Sequence[tuple[str, str, list[str]]]
) -> tuple[Work, list[str]]:
    """The work for one entry and the undefined macros its values used."""
    fields = _Fields(evaluated)
    csl, type_mark = _csl_type(entry_type, fields)
    marks: list[tuple[str, str]] = [(maps.MARK_TYPE, type_mark)] if type_mark else []
    cont_defaults = {maps.container_default(csl, b) for b in (False, True)}
    cont_name, container = fields.first(_preferred(cont_defaults, maps.CONTAINER_FIELDS))
    if cont_name and cont_name not in cont_defaults:
        marks.append((maps.MARK_CONTAINER, cont_name))
    pub_defaults = {maps.publisher_default(csl, b) for b in (False, True)}
    pub_name, publisher = fields.first(_preferred(pub_defaults, maps.PUBLISHER_FIELDS))
    if pub_name and pub_name not in pub_defaults:
        marks.append((maps.MARK_PUBLISHER, pub_name))
    values = {attr: fields.take(name) for attr, name in _PLAIN.items()}
    keywords = tuple(k.strip() for k in fields.take("keywords").split(",") if k.strip())
    work = Work(
        key=key,
        type=csl,
        authors=split_names(fields.take("author")),
        editors=split_names(fields.take("editor")),
        issued=_issued(fields),
        container=container,
        publisher=publisher,
        place=fields.first(("location", "address"))[1],
        keywords=keywords,
        extra=tuple(fields.rest() + marks),
        **values,
    )
    unknown = [name for _, _, names in evaluated for name in names]
    return work, unknown
