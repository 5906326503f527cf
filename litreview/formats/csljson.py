"""CSL-JSON <-> Work: the list of items Zotero exports and imports, and pandoc reads.

Input is checked at the edge: bad JSON is one problem at json's line; a file that is not a
list is one error; an item with wrong types is an error naming its index and the line it
starts on, and the other items are still read. Unknown keys survive in ``Work.extra``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import jsonschema

from litreview.core.bulk import bulk
from litreview.core.errors import InputError, Problem
from litreview.core.limits import MAX_FILE_ENTRIES, load_json
from litreview.core.model import Work, replace
from litreview.core.texmarkup import plain_work
from litreview.formats._citekeys import keyed
from litreview.formats.csl import work_from_csl, work_to_csl

__all__ = [
    "ITEM_SCHEMA",
    "csl_items",
    "inherit_crossref",
    "read_csljson",
    "read_items",
    "validate_csljson",
    "write_csljson",
]

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
_PART = re.compile(r"\s*-?[0-9]+\s*\Z")


def _is_text(value: Any) -> bool:
    return type(value) in (str, int, float)


def _is_names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(n, dict | str) for n in value)


def _is_date(value: Any) -> bool:
    if not isinstance(value, dict):
        return _is_text(value)
    parts = value.get("date-parts", [[0]])
    return (
        isinstance(parts, list)
        and bool(parts)
        and all(
            isinstance(p, list)
            and all(type(x) is int or (isinstance(x, str) and _PART.match(x)) for x in p)
            for p in parts
        )
    )


def _is_keyword(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(k, str) for k in value)
    )


# A quick check equal to or stricter than ITEM_SCHEMA: jsonschema runs only when it fails.
_CHECKS = {
    "type": lambda v: isinstance(v, str),
    "author": _is_names,
    "editor": _is_names,
    "issued": _is_date,
    "accessed": _is_date,
    "keyword": _is_keyword,
    **{name: _is_text for name, schema in ITEM_SCHEMA["properties"].items() if schema is _TEXT},
}


def _surely_valid(item: dict[str, Any]) -> bool:
    """Whether ``item`` certainly meets :data:`ITEM_SCHEMA` (fast; ``False`` may be wrong)."""
    return all(check(item[key]) for key, check in _CHECKS.items() if key in item)


def _first_error(item: dict[str, Any]) -> jsonschema.ValidationError | None:
    """The first schema error of ``item`` (by path), or ``None``."""
    errors = sorted(_VALIDATOR.iter_errors(item), key=lambda e: [str(p) for p in e.path])
    return errors[0] if errors else None


@bulk
def read_csljson(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Read a CSL-JSON list: the works of the good items and a problem for each bad one."""
    try:
        data = load_json(text.lstrip("\ufeff"), path)
    except json.JSONDecodeError as exc:
        return [], [
            Problem(
                path=path,
                line=exc.lineno,
                severity="error",
                message=f"not valid JSON: {exc.msg} (column {exc.colno})",
            )
        ]
    text = text.lstrip("\ufeff")
    data, start = _items_of(data, text)
    if data is None:
        return [], [
            Problem(
                path=path,
                line=1,
                severity="error",
                message=(
                    "expected a list of items (or an object holding one under 'items', or a "
                    "single item with a 'type'), found another JSON object or value"
                ),
            )
        ]
    if len(data) > MAX_FILE_ENTRIES:  # told before millions of works are made of them
        raise InputError(
            f"{len(data):,} items, more than {MAX_FILE_ENTRIES:,} in one file",
            path=path,
            hint="split the file",
        )
    lines = _item_lines(text, len(data), start)
    works, problems = read_items(data, [line for line, _ in lines], path)
    for index, (line, repeated) in enumerate(lines):
        found = _repeated_keys(repeated, index, line, path)
        if found is not None:
            problems.append(found)
    return works, sorted(problems, key=lambda p: p.line or 0)


def read_items(
    items: Sequence[Any], lines: Sequence[int], path: str
) -> tuple[list[Work], list[Problem]]:
    """The works of CSL items (each starting on its line of the file), a problem for each
    bad item and each id used twice: what CSL-JSON and CSL YAML share."""
    works: list[Work] = []
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, (item, line) in enumerate(zip(items, lines, strict=True)):
        work, problem = _read_item(item, index, line, path)
        if work is not None:
            problem = problem or _duplicate_id(work, seen, line, path)
            seen.add(work.key)
            works.append(work)
        if problem is not None:
            problems.append(problem)
    return works, problems


def validate_csljson(text: str, path: str = "<string>") -> list[Problem]:
    """Every problem in CSL-JSON ``text`` (as :func:`read_csljson` finds them)."""
    return read_csljson(text, path)[1]


@bulk
def write_csljson(works: Sequence[Work]) -> str:
    """The works as a CSL-JSON list: indent 2, UTF-8 text, keys in a fixed order."""
    return json.dumps(csl_items(works), indent=2, ensure_ascii=False) + "\n"


