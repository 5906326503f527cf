"""Works -> BibTeX or BibLaTeX text: fixed field order, then unmodelled fields as read.

Values are TeX. A work whose values are text (read from RIS, CSL-JSON, CSV, a document) is
written through :func:`~litreview.core.texmarkup.as_tex`, so TeX prints its text as it is and
no command in it ever runs (``\\input`` is written ``\\textbackslash{}input``); values read
from BibTeX already carry their escapes and are written as read (a bare ``&``, ``%`` or
``#`` in names, title, container, publisher, place, note and abstract gets its backslash).
A field name that occurs more than once in ``extra`` (RIS repeats ``AD``, ``N1``, ``SN``),
or that a modelled field already uses, is written once as read and then as ``name-2``,
``name-3`` ..., so no entry holds one field twice.

biber stops (exit code 1, no message) at an entry of more than 97 fields, so an entry that
would be wider than ``MAX_FIELDS`` is folded: its modelled fields, and its unmodelled ones
that BibLaTeX or BibTeX styles know (``issn``, ``isbn``, ``language``, identifiers ...), stay
fields, then the other unmodelled ones in order while there is room; the rest go into one
field, ``litreview-extras``, a JSON object of their names and raw values in order, with
``null`` for a field written on its own that came among them (so the order is kept). The
reader takes it apart into the fields it stands for: reading a folded entry gives the work
that reading it unfolded gives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from litreview.core.bulk import bulk
from litreview.core.model import Person, Work
from litreview.core.texmarkup import as_tex, balance_braces, tex_escape, tex_person
from litreview.formats import _bibtex_maps as maps
from litreview.formats._bibtex_syntax import MONTHS, balanced, format_names, join_keywords

__all__ = ["bibtex_pieces", "date_fields", "write_bibtex"]

_SIMPLE_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MARKS = frozenset({maps.MARK_TYPE, maps.MARK_CONTAINER, maps.MARK_PUBLISHER, maps.MARK_PREAMBLE})
_FIELD_NAME = re.compile(r"[A-Za-z][\w:.+-]*")
_NOT_FIELD = re.compile(r"[^\w:.+-]+")
_SUBTYPE_OF = {v: k for k, v in maps.SUBTYPES.items()}

# (name, value, bare): ``bare`` values are written without braces (month macros).
_Field = tuple[str, str, bool]
T = TypeVar("T")


def _braced(value: str, escaped: bool = False) -> str:
    """``{value}``; braces that do not balance as BibTeX counts them (every brace, escaped
    or not) are written as the commands that print them, so the file stays parseable by
    BibTeX and biber (text :func:`as_tex` wrote balances, but a verbatim field it leaves as
    it is, a URL or a DOI, or a value mended on reading, may not)."""
    if value.endswith("\\") and not balanced(value):
        value = value.rstrip("\\")
    if ("{" in value or "}" in value) and ("\\" in value or not balanced(value)):
        value = balance_braces(value)
    return "{" + value + "}"


def _entry_type(work: Work, biblatex: bool) -> tuple[str, list[_Field]]:
    """The entry type, and any field that records the CSL type (entrysubtype, csltype)."""
    mark = work.extra_value(maps.MARK_TYPE)
    sub = _SUBTYPE_OF.get(work.type)
    extra: list[_Field] = [("entrysubtype", sub, False)] if sub else []
    if mark:
        return mark, extra
    if work.type in maps.TYPE_TO_BIB:
        return maps.TYPE_TO_BIB[work.type][biblatex], extra
    return "misc", [(maps.CSLTYPE_FIELD, work.type, False)]


def date_fields(issued: str, biblatex: bool, taken: set[str]) -> list[_Field]:
    """``date`` (BibLaTeX) or ``year``/``month`` (BibTeX) for ``issued``, avoiding ``taken``."""
    if not issued:
        return []
    m = _SIMPLE_DATE.fullmatch(issued)
    if not biblatex and "month" in taken and not {"year", "date"} & taken:
        # a month the reader could not read ("13--15 Apr") is written back as it was
        return [("year", m.group(1) if m else issued, False)]
    use_date = biblatex and bool(re.match(r"\d{4}", issued))
    if "date" in taken or ({"year", "month"} & taken and "date" not in taken):
        use_date = "date" not in taken
    if use_date:
        return [("date", issued, False)]
    if not m:
        year = issued[:4] if issued[:4].isdecimal() else ""
        if year:
            return [("date", issued, False), ("year", year, False)]
        return [("year", issued, False)]
    out: list[_Field] = [("year", m.group(1), False)]
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        out.append(("month", MONTHS[int(m.group(2)) - 1], True))
    if m.group(3) or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        out.insert(0, ("date", issued, False))
    return out


def _pick(mark: str, default: str, alternatives: Iterable[str], taken: set[str]) -> str:
    """The field name to write: the remembered one, else the default, else a free alias."""
    if mark:
        return mark
    for name in (default, *alternatives):
        if name not in taken:
            return name
    return default


def _fields(work: Work, biblatex: bool, escaped: bool = False) -> tuple[list[_Field], list[_Field]]:
    """Every field of ``work`` in the fixed order, and the unmodelled ones."""
    if work.extra:
        extras = [(n, v) for n, v in work.extra if n not in _MARKS]
        taken = {n.lower() for n, _ in extras}
        container_mark = work.extra_value(maps.MARK_CONTAINER)
        publisher_mark = work.extra_value(maps.MARK_PUBLISHER)
    else:  # most works: no unmodelled field, no field name remembered
        extras, taken, container_mark, publisher_mark = [], set(), "", ""
    container = _pick(
        container_mark,
        maps.container_default(work.type, biblatex),
        maps.CONTAINER_FIELDS,
        taken,
    )
    publisher = _pick(
        publisher_mark,
        maps.publisher_default(work.type, biblatex),
        maps.PUBLISHER_FIELDS,
        taken,
    )
    place = _pick("", "location" if biblatex else "address", ("location", "address"), taken)
    tex: Callable[[str], str] = _same if escaped else tex_escape  # text written by as_tex
    person: Callable[[Person], Person] = _same if escaped else tex_person
    out: list[_Field] = [
        ("author", format_names(tuple(map(person, work.authors))) if work.authors else "", False),
        ("editor", format_names(tuple(map(person, work.editors))) if work.editors else "", False),
        ("title", tex(work.title), False),
        (container, tex(work.container), False),
        *date_fields(work.issued, biblatex, taken),
        ("volume", work.volume, False),
        ("number", work.issue, False),
        ("pages", work.pages, False),
        (publisher, tex(work.publisher), False),
        (place, tex(work.place), False),
        ("doi", work.doi, False),
        ("url", work.url, False),
        ("urldate", work.accessed, False),
        ("note", tex(work.note), False),
        ("abstract", tex(work.abstract), False),
        ("keywords", join_keywords(work.keywords), False),
    ]
    # a month kept beside a date ("month = mar" and "date = ..."): its macro as read, bare
    # (braced, it was the text "mar", which biber cannot read as a month)
    unmodelled = [
        (_field_name(n), v, n.lower() == "month" and v in MONTHS)
        for n, v in (_numbered(extras) if extras else ())
        if v
    ]
    return [f for f in out if f[1]], unmodelled


def _field_name(name: str) -> str:
    """``name`` as a BibTeX field name: a character no reader takes in one (a space, a
    parenthesis, ``=``, ``,``, a brace) becomes ``-``."""
    return name if _FIELD_NAME.fullmatch(name) else _NOT_FIELD.sub("-", name).strip("-") or "x"


def _same(value: T) -> T:
    return value


def _numbered(extras: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``extras`` with the second, third ... field of one name as ``name-2``, ``name-3``."""
    if len({n.lower() for n, _ in extras}) == len(extras):
        return extras
    seen: dict[str, int] = {}
    out = []
    for name, value in extras:
        n = seen[name.lower()] = seen.get(name.lower(), 0) + 1
        out.append((name if n == 1 else f"{name}-{n}", value))
    return out


