"""How large a YAML document becomes once its aliases are expanded, before it is built.

A YAML alias is one node shared by reference; building Python objects copies it at every use,
so ten anchors each listing the one before ten times ("billion laughs") make ten billion
values out of 1 KB of text. :func:`expansion_problem` measures the expanded size on the
composed node graph (each shared node sized once, in linear time) and says what is wrong with
a document that would grow past :data:`MAX_YAML_VALUES` values or refers to itself.
"""

from __future__ import annotations

import yaml

__all__ = ["MAX_YAML_VALUES", "expanded_size", "expansion_problem"]

#: More values than any file litreview reads needs (a taxonomy of 10,000 values with
#: synonyms is some 50,000).
MAX_YAML_VALUES = 1_000_000


def _kids(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def expanded_size(root: yaml.Node) -> int | None:
    """The number of values ``root`` builds into, aliases expanded (``None`` when a node
    contains itself)."""
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            size[key] = 1 + sum(size[id(k)] for k in _kids(node))
            continue
        if key in size:
            continue
        if key in open_:
            return None
        open_.add(key)
        stack.append((node, True))
        for kid in _kids(node):
            if id(kid) in open_:
                return None
            if id(kid) not in size:
                stack.append((kid, False))
    return size[id(root)]


def expansion_problem(root: yaml.Node) -> str:
    """What is wrong with building ``root`` (``""`` when nothing is): a file whose aliases
    would make it too large, or a file too large as written (no alias in it)."""
    n = expanded_size(root)
    if n is None:
        return "a YAML alias refers to a node that contains it"
    if n <= MAX_YAML_VALUES:
        return ""
    written = _written_size(root)
    if written * 2 < n:
        return f"YAML aliases expand to {n:,} values (more than {MAX_YAML_VALUES:,})"
    return f"{written:,} YAML values, more than {MAX_YAML_VALUES:,} in one file: split it"


def _written_size(root: yaml.Node) -> int:
    """The number of values the file writes out (a node shared by aliases counted once)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack += [k for k in _kids(node) if id(k) not in seen]
    return len(seen)