def csl_items(works: Sequence[Work]) -> list[dict[str, Any]]:
    """The works as CSL items, crossref parents applied (what every CSL format writes)."""
    return [_item(w) for w in inherit_crossref(works)]


# What a BibTeX entry takes from the entry its ``crossref`` names, when it lacks it.
_INHERITED = ("editors", "publisher", "place", "issued", "volume")


def inherit_crossref(works: Sequence[Work]) -> list[Work]:
    """``works`` with each ``crossref`` (BibTeX's parent entry) applied: the parent's title
    as the container, its editors, publisher, place, date and volume where the child has
    none (CSL has no crossref; BibTeX and biber apply it themselves)."""
    by_key = {w.key: w for w in works if w.key}
    out = []
    for work in works:
        parent = by_key.get(work.extra_value("crossref"))
        if parent is None or parent is work:
            out.append(work)
            continue
        fill = {f: getattr(parent, f) for f in _INHERITED if not getattr(work, f)}
        if not work.container and parent.title:
            fill["container"] = parent.title
        out.append(replace(work, **fill) if fill else work)
    return out


def _item(work: Work) -> dict[str, Any]:
    """A work as a CSL item; a keyless work keeps the id it was read with."""
    item = work_to_csl(plain_work(work))
    custom = item.get("custom", {})
    if not work.key and "id" in custom:
        item["id"] = str(custom.pop("id"))
        if not custom:
            del item["custom"]
    return item


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
    error = None if _surely_valid(item) else _first_error(item)
    if error is not None:
        field = ".".join(str(p) for p in error.absolute_path) or "item"
        return None, Problem(
            path=path,
            line=line,
            severity="error",
            message=f"{where} ({item.get('id', 'no id')}): {field}: {error.message}",
        )
    try:
        return keyed(work_from_csl(item)), None
    except (TypeError, ValueError, IndexError) as exc:
        return None, Problem(
            path=path,
            line=line,
            severity="error",
            message=f"{where} ({item.get('id', 'no id')}): {exc}",
        )


def _items_of(data: Any, text: str) -> tuple[list[Any] | None, int]:
    """The items of a CSL-JSON file and where in ``text`` the first may start: a list (as
    CSL-JSON is), the list an object holds under ``items`` (as some tools wrap it), or one
    item alone (an object with a ``type``: a list of one); ``None`` for anything else."""
    if isinstance(data, list):
        return data, text.index("[") + 1
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return data["items"], _value_at(text, "items") + 1
    if isinstance(data, dict) and isinstance(data.get("type"), str):
        return [data], 0
    return None, 0


def _value_at(text: str, name: str) -> int:
    """Where the value of the top-level object's key ``name`` starts in the JSON ``text``
    (the object already read whole, so well formed); the last such key, as JSON reads it."""
    decoder = json.JSONDecoder()
    pos, found = text.index("{") + 1, 0
    while True:
        while text[pos] in " \t\r\n,":
            pos += 1
        if text[pos] == "}":
            return found
        key, pos = decoder.raw_decode(text, pos)
        while text[pos] in " \t\r\n:":
            pos += 1
        if key == name:
            found = pos
        _, pos = decoder.raw_decode(text, pos)


def _item_lines(text: str, count: int, start: int) -> list[tuple[int, list[str]]]:
    """The line each top-level item of the JSON list ``text`` starts on (the list's first
    item may start at ``start``), and the keys that an object within it gives more than once
    (JSON keeps the last value of such a key)."""
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) < len(items):
            counts = Counter(k for k, _ in items)
            repeated.extend(k for k, n in counts.items() if n > 1)
        return obj

    decoder = json.JSONDecoder(object_pairs_hook=pairs)
    pos = start
    lines: list[tuple[int, list[str]]] = []
    line, counted = 1, 0
    for _ in range(count):
        while text[pos] in " \t\r\n,":
            pos += 1
        line += text.count("\n", counted, pos)
        counted = pos
        _, pos = decoder.raw_decode(text, pos)
        lines.append((line, sorted(set(repeated))))
        repeated.clear()
    return lines


def _repeated_keys(keys: list[str], index: int, line: int, path: str) -> Problem | None:
    """A warning naming the keys an item gives twice: only the last value of each is read."""
    if not keys:
        return None
    names = ", ".join(repr(k) for k in keys)
    return Problem(
        path=path,
        line=line,
        severity="warning",
        message=f"item {index} gives {names} more than once: only the last value is kept",
    )


def _duplicate_id(work: Work, seen: set[str], line: int, path: str) -> Problem | None:
    """A warning when ``work``'s id is one of the ``seen`` ids of earlier items."""
    if work.key and work.key in seen:
        return Problem(
            path=path,
            line=line,
            severity="warning",
            message=f"id {work.key!r} is used by an earlier item too",
        )
    return None
