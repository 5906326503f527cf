"""What the XML readers of bibliography files share: parsing, as problems rather than
exceptions, and the lines their records start on.

Parsed with the standard library's ``xml.etree.ElementTree``: it never fetches a DTD or an
external entity a file names (an external entity referred to is an "undefined entity"
error), and the expat it runs on refuses entity-expansion bombs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.core.text import line_numbers

__all__ = [
    "MAX_NOTICES",
    "element_leaves",
    "local_name",
    "more_unread",
    "parse_xml",
    "read_records",
    "start_lines",
    "unread_notice",
    "xml_root",
]


def xml_root(data: str | bytes) -> ET.Element:
    """``ElementTree.fromstring``, with a declaration naming an encoding Python does not
    know (``<?xml version="1.0" encoding="UTFif"?>``) raised as the XML error it is, on
    line 1, where expat raises ``LookupError``: every caller handles ``ParseError``."""
    try:
        return ET.fromstring(data)
    except LookupError as exc:
        error = ET.ParseError(f"the XML declaration names an unknown encoding ({exc})")
        error.code, error.position = 0, (1, 0)
        raise error from None


def parse_xml(text: str, path: str) -> tuple[ET.Element | None, list[Problem]]:
    """The root element of ``text``, or ``None`` and the error (with its line) that
    stopped the parser."""
    try:
        # text, not bytes: expat reads it as the text it is, whatever encoding its
        # declaration names (the file was decoded already)
        return xml_root(text.lstrip("\ufeff")), []
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        return None, [Problem(path=path, line=line, severity="error", message=f"not XML: {exc}")]


def start_lines(text: str, local: str) -> list[int]:
    """The line of each start tag named ``local`` (any prefix), in order."""
    tag = re.compile(rf"<(?:[\w.-]+:)?{re.escape(local)}[\s/>]")
    return line_numbers(text, [m.start() for m in tag.finditer(text)])


def local_name(element: ET.Element) -> str:
    """An element's name without its namespace."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


#: Records with nothing to cite named one by one, at most; the rest counted in one notice.
MAX_NOTICES = 100


def unread_notice(path: str, line: int | None, what: str, held: list[str]) -> Problem:
    """The notice of a record not read because it has nothing to cite it by (``what``:
    ``"record 3"``), naming the fields it holds."""
    names = ", ".join(dict.fromkeys(held)) or "nothing"
    message = f"{what} has no title, name, date or identifier: not read (it holds {names[:200]})"
    return Problem(path=path, line=line, severity="notice", message=message)


def read_records(
    records: list[ET.Element],
    work_of: Callable[[ET.Element], Work],
    ids: frozenset[str],
    lines: list[int],
    *,
    path: str,
    kind: str,
) -> tuple[list[Work], list[Problem]]:
    """The work of each record (``work_of``, the record starting on ``lines[n]``), and a
    notice for each record with nothing to cite it by: no title, person, date, DOI, URL or
    identifier among ``ids`` (``kind``: ``"record"``, the first :data:`MAX_NOTICES` named,
    the rest counted)."""
    works: list[Work] = []
    problems: list[Problem] = []
    unread = 0
    for n, record in enumerate(records):
        work = work_of(record)
        if _citable(work, ids):
            works.append(work)
            continue
        unread += 1
        if unread <= MAX_NOTICES:
            held = [name for name, _ in work.extra]
            line = lines[n] if n < len(lines) else None
            problems.append(unread_notice(path, line, f"{kind} {n + 1}", held))
    return works, problems + more_unread(path, unread, f"{kind}s")


def _citable(work: Work, ids: frozenset[str]) -> bool:
    """Whether a work has something to cite it by: a title, a person, a date or an
    identifier."""
    named = work.doi or work.url or any(name in ids for name, _ in work.extra)
    return bool(work.title or work.authors or work.editors or work.issued or named)


def more_unread(path: str, count: int, kind: str) -> list[Problem]:
    """One notice for the records past :data:`MAX_NOTICES` not read, if any."""
    if count <= MAX_NOTICES:
        return []
    message = f"{count - MAX_NOTICES:,} more {kind} with nothing to cite: not read"
    return [Problem(path=path, line=None, severity="notice", message=message)]


def element_leaves(
    record: ET.Element, depth: int, qualifier: Callable[[str, ET.Element], str]
) -> Iterator[tuple[str, ET.Element]]:
    """(path, element) of every element below ``record`` with no child elements, in
    document order, each step of the path its local name and ``[qualifier]`` when it has
    one; an element ``depth`` levels down counts as one (its text). Walked without
    recursion: a file may nest elements a million deep."""
    stack: list[tuple[str, int, ET.Element]] = [("", 0, record)]
    while stack:
        path, level, element = stack.pop()
        children = [c for c in element if isinstance(c.tag, str)]
        if element is not record and (not children or level >= depth):
            yield path, element
            continue
        for child in reversed(children):
            name = local_name(child)
            kind = qualifier(name, child)
            here = f"{name}[{kind}]" if kind else name
            stack.append((f"{path}/{here}" if path else here, level + 1, child))
