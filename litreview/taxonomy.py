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
hyphen/space/no-space variants between words. Matching uses one compiled regular expression
per facet over a case- and diacritic-folded copy of the text; offsets are mapped back to the
text as given, so ``text[m.start:m.end] == m.phrase`` always holds.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from .errors import InputError

__all__ = ["Facet", "Match", "Taxonomy", "Value", "fold", "load_taxonomy", "synonym_pattern"]

FACET_KEYS = frozenset({"id", "label", "description", "values", "exclusive"})
VALUE_KEYS = frozenset({"id", "label", "description", "synonyms", "exclude", "fallback"})
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SEP = r"[\s\-\u2010-\u2015_/]*"


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
class Match:
    """A synonym found in a text: ``text[start:end] == phrase``."""

    facet: str
    value: str
    start: int
    end: int
    phrase: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Taxonomy:
    """Facets with values; ``hash`` is a content hash (comments and layout do not count)."""

    facets: tuple[Facet, ...]
    hash: str
    warnings: tuple[str, ...] = ()
    _matcher: _Matcher | None = field(default=None, repr=False, compare=False)

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
        if not text:
            return []
        if self._matcher is None:
            return []
        folded, index = fold(text)
        order = {f: i for i, f in enumerate(self.facet_ids)}
        return sorted(self._matcher.find(text, folded, index), key=lambda m: (order[m.facet], m.start))


_Candidate = tuple[re.Pattern[str], str, str]  # pattern, facet, value ("!value": an exclude)


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Every synonym pattern, indexed by the word tokens a match can start with.

    ``starts`` (one trie-shaped regex) finds the word tokens that begin some synonym; only
    there are the few candidate patterns tried with anchored ``match`` calls, so no big
    alternation is tried at every character. ``wild`` holds wildcard (``word*``) prefixes.
    """

    index: dict[str, tuple[_Candidate, ...]]
    wild: dict[str, tuple[_Candidate, ...]]
    starts: re.Pattern[str]
    memo: dict[str, tuple[_Candidate, ...]] = field(default_factory=dict)

    def candidates(self, word: str) -> tuple[_Candidate, ...]:
        """Patterns that may match at a word token ``word`` (memoised)."""
        found = self.memo.get(word)
        if found is None:
            found = self.index.get(word, ())
            if self.wild:
                found += tuple(c for k, cands in self.wild.items() if word.startswith(k) for c in cands)
            if len(self.memo) < _MEMO_MAX:
                self.memo[word] = found
        return found

    def find(self, text: str, folded: str, index: list[int] | None) -> list[Match]:
        """Leftmost-longest, non-overlapping (per facet) matches mapped back to ``text``."""
        out: list[Match] = []
        last_end: dict[str, int] = {}
        blocked: dict[tuple[str, str], int] = {}  # (facet, value) -> end of an exclude phrase
        for tok in self.starts.finditer(folded):
            pos = tok.start()
            best: dict[str, tuple[int, list[str]]] = {}
            for pattern, facet, value in self.candidates(tok.group()):
                if last_end.get(facet, -1) > pos:
                    continue
                m = pattern.match(folded, pos)
                if m is None:
                    continue
                if value.startswith("!"):
                    key = (facet, value[1:])
                    blocked[key] = max(blocked.get(key, -1), m.end())
                    continue
                end, values = best.get(facet, (-1, []))
                if m.end() > end:
                    best[facet] = (m.end(), [value])
                elif m.end() == end and value not in values:
                    values.append(value)
            for facet, (end, values) in best.items():
                kept = [v for v in values if blocked.get((facet, v), -1) < end]
                if kept:
                    last_end[facet] = end
                s, e = (pos, end) if index is None else (index[pos], index[end])
                out.extend(Match(facet=facet, value=v, start=s, end=e, phrase=text[s:e]) for v in kept)
        return out


_WORD = re.compile(r"\w+")
_MEMO_MAX = 200_000


def fold(text: str) -> tuple[str, list[int] | None]:
    """Lower-cased, diacritic-free ``text`` and a map from folded to original offsets.

    The map is ``None`` when offsets are unchanged (ASCII text, or every character folds to
    exactly one character), which is the common case.
    """
    if text.isascii():
        return text.lower(), None
    table = {ord(ch): _fold_char(ch) for ch in set(_NON_ASCII.findall(text))}
    if all(len(f) == 1 for f in table.values()):
        return text.translate(table).lower(), None
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = table[ord(ch)] if ord(ch) > 127 else ch.lower()
        chars.append(f)
        index.extend([i] * len(f))
    index.append(len(text))
    return "".join(chars), index


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One non-ASCII character lower-cased without diacritics (a space if nothing is left)."""
    return "".join(c for c in unicodedata.normalize("NFKD", ch.lower())
                   if not unicodedata.combining(c)) or " "


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def synonym_pattern(phrase: str) -> str:
    """The regex source for a synonym: words joined by optional separators, plural last word."""
    words = [w for w in re.split(r"[\s\-\u2010-\u2015_]+", fold(phrase.strip())[0]) if w]
    if not words:
        return ""
    parts = [re.escape(w) for w in words[:-1]]
    parts.append(_last_word(words[-1]))
    return r"(?<!\w)" + _SEP.join(parts) + r"(?!\w)"


