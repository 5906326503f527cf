"""Taxonomies: facets, values and synonyms read from YAML, and fast phrase matching.

A taxonomy file looks like::

    facets:
      - id: topic
        label: Topic
        exclusive: false    # true: a sentence listing 3+ values is a list of examples
        values:
          - id: example
            label: Example
            description: what the value means
            synonyms: [example, "sample*"]    # a trailing * matches any word ending
            exclude: ["example only"]         # phrases whose matches do not count
            fallback: false                   # true: kept only when no other value applies

Synonyms match on word boundaries, ignoring case and diacritics, with plural endings and
hyphen/space/no-space variants between words (see :mod:`litreview.taxonomy.matching`); offsets are
mapped back to the text as given, so ``text[m.start:m.end] == m.phrase`` always holds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from litreview.core.errors import InputError
from litreview.core.files import check_characters
from litreview.core.limits import MAX_SYNONYM_CHARS, MAX_SYNONYM_WORDS
from litreview.core.yaml_nodes import flag, node_line
from litreview.taxonomy.matching import Match, Matcher, compile_matcher, fold, synonym_pattern

__all__ = [
    "Facet",
    "Labels",
    "Match",
    "Taxonomy",
    "Value",
    "fold",
    "labels_of",
    "load_taxonomy",
    "synonym_pattern",
]

FACET_KEYS = frozenset({"id", "label", "description", "values", "exclusive"})
VALUE_KEYS = frozenset({"id", "label", "description", "synonyms", "exclude", "fallback"})
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """One value of a facet, with the phrases that signal it."""

    id: str
    label: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fallback: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Facet:
    """A dimension of the taxonomy (e.g. crime type) and its values."""

    id: str
    label: str
    values: tuple[Value, ...] = ()
    description: str = ""
    exclusive: bool = False

    @property
    def value_ids(self) -> tuple[str, ...]:
        """The ids of the values, in file order."""
        return tuple(v.id for v in self.values)


@dataclass(frozen=True, slots=True, kw_only=True)
class Taxonomy:
    """Facets with values; ``hash`` is a content hash (comments and layout do not count)."""

    facets: tuple[Facet, ...]
    hash: str
    warnings: tuple[str, ...] = ()
    _matcher: Matcher | None = field(default=None, repr=False, compare=False)

    @property
    def facet_ids(self) -> tuple[str, ...]:
        """The facet ids, in file order."""
        return tuple(f.id for f in self.facets)

    @property
    def fallbacks(self) -> frozenset[tuple[str, str]]:
        """(facet, value) pairs marked ``fallback``: kept only if no other value applies."""
        return frozenset((f.id, v.id) for f in self.facets for v in f.values if v.fallback)

    @property
    def short_hash(self) -> str:
        """The first 8 hex digits of ``hash`` (used in tag sources)."""
        return self.hash[:8]

    def facet(self, facet_id: str) -> Facet:
        """The facet ``facet_id``; KeyError if absent."""
        for f in self.facets:
            if f.id == facet_id:
                return f
        raise KeyError(facet_id)

    def has_value(self, facet_id: str, value_id: str) -> bool:
        """Whether ``facet_id`` exists and has the value ``value_id``."""
        return any(f.id == facet_id and value_id in f.value_ids for f in self.facets)

    def match(self, text: str) -> list[Match]:
        """Every synonym occurrence in ``text``, ordered by facet then position."""
        return [
            Match(facet=f, value=v, start=s, end=e, phrase=text[s:e])
            for f, v, s, e in self.spans(text)
        ]

    def spans(self, text: str) -> list[tuple[str, str, int, int]]:
        """``match`` as plain ``(facet, value, start, end)`` tuples, in the same order."""
        if not text or self._matcher is None:
            return []
        folded, index = fold(text)
        found = self._matcher.spans(folded, index, text)
        if len(found) > 1:
            rank = self._matcher.order
            found.sort(key=lambda t: (rank[t[0]], t[2]))
        return found


@dataclass(frozen=True, slots=True, kw_only=True)
class Labels:
    """Words for facets and values, from the taxonomy."""

    facets: Mapping[str, str]
    values: Mapping[tuple[str, str], str]
    descriptions: Mapping[tuple[str, str], str]

    def value(self, facet: str, value: str) -> str:
        """A value's label (its id in words when the taxonomy has none)."""
        return self.values.get((facet, value), value.replace("_", " "))


def labels_of(taxonomy: Taxonomy | None) -> Labels:
    """The words of ``taxonomy`` for its facets and values (``None`` gives empty labels)."""
    facets = taxonomy.facets if taxonomy is not None else ()
    return Labels(
        facets={f.id: f.label for f in facets},
        values={(f.id, v.id): v.label for f in facets for v in f.values},
        descriptions={(f.id, v.id): v.description for f in facets for v in f.values},
    )


