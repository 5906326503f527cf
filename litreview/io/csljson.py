"""CSL-JSON <-> Work: the list of items Zotero exports and imports, and pandoc reads.

Input is checked at the edge: bad JSON is one problem at json's line; a file that is not a
list is one error; an item with wrong types is an error naming its index and the line it
starts on, and the other items are still read. Unknown keys survive in ``Work.extra``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import jsonschema

from ..csl import work_from_csl, work_to_csl
from ..errors import Problem
from ..model import Work

__all__ = ["ITEM_SCHEMA", "read_csljson", "validate_csljson", "write_csljson"]

_TEXT = {"type": ["string", "number"]}
_NAMES = {"type": "array", "items": {"type": ["object", "string"]}}
_DATE_PART = {"type": ["integer", "string"], "pattern": r"^\s*-?[0-9]+\s*$"}
_DATE = {
    "type": ["object", "string", "number"],
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "array", "items": _DATE_PART},
        }
    },
}

# The parts of a CSL item litreview reads; other keys may hold anything.
ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": _TEXT,
        "type": {"type": "string"},
        "author": _NAMES,
        "editor": _NAMES,
        "issued": _DATE,
        "accessed": _DATE,
        "keyword": {"type": ["string", "array"], "items": {"type": "string"}},
        **{
            name: _TEXT
            for name in (
                "title",
                "container-title",
                "publisher",
                "publisher-place",
                "volume",
                "issue",
                "page",
                "URL",
                "DOI",
                "note",
                "abstract",
            )
        },
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(ITEM_SCHEMA)


def read_csljson(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Read a CSL-JSON list: the works of the good items and a problem for each bad one."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return [], [
            Problem(
                path=path,
                line=exc.lineno,
                severity="error",
                message=f"not valid JSON: {exc.msg} (column {exc.colno})",
            )
        ]
    if not isinstance(data, list):
        return [], [
            Problem(
                path=path,
                line=1,
                severity="error",
                message=(f"expected a list of items, found a JSON {type(data).__name__}"),
            )
        ]
    lines = _item_lines(text.lstrip("\ufeff"), len(data))
    works: list[Work] = []
    problems: list[Problem] = []
    for index, (item, line) in enumerate(zip(data, lines, strict=True)):
        work, problem = _read_item(item, index, line, path)
        if work is not None:
            problem = problem or _duplicate_id(work, works, line, path)
            works.append(work)
        if problem is not None:
            problems.append(problem)
    return works, problems


def validate_csljson(text: str, path: str = "<string>") -> list[Problem]:
    """Every problem in CSL-JSON ``text`` (as :func:`read_csljson` finds them)."""
    return read_csljson(text, path)[1]


def write_csljson(works: Sequence[Work]) -> str:
    """The works as a CSL-JSON list: indent 2, UTF-8 text, keys in a fixed order."""
    items = [work_to_csl(w) for w in works]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _read_item(item: Any, index: int, line: int, path: str) -> tuple[Work | None, Problem | None]:
    """One item as a work, or the problem that stops it (naming index and line)."""
    where = f"item {index}"
    if not isinstance(item, dict):
        return None, Problem(
            path=path,
            line=line,
            severity="error",
            message=f"{where} is a JSON {type(item).__name__}, not an object",
        )
    error = next(iter(sorted(_VALIDATOR.iter_errors(item), key=lambda e: list(e.path))), None)
    if error is not None:
        field = ".".join(str(p) for p in error.absolute_path) or "item"
        return None, Problem(
            path=path,
            line=line,
            severity="error",
            message=f"{where} ({item.get('id', 'no id')}): {field}: {error.message}",
        )
    try:
        return work_from_csl(item), None
    except (TypeError, ValueError, IndexError) as exc:
        return None, Problem(
            path=path,
            line=line,
            severity="error",
            message=f"{where} ({item.get('id', 'no id')}): {exc}",
        )


def _item_lines(text: str, count: int) -> list[int]:
    """The line each top-level item of the JSON list ``text`` starts on."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    lines: list[int] = []
    line, counted = 1, 0
    for _ in range(count):
        while text[pos] in " \t\r\n,":
            pos += 1
        line += text.count("\n", counted, pos)
        counted = pos
        lines.append(line)
        _, pos = decoder.raw_decode(text, pos)
    return lines


def _duplicate_id(work: Work, earlier: list[Work], line: int, path: str) -> Problem | None:
    """A warning when ``work``'s id is used by an earlier item too."""
    if work.key and any(w.key == work.key for w in earlier):
        return Problem(
            path=path,
            line=line,
            severity="warning",
            message=f"id {work.key!r} is used by an earlier item too",
        )
    return None
