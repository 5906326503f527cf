"""RIS <-> Work, through rispy, with its traps guarded.

rispy lets a record without ``ER`` swallow the next one, skips tag lines before a ``TY``
without a word, splits ``UR`` on ``;`` and its writer drops tags it does not know with only a
warning. So this module scans the records itself (with rispy's own line rule), reports each
structural problem with its line, and carries every tag it does not model in
``Work.extra`` as ``("RIS:XY", value)``; fields of other formats (``extra`` names without
``RIS:``) travel as ``N1`` notes ``[extra] name: value``. Lines are laid out in rispy's pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Person, Work, replace
from litreview.core.texmarkup import plain_work
from litreview.formats._citekeys import keyed
from litreview.formats._continued import Continued
from litreview.formats._csl_maps import CSL_TYPES
from litreview.formats._names import initials_first, text_person
from litreview.formats._ris_maps import CSL_TO_TY, CSL_TYPE_NOTE, RIS_TAGS, TY_TO_CSL
from litreview.formats._ris_write import (
    PREFIX,
    TAG_MARK,
    accessed_lines,
    date_lines,
    page_lines,
    to_lines,
)

__all__ = ["read_ris", "validate_ris", "write_ris"]

_PREFIX = PREFIX
_EXTRA_NOTE = re.compile(r"\[extra\] (.+?): (.*)\Z", re.DOTALL)
_DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?(?:[/-].*)?\Z", re.DOTALL)
_HEADER = re.compile(r"\d+\.?\Z")  # "1." record numbers some exporters (rispy) write
_LINK = re.compile(r"\bhttps?://|\bwww\.")  # a line of text holding a link
_LINK_TAGS = frozenset({"UR", "L1", "L2", "L3", "L4"})  # tags whose values are links
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+\Z")  # a line that is one link
# a tag of three to six characters laid out like a RIS tag ("PMID  - 123", APA PsycNet),
# two spaces before its dash: with one, it is a keyword's line ("REDD - Reduction of ...")
_WIDE_TAG = re.compile(r"([A-Z][A-Z0-9]{2,5})  - ?(.*)\Z")
# a RIS tag with one space before its dash ("KW - keyword"): read when the tag is RIS's
_LOOSE_TAG = re.compile(r"([A-Z][A-Z0-9]) - ?(.*)\Z")
_PIECE = 1 << 24  # characters of text split into lines at a time
_INDENT = "\n  "  # a value's further lines, so none reads as a tag


@dataclass(slots=True)
class _Record:
    """One record's tag lines, in file order, with the line its ``TY`` is on."""

    line: int
    tags: list[tuple[str, str]] = field(default_factory=list)
    untyped: bool = False  # opened by a tag other than TY: a record only if an ER closes it
    # untyped tags right after the ER of ``after``: a record of their own if an ER closes
    # them, else (Ovid's NL after each ER) kept with ``after``
    after: _Record | None = None


