"""One evaluated BibTeX/BibLaTeX entry -> :class:`Work` (the field mapping, no parsing)."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterable, Sequence

from litreview.core.model import Work
from litreview.formats import _bibtex_maps as maps
from litreview.formats._bibtex_syntax import (
    evaluate,
    parse_month,
    split_keywords,
    split_names,
)
from litreview.formats._bibtex_write import date_fields

__all__ = ["entry_to_work", "not_a_year", "unfold"]

# (field name, evaluated value, undefined macros used)
_Evaluated = tuple[str, str, list[str]]

#: Values of unmodelled fields and keywords up to this long are shared between works.
SHARED_MAX = 120


def _shared(text: str) -> str:
    """One object for every equal short value (a language, an ISSN, a database name recur in
    thousands of entries; a corpus of 10^6 works holds each once, not once per work)."""
    return sys.intern(text) if len(text) <= SHARED_MAX else text


def _shared_all(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(map(_shared, texts))


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
        """Unconsumed fields, in file order, under their own names (names and short values
        shared between works)."""
        return [
            (sys.intern(n), _shared(self.values[n.lower()]))
            for n in self.order
            if n.lower() not in self.taken
        ]


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
    """``date``, or ``year`` with ``month`` as ``YYYY-MM`` (an unreadable month stays extra).

    Next to a ``date``, ``year`` and ``month`` are consumed only when they are exactly what
    :func:`write_bibtex` adds to that date for BibTeX; otherwise they stay extra fields (so a
    file's own ``year`` beside its ``date`` is written back).
    """
    if "date" in fields.values:
        date = fields.take("date")
        if _written_with_date(date, fields.values):
            fields.take("year")
            fields.take("month")
        return date
    if not_a_year(fields.values.get("year", "")):
        return ""  # kept as written, an extra field (Calibre's "100" for no date)
    year = fields.take("year")
    month = fields.values.get("month", "")
    num = parse_month(month) if month else None
    if year.isdecimal() and len(year) == 4 and num:
        fields.take("month")
        return f"{year}-{num:02d}"
    return year


def not_a_year(value: str) -> bool:
    """Whether a ``year`` field holds a number that is no year of a work: digits, but not
    four (Calibre writes ``100`` or ``101`` for a book without a date; a year before 1000 is
    written ``0100``, as a date is). Other text (``n.d.``, ``in press``) is read as it is."""
    return value.isdecimal() and len(value) != 4


def _written_with_date(date: str, values: dict[str, str]) -> bool:
    """Whether ``year``/``month`` in ``values`` are the ones the BibTeX writer puts by ``date``."""
    expected = {name: value for name, value, _ in date_fields(date, False, set())}
    present = {name for name in ("year", "month") if name in values}
    if "date" not in expected or present != set(expected) - {"date"} or not present:
        return False
    if values["year"] != expected["year"]:
        return False
    return "month" not in present or parse_month(values["month"]) == _int(date[5:7])


def _int(text: str) -> int | None:
    """``text`` as an int, or ``None``."""
    return int(text) if text.isdecimal() else None


def _preferred(defaults: frozenset[str], names: Sequence[str]) -> list[str]:
    """``names`` with the ``defaults`` first, order otherwise kept."""
    return [n for n in names if n in defaults] + [n for n in names if n not in defaults]


@functools.cache
def _field_orders(
    csl: str,
) -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """For ``csl``: default container fields, container fields in order of preference, and
    the same for the publisher (cached: a handful of types, asked once per entry)."""
    cont = frozenset(maps.container_default(csl, b) for b in (False, True))
    pub = frozenset(maps.publisher_default(csl, b) for b in (False, True))
    return (
        cont,
        tuple(_preferred(cont, maps.CONTAINER_FIELDS)),
        pub,
        tuple(_preferred(pub, maps.PUBLISHER_FIELDS)),
    )


def _folded(value: str) -> list[tuple[str, str | None]] | None:
    """The ``(name, raw value or None)`` pairs of a ``litreview-extras`` value, or ``None``
    when it is not one the writer makes (then it is read as any other field)."""
    if not value.startswith("{"):
        return None
    try:
        pairs = json.loads(value, object_pairs_hook=list)
    except (ValueError, RecursionError):  # RecursionError: a hostile nesting
        return None
    if not isinstance(pairs, list) or not all(
        isinstance(n, str) and n and (v is None or isinstance(v, str)) for n, v in pairs
    ):
        return None
    return pairs


def unfold(fields: Sequence[_Evaluated]) -> Sequence[_Evaluated]:
    """``fields`` with a folded ``litreview-extras`` field (see :mod:`._bibtex_write`) taken
    apart into the fields it stands for, in their order; as they are when there is none, or
    when it does not read as one (a hand-edited value: then it is kept as a field)."""
    at = [i for i, f in enumerate(fields) if f[0].lower() == maps.FOLD_FIELD]
    if len(at) != 1:
        return fields
    pairs = _folded(fields[at[0]][1])
    if pairs is None:
        return fields
    by_name = {f[0].lower(): f for i, f in enumerate(fields) if i != at[0]}
    placed = {n.lower() for n, v in pairs if v is None}
    names = [n.lower() for n, v in pairs if v is not None]
    if (
        len({n.lower() for n, _ in pairs}) != len(pairs)
        or not placed <= by_name.keys()
        or any(n in by_name for n in names)
    ):
        return fields
    tail: list[_Evaluated] = []
    for name, raw in pairs:
        if raw is None:
            tail.append(by_name[name.lower()])
            continue
        try:
            value, unknown = evaluate("{" + raw + "}", {})
        except ValueError:  # a brace that does not balance: not the writer's
            return fields
        tail.append((name, value, unknown))
    kept = [f for i, f in enumerate(fields) if i != at[0] and f[0].lower() not in placed]
    return kept + tail


def entry_to_work(
    entry_type: str, key: str, evaluated: Sequence[_Evaluated]
) -> tuple[Work, list[str]]:
    """The work for one entry and the undefined macros its values used (a folded
    ``litreview-extras`` field read as the fields it stands for)."""
    fields = _Fields(evaluated)
    if maps.FOLD_FIELD in fields.values:  # rare: a lookup, not a pass over the fields
        evaluated = unfold(evaluated)
        fields = _Fields(evaluated)
    csl, type_mark = _csl_type(entry_type, fields)
    marks: list[tuple[str, str]] = [(maps.MARK_TYPE, type_mark)] if type_mark else []
    cont_defaults, cont_order, pub_defaults, pub_order = _field_orders(csl)
    cont_name, container = fields.first(cont_order)
    if cont_name and cont_name not in cont_defaults:
        marks.append((maps.MARK_CONTAINER, cont_name))
    pub_name, publisher = fields.first(pub_order)
    if pub_name and pub_name not in pub_defaults:
        marks.append((maps.MARK_PUBLISHER, pub_name))
    values = {attr: fields.take(name) for attr, name in maps.PLAIN_FIELDS.items()}
    keywords = _shared_all(split_keywords(fields.take("keywords")))
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
        tex=True,
        **values,
    )
    unknown = [name for _, _, names in evaluated for name in names]
    return work, unknown