def _last_word(word: str) -> str:
    """A word with a plural ending allowed (``*`` at the end: any word ending)."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    if len(word) > 3 and word.endswith("y") and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word.endswith(("s", "x", "sh", "ch")):
        return re.escape(word) + "(?:es)?"
    return re.escape(word) + "(?:s|es)?"


def _compile(facets: tuple[Facet, ...]) -> _Matcher:
    """Index every synonym (and exclude) pattern by the word tokens it can start with."""
    exact: dict[str, list[_Candidate]] = {}
    wild: dict[str, list[_Candidate]] = {}
    for facet in facets:
        for value in facet.values:
            phrases = [(s, value.id) for s in sorted(set(value.synonyms))]
            phrases += [(s, "!" + value.id) for s in sorted(set(value.exclude))]
            for phrase, tag in phrases:
                source = synonym_pattern(phrase)
                if not source:
                    continue
                cand = (re.compile(source), facet.id, tag)
                tokens, prefix = _first_tokens(phrase)
                for tok in tokens:
                    exact.setdefault(tok, []).append(cand)
                if prefix:
                    wild.setdefault(prefix, []).append(cand)
    # excludes first, so a phrase starting at the same word blocks the value
    def order(v: list[_Candidate]) -> tuple[_Candidate, ...]:
        return tuple(sorted(v, key=lambda c: not c[2].startswith("!")))

    alts = []
    if exact:
        alts.append("(?:" + _trie_regex(sorted(exact)) + r")(?!\w)")
    if wild:
        alts.append("(?:" + _trie_regex(sorted(wild)) + r")\w*")
    starts = re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")") if alts else _NEVER
    return _Matcher({k: order(v) for k, v in exact.items()}, {k: order(v) for k, v in wild.items()},
                    starts)


def _first_tokens(phrase: str) -> tuple[set[str], str]:
    """The word tokens (``\\w+``) a match of ``phrase`` can start with, and the prefix of a
    wildcard first word (``""`` if none)."""
    words = [w for w in re.split(r"[\s\-\u2010-\u2015_]+", fold(phrase.strip())[0]) if w]
    if not words:
        return set(), ""
    first = _WORD.match(words[0])
    if first is None:
        return set(), ""
    if len(words) == 1 and words[0].endswith("*"):
        return set(), words[0][:-1]
    tokens = {first.group()}
    if all(_WORD.fullmatch(w) for w in words):
        joined = "".join(words)
        tokens |= {joined, joined + "s", joined + "es"}
        if joined.endswith("y"):
            tokens.add(joined[:-1] + "ies")
    return tokens, ""


def _trie_regex(words: list[str]) -> str:
    """A regex matching exactly one of ``words``, factored as a trie (fast in ``re``)."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[0], []).append(w[1:])
    alts = []
    for head, tails in sorted(heads.items()):
        rest = [t for t in tails if t]
        if not rest:
            alts.append(re.escape(head))
        else:
            optional = "?" if "" in tails else ""
            alts.append(re.escape(head) + "(?:" + _trie_regex(rest) + ")" + optional)
    return "|".join(alts)


_NEVER = re.compile(r"(?!x)x")


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
        raise InputError("'facets' must be a non-empty list or mapping", path=path,
                         line=_line(facets_node or root))
    warnings: list[str] = []
    facets = tuple(_facet(k, n, path, warnings) for k, n in items)
    _unique([(f.id, k or n) for f, (k, n) in zip(facets, items, strict=True)], "facet", path)
    data = [[f.id, f.label, f.description, f.exclusive,
             [[v.id, v.label, v.description, list(v.synonyms), list(v.exclude), v.fallback]
              for v in f.values]]
            for f in facets]
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()
    return Taxonomy(facets=facets, hash=digest, warnings=tuple(warnings),
                    _matcher=_compile(facets))