# -- loading ----------------------------------------------------------------------------------
def load_taxonomy(text: str, path: str = "<string>") -> Taxonomy:
    """Read a taxonomy from YAML ``text``; a broken file raises InputError naming the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError(f"bad YAML: {problem}", path=path, line=line) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise InputError("a taxonomy must be a mapping with a 'facets' list", path=path, line=1)
    top = _mapping(root, path, frozenset({"facets"}))
    facets_node = top.get("facets")
    items = _items(facets_node, path, "facets")
    if not items:
        raise InputError(
            "'facets' must be a non-empty list or mapping",
            path=path,
            line=node_line(facets_node or root),
        )
    warnings: list[str] = []
    facets = tuple(_facet(k, n, path, warnings) for k, n in items)
    _unique([(f.id, k or n) for f, (k, n) in zip(facets, items, strict=True)], "facet", path)
    data = [
        [
            f.id,
            f.label,
            f.description,
            f.exclusive,
            [
                [v.id, v.label, v.description, list(v.synonyms), list(v.exclude), v.fallback]
                for v in f.values
            ],
        ]
        for f in facets
    ]
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()
    return Taxonomy(
        facets=facets,
        hash=digest,
        warnings=tuple(warnings),
        _matcher=compile_matcher(
            (f.id, v.id, v.synonyms, v.exclude) for f in facets for v in f.values
        ),
    )


def _items(
    node: yaml.Node | None, path: str, what: str
) -> list[tuple[yaml.Node | None, yaml.Node]]:
    """Entries of a list of mappings with ``id``, or of a mapping ``id: body``."""
    if isinstance(node, yaml.SequenceNode):
        return [(None, n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return [(k, v) for k, v in node.value]
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        return []
    raise InputError(f"'{what}' must be a list or a mapping", path=path, line=node_line(node))


def _facet(key: yaml.Node | None, node: yaml.Node, path: str, warnings: list[str]) -> Facet:
    """One facet (``key`` is its id when facets are written as a mapping)."""
    m = _mapping(node, path, FACET_KEYS)
    fid = _ident(m, key or node, path, "facet", key)
    items = _items(m.get("values"), path, "values")
    if not items:
        raise InputError(
            f"facet '{fid}' needs a non-empty 'values' list",
            path=path,
            line=node_line(m.get("values") or node),
        )
    values = tuple(_value(k, n, path, fid, warnings) for k, n in items)
    _unique(
        [(v.id, k or n) for v, (k, n) in zip(values, items, strict=True)], f"value of '{fid}'", path
    )
    return Facet(
        id=fid,
        label=_str(m.get("label"), path) or fid,
        values=values,
        description=_str(m.get("description"), path),
        exclusive=flag(m.get("exclusive"), path),
    )


def _value(
    key: yaml.Node | None, node: yaml.Node, path: str, facet: str, warnings: list[str]
) -> Value:
    """One value (``key`` is its id when values are written as a mapping)."""
    m = _mapping(node, path, VALUE_KEYS)
    vid = _ident(m, key or node, path, "value", key)
    synonyms = _phrases(m.get("synonyms"), path)
    if not synonyms:
        warnings.append(
            f"{path}:{node_line(key or node)}: value '{facet}.{vid}' has no synonyms; "
            f"the rules will never tag it"
        )
    return Value(
        id=vid,
        label=_str(m.get("label"), path) or vid,
        description=_str(m.get("description"), path),
        synonyms=synonyms,
        exclude=_phrases(m.get("exclude"), path),
        fallback=flag(m.get("fallback"), path),
    )


def _mapping(node: yaml.Node, path: str, allowed: frozenset[str]) -> dict[str, yaml.Node]:
    """A mapping node as a dict of key -> value node; unknown keys raise."""
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise InputError("expected a mapping (key: value)", path=path, line=node_line(node))
    out: dict[str, yaml.Node] = {}
    lines: dict[str, int | None] = {}
    for k, v in node.value:
        key = str(k.value) if isinstance(k, yaml.ScalarNode) else "a list or mapping"
        if key in out:  # YAML would keep the last: the first would be lost without a word
            raise InputError(
                f"'{key}' given twice (first at line {lines[key]})", path=path, line=node_line(k)
            )
        lines[key] = node_line(k)
        if key not in allowed:
            raise InputError(
                f"unknown key '{key}' (expected one of {', '.join(sorted(allowed))})",
                path=path,
                line=node_line(k),
            )
        out[key] = v
    return out


def _ident(
    m: dict[str, yaml.Node], node: yaml.Node, path: str, what: str, key: yaml.Node | None = None
) -> str:
    """The id of a facet or value (its mapping key, or its ``id`` field): lower_snake_case."""
    ident = _str(key, path) if key is not None else _str(m.get("id"), path)
    if not _ID.match(ident):
        raise InputError(
            f"{what} id {ident!r} must be lower_snake_case",
            path=path,
            line=node_line(m.get("id") or node),
        )
    return ident


def _str(node: yaml.Node | None, path: str) -> str:
    """A scalar as a string ('' when absent)."""
    if node is None:
        return ""
    if not isinstance(node, yaml.ScalarNode):
        raise InputError("expected a single value", path=path, line=node_line(node))
    return check_characters(str(node.value).strip(), path, node_line(node))


def _strings(node: yaml.Node | None, path: str) -> tuple[str, ...]:
    """A list of scalars (or one scalar) as strings, empties dropped."""
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    return tuple(s for s in (_str(n, path) for n in items) if s)


def _phrases(node: yaml.Node | None, path: str) -> tuple[str, ...]:
    """Synonyms (or excludes) as :func:`_strings` reads them; one longer than the limits
    (:data:`~litreview.core.limits.MAX_SYNONYM_WORDS` words or
    :data:`~litreview.core.limits.MAX_SYNONYM_CHARS` characters) is an InputError."""
    phrases = _strings(node, path)
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        text = _str(item, path)
        if len(text) > MAX_SYNONYM_CHARS or len(text.split()) > MAX_SYNONYM_WORDS:
            raise InputError(
                f"synonym longer than {MAX_SYNONYM_WORDS} words or {MAX_SYNONYM_CHARS} "
                f"characters: {text[:40]!r}...",
                path=path,
                line=node_line(item),
            )
    return phrases


def _unique(items: list[tuple[str, yaml.Node]], what: str, path: str) -> None:
    """Raise on the first duplicate id."""
    seen: set[str] = set()
    for ident, node in items:
        if ident in seen:
            raise InputError(f"duplicate {what} id '{ident}'", path=path, line=node_line(node))
        seen.add(ident)
