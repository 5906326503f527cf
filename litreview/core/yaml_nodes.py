"""Reading values out of composed YAML nodes, with the line of a bad one (pure).

The settings files (the taxonomy, the gap cues) are composed, not loaded, so a bad value can
be reported with its line; these are the readers they share.
"""

from __future__ import annotations

from typing import Any

import yaml

from litreview.core.errors import InputError

__all__ = ["flag", "node_line"]

_FLAGS = {"true": True, "yes": True, "false": False, "no": False}


def node_line(node: Any) -> int | None:
    """The 1-based line where ``node`` starts (``None`` when it has no mark)."""
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def flag(node: yaml.Node | None, path: str, default: bool = False) -> bool:
    """A true/false scalar (``true``, ``false``, ``yes``, ``no``, any case); ``default`` when
    absent or empty; anything else is an InputError naming the line."""
    if node is None:
        return default
    text = str(node.value).strip().lower() if isinstance(node, yaml.ScalarNode) else None
    if text == "":
        return default
    if text not in _FLAGS:
        shown = f", not {text!r}" if text is not None else ""
        raise InputError(f"expected true or false{shown}", path=path, line=node_line(node))
    return _FLAGS[text]
