"""Markdown front matter: the ``title``, ``author``, ``date`` and ``bibliography`` of a
``---`` YAML block that opens a document. The block stays in the text as read (offsets are
not moved). A block that is not YAML, or whose aliases would expand past any real front
matter (:mod:`litreview.core.yaml_guard`), states nothing."""

from __future__ import annotations

import re

import yaml

from litreview.core.yaml_guard import expansion_problem

__all__ = ["front_matter", "front_matter_bibliography"]

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def _data(text: str) -> dict[str, object]:
    """The front matter's mapping (``{}`` when there is none or it is not YAML)."""
    m = _BLOCK.match(text)
    if not m:
        return {}
    try:
        root = yaml.compose(m.group("yaml"), Loader=yaml.SafeLoader)
        if root is None or expansion_problem(root):
            return {}
        data = yaml.safe_load(m.group("yaml"))
    except (yaml.YAMLError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


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
