"""CSL YAML <-> Work: the bibliography file pandoc reads (``--bibliography refs.yaml``) and
its Markdown documents carry in their metadata: a ``references:`` list of CSL items (a bare
list is read too).

The items are those of CSL-JSON, read and checked by :mod:`litreview.formats.csljson` item
by item (a bad item is an error naming its index and line; the others are read). A
scalar is text as written (``issued: 2020-01-02``, ``title: No``, ``page: 10:30`` stay
that text, never YAML 1.1's date, false or sexagesimal number), except a plain integer
(``2020``) and ``null``; and a file whose aliases would expand past
:data:`~litreview.core.yaml_guard.MAX_YAML_VALUES` values is one error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar

import yaml

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.limits import MAX_JSON_DEPTH
from litreview.core.model import Work
from litreview.core.yaml_guard import expansion_problem
from litreview.formats.csljson import csl_items, read_items

__all__ = ["read_cslyaml", "write_cslyaml"]


@bulk
def read_cslyaml(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a CSL YAML file (``references:`` or a bare list) and a problem for each bad
    item."""
    text = text.lstrip("\ufeff")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        return [], [_error(path, 1, "YAML nested too deep to be a list of CSL items")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        why = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else 1
        return [], [_error(path, line, f"not valid YAML: {why}")]
    if root is None:
        return [], [_error(path, 1, "no references: an empty YAML file")]
    if expansion_problem(root):
        return [], [_error(path, 1, expansion_problem(root))]
    deep = _too_deep(root)
    if deep is not None:
        message = f"YAML nested more than {MAX_JSON_DEPTH} levels deep"
        return [], [_error(path, deep.start_mark.line + 1, message)]
    nodes = _item_nodes(root)
    if nodes is None:
        message = "expected a 'references:' list of CSL items (or a list of them)"
        return [], [_error(path, root.start_mark.line + 1, message)]
    items = [_Loader("").construct_document(n) for n in nodes]
    lines = [n.start_mark.line + 1 for n in nodes]
    return read_items(items, lines, path)


class _Loader(yaml.SafeLoader):
    """YAML's safe loader knowing no implicit type but plain integers and null."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"(?:~|null|)\Z"), ["~", "n", ""]
)


def _too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than CSL-JSON may be (:data:`MAX_JSON_DEPTH`), or
    ``None`` (aliases were checked before: the graph has no loop)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return node
        if isinstance(node, yaml.SequenceNode):
            stack += [(n, depth + 1) for n in node.value]
        elif isinstance(node, yaml.MappingNode):
            stack += [(n, depth + 1) for pair in node.value for n in pair]
    return None


def _item_nodes(root: yaml.Node) -> list[yaml.Node] | None:
    """The nodes of the items: the ``references`` list of a mapping, or a list itself."""
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if getattr(k, "value", None) == "references"), None)
    return list(root.value) if isinstance(root, yaml.SequenceNode) else None


def _error(path: str, line: int, message: str) -> Problem:
    return Problem(path=path, line=line, severity="error", message=message)


@bulk
def write_cslyaml(works: Sequence[Work]) -> str:
    """The works as a CSL YAML bibliography (``---``, ``references:``, ``...``), the items
    as :func:`~litreview.formats.csljson.write_csljson` writes them; deterministic."""
    items: list[dict[str, Any]] = csl_items(works)
    body = yaml.safe_dump({"references": items}, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{body}...\n"
