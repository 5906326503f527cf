"""Work -> RIS lines (the writer of :mod:`.ris`).

Lines are laid out with rispy's line pattern but assembled here, in the order of the work's
fields and ``extra``, because rispy's writer groups a record by key and drops the tags it does
not know. What a file wrote its own way is written back its way: the tag of the title,
container and abstract (``T1``, ``JO``, ``N2``; kept in ``RIS:tags``), and date and page lines
kept as read (``DA - 2019///``) for as long as they still say what the work's fields say.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from litreview.core.model import Person, Work
from litreview.formats._ris_maps import CSL_TO_TY, CSL_TYPE_NOTE, EXTRA_TO_TAG, TY_TO_CSL

__all__ = ["accessed_lines", "date_lines", "page_lines", "to_lines"]

PREFIX = "RIS:"
TAG_MARK = "RIS:tags"
_REPEAT = re.compile(r"-\d+\Z")
_RAW_TAGS = {"pages": ("SP", "EP"), "issued": ("PY", "Y1", "DA"), "accessed": ("Y2",)}
Reread = Callable[[str, list[tuple[str, str]]], str]


def to_lines(
    work: Work, simple: dict[str, tuple[str, ...]], reread: Reread
) -> list[tuple[str, str]]:
    """The work as ``(tag, value)`` lines, ``TY`` first; ``reread(field, lines)`` is what the
    reader makes of kept lines (to tell whether they still hold)."""
    ty = work.extra_value(PREFIX + "TY") or CSL_TO_TY.get(work.type, "GEN")
    tags = dict(t.split("=", 1) for t in work.extra_value(TAG_MARK).split() if "=" in t)
    lines = [("TY", ty)]
    lines += [("ID", work.key)] if work.key else []
    lines += [("AU", _name(p)) for p in work.authors]
    lines += [("A2", _name(p)) for p in work.editors]
    for attr, names in simple.items():
        value = getattr(work, attr)
        if value and attr != "key":
            lines.append((tags.get(attr, names[0]), value))
    stale: set[str] = set()
    raw = [(n[len(PREFIX) :], v) for n, v in work.extra if n.startswith(PREFIX)]
    for attr, write in (
        ("issued", date_lines),
        ("accessed", accessed_lines),
        ("pages", page_lines),
    ):
        lines_, stale_ = _field_lines(work, raw, attr, write, reread)
        lines += lines_
        stale |= stale_
    lines += [("KW", k) for k in work.keywords]
    lines += _extra_lines(work, stale)
    if TY_TO_CSL.get(ty) != work.type and work.type and not work.extra_value(PREFIX + "TY"):
        # a type RIS has no TY for (an interview, a review): read back from a marked note
        lines.append(("N1", f"[extra] {CSL_TYPE_NOTE}: {work.type}"))
    return lines


def _field_lines(
    work: Work,
    raw: list[tuple[str, str]],
    attr: str,
    write: Callable[[str], list[tuple[str, str]]],
    reread: Reread,
) -> tuple[list[tuple[str, str]], set[str]]:
    """The lines of one field (date, pages) not kept as read, and the tags of kept lines that
    no longer hold (the field was edited since): those are not written. ``raw``: the work's
    RIS tags kept in ``extra``, without their prefix."""
    value = getattr(work, attr)
    tags = _RAW_TAGS[attr]
    kept = [(t, v) for t, v in raw if t in tags]
    generated = write(value)
    if not kept:
        return generated, set()
    own = {t for t, _ in kept}
    rest = [(t, v) for t, v in generated if t not in own]
    again = reread(attr, kept + rest)
    if again == value:
        return rest, set()  # the kept lines are written with the other extras
    if reread(attr, kept) == value:
        return [], set()  # as read alone ("SP  - 33-42" and no EP, which would add to it)
    if reread(attr, kept) == "":
        return generated, set()  # lines the reader could not use: kept, and the field too
    return generated, own


_WIDE = re.compile(r"[A-Z][A-Z0-9]{2,5}")


def _extra_lines(work: Work, stale: set[str]) -> list[tuple[str, str]]:
    """Lines of the unmodelled fields: RIS tags as read, other formats' fields by their tag
    (``issn`` -> ``SN``; the ``id`` of a work without a citekey -> ``ID``) or as ``N1``
    notes ``[extra] name: value``."""
    lines = []
    for name, value in work.extra:
        if name in (PREFIX + "TY", TAG_MARK):
            continue
        tag = _REPEAT.sub("", name[len(PREFIX) :]) if name.startswith(PREFIX) else ""
        if tag in stale:
            continue
        tag = tag or EXTRA_TO_TAG.get(name.lower(), "")
        if name == "id" and not work.key:  # an ID that was no citekey, or a repeated one
            tag = "ID"
        # "RIS:AD", "RIS:AD-2" (a repeated tag in BibTeX), "issn"; "RIS:PMID" as it was read
        if len(tag) == 2 or (name.startswith(PREFIX) and _WIDE.fullmatch(tag)):
            lines.append((tag, value))
        else:
            lines.append(("N1", f"[extra] {name}: {value}"))
    return lines


def _name(person: Person) -> str:
    """A name as RIS writes it: ``"Family, Given[, Suffix]"``, or the organisation."""
    if person.literal:
        return person.literal
    given = " ".join(x for x in (person.given, person.dropping_particle) if x)
    return f"{person.family}, {given}" + (f", {person.suffix}" if person.suffix else "")


def date_lines(issued: str) -> list[tuple[str, str]]:
    """``PY`` (the year) and, when more precise, ``DA`` (``YYYY/MM[/DD]``)."""
    if not issued:
        return []
    if len(issued) <= 4 or not re.fullmatch(r"\d{4}(-\d{2}){1,2}", issued):
        return [("PY", issued)]
    return [("PY", issued[:4]), ("DA", issued.replace("-", "/"))]


def accessed_lines(accessed: str) -> list[tuple[str, str]]:
    """``Y2`` (``YYYY/MM/DD``)."""
    return [("Y2", accessed.replace("-", "/"))] if accessed else []


_RANGE = re.compile(r"([^\s-]+)-([^\s-]+)")


def page_lines(pages: str) -> list[tuple[str, str]]:
    """``SP``/``EP`` from ``"start-end"``; other page text whole in ``SP`` (``pp 37-64``,
    which was cut into ``pp 37`` and ``64``)."""
    m = _RANGE.fullmatch(pages)
    if m:
        return [("SP", m.group(1)), ("EP", m.group(2))]
    return [("SP", pages)] if pages else []
