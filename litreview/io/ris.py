"""RIS <-> Work, through rispy, with its traps guarded.

rispy lets a record without ``ER`` swallow the next one, skips tag lines before a ``TY``
without a word, splits ``UR`` on ``;`` and its writer drops tags it does not know with only a
warning. So this module scans the records itself (with rispy's own line rule), reports each
structural problem with its line, and carries every tag it does not model in
``Work.extra`` as ``("RIS:XY", value)``; fields of other formats (``extra`` names without
``RIS:``) travel as ``N1`` notes ``[extra] name: value``. Lines are formatted by rispy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import rispy

from ..errors import Problem
from ..model import Person, Work
from ._ris_maps import CSL_TO_TY, TY_TO_CSL

__all__ = ["read_ris", "validate_ris", "write_ris"]

_PREFIX = "RIS:"
_EXTRA_NOTE = re.compile(r"\[extra\] (.+?): (.*)\Z", re.DOTALL)
_DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?(?:[/-].*)?\Z", re.DOTALL)
_HEADER = re.compile(r"\d+\.?\Z")  # "1." record numbers some exporters (rispy) write
_LINE_RULE = rispy.RisParser()


@dataclass(slots=True)
class _Record:
    """One record's tag lines, in file order, with the line its ``TY`` is on."""

    line: int
    tags: list[tuple[str, str]] = field(default_factory=list)


