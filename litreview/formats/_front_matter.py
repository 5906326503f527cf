"""Markdown front matter: the ``title``, ``author``, ``date``, ``bibliography`` and
``references`` of a ``---`` YAML block that opens a document. The block stays in the text as
read (offsets are not moved). A block that is not YAML, or whose aliases would expand past
any real front matter (:mod:`litreview.core.yaml_guard`), states nothing.

``references`` is Pandoc's list of CSL items written in the document itself (as Pandoc
writes it for a JATS article, or an author for a short paper): each item is read as CSL-JSON
(:func:`litreview.formats.csl.work_from_csl`), with the older date forms Pandoc also reads
(``issued: {year: 2004, month: 5}``, a list of such for a range, a bare ``2004-05-01``)
made ``date-parts`` first; an item that is not a mapping or cannot be read is a warning
naming its line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from litreview.core.errors import Problem
from litreview.core.model import replace
from litreview.core.yaml_guard import expansion_problem
from litreview.formats._cite_fields import StoredWork
from litreview.formats.csl import work_from_csl

__all__ = [
    "front_matter",
    "front_matter_bibliography",
    "front_matter_references",
    "front_matter_value",
    "references_blanked",
    "split_front",
]

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front(text: str) -> tuple[str, str]:
    """``text`` as its front matter block (with its fences; ``""`` when there is none) and
    the rest."""
    m = _BLOCK.match(text)
    return (m.group(0), text[m.end() :]) if m else ("", text)


def _data(text: str) -> dict[str, object]:
    """The front matter's mapping (``{}`` when there is none or it is not YAML)."""
    return _parsed(text)[0]


def _parsed(text: str) -> tuple[dict[str, object], yaml.Node | None]:
    """The front matter's mapping and its composed node (for the lines of its values)."""
    m = _BLOCK.match(text)
    if not m:
        return {}, None
    try:
        root = yaml.compose(m.group("yaml"), Loader=yaml.SafeLoader)
        if root is None or expansion_problem(root):
            return {}, None
        data = yaml.safe_load(m.group("yaml"))
    except (yaml.YAMLError, RecursionError):
        return {}, None
    return (data, root) if isinstance(data, dict) else ({}, None)


def front_matter_value(text: str, key: str) -> object:
    """The value of ``key`` in the front matter (``None`` when it has none)."""
    return _data(text).get(key)


def front_matter_references(
    text: str, path: str, *, keep_ids: bool = True
) -> tuple[tuple[StoredWork, ...], tuple[Problem, ...]]:
    """The works of the front matter's ``references``, each keyed by its ``id`` (the key
    the text cites it by, ``[@id]``), and a warning for each item that cannot be read.

    ``keep_ids``: the id is also the work's own citekey (kept in the corpus where free), as
    for a bibliography file's keys; otherwise the corpus makes one (ids a converter made up,
    such as a JATS article's ``bib1``)."""
    data, root = _parsed(text)
    items = data.get("references")
    if not isinstance(items, list) or root is None:
        return (), ()
    nodes: list[yaml.Node] = next(
        (v.value for k, v in root.value if getattr(k, "value", None) == "references"), []
    )
    works: dict[str, StoredWork] = {}
    problems: list[Problem] = []
    for n, item in enumerate(items):
        line = nodes[n].start_mark.line + 2 if n < len(nodes) else None  # after the '---'
        try:
            if not isinstance(item, dict):
                raise TypeError(f"a reference must be a mapping, not {type(item).__name__}")
            key = str(item.get("id") or "").strip()
            if not key:
                raise ValueError("a reference has no id, so no citation can name it")
            work = work_from_csl(_csl(item))
        except (TypeError, ValueError, OverflowError) as exc:
            message = f"a reference of the front matter cannot be read: {exc}"
            problems.append(Problem(path=path, line=line, severity="warning", message=message))
            continue
        works.setdefault(key, StoredWork(key=key, work=replace(work, key=key if keep_ids else "")))
    return tuple(works.values()), tuple(problems)


def references_blanked(text: str) -> str:
    """``text`` with its front matter's ``references`` (key and items) made blanks, each
    character a space and each line kept, so that no reader takes the YAML of a reference
    list for notes, citations or sentences; offsets and lines stay those of the file."""
    m = _BLOCK.match(text)
    _, root = _parsed(text)
    if m is None or root is None:
        return text
    base = m.start("yaml")
    for k, v in root.value:
        if getattr(k, "value", None) == "references":
            a, b = base + k.start_mark.index, base + v.end_mark.index
            return text[:a] + re.sub(r"[^\r\n]", " ", text[a:b]) + text[b:]
    return text


_DATES = ("issued", "accessed", "event-date", "original-date", "submitted")


def _csl(item: dict[str, Any]) -> dict[str, Any]:
    """A YAML reference as a CSL-JSON item: YAML's own dates as text, Pandoc's older date
    forms as ``date-parts``."""
    out = {str(k): _plain(v) for k, v in item.items()}
    for var in _DATES:
        if var in out:
            out[var] = _date(out[var])
    return out


def _plain(value: Any) -> Any:
    """``value`` with the dates YAML made of unquoted text (``2004-05-01``) as that text."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _date(value: Any) -> Any:
    """Pandoc's ``{year, month, day}`` date (or a list of them: a range) as CSL
    ``date-parts``; any other form unchanged."""
    parts = value if isinstance(value, list) else [value]
    if not parts or not all(isinstance(p, dict) and "year" in p for p in parts):
        return value
    rows = [
        [_number(p[k]) for k in ("year", "month", "day") if p.get(k) not in (None, "")]
        for p in parts
    ]
    if any(None in row for row in rows):
        return {"raw": "/".join(str(p.get("year")) for p in parts)}
    return {"date-parts": rows}


_NUMBER = re.compile(r"\s*(-?\d{1,9})")


def _number(value: Any) -> int | None:
    """The number a date part opens with (``2008a``, a year told apart by a letter: 2008),
    or ``None``."""
    m = _NUMBER.match(str(value))
    return int(m.group(1)) if m else None


def front_matter_bibliography(text: str) -> tuple[str, ...]:
    """The bibliography files the front matter names (Pandoc's ``bibliography:``, one path
    or a list), as written."""
    value = _data(text).get("bibliography")
    names = value if isinstance(value, list) else [value]
    found = (str(n).strip() for n in names if isinstance(n, str) and n.strip())
    return tuple(dict.fromkeys(found))  # a file named twice is read once


def front_matter(text: str) -> dict[str, str]:
    """``title``, ``author`` and ``date`` of the front matter (missing keys left out)."""
    data = _data(text)
    out = {}
    for key in ("title", "author", "date"):
        value = data.get(key) or (data.get("authors") if key == "author" else None)
        if isinstance(value, list):
            value = "; ".join(_name(v) for v in value)
        if value:
            out[key] = str(value).strip()
    return out


def _name(value: object) -> str:
    """An author written as a string or as ``{name: ...}``."""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("literal") or "")
    return str(value)
