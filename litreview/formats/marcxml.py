"""MARCXML (MARC 21 records in XML, namespace :data:`NS`: root ``collection`` or
``record``, or an SRU response holding them) -> Work.

What library catalogues export (the Library of Congress, WorldCat, Koha, Alma, the German
National Library's and union catalogues' SRU interfaces). Parsed as the other XML formats
are (:mod:`litreview.formats._xml`: no DTD or external entity fetched, entity bombs
refused), in pieces, so that a file cut off after its last record still gives its records
(a warning), and one cut off inside a record the records before it (with the error). A
prefix used without its declaration (``zs:``, as SRU responses copied by hand have it) is
read as declared, with a warning. Each ``record`` in the MARC namespace, or in none, is a
work (:mod:`litreview.formats._marc_record`; its type by the leader,
:mod:`litreview.formats._marc_maps`); every subfield not read into a field is kept as
``MARC:<tag>$<code>``, so nothing is lost. A record with no title, name, date or
identifier is a notice, not a work.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._marc_record import Datafield, Record, record_work
from litreview.formats._xml import local_name, read_records, start_lines

__all__ = ["NS", "is_marcxml", "read_marcxml"]

NS = "http://www.loc.gov/MARC21/slim"
_ROOT = re.compile(r"<(?:[\w.-]+:)?(?:collection|record|searchRetrieveResponse)[\s>]")
_DATAFIELD = re.compile(r"<(?:[\w.-]+:)?datafield\s+tag=")
_USED = re.compile(r"</?([A-Za-z_][\w.-]{0,40}):[A-Za-z_]|\s([A-Za-z_][\w.-]{0,40}):[\w.-]+\s*=")
_DECLARED = re.compile(r"xmlns:([A-Za-z_][\w.-]{0,40})\s*=")
_START = re.compile(r"<[A-Za-z_][^\s/>]{0,200}")
_BARE = re.compile(r"&(?!#[0-9]{1,8};|#x[0-9A-Fa-f]{1,8};|[A-Za-z_][\w.-]{0,40};)")
_CHUNK = 1 << 20
_IDS = frozenset({"isbn", "issn", "lccn", "oclc"})
_SPACE = re.compile(r"\s+")


def is_marcxml(text: str) -> bool:
    """Whether ``text`` is MARCXML: the MARC namespace, or a ``collection``, ``record``
    or SRU response root with ``datafield tag=`` elements."""
    head = text.lstrip("\ufeff").lstrip()[:5000]
    if not head.startswith("<") or not _ROOT.search(head):
        return False
    return NS in head or bool(_DATAFIELD.search(head))


@bulk
def read_marcxml(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a MARCXML file and its problems."""
    text = text.lstrip("\ufeff")
    records, root, problems = _parse(text, path)
    if records and any(not e.tag.startswith("{") for e, _ in records):
        message = f"<record> without the MARC 21 namespace ({NS}): read as MARCXML"
        problems.append(Problem(path=path, line=records[0][1], severity="warning", message=message))
    works, unread = read_records(
        [e for e, _ in records],
        lambda e: record_work(_record(e)),
        _IDS,
        [line for _, line in records],
        path=path,
        kind="record",
    )
    if not records and not any(p.severity == "error" for p in problems):
        if root in ("collection", "record", "searchRetrieveResponse"):
            message = "no MARC <record> in the file: no work read"
            unread.append(Problem(path=path, line=1, severity="notice", message=message))
        else:
            message = f"root <{root}> is not MARCXML (<collection> or <record>)"
            unread.append(Problem(path=path, line=1, severity="error", message=message))
    return works, problems + unread