def read_ris(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Read RIS ``text``: the works of every record, and the problems found (with lines)."""
    records, problems = _scan(text, path)
    works = [_to_work(rec, path, problems) for rec in records]
    return works, problems


def validate_ris(text: str, path: str = "<string>") -> list[Problem]:
    """Every problem in RIS ``text`` (as :func:`read_ris` finds them)."""
    return read_ris(text, path)[1]


def _scan(text: str, path: str) -> tuple[list[_Record], list[Problem]]:
    """Split ``text`` into records by ``TY``/``ER``, reporting structural problems."""
    records: list[_Record] = []
    problems: list[Problem] = []
    current: _Record | None = None
    orphan_reported = False
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        tag, value = _LINE_RULE.parse_line(line)
        if tag == "TY":
            if current is not None:
                problems.append(
                    Problem(
                        path=path,
                        line=number,
                        severity="warning",
                        message=(
                            f"record starting at line {current.line} has no ER before this TY; "
                            "read as two records"
                        ),
                    )
                )
            current = _Record(line=number, tags=[("TY", value)])
            records.append(current)
            orphan_reported = False
        elif tag == "ER":
            current = None
            orphan_reported = False
        elif current is not None:
            _add_line(current, tag, value)
        elif tag is not None and not orphan_reported:
            problems.append(
                Problem(
                    path=path,
                    line=number,
                    severity="error",
                    message=(f"tag {tag} outside a record (no TY before it); record skipped"),
                )
            )
            orphan_reported = True
        elif tag is None and value and not _HEADER.match(value) and not orphan_reported:
            problems.append(
                Problem(
                    path=path,
                    line=number,
                    severity="warning",
                    message=f"text outside a record ignored: {value[:40]!r}",
                )
            )
    if current is not None:
        problems.append(
            Problem(
                path=path,
                line=current.line,
                severity="warning",
                message="record has no ER before the end of the file",
            )
        )
    if not records and not any(p.severity == "error" for p in problems):
        problems.append(
            Problem(path=path, line=1, severity="error", message="no RIS records found")
        )
    return records, problems


def _add_line(record: _Record, tag: str | None, value: str) -> None:
    """Add a tag line, or continue the previous tag's value with an untagged line."""
    if tag is not None:
        record.tags.append((tag, value))
    elif value and len(record.tags) > 1:
        last_tag, last_value = record.tags[-1]
        record.tags[-1] = (last_tag, f"{last_value}\n{value}" if last_value else value)


# ---------------------------------------------------------------- record -> Work

# Work field -> tags that can fill it, best first; the first present one is used.
_SIMPLE: dict[str, tuple[str, ...]] = {
    "key": ("ID",),
    "title": ("TI", "T1"),
    "container": ("T2", "JF", "JO", "JA"),
    "publisher": ("PB",),
    "place": ("CY",),
    "volume": ("VL",),
    "issue": ("IS",),
    "url": ("UR",),
    "doi": ("DO",),
    "note": ("N1",),
    "abstract": ("AB", "N2"),
}


def _to_work(record: _Record, path: str, problems: list[Problem]) -> Work:
    """The work of one record; tags not modelled go to ``extra`` in file order."""
    pending = list(record.tags[1:])
    fields: dict[str, object] = {"key": ""}
    extra: list[tuple[str, str]] = []
    pending = _take_extra_notes(pending, extra)
    fields["type"] = _read_type(record, path, problems, extra)
    fields["authors"] = tuple(_person(v) for v in _take_all(pending, ("AU", "A1")))
    fields["editors"] = tuple(_person(v) for v in _take_all(pending, ("A2", "ED")))
    fields["keywords"] = tuple(dict.fromkeys(v for v in _take_all(pending, ("KW",)) if v))
    for attr, tags in _SIMPLE.items():
        value = _take_first(pending, tags)
        if value is not None:
            fields[attr] = value
    fields["pages"] = _read_pages(pending)
    fields["issued"] = _read_issued(pending)
    fields["accessed"] = _date(_take_first(pending, ("Y2",)) or "") or ""
    extra.extend((_PREFIX + tag, value) for tag, value in pending)
    return Work(extra=tuple(_ordered_extra(record, extra)), **fields)  # type: ignore[arg-type]


def _ordered_extra(record: _Record, extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``extra`` in the order its lines appear in the record (``RIS:TY`` first)."""
    order: dict[tuple[str, str], int] = {}
    for i, (tag, value) in enumerate(record.tags):
        match = _EXTRA_NOTE.match(value) if tag == "N1" else None
        name = (match.group(1), match.group(2)) if match else (_PREFIX + tag, value)
        order.setdefault(name, i)
    return sorted(extra, key=lambda pair: order.get(pair, -1))


def _take_extra_notes(
    pending: list[tuple[str, str]], extra: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Move ``N1  - [extra] name: value`` lines (other formats' fields) into ``extra``."""
    rest = []
    for tag, value in pending:
        match = _EXTRA_NOTE.match(value) if tag == "N1" else None
        if match:
            extra.append((match.group(1), match.group(2)))
        else:
            rest.append((tag, value))
    return rest


def _take_all(pending: list[tuple[str, str]], tags: tuple[str, ...]) -> list[str]:
    """Remove every line with one of ``tags`` from ``pending``; their values in order."""
    values = [v for t, v in pending if t in tags]
    pending[:] = [(t, v) for t, v in pending if t not in tags]
    return values


def _take_first(pending: list[tuple[str, str]], tags: tuple[str, ...]) -> str | None:
    """Remove and return the first line of the best tag of ``tags`` present, else ``None``."""
    for tag in tags:
        for i, (t, v) in enumerate(pending):
            if t == tag:
                del pending[i]
                return v
    return None


def _read_type(
    record: _Record, path: str, problems: list[Problem], extra: list[tuple[str, str]]
) -> str:
    """The CSL type of the record's ``TY``; the ``TY`` goes to extra when not 1:1."""
    ty = record.tags[0][1].strip().upper()
    csl_type = TY_TO_CSL.get(ty)
    if csl_type is None:
        problems.append(
            Problem(
                path=path,
                line=record.line,
                severity="warning",
                message=f"unknown RIS type {ty!r}; read as a generic document",
            )
        )
        csl_type = "document"
    if CSL_TO_TY.get(csl_type) != ty:
        extra.append((_PREFIX + "TY", ty))
    return csl_type


def _person(value: str) -> Person:
    """``"Family, Given"`` as a person; a name without a comma as an organisation."""
    if "," not in value:
        return Person(literal=value.strip())
    family, given = value.split(",", 1)
    return Person(family=family.strip(), given=given.strip())


def _read_pages(pending: list[tuple[str, str]]) -> str:
    """``SP``/``EP`` as ``"start-end"``."""
    start = _take_first(pending, ("SP",)) or ""
    end = _take_first(pending, ("EP",)) or ""
    return f"{start}-{end}" if start and end else start or end


def _read_issued(pending: list[tuple[str, str]]) -> str:
    """The date of ``PY``/``Y1``, made precise by ``DA`` when its year agrees."""
    year_line = _take_first(pending, ("PY", "Y1"))
    year = _date(year_line) if year_line is not None else None
    if year_line is not None and year is None:
        pending.append(("PY", year_line))
    for i, (tag, value) in enumerate(pending):
        full = _date(value) if tag == "DA" else None
        if full and (year is None or full[:4] == year[:4]):
            del pending[i]
            return full if len(full) >= len(year or "") else year or full
    return year or ""


def _date(value: str) -> str | None:
    """An RIS date (``2012``, ``2012/03/05/``, ``2012-03``) as ``YYYY[-MM[-DD]]``."""
    match = _DATE.match(value.strip())
    if not match:
        return None
    parts = [p for p in match.groups() if p]
    if len(parts) > 1 and not match.group(2):
        parts = parts[:1]
    return "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])


# ---------------------------------------------------------------- Work -> RIS


def write_ris(works: Sequence[Work]) -> str:
    """The works as RIS; every tag read from RIS (``extra`` ``RIS:XY``) is written back.

    Lines are laid out with rispy's line pattern but assembled here, in the order of the
    work's fields and ``extra``, because rispy's writer groups a record by key and drops the
    tags it does not know.
    """
    pattern = rispy.RisWriter.PATTERN
    blocks = []
    for work in works:
        lines = [pattern.format(tag=tag, value=value) for tag, value in _to_lines(work)]
        blocks.append("\n".join([*lines, pattern.format(tag="ER", value="")]) + "\n")
    return "\n".join(blocks)


def _to_lines(work: Work) -> list[tuple[str, str]]:
    """The work as ``(tag, value)`` lines, ``TY`` first."""
    ty = work.extra_value(_PREFIX + "TY") or CSL_TO_TY.get(work.type, "GEN")
    lines = [("TY", ty)]
    lines += [("ID", work.key)] if work.key else []
    lines += [("AU", _name(p)) for p in work.authors]
    lines += [("A2", _name(p)) for p in work.editors]
    for attr, tags in _SIMPLE.items():
        value = getattr(work, attr)
        if value and attr != "key":
            lines.append((tags[0], value))
    lines += _date_lines(work.issued)
    lines += [("Y2", work.accessed.replace("-", "/"))] if work.accessed else []
    lines += _page_lines(work.pages)
    lines += [("KW", k) for k in work.keywords]
    for name, value in work.extra:
        if name == _PREFIX + "TY":
            continue
        if name.startswith(_PREFIX) and len(name) == len(_PREFIX) + 2:
            lines.append((name[len(_PREFIX) :], value))
        else:
            lines.append(("N1", f"[extra] {name}: {value}"))
    return lines


def _name(person: Person) -> str:
    """A name as RIS writes it: ``"Family, Given"`` (comma kept), or the organisation."""
    return person.literal or f"{person.family}, {person.given}".rstrip()


def _date_lines(issued: str) -> list[tuple[str, str]]:
    """``PY`` (the year) and, when more precise, ``DA`` (``YYYY/MM[/DD]``)."""
    if not issued:
        return []
    if len(issued) <= 4 or _date(issued) is None:
        return [("PY", issued)]
    return [("PY", issued[:4]), ("DA", issued.replace("-", "/"))]


def _page_lines(pages: str) -> list[tuple[str, str]]:
    """``SP``/``EP`` from ``"start-end"``; other page text whole in ``SP``."""
    start, sep, end = pages.partition("-")
    if sep and start and end:
        return [("SP", start), ("EP", end)]
    return [("SP", pages)] if pages else []
