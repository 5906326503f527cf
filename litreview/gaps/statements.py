"""Gap statements: sentences of a document saying evidence, research or data is missing.

Cue patterns live in data (``litreview/data/gap_cues.yaml``, or a review's own
``bibliography/gap_cues.yaml``), read by :func:`load_cues`. :func:`find_statements` splits
the text into sentences (body and footnotes alike), keeps those with a positive cue that no
negative cue (a shortfall of policy, capacity or resources) covers, and tags each with the
taxonomy's facets, looking back to the sentences before and the section heading when the
statement itself does not name them ("Further research on this is required").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from litreview.core.errors import InputError
from litreview.core.model import GapStatement
from litreview.core.text import (
    SUPERSCRIPTS,
    Heading,
    Span,
    find_headings,
    is_list_item,
    section_at,
    sentences,
)
from litreview.taxonomy import Taxonomy

__all__ = ["Cue", "Cues", "default_cues", "default_cues_text", "find_statements", "load_cues"]

_TOP_KEYS = frozenset(
    {"evidence_terms", "positive", "negative", "hedges", "anaphora", "context_sentences"}
)
_CUE_KEYS = frozenset({"id", "pattern", "strength", "needs_evidence_term", "needs_previous_gap"})
_STRENGTHS = frozenset({"explicit", "implicit"})
_FLAGS = re.IGNORECASE


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """One positive or negative cue pattern."""

    id: str
    pattern: re.Pattern[str]
    strength: str = "explicit"
    needs_evidence_term: bool = False
    needs_previous_gap: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Cues:
    """Every cue of a cue file, compiled."""

    positive: tuple[Cue, ...]
    negative: tuple[Cue, ...] = ()
    evidence: re.Pattern[str] | None = None
    hedges: tuple[re.Pattern[str], ...] = ()
    anaphora: tuple[re.Pattern[str], ...] = ()
    context_sentences: int = 2


# -- loading ---------------------------------------------------------------------------------
def default_cues_text() -> str:
    """The text of the cue file shipped with litreview."""
    path = resources.files("litreview").joinpath("data", "gap_cues.yaml")
    return path.read_text(encoding="utf-8")


def default_cues() -> Cues:
    """The cues shipped with litreview."""
    return load_cues(default_cues_text(), "litreview/data/gap_cues.yaml")


def review_cues(own: tuple[str, str] | None) -> Cues:
    """A review's cues: its own file's ``(text, path)`` when it has one, else the shipped ones."""
    return default_cues() if own is None else load_cues(*own)


def load_cues(text: str, path: str = "<string>") -> Cues:
    """Read a cue file; a broken file or pattern raises InputError naming the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"bad YAML: {getattr(exc, 'problem', '') or 'not valid YAML'}",
            path=path,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError("a cue file must be a mapping with a 'positive' list", path=path, line=1)
    top = _mapping(root, path, _TOP_KEYS)
    positive = tuple(_cue(n, path) for n in _seq(top.get("positive"), path, required=True))
    negative = tuple(_cue(n, path) for n in _seq(top.get("negative"), path))
    terms = [str(n.value) for n in _seq(top.get("evidence_terms"), path)]
    alternatives = "|".join(map(re.escape, terms))
    evidence = re.compile(rf"\b(?:{alternatives})\b", _FLAGS) if terms else None
    context = top.get("context_sentences")
    return Cues(
        positive=positive,
        negative=negative,
        evidence=evidence,
        hedges=tuple(_regex(n, path) for n in _seq(top.get("hedges"), path)),
        anaphora=tuple(_regex(n, path) for n in _seq(top.get("anaphora"), path)),
        context_sentences=int(context.value) if isinstance(context, yaml.ScalarNode) else 2,
    )


def _cue(node: yaml.Node, path: str) -> Cue:
    """One cue mapping."""
    m = _mapping(node, path, _CUE_KEYS)
    if "id" not in m or "pattern" not in m:
        raise InputError("a cue needs an 'id' and a 'pattern'", path=path, line=_line(node))
    strength = str(m["strength"].value) if "strength" in m else "explicit"
    if strength not in _STRENGTHS:
        raise InputError(
            f"strength must be explicit or implicit, not {strength!r}",
            path=path,
            line=_line(m["strength"]),
        )
    return Cue(
        id=str(m["id"].value),
        pattern=_regex(m["pattern"], path),
        strength=strength,
        needs_evidence_term=_flag(m.get("needs_evidence_term")),
        needs_previous_gap=_flag(m.get("needs_previous_gap")),
    )


def _regex(node: yaml.Node, path: str) -> re.Pattern[str]:
    """A scalar compiled as a case-insensitive regular expression."""
    if not isinstance(node, yaml.ScalarNode):
        raise InputError("expected a pattern", path=path, line=_line(node))
    try:
        return re.compile(str(node.value), _FLAGS)
    except re.error as exc:
        raise InputError(f"bad pattern: {exc}", path=path, line=_line(node)) from None


def _mapping(node: yaml.Node, path: str, allowed: frozenset[str]) -> dict[str, Any]:
    """A mapping node as key -> node; unknown keys raise."""
    if not isinstance(node, yaml.MappingNode):
        raise InputError("expected a mapping (key: value)", path=path, line=_line(node))
    out: dict[str, Any] = {}
    for k, v in node.value:
        if str(k.value) not in allowed:
            known = ", ".join(sorted(allowed))
            raise InputError(
                f"unknown key '{k.value}' (expected one of {known})", path=path, line=_line(k)
            )
        out[str(k.value)] = v
    return out