def _items(node: yaml.Node | None, path: str, what: str) -> list[tuple[yaml.Node | None, yaml.Node]]:
    """Entries of a list of mappings with ``id``, or of a mapping ``id: body``."""
    if isinstance(node, yaml.SequenceNode):
        return [(None, n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return [(k, v) for k, v in node.value]
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        return []
    raise InputError(f"'{what}' must be a list or a mapping", path=path, line=_line(node))


def _facet(key: yaml.Node | None, node: yaml.Node, path: str, warnings: list[str]) -> Facet:
    """One facet (``key`` is its id when facets are written as a mapping)."""
    m = _mapping(node, path, FACET_KEYS)
    fid = _ident(m, key or node, path, "facet", key)
    items = _items(m.get("values"), path, "values")
    if not items:
        raise InputError(f"facet '{fid}' needs a non-empty 'values' list", path=path,
                         line=_line(m.get("values") or node))
    values = tuple(_value(k, n, path, fid, warnings) for k, n in items)
    _unique([(v.id, k or n) for v, (k, n) in zip(values, items, strict=True)], f"value of '{fid}'", path)
    return Facet(id=fid, label=_str(m.get("label"), path) or fid, values=values,
                 description=_str(m.get("description"), path),
                 exclusive=_flag(m.get("exclusive"), path))


def _value(key: yaml.Node | None, node: yaml.Node, path: str, facet: str, warnings: list[str]) -> Value:
    """One value (``key`` is its id when values are written as a mapping)."""
    m = _mapping(node, path, VALUE_KEYS)
    vid = _ident(m, key or node, path, "value", key)
    synonyms = _strings(m.get("synonyms"), path)
    if not synonyms:
        warnings.append(f"{path}:{_line(key or node)}: value '{facet}.{vid}' has no synonyms; "
                        f"the rules will never tag it")
    return Value(id=vid, label=_str(m.get("label"), path) or vid,
                 description=_str(m.get("description"), path), synonyms=synonyms,
                 exclude=_strings(m.get("exclude"), path), fallback=_flag(m.get("fallback"), path))


def _flag(node: yaml.Node | None, path: str) -> bool:
    """A true/false scalar (absent: false)."""
    text = _str(node, path).lower()
    if text not in ("", "true", "false", "yes", "no"):
        raise InputError(f"expected true or false, not {text!r}", path=path, line=_line(node))
    return text in ("true", "yes")


def _mapping(node: yaml.Node, path: str, allowed: frozenset[str]) -> dict[str, yaml.Node]:
    """A mapping node as a dict of key -> value node; unknown keys raise."""
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise InputError("expected a mapping (key: value)", path=path, line=_line(node))
    out: dict[str, yaml.Node] = {}
    for k, v in node.value:
        key = str(k.value)
        if key not in allowed:
            raise InputError(f"unknown key '{key}' (expected one of {', '.join(sorted(allowed))})",
                             path=path, line=_line(k))
        out[key] = v
    return out


def _ident(m: dict[str, yaml.Node], node: yaml.Node, path: str, what: str,
           key: yaml.Node | None = None) -> str:
    """The id of a facet or value (its mapping key, or its ``id`` field): lower_snake_case."""
    ident = _str(key, path) if key is not None else _str(m.get("id"), path)
    if not _ID.match(ident):
        raise InputError(f"{what} id {ident!r} must be lower_snake_case", path=path,
                         line=_line(m.get("id") or node))
    return ident


def _str(node: yaml.Node | None, path: str) -> str:
    """A scalar as a string ('' when absent)."""
    if node is None:
        return ""
    if not isinstance(node, yaml.ScalarNode):
        raise InputError("expected a single value", path=path, line=_line(node))
    return str(node.value).strip()


def _strings(node: yaml.Node | None, path: str) -> tuple[str, ...]:
    """A list of scalars (or one scalar) as strings, empties dropped."""
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    return tuple(s for s in (_str(n, path) for n in items) if s)


def _unique(items: list[tuple[str, yaml.Node]], what: str, path: str) -> None:
    """Raise on the first duplicate id."""
    seen: set[str] = set()
    for ident, node in items:
        if ident in seen:
            raise InputError(f"duplicate {what} id '{ident}'", path=path, line=_line(node))
        seen.add(ident)


def _line(node: Any) -> int | None:
    """The 1-based line where ``node`` starts."""
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None