def _parse(text: str, path: str) -> tuple[list[tuple[ET.Element, int]], str, list[Problem]]:
    """(each outermost MARC record with its line, the root's name, problems); a prefix
    used undeclared, or a bare ``&``, read as it was meant, with a warning."""
    problems: list[Problem] = []
    lines = start_lines(text, "record")
    records, root, error, lost = _pull(text, lines)
    if error is not None and str(error).startswith("unbound prefix"):
        text, prefixes = _declare(text)
        if prefixes:
            records, root, error, lost = _pull(text, lines)
            message = f"prefix {', '.join(prefixes)} used without its xmlns: read as declared"
            problems.append(Problem(path=path, line=1, severity="warning", message=message))
    bare = _BARE.search(text) if error is not None else None
    if bare and str(error).startswith("not well-formed"):
        records, root, error, lost = _pull(_BARE.sub("&amp;", text), lines)
        line = text.count("\n", 0, bare.start()) + 1
        message = "a bare & (not &amp;) read as the character"
        problems.append(Problem(path=path, line=line, severity="warning", message=message))
    if error is not None:
        problems.append(_broken(error, path, len(records), lost, text.rstrip().count("\n") + 1))
    return records, root, problems


def _broken(error: ET.ParseError, path: str, read: int, lost: bool, last: int) -> Problem:
    """The parse error: a warning when the file breaks off after its last record (at its
    last line, no record open), else an error naming the records read before it."""
    line = error.position[0] if error.position else None
    message = f"not XML: {error}"
    if read and not lost and line is not None and line >= last:
        message += f" (the file ends after its last record: {read:,} read)"
        return Problem(path=path, line=line, severity="warning", message=message)
    if read:
        message += f" (the {read:,} records before it read)"
    return Problem(path=path, line=line, severity="error", message=message)


def _pull(
    text: str, lines: list[int]
) -> tuple[list[tuple[ET.Element, int]], str, ET.ParseError | None, bool]:
    """(outermost records with their lines, the root's name, the parse error, whether a
    record was open at it), parsed a megabyte at a time."""
    pull = _Records(lines)
    try:
        for at in range(0, len(text), _CHUNK):
            pull.parser.feed(text[at : at + _CHUNK])
            pull.read()
        pull.parser.close()
        pull.read()
    except ET.ParseError as exc:
        return pull.records, pull.root, exc, pull.open > 0
    return pull.records, pull.root, None, False


class _Records:
    """The outermost MARC ``record`` elements of a parse, as they end, each with the line
    of its start tag (``lines``: those of every ``record`` start tag, any namespace)."""

    def __init__(self, lines: list[int]) -> None:
        self.parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
        self.lines = lines
        self.records: list[tuple[ET.Element, int]] = []
        self.root = ""
        self.open = 0
        self.seen = 0
        self.line = 0

    def read(self) -> None:
        for item in self.parser.read_events():
            event, element = item[0], item[-1]
            if not isinstance(element, ET.Element):
                continue
            name = local_name(element)
            self.root = self.root or name
            if name != "record":
                continue
            ours = element.tag in ("record", f"{{{NS}}}record")
            if event == "start":
                self.seen += 1
                self.open += ours
                if ours and self.open == 1:
                    self.line = self.lines[self.seen - 1] if self.seen <= len(self.lines) else 0
            elif ours:
                self.open -= 1
                if not self.open:
                    self.records.append((element, self.line))


def _declare(text: str) -> tuple[str, list[str]]:
    """``text`` with the prefixes it uses undeclared declared on its root, and them."""
    used = {p for m in _USED.finditer(text[:200_000]) for p in m.groups() if p}
    missing = sorted(used - set(_DECLARED.findall(text[:200_000])) - {"xml", "xmlns"})[:20]
    start = _START.search(text)
    if not missing or start is None:
        return text, []
    names = "".join(f' xmlns:{p}="urn:x-undeclared:{p}"' for p in missing)
    return text[: start.end()] + names + text[start.end() :], [f"{p}:" for p in missing]


def _text(element: ET.Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _record(element: ET.Element) -> Record:
    """The leader, control fields and data fields of a ``record`` element."""
    r = Record()
    for child in element:
        name = local_name(child)
        if name == "leader":
            r.leader = child.text or ""
        elif name == "controlfield":
            r.controls.append(((child.get("tag") or "").strip(), (child.text or "").strip()))
        elif name == "datafield":
            subs = [
                ((s.get("code") or "").strip(), _text(s))
                for s in child
                if local_name(s) == "subfield"
            ]
            tag = (child.get("tag") or "").strip()
            r.fields.append(
                Datafield(tag, child.get("ind1") or " ", child.get("ind2") or " ", subs)
            )
        elif name and (value := _text(child)):
            r.others.append((name, value))
    return r
