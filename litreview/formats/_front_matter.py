"""Markdown front matter: the ``title``, ``author`` and ``date`` of a ``---`` YAML block that
opens a document. The block stays in the text as read (offsets are not moved)."""

from __future__ import annotations

import re

import yaml

__all__ = ["front_matter"]

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str) -> dict[str, str]:
    """``title``, ``author`` and ``date`` of the front matter (missing keys left out)."""
    m = _BLOCK.match(text)
    if not m:
        return {}
    try:
        data = yaml.safe_load(m.group("yaml"))
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
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