def _distinct(fields: list[_Field], reserved: set[str]) -> list[_Field]:
    """``fields`` with no name twice (BibTeX names ignore case) nor one of ``reserved``: a
    later one (an unmodelled field named ``title``, ``a b`` beside ``a-b``) becomes
    ``name-2``, ``name-3`` ..., so no entry is written that cannot be read back."""
    names = {name.lower() for name, _, _ in fields}
    if len(names) == len(fields) and names.isdisjoint(reserved):  # most entries
        return fields
    used = set(reserved)
    out = []
    for name, value, bare in fields:
        new, n = name, 1
        while new.lower() in used:
            n += 1
            new = f"{name}-{n}"
        used.add(new.lower())
        out.append((new, value, bare))
    return out


def _json(text: str) -> str:
    """``text`` as a JSON string with no brace (``\\u007b``): only the object's own braces
    are braces, so the field's value balances whatever the values in it hold."""
    return json.dumps(text, ensure_ascii=False).replace("{", "\\u007b").replace("}", "\\u007d")


def _fold(fields: list[_Field], first: int, limit: int, escaped: bool) -> list[_Field]:
    """``fields`` (the unmodelled ones from ``first`` on) as at most ``limit`` fields, the
    unmodelled ones beyond the room left written together in :data:`maps.FOLD_FIELD`."""
    head, extras = fields[:first], fields[first:]
    room = max(limit - len(head) - 1, 0)
    rank = sorted(
        range(len(extras)),
        key=lambda i: (
            extras[i][0].lower() == maps.FOLD_FIELD,  # one read as it was: in the fold
            not extras[i][2],
            extras[i][0].lower() not in maps.KNOWN_FIELDS,
            i,
        ),
    )
    kept = set(rank[:room])
    start = min(i for i in range(len(extras)) if i not in kept)
    pairs = (
        (name, "null" if i in kept else _json(_braced(value, escaped)[1:-1]))
        for i, (name, value, _) in enumerate(extras[start:], start)
    )
    folded = "{" + ", ".join(f"{_json(name)}: {value}" for name, value in pairs) + "}"
    out = head + [f for i, f in enumerate(extras) if i in kept]
    return [*out, (maps.FOLD_FIELD, folded, False)]


