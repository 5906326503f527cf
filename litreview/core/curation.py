"""The curator's file ``bibliography/curation.yaml``: read, never written.

The layout (see ``CURATION_TEMPLATE`` in :mod:`litreview.commands.init`)::

    tags:
      add:    [{work, facet, value, reason}]
      remove: [{work, facet, value, reason}]
      accept: [{work, facet, value, reason}]   # suggestions (suggestions.csv) a person accepts
    works:
      merge:          [{keep, drop, reason}]
      not_duplicates: [{works: [key, key, ...], reason}]

Every entry keeps the line it was written on so a problem can point at it. Bad YAML is an
:class:`InputError` with its line; unknown keys and missing fields are :class:`Problem` records
and the entry is skipped.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from litreview.core.errors import InputError, Problem
from litreview.core.files import check_characters

__all__ = [
    "Curation",
    "NotDuplicate",
    "TagEdit",
    "WorkMerge",
    "load_curation",
    "unknown_references",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class TagEdit:
    """A tag a curator adds to, or removes from, a work."""

    work: str
    facet: str
    value: str
    reason: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkMerge:
    """Two citekeys that name one work: ``drop`` is folded into ``keep``."""

    keep: str
    drop: str
    reason: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NotDuplicate:
    """Works a curator says are different although they look alike."""

    works: frozenset[str]
    reason: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Curation:
    """Everything a curator wrote, in file order."""

    tag_add: tuple[TagEdit, ...] = ()
    tag_remove: tuple[TagEdit, ...] = ()
    tag_accept: tuple[TagEdit, ...] = ()
    merges: tuple[WorkMerge, ...] = ()
    not_duplicates: tuple[NotDuplicate, ...] = ()

    def not_duplicate_sets(self) -> tuple[frozenset[str], ...]:
        """The ``not_duplicates`` entries as sets of citekeys (for :func:`dedup.merge_into`)."""
        return tuple(n.works for n in self.not_duplicates)


_SECTIONS = {"tags": ("add", "remove", "accept"), "works": ("merge", "not_duplicates")}
_FIELDS = {
    "add": (("work", "facet", "value"), ("reason",)),
    "remove": (("work", "facet", "value"), ("reason",)),
    "accept": (("work", "facet", "value"), ("reason",)),
    "merge": (("keep", "drop"), ("reason",)),
    "not_duplicates": (("works",), ("reason",)),
}


class _Reader:
    """Collects problems while walking the composed YAML tree."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str, severity: str = "error") -> None:
        """Record a problem at ``node``'s line."""
        self.problems.append(
            Problem(
                path=self.path, line=node.start_mark.line + 1, severity=severity, message=message
            )
        )

    def pairs(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """A mapping node's ``(key, key node, value node)`` in file order, a key given twice
        as often as given; anything else, or a key that is not a word, is a problem."""
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return []
        out = []
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                out.append((str(k.value), k, v))
            else:
                self.problem(k, f"a key of {what} must be a word, not a list or mapping")
        return out

    def sections(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """A mapping of sections as :meth:`pairs`; a section given twice is read twice (each
        holds entries: none is lost), with a warning."""
        items = self.pairs(node, what)
        first: dict[str, int] = {}
        for key, k, _ in items:
            line = k.start_mark.line + 1
            if key in first:
                self.problem(
                    k,
                    f"{key!r} given twice in {what} (first at line {first[key]}); "
                    f"the entries of both are read",
                    severity="warning",
                )
            first.setdefault(key, line)
        return items

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """A sequence node's items; an empty value is an empty list."""
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return []
        return list(node.value)

    def entry(self, node: yaml.Node, kind: str) -> dict[str, Any] | None:
        """One entry's fields, or ``None`` (with a problem) when it is malformed."""
        items = self.pairs(node, f"an entry of {kind}")
        first: dict[str, int] = {}
        for key, knode, _ in items:
            if key in first:  # which of the two did the curator mean?
                self.problem(
                    knode,
                    f"{key!r} given twice in an entry of {kind} (first at line {first[key]}); "
                    f"entry skipped",
                )
                return None
            first[key] = knode.start_mark.line + 1
        fields = {key: (knode, vnode) for key, knode, vnode in items}
        if not fields:
            if isinstance(node, yaml.MappingNode):
                self.problem(node, f"empty entry in {kind}")
            return None
        required, optional = _FIELDS[kind]
        for name, (knode, _) in fields.items():
            if name not in required and name not in optional:
                self.problem(
                    knode,
                    f"unknown key {name!r} in {kind} (expected {', '.join(required + optional)})",
                )
        missing = [f for f in required if f not in fields or _blank(fields[f][1])]
        if missing:
            self.problem(node, f"{kind} entry lacks {', '.join(missing)}")
            return None
        out: dict[str, Any] = {}
        for name, (_, vnode) in fields.items():
            if name not in required and name not in optional:
                continue  # reported above
            if name == "works":
                out[name] = self.key_list(vnode)
            elif isinstance(vnode, yaml.ScalarNode):
                out[name] = str(vnode.value).strip()
            else:
                self.problem(vnode, f"{name!r} in {kind} must be a single value")
                return None
        if kind == "not_duplicates" and len(out["works"]) < 2:
            self.problem(node, "not_duplicates entry must name at least two works")
            return None
        return out

    def key_list(self, node: yaml.Node) -> frozenset[str]:
        """A list of citekeys."""
        items = self.sequence(node, "works")
        keys = []
        for item in items:
            if isinstance(item, yaml.ScalarNode) and str(item.value).strip():
                keys.append(str(item.value).strip())
            else:
                self.problem(item, "each of works must be a citekey")
        return frozenset(keys)


def _blank(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not str(node.value).strip()


def _compose(text: str, path: str) -> yaml.Node | None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"bad YAML: {problem}", path=path, line=line) from None
    stack = [root] if root is not None else []
    seen: set[int] = set()  # aliases share nodes (and may loop)
    while stack:  # every scalar a real character string (no escaped lone surrogate)
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            check_characters(str(node.value), path, node.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
    return root


def load_curation(text: str, path: str) -> tuple[Curation, list[Problem]]:
    """Parse a curation file's text into a :class:`Curation` and the problems found.

    An empty text is an empty curation. Bad YAML raises :class:`InputError` with its line.
    """
    root = _compose(text, path)
    reader = _Reader(path)
    if root is None:
        return Curation(), []
    found: dict[str, list[dict[str, Any]]] = {k: [] for k in _FIELDS}
    for section, knode, vnode in reader.sections(root, "the curation file"):
        if section not in _SECTIONS:
            reader.problem(knode, f"unknown section {section!r} (expected tags, works)")
            continue
        for sub, sknode, svnode in reader.sections(vnode, section):
            if sub not in _SECTIONS[section]:
                reader.problem(
                    sknode,
                    f"unknown key {sub!r} under {section} "
                    f"(expected {', '.join(_SECTIONS[section])})",
                )
                continue
            for item in reader.sequence(svnode, f"{section}.{sub}"):
                entry = reader.entry(item, sub)
                if entry is not None:
                    entry["line"] = item.start_mark.line + 1
                    found[sub].append(entry)
    curation = Curation(
        tag_add=tuple(TagEdit(**e) for e in found["add"]),
        tag_remove=tuple(TagEdit(**e) for e in found["remove"]),
        tag_accept=tuple(TagEdit(**e) for e in found["accept"]),
        merges=tuple(WorkMerge(**e) for e in found["merge"]),
        not_duplicates=tuple(NotDuplicate(**e) for e in found["not_duplicates"]),
    )
    return curation, reader.problems


def unknown_references(
    curation: Curation,
    work_keys: Collection[str],
    taxonomy_values: Mapping[str, set[str]] | None = None,
    path: str = "curation.yaml",
) -> list[Problem]:
    """Problems for curation lines that name a work (or a facet value) that does not exist.

    ``taxonomy_values`` maps facet id -> value ids; when ``None`` facets are not checked.
    """
    keys = set(work_keys)
    out: list[Problem] = []

    def report(line: int | None, message: str) -> None:
        out.append(Problem(path=path, line=line, severity="warning", message=message))

    for edit in curation.tag_add + curation.tag_remove + curation.tag_accept:
        if edit.work not in keys:
            report(edit.line, f"unknown work {edit.work!r}")
        if taxonomy_values is not None:
            if edit.facet not in taxonomy_values:
                report(edit.line, f"unknown facet {edit.facet!r}")
            elif edit.value not in taxonomy_values[edit.facet]:
                report(edit.line, f"unknown value {edit.value!r} of facet {edit.facet!r}")
    for merge in curation.merges:
        for key in (merge.keep, merge.drop):
            if key not in keys:
                report(merge.line, f"unknown work {key!r}")
    for nd in curation.not_duplicates:
        for key in sorted(nd.works - keys):
            report(nd.line, f"unknown work {key!r}")
    return out