@bulk
def read_ris(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Read RIS ``text``: the works of every record, and the problems found (with lines)."""
    problems: list[Problem] = []
    found: list[Problem] = []  # the records' own problems, told after the file's structure
    # each record is made a work as soon as it is read, and its lines dropped
    keys: dict[str, int] = {}  # citekey -> the line of the record that gave it first
    works = [
        _first_key(_to_work(record, path, found), record.line, keys, path, found)
        for record in _records(text, path, problems)
    ]
    return works, problems + found


def _first_key(
    work: Work, line: int, keys: dict[str, int], path: str, problems: list[Problem]
) -> Work:
    """``work``, without its citekey when an earlier record gave the same ``ID`` (kept as
    ``id``, as a key that is no citekey is: an import gives it a key of its own)."""
    if not work.key:
        return work
    first = keys.setdefault(work.key, line)
    if first == line:
        return work
    message = (
        f"ID '{work.key}' given before, to the record at line {first}; this record is read "
        "without it as its citekey (kept as 'id'; an import gives it a key of its own)"
    )
    problems.append(_problem(path, line, "warning", message))
    return replace(work, key="", extra=(("id", work.key), *work.extra))


def validate_ris(text: str, path: str = "<string>") -> list[Problem]:
    """Every problem in RIS ``text`` (as :func:`read_ris` finds them)."""
    return read_ris(text, path)[1]


def _scan(text: str, path: str) -> tuple[list[_Record], list[Problem]]:
    """Split ``text`` into records by ``TY``/``ER``, reporting structural problems."""
    problems: list[Problem] = []
    return list(_records(text, path, problems)), problems


def _records(text: str, path: str, problems: list[Problem]) -> Iterator[_Record]:
    """The records of ``text``, each once no line can be added to it any more (at the next
    ``TY`` or the end); structural problems are added to ``problems``.

    A line is a tag line by rispy's rule (``RisParser.parse_line``), inlined here: this loop
    runs once per line of a search export (35 lines a record), and a call per line was a
    third of the reading time.
    """
    count = 0
    current: _Record | None = None
    tags: list[tuple[str, str]] = []  # the current record's tags
    closed: _Record | None = None  # the record an ER just closed (tags may follow it)
    ended: _Record | None = None  # the record the last ER closed, until the next TY
    last: _Record | None = None  # the record started last (lines may still be added to it)
    continued = Continued("\n")  # untagged lines going on the value before them
    for number, line in enumerate(_lines(text), start=1):
        if line[2:5] == "  -" and line[:2].isupper() and line[:1].isalpha():
            found, value = line[:2], line[6:].strip()
            if current is not None and found != "TY" and found != "ER":
                tags.append((found, value))  # the common case: a tag line inside a record
                continue
            tag: str | None = found
        else:
            tag, value = None, line.strip()
            if current is not None and not value and current.after is not None:
                _untyped_ended(current, path, problems, continued)  # Ovid's NL, a blank line
                current = None
            if current is not None:
                wide = _WIDE_TAG.match(line) or _LOOSE_TAG.match(line)
                if wide and (len(wide.group(1)) > 2 or wide.group(1) in RIS_TAGS):
                    # APA PsycNet's "PMID  - 33355555"; "KW - x" with one space
                    tags.append((wide.group(1), wide.group(2).strip()))
                elif value and len(tags) == 1 and not current.untyped:
                    message = f"text after TY ignored: {value[:40]!r}"
                    problems.append(_problem(path, number, "warning", message))
                elif value and tags[-1][0] in _LINK_TAGS and _URL_LINE.match(value):
                    # another link of a link tag, on a line of its own (Dimensions' UR)
                    tags.append((tags[-1][0], value))
                elif value:  # a value going on (not the TY's)
                    continued.add(tags, value)
                continue
            if value and ended is not None and _LINK.search(value):
                # Ovid's "Link to the Ovid Full Text or citation: https://..." after each ER
                ended.tags.append(("N1", value))
                said = f"text after the ER of the record at line {ended.line}"
                message = f"{said} kept with it as a note: {value[:40]!r}"
                problems.append(_problem(path, number, "notice", message))
                continue
            closed = None
        if tag == "TY":
            closed = ended = None
            if current is not None and current.untyped:
                _untyped_ended(current, path, problems, continued)
            elif current is not None:
                problems.append(
                    _problem(
                        path,
                        number,
                        "warning",
                        (
                            f"record starting at line {current.line} has no ER before this TY; "
                            "read as two records"
                        ),
                    )
                )
            if last is not None:
                continued.flush()
                yield last
            current = _Record(line=number, tags=[("TY", value)])
            tags = current.tags
            last = current
            count += 1
        elif tag == "ER":
            if current is not None and current.untyped:  # CiteSource writes no TY
                message = f"record at line {current.line} has no TY; read as a generic document"
                problems.append(_problem(path, current.line, "warning", message))
                if last is not None:
                    continued.flush()
                    yield last
                last = current
                count += 1
            closed, current = current, None
            ended = closed
        elif tag is not None and closed is not None:  # Ovid writes NL after ER
            current = _Record(line=number, tags=[(tag, value)], untyped=True, after=closed)
            tags = current.tags
            closed = None
        elif tag is not None:
            # tag lines no TY opened: a record if an ER closes them, else skipped
            current = _Record(line=number, tags=[(tag, value)], untyped=True)
            tags = current.tags
        elif tag is None and value and not _HEADER.match(value):
            problems.append(
                _problem(path, number, "warning", f"text outside a record ignored: {value[:40]!r}")
            )
    if current is not None and current.untyped:
        _untyped_ended(current, path, problems, continued)
    elif current is not None:
        problems.append(_problem(path, current.line, "warning", "record has no ER before the end"))
    if last is not None:
        continued.flush()
        yield last
    if not count and not any(p.severity == "error" for p in problems):
        problems.append(_problem(path, 1, "error", "no RIS records found"))


def _untyped_ended(
    record: _Record, path: str, problems: list[Problem], continued: Continued
) -> None:
    """Tag lines that neither a TY opened nor an ER closed: kept with the record whose ER
    they follow with no blank line (a warning), else an error, and not read."""
    continued.flush()
    names = ", ".join(dict.fromkeys(tag for tag, _ in record.tags))
    if record.after is not None:
        record.after.tags.extend(record.tags)
        said = f"after the ER of the record at line {record.after.line}; kept with it"
        message = f"tag{'s' * (',' in names)} {names} {said}"
        problems.append(_problem(path, record.line, "warning", message))
        return
    message = f"tag {record.tags[0][0]} outside a record (no TY before it); skipped"
    problems.append(_problem(path, record.line, "error", message))


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (``\n``, ``\r\n`` or ``\r``; no BOM), as editors number them;
    split a piece of about ``_PIECE`` characters at a time, so a search export of hundreds of
    megabytes is never held as one list of millions of lines."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    start = 0
    while (cut := text.find("\n", start + _PIECE)) != -1:
        yield from text[start:cut].split("\n")
        start = cut + 1
    yield from text[start:].split("\n")


def _problem(path: str, line: int, severity: str, message: str) -> Problem:
    """A problem at ``path:line``."""
    return Problem(path=path, line=line, severity=severity, message=message)


# ---------------------------------------------------------------- record -> Work

# Work field -> tags that can fill it, best first; the first present one is used.
SIMPLE: dict[str, tuple[str, ...]] = {
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


class _Pending:
    """A record's tag lines not yet used, by tag, each with its position in the record."""

    def __init__(self, tags: list[tuple[str, str]]) -> None:
        self.by_tag: dict[str, list[tuple[int, str]]] = {}
        self.extra: list[tuple[int, str, str]] = []
        # lines used so far: (position, value, tag)
        self.used: list[tuple[int, str, str]] = []
        for i, (tag, value) in enumerate(tags):
            match = _EXTRA_NOTE.match(value) if tag == "N1" else None
            if match:  # another format's field, carried as a marked note
                self.extra.append((i, match.group(1), match.group(2)))
            else:
                self.by_tag.setdefault(tag, []).append((i, value))

    def first(self, tags: tuple[str, ...]) -> str | None:
        """Use and return the first line of the best tag of ``tags`` present, else ``None``."""
        for tag in tags:
            if self.by_tag.get(tag):
                return self.take(tag, 0)
        return None

    def all(self, tags: tuple[str, ...]) -> list[str]:
        """Use every line of ``tags``; their values in record order."""
        lines = sorted((i, v, t) for t in tags for i, v in self.by_tag.pop(t, []))
        self.used.extend(lines)
        return [v for _, v, _ in lines]

    def take(self, tag: str, n: int) -> str:
        """Use the ``n``-th unused line of ``tag``; its value."""
        i, value = self.by_tag[tag].pop(n)
        self.used.append((i, value, tag))
        return value

    def keep_raw(self, since: int, attr: str, value: str) -> None:
        """Keep in ``extra``, as read, the lines used since ``since`` for ``attr`` that the
        writer would write otherwise (``DA - 2019///``, ``Y2`` with a time): only those,
        when with the other lines written anew they still read as ``value``; else all."""
        read, write = RAW_GROUPS[attr]
        lines = [(t, v, i) for i, v, t in self.used[since:]]
        generated = write(value)
        differ = [x for x in lines if (x[0], x[1]) not in generated]
        if not differ:
            return
        tags = {t for t, _, _ in differ}
        rest = [(t, v) for t, v in generated if t not in tags]
        if read(_Pending([(t, v) for t, v, _ in differ] + rest)) != value:
            differ = lines
        self.extra.extend((i, _extra_name(t), v) for t, v, i in differ)

    def rest(self) -> tuple[tuple[str, str], ...]:
        """The unused lines as ``extra`` (``RIS:XY`` or marked names), in record order."""
        left = [(i, _extra_name(t), v) for t, lines in self.by_tag.items() for i, v in lines]
        return tuple((name, value) for _, name, value in sorted(left + self.extra))


def _extra_name(tag: str) -> str:
    """``RIS:XY``, one string object for every record (a search export of 10^6 records has
    tens of millions of these names; sharing them saves about 2 KB a record)."""
    return sys.intern(_PREFIX + tag)


def _to_work(record: _Record, path: str, problems: list[Problem]) -> Work:
    """The work of one record; tags not modelled go to ``extra`` in record order."""
    pending = _Pending(record.tags)
    fields: dict[str, object] = {"key": ""}
    fields["type"] = _read_type(record, path, problems, pending)
    fields["authors"] = tuple(_person(v) for v in pending.all(("AU", "A1")))
    fields["editors"] = tuple(_person(v) for v in pending.all(("A2", "ED")))
    # a KW value going on over lines (EndNote, ProQuest) holds one keyword a line
    fields["keywords"] = tuple(
        dict.fromkeys(k.strip() for v in pending.all(("KW",)) for k in v.split("\n") if k.strip())
    )
    tags = []
    for attr, names in SIMPLE.items():
        value = pending.first(names)
        if value is not None:
            fields[attr] = value
            if pending.used[-1][2] != names[0]:
                tags.append(f"{attr}={pending.used[-1][2]}")
    for attr, (read, _) in RAW_GROUPS.items():
        since = len(pending.used)
        fields[attr] = read(pending)
        pending.keep_raw(since, attr, str(fields[attr]))
    if tags:  # where this file put title, container, abstract, when not in the usual tag
        pending.extra.append((len(record.tags), TAG_MARK, " ".join(tags)))
    extra = pending.rest()
    stated = next((v.strip() for n, v in extra if n == CSL_TYPE_NOTE), "")
    if stated in CSL_TYPES:  # a type no TY holds, as the writer marked it
        fields["type"] = stated
        extra = tuple((n, v) for n, v in extra if n != CSL_TYPE_NOTE)
    return keyed(Work(extra=extra, **fields))  # type: ignore[arg-type]


def _read_type(record: _Record, path: str, problems: list[Problem], pending: _Pending) -> str:
    """The CSL type of the record's ``TY``; the ``TY`` stays in extra when not 1:1."""
    if record.untyped:  # reported where it was read
        return "document"
    raw = (pending.first(("TY",)) or "").strip()
    ty = raw.upper()
    csl_type = TY_TO_CSL.get(ty)
    if csl_type is None:
        message = f"unknown RIS type {raw!r}; read as a generic document"
        problems.append(_problem(path, record.line, "warning", message))
        csl_type = "document"
    if CSL_TO_TY.get(csl_type) != raw:
        pending.extra.append((0, _PREFIX + "TY", raw))
    return csl_type


def _person(value: str) -> Person:
    """``"Family, Given[, Suffix]"`` as a person; a name without a comma as an organisation,
    unless it is initials then a family name (``G. Kalbe``, IEEE Xplore's way)."""
    if "," not in value:
        return initials_first(value) or Person(literal=value.strip())
    if value.count(",") > 2:  # a list of names in one line
        return Person(literal=value.strip())
    family, given = value.split(",", 1)
    given, _, suffix = given.partition(",")
    return text_person(family, given, suffix)


def read_pages(pending: _Pending) -> str:
    """``SP``/``EP`` as ``"start-end"``."""
    start = pending.first(("SP",)) or ""
    end = pending.first(("EP",)) or ""
    return f"{start}-{end}" if start and end else start or end


def read_issued(pending: _Pending) -> str:
    """The date of ``PY``/``Y1``, made precise by ``DA`` when its year agrees.

    A ``PY``/``Y1`` that is not a date stays unused (so it lands in ``extra``).
    """
    year = None
    for tag in ("PY", "Y1"):
        lines = pending.by_tag.get(tag, [])
        if lines and (year := ris_date(lines[0][1])) is not None:
            pending.take(tag, 0)
            break
    for n, (_, value) in enumerate(pending.by_tag.get("DA", [])):
        full = ris_date(value)
        if full and (year is None or full[:4] == year[:4]):
            pending.take("DA", n)
            return full if len(full) >= len(year or "") else year or full
    return year or ""


def read_accessed(pending: _Pending) -> str:
    """The date of ``Y2`` (a time after it is dropped)."""
    return ris_date(pending.first(("Y2",)) or "") or ""


def ris_date(value: str) -> str | None:
    """An RIS date (``2012``, ``2012/03/05/``, ``2012-03``) as ``YYYY[-MM[-DD]]``."""
    match = _DATE.match(value.strip())
    if not match:
        return None
    parts = [p for p in match.groups() if p]
    if len(parts) > 1 and not match.group(2):
        parts = parts[:1]
    return "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])


RAW_GROUPS = {
    "pages": (read_pages, page_lines),
    "issued": (read_issued, date_lines),
    "accessed": (read_accessed, accessed_lines),
}


@bulk
def write_ris(works: Sequence[Work]) -> str:
    """The works as RIS; every tag read from RIS (``extra`` ``RIS:XY``) is written back
    (see :mod:`._ris_write`). A value's further lines are indented, so none reads as a tag."""
    blocks = []
    for work in works:
        lines = [
            f"{tag}  - {value.replace(chr(10), _INDENT)}"  # rispy.RisWriter.PATTERN
            for tag, value in to_lines(plain_work(work), SIMPLE, _reread)
        ]
        blocks.append("\n".join(lines) + "\nER  - \n")
    return "\n".join(blocks)


def _reread(attr: str, lines: list[tuple[str, str]]) -> str:
    """What reading ``lines`` gives for ``attr`` (issued, accessed or pages)."""
    return RAW_GROUPS[attr][0](_Pending(lines))