def _entry(work: Work, biblatex: bool, fold: bool = True) -> str:
    """One entry as text (folded when wider than :data:`maps.MAX_FIELDS`, if ``fold``)."""
    escaped = not work.tex  # as_tex escapes every special character of text
    work = as_tex(work)
    etype, type_fields = _entry_type(work, biblatex)
    modelled, extras = _fields(work, biblatex, escaped)
    fields = modelled + extras
    if work.extra or type_fields:  # else only modelled fields, under names of their own
        fields = _distinct(fields, {n for n, _, _ in type_fields})
        if fold and len(fields) + len(type_fields) > maps.MAX_FIELDS:
            *fields, folded = _fold(
                fields, len(modelled), maps.MAX_FIELDS - len(type_fields), escaped
            )
            fields += [*type_fields, folded]  # the folded field last
        else:
            fields += type_fields
    width = max((len(n) for n, _, _ in fields), default=0)
    body = ",\n".join(
        f"  {n.ljust(width)} = {v if bare else _braced(v, escaped)}" for n, v, bare in fields
    )
    preambles = (
        "".join(f"@preamble{{{v}}}\n" for n, v in work.extra if n == maps.MARK_PREAMBLE)
        if work.extra
        else ""
    )
    # an entry with no field is still "@type{key," (without the comma no reader accepts it)
    entry = f"@{etype}{{{work.key},\n{body}\n}}\n" if body else f"@{etype}{{{work.key},\n}}\n"
    return preambles + entry


@bulk
def write_bibtex(works: Iterable[Work], *, biblatex: bool = False, fold: bool = True) -> str:
    """``works`` as BibTeX (or BibLaTeX) text, in the order given; deterministic. An entry
    wider than biber reads is folded (see the module's docs) unless ``fold`` is false."""
    return "".join(bibtex_pieces(works, biblatex=biblatex, fold=fold))


def bibtex_pieces(
    works: Iterable[Work], *, biblatex: bool = False, fold: bool = True
) -> Iterator[str]:
    """The text of :func:`write_bibtex` an entry at a time (its pieces joined are that
    text), for a file too large to hold as one string."""
    sep = ""
    for work in works:
        yield sep + _entry(work, biblatex, fold)
        sep = "\n"
