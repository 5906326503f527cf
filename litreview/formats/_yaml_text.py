"""What the YAML readers of bibliography files share: a file composed into nodes safely, as
problems rather than exceptions, and nodes constructed as text.

A scalar is text as written (``date: 2020-01-02``, ``title: No``, ``page: 10:30`` stay that
text, never YAML 1.1's date, false or sexagesimal number), except a plain integer (``2020``)
and ``null``. A file whose aliases would expand past
:data:`~litreview.core.yaml_guard.MAX_YAML_VALUES` values, or nested deeper than
:data:`~litreview.core.limits.MAX_JSON_DEPTH`, is one error.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

import yaml

from litreview.core.errors import Problem
from litreview.core.limits import MAX_JSON_DEPTH
from litreview.core.yaml_guard import expansion_problem

__all__ = ["compose", "construct", "error", "kept", "scalar_text"]


class _Loader(yaml.SafeLoader):
    """YAML's safe loader knowing no implicit type but plain integers and null."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


# libyaml's parser when PyYAML was built with it (four times faster on a large file; the
# resolver and constructor are the same Python ones, so the values are the same). It composes
# nested nodes by recursion in C, which a file nested tens of thousands deep ends with a
# segmentation fault: such a file is given to Python's parser, whose recursion is an error.
_FastLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    _FastLoader = _CLoader

for _cls in (_Loader, _FastLoader):
    if _cls is not None:
        _cls.add_implicit_resolver(
            "tag:yaml.org,2002:int",
            re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z"),
            list("-+0123456789"),
        )
        _cls.add_implicit_resolver(
            "tag:yaml.org,2002:null", re.compile(r"(?:~|null|)\Z"), ["~", "n", ""]
        )

# how deep a text may nest (brackets, indentation) to be given to libyaml's parser
_C_FLOW_DEPTH = 200
_C_INDENT = 1000
_BRACKETS = re.compile(r"[\[\]{}]")
_INDENT = re.compile(r"^[ \t]+", re.M)


def _shallow(text: str) -> bool:
    """Whether ``text`` nests little enough for libyaml's recursive composer: brackets at
    most :data:`_C_FLOW_DEPTH` deep (quoted ones counted too, which only errs towards
    Python's parser) and no line indented past :data:`_C_INDENT` columns."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
        if deepest > _C_FLOW_DEPTH:
            return False
    return all(len(m.group()) <= _C_INDENT for m in _INDENT.finditer(text))


def compose(text: str, path: str, what: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The root node of ``text``, or ``None`` and the one error that stops reading it
    (``what`` names what the file should hold: ``"a list of CSL items"``). Explicit tags
    are dropped from the nodes (:func:`_plain_tags`), so :func:`construct` cannot fail."""
    text = text.lstrip("\ufeff")
    try:
        loader = _FastLoader if _FastLoader is not None and _shallow(text) else _Loader
        root = yaml.compose(text, Loader=loader)
    except RecursionError:
        return None, [error(path, 1, f"YAML nested too deep to be {what}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        why = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else 1
        return None, [error(path, line, f"not valid YAML: {why}")]
    if root is None:
        return None, [error(path, 1, f"an empty YAML file: no {what}")]
    if expansion_problem(root):
        return None, [error(path, 1, expansion_problem(root))]
    deep = _too_deep(root)
    if deep is not None:
        message = f"YAML nested too deep: more than {MAX_JSON_DEPTH} levels"
        return None, [error(path, deep.start_mark.line + 1, message)]
    _plain_tags(root)
    key = _complex_key(root)
    if key is not None:
        message = "a key that is itself a mapping or a list (`{a: 1}: x`): keys are plain values"
        return None, [error(path, key.start_mark.line + 1, message)]
    return root, []


def construct(node: yaml.Node) -> Any:
    """The value of a node (composed by :func:`compose`: its scalars text, integers and
    null)."""
    return _Loader("").construct_document(node)


_STR, _INT, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INTEGER = re.compile(r"[-+]?\d+")


def _plain_tags(root: yaml.Node) -> None:
    """Every node's tag one that :func:`construct` reads as text, integer, null, mapping or
    list: an explicit tag (``!foo x``, ``!!python/object ...``, ``!!float x``, ``!!binary``)
    is not a type this reader gives, and the value is read as the text written. A plain key
    is text (``~: x``, ``1: x``): keys of mixed types cannot be sorted when written out."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            keep = node.tag in (_STR, _NULL) or (
                node.tag == _INT and _INTEGER.fullmatch(node.value.strip())
            )
            if not keep:
                node.tag = _STR
        elif isinstance(node, yaml.SequenceNode):
            node.tag = _SEQ
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            node.tag = _MAP
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    key.tag = _STR  # a key names a field: text, even ``~`` or ``1``
                    stack.append(value)
                else:
                    stack += (key, value)


def _complex_key(root: yaml.Node) -> yaml.Node | None:
    """The first key of a mapping that is a mapping or a list, or ``None``: Python cannot
    hold such a key, so constructing the file would fail (nesting was checked before)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    return key
                stack.append(value)
    return None


def _too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than :data:`MAX_JSON_DEPTH`, or ``None`` (aliases were
    checked before: the graph has no loop)."""
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


def error(path: str, line: int, message: str) -> Problem:
    return Problem(path=path, line=line, severity="error", message=message)


def scalar_text(value: Any, inner: str) -> str:
    """A value as text: a mapping's ``inner`` value (a formattable string's ``value``, an
    entity's ``name``), a number, a list's items joined by ``; ``, spaces collapsed."""
    if isinstance(value, dict):
        value = value.get(inner, "")
    if isinstance(value, list):
        return "; ".join(t for t in (scalar_text(v, inner) for v in value) if t)
    return " ".join(str(value).split()) if value is not None else ""


def kept(value: Any, inner: str) -> str:
    """A value no field holds, as written: text, or JSON when nested."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return scalar_text(value, inner)