def _seq(node: yaml.Node | None, path: str, *, required: bool = False) -> list[yaml.Node]:
    """The items of a list node ([] when absent unless ``required``)."""
    if node is None and not required:
        return []
    if not isinstance(node, yaml.SequenceNode) or (required and not node.value):
        raise InputError("expected a non-empty list", path=path, line=_line(node) or 1)
    return list(node.value)


def _flag(node: yaml.Node | None) -> bool:
    """A YAML boolean scalar."""
    return node is not None and str(node.value).lower() in {"true", "yes", "1"}


def _line(node: Any) -> int | None:
    """The 1-based line of a YAML node."""
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


# -- finding ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Hit:
    """A sentence and the cue that made it a gap statement."""

    index: int
    cue: Cue
    at: int


def find_statements(doc_id: str, text: str, cues: Cues, taxonomy: Taxonomy) -> list[GapStatement]:
    """Every gap statement of ``text`` in document order, with offsets, section, facets and
    strength; ``text[s.char_start:s.char_end] == s.quote`` for each."""
    spans = sentences(text)
    flat = [_flatten(text[s.start : s.end]) for s in spans]
    hits: dict[int, _Hit] = {}
    for i, sentence in enumerate(flat):
        previous = any(j in hits for j in range(max(0, i - 2), i))
        found = _first_cue(sentence, cues, previous=previous)
        if found is None and _continues_list(text, spans, i, hits):
            found = hits[i - 1].cue, 0
        if found is not None:
            hits[i] = _Hit(i, *found)
    headings = find_headings(text)
    notes = [_footnote_of(text, s) for s in spans]
    return [
        _statement(doc_id, text, spans, flat, notes, headings, hit, cues, taxonomy)
        for hit in hits.values()
    ]


def _flatten(sentence: str) -> str:
    """A sentence as cues read it: emphasis marks dropped, whitespace runs as one space."""
    return _SPACES.sub(" ", sentence.replace("*", ""))


_SPACES = re.compile(r"\s+")
_HEDGE_WINDOW = 25


def _first_cue(sentence: str, cues: Cues, *, previous: bool) -> tuple[Cue, int] | None:
    """The first positive cue matching ``sentence`` outside every negative match, and where."""
    blocked = [m.span() for neg in cues.negative for m in neg.pattern.finditer(sentence)]
    has_term = cues.evidence is None or bool(cues.evidence.search(sentence))
    for cue in cues.positive:
        if (cue.needs_evidence_term and not has_term) or (cue.needs_previous_gap and not previous):
            continue
        for m in cue.pattern.finditer(sentence):
            if not any(a <= m.start() and m.end() <= b for a, b in blocked):
                return cue, m.start()
    return None


def _continues_list(text: str, spans: list[Span], i: int, hits: dict[int, _Hit]) -> bool:
    """A list item right after a gap statement ending in ``:`` or after another such item."""
    if i == 0 or i - 1 not in hits or not is_list_item(text, spans[i].start):
        return False
    prev = spans[i - 1]
    return text[prev.start : prev.end].rstrip("*_ ").endswith(":") or is_list_item(text, prev.start)


def _footnote_of(text: str, span: Span) -> int:
    """-1 for a body sentence; for a footnote sentence (its paragraph opens with a footnote
    number), the paragraph's start, so sentences of one note share a value."""
    found = text.rfind("\n\n", 0, span.start)
    para_start = found + 2 if found >= 0 else 0
    head = text[para_start : span.start].lstrip()
    return para_start if head and head[0] in SUPERSCRIPTS else -1


def _statement(
    doc_id: str,
    text: str,
    spans: list[Span],
    flat: list[str],
    notes: list[int],
    headings: list[Heading],
    hit: _Hit,
    cues: Cues,
    taxonomy: Taxonomy,
) -> GapStatement:
    """The GapStatement for one hit: quote, section, strength and facet values."""
    span = spans[hit.index]
    strength = hit.cue.strength
    before = flat[hit.index][max(0, hit.at - _HEDGE_WINDOW) : hit.at + 1]
    if strength == "explicit" and any(h.search(before) for h in cues.hedges):
        strength = "implicit"
    section = section_at(headings, span.start)
    facets = _facet_values(flat, notes, hit.index, section, cues, taxonomy)
    return GapStatement(
        doc_id=doc_id,
        char_start=span.start,
        char_end=span.end,
        section=section,
        quote=text[span.start : span.end],
        strength=strength,
        cue=hit.cue.id,
        facets=facets,
    )


def _facet_values(
    flat: list[str], notes: list[int], i: int, section: str, cues: Cues, taxonomy: Taxonomy
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Facet values of sentence ``i``, one entry per taxonomy facet in taxonomy order; a facet
    it does not name comes from up to ``context_sentences`` sentences before (when it refers
    back; body sentences look back over the body, a footnote only within its own note) and
    then the heading."""
    own = _values(taxonomy, flat[i])
    refers_back = any(a.search(flat[i]) for a in cues.anaphora)
    before = [j for j in range(i - 1, -1, -1) if notes[j] == notes[i]][: cues.context_sentences]
    context = [_values(taxonomy, flat[j]) for j in before] if refers_back else []
    context.append(_values(taxonomy, section))
    out: list[tuple[str, tuple[str, ...]]] = []
    for facet in taxonomy.facet_ids:
        found = own.get(facet) or next((c[facet] for c in context if c.get(facet)), ())
        out.append((facet, tuple(sorted(found))))
    return tuple(out)


def _values(taxonomy: Taxonomy, text: str) -> dict[str, set[str]]:
    """Facet id -> the values the taxonomy finds in ``text``."""
    out: dict[str, set[str]] = {}
    for m in taxonomy.match(text) if text else []:
        out.setdefault(m.facet, set()).add(m.value)
    return out
