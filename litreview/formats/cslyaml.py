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

from collections.abc import Sequence
from typing import Any

import yaml

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._yaml_text import compose, construct, error
from litreview.formats.csljson import csl_items, read_items

__all__ = ["read_cslyaml", "write_cslyaml"]


@bulk
def read_cslyaml(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a CSL YAML file (``references:`` or a bare list) and a problem for each bad
    item."""
    root, problems = compose(text, path, "references")
    if root is None:
        return [], problems
    nodes = _item_nodes(root)
    if nodes is None:
        message = "expected a 'references:' list of CSL items (or a list of them)"
        return [], [error(path, root.start_mark.line + 1, message)]
    items = [construct(n) for n in nodes]
    lines = [n.start_mark.line + 1 for n in nodes]
    return read_items(items, lines, path)


def _item_nodes(root: yaml.Node) -> list[yaml.Node] | None:
    """The nodes of the items: the ``references`` list of a mapping, or a list itself."""
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if getattr(k, "value", None) == "references"), None)
    return list(root.value) if isinstance(root, yaml.SequenceNode) else None


@bulk
def write_cslyaml(works: Sequence[Work]) -> str:
    """The works as a CSL YAML bibliography (``---``, ``references:``, ``...``), the items
    as :func:`~litreview.formats.csljson.write_csljson` writes them; deterministic."""
    items: list[dict[str, Any]] = csl_items(works)
    body = yaml.safe_dump({"references": items}, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{body}...\n"
