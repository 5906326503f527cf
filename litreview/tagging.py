"""Rule tagging with evidence: every tag points at the words that produced it.

A work is tagged from its own fields (title, container, keywords, abstract, note), from the
citing contexts of each of its citations (the heading of the section it is cited under, the
citing sentence, the paragraph) and, when the work is itself a document under review, from
the document's full text. Each synonym hit is a candidate row with a strength (``LEVELS``);
the hits of one (work, facet, value) are combined as ``1 - prod(1 - s)`` over evidence units
(a field, a heading, a sentence, a paragraph: several hits inside one unit count once), and the
value is kept when the combined score reaches ``threshold``. A heading that names several values
of a facet shares its strength among them, so a section's subject outweighs a passing mention
and a two-subject heading does not assert both on its own. Curated additions and removals win.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .curation import Curation
from .errors import Problem
from .model import Citation, Document, Evidence, Tag, Work
from .taxonomy import Match, Taxonomy
from .text import find_headings, paragraphs

__all__ = [
    "FIELDS",
    "LEVELS",
    "THRESHOLD",
    "TaggingResult",
    "apply_curation",
    "tag_corpus",
    "tag_work_fields",
    "work_scores",
]

FIELDS = ("title", "container", "keywords", "abstract", "note")
#: strength of one hit by where it was found
LEVELS: Mapping[str, float] = {
    "title": 0.9,
    "keywords": 0.8,
    "abstract": 0.6,
    "container": 0.4,
    "note": 0.4,
    "heading": 0.9,
    "sentence": 0.7,
    "paragraph": 0.15,
    "text": 0.25,
}
THRESHOLD = 0.55
#: a span naming several values of a facet shares its strength: heading 1/n, sentence 2/n
SHARED: Mapping[str, float] = {"heading": 1.0, "sentence": 2.0}
TEXT_ROWS = 3  # evidence rows kept per value for a document's full text


@dataclass(frozen=True, slots=True, kw_only=True)
class TaggingResult:
    """Tags (one per evidence row), works with no text at all, and problems found."""

    tags: tuple[Tag, ...]
    untaggable: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class _Hit:
    """A candidate tag row and the evidence unit it belongs to."""

    tag: Tag
    unit: tuple[str, str, int]


def tag_corpus(
    works: Sequence[Work],
    citations: Sequence[Citation],
    texts: Mapping[str, str],
    documents: Sequence[Document],
    taxonomy: Taxonomy,
    curation: Curation | None = None,
    *,
    threshold: float = THRESHOLD,
    curation_path: str = "bibliography/curation.yaml",
) -> TaggingResult:
    """Tag every work; see the module docstring for how evidence is weighed."""
    if not works:
        return TaggingResult(
            tags=(),
            problems=(
                Problem(
                    path="",
                    line=None,
                    severity="error",
                    message="the corpus has no works: "
                    "ingest documents or import a bibliography first",
                ),
            ),
        )
    keys = {w.key for w in works}
    redirect = {m.drop: m.keep for m in curation.merges} if curation else {}
    hits: dict[str, list[_Hit]] = defaultdict(list)
    for work in works:
        hits[work.key].extend(tag_work_fields(work, taxonomy))
    contexts = _ContextTagger(texts, taxonomy)
    for cit in citations:
        key = redirect.get(cit.work_key, cit.work_key)
        if key in keys:
            hits[key].extend(contexts.hits(key, cit))
    for doc in documents:
        key = redirect.get(doc.work_key, doc.work_key)
        if key in keys and texts.get(doc.doc_id):
            hits[key].extend(_text_hits(key, doc.doc_id, texts[doc.doc_id], taxonomy))
    tags = [t for key in sorted(hits) for t in _accept(hits[key], threshold, taxonomy.fallbacks)]
    problems: list[Problem] = []
    if curation is not None:
        tags, problems = apply_curation(tags, curation, keys, taxonomy, curation_path)
    return TaggingResult(
        tags=tuple(tags),
        untaggable=_untaggable(works, citations, documents, redirect),
        problems=tuple(problems),
    )


def tag_work_fields(work: Work, taxonomy: Taxonomy) -> list[_Hit]:
    """Hits in the work's own fields; evidence offsets index the field's value."""
    out: list[_Hit] = []
    for name in FIELDS:
        value = "; ".join(work.keywords) if name == "keywords" else getattr(work, name)
        source = f"rule:field:{name}:{taxonomy.short_hash}"
        # a work with no title is named by its container (a web page's site, a chapter's book)
        level = "title" if name == "container" and not work.title.strip() else name
        for m in taxonomy.match(value):
            ev = Evidence(quote=m.phrase, char_start=m.start, char_end=m.end, field=name)
            out.append(_Hit(_tag(work.key, m, source, ev, LEVELS[level]), ("field", name, 0)))
    return out


class _ContextTagger:
    """Matches citing contexts, caching the matches of each document span."""

    def __init__(self, texts: Mapping[str, str], taxonomy: Taxonomy) -> None:
        self.texts = texts
        self.taxonomy = taxonomy
        self.exclusive = frozenset(f.id for f in taxonomy.facets if f.exclusive)
        self._paras: dict[str, list[tuple[int, int]]] = {}
        self._heads: dict[str, dict[str, list[tuple[int, int]]]] = {}
        self._memo: dict[tuple[str, int, int], list[Match]] = {}

    def hits(self, key: str, cit: Citation) -> list[_Hit]:
        """Hits from the heading, sentence and paragraph around one citation."""
        text = self.texts.get(cit.doc_id, "")
        span = _locate(text, cit)
        out: list[_Hit] = []
        if span is None:  # a context we cannot find in the text: quote it, without offsets
            for level, value in (("sentence", cit.context), ("heading", cit.section)):
                out.extend(self._loose(key, cit, level, value))
            return out
        start, end = span
        out.extend(self._span_hits(key, cit.doc_id, text, "sentence", start, end))
        para = self._paragraph(cit.doc_id, text, start)
        if para is not None:
            out.extend(self._span_hits(key, cit.doc_id, text, "paragraph", *para))
        head = self._heading(cit.doc_id, text, cit.section, start)
        if head is not None:
            out.extend(self._span_hits(key, cit.doc_id, text, "heading", *head))
        elif cit.section:
            out.extend(self._loose(key, cit, "heading", cit.section))
        return out

    def _span_hits(
        self, key: str, doc_id: str, text: str, level: str, start: int, end: int
    ) -> list[_Hit]:
        """Hits inside ``text[start:end]`` with document offsets."""
        memo_key = (doc_id, start, end)
        matches = self._memo.get(memo_key)
        if matches is None:
            matches = self.taxonomy.match(text[start:end])
            self._memo[memo_key] = matches
        source = f"rule:context:{level}:{self.taxonomy.short_hash}"
        score = _shares(matches, level, self.exclusive)
        out = []
        for m in matches:
            s, e = start + m.start, start + m.end
            ev = Evidence(quote=text[s:e], doc_id=doc_id, char_start=s, char_end=e)
            strength = LEVELS[level] * (score.get((m.facet, m.value), 1.0) if score else 1.0)
            out.append(_Hit(_tag(key, m, source, ev, strength), (level, doc_id, start)))
        return out

    def _loose(self, key: str, cit: Citation, level: str, value: str) -> list[_Hit]:
        """Hits in a context string that is not found in the document (no offsets)."""
        matches = self.taxonomy.match(value)
        source = f"rule:context:{level}:{self.taxonomy.short_hash}"
        share = _shares(matches, level, self.exclusive) or {}
        return [
            _Hit(
                _tag(
                    key,
                    m,
                    source,
                    Evidence(quote=m.phrase, char_start=m.start, char_end=m.end, field=level),
                    LEVELS[level] * share.get((m.facet, m.value), 1.0),
                ),
                (level, cit.doc_id + "#" + value, 0),
            )
            for m in matches
        ]

    def _paragraph(self, doc_id: str, text: str, offset: int) -> tuple[int, int] | None:
        """The paragraph span holding ``offset``."""
        if doc_id not in self._paras:
            self._paras[doc_id] = [(p.start, p.end) for p in paragraphs(text)]
        paras = self._paras[doc_id]
        i = bisect_right(paras, (offset, len(text) + 1)) - 1
        if i >= 0 and paras[i][0] <= offset < paras[i][1]:
            return paras[i]
        return None

    def _heading(self, doc_id: str, text: str, section: str, offset: int) -> tuple[int, int] | None:
        """The span of the heading titled ``section`` nearest before ``offset``."""
        if not section:
            return None
        if doc_id not in self._heads:
            index: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for h in find_headings(text):
                index[_squash(h.title)].append((h.start, h.end))
            self._heads[doc_id] = index
        found = self._heads[doc_id].get(_squash(section), [])
        if found:
            i = bisect_right(found, (offset, len(text) + 1)) - 1
            return found[max(i, 0)] if i >= 0 else found[-1]
        at = text.rfind(section, 0, offset)
        return (at, at + len(section)) if at >= 0 else None


def _locate(text: str, cit: Citation) -> tuple[int, int] | None:
    """The citing sentence's span in the text: the stored offsets, else a search."""
    if not text or not cit.context:
        return None
    s, e = cit.char_start, cit.char_end
    if s is not None and e is not None and 0 <= s < e <= len(text):
        stored = text[s:e]
        if stored == cit.context or (cit.context.strip() and cit.context.strip() in stored):
            return s, e
    at = text.find(cit.context)
    return (at, at + len(cit.context)) if at >= 0 else None


def _shares(
    matches: Iterable[Match], level: str, exclusive: frozenset[str]
) -> dict[tuple[str, str], float] | None:
    """How much of a span's strength each value gets when the span names several values of a
    facet: a heading splits it among all of them (1/n); in an ``exclusive`` facet a sentence
    naming three or more is a list of examples and splits it too (2/n). ``None``: no split."""
    if level not in SHARED:
        return None
    per_facet: dict[str, set[str]] = defaultdict(set)
    for m in matches:
        if level == "heading" or m.facet in exclusive:
            per_facet[m.facet].add(m.value)
    free = SHARED[level]
    return {(f, v): min(1.0, free / len(vs)) for f, vs in per_facet.items() for v in vs}


def _text_hits(key: str, doc_id: str, text: str, taxonomy: Taxonomy) -> list[_Hit]:
    """Hits in a document's full text: every mention adds weight, a few rows are kept."""
    source = f"rule:text:{taxonomy.short_hash}"
    out = []
    for m in taxonomy.match(text):
        ev = Evidence(quote=m.phrase, doc_id=doc_id, char_start=m.start, char_end=m.end)
        out.append(_Hit(_tag(key, m, source, ev, LEVELS["text"]), ("text", doc_id, m.start)))
    return out


def _tag(key: str, m: Match, source: str, ev: Evidence, score: float) -> Tag:
    """A tag row for a match."""
    return Tag(
        work_key=key,
        facet=m.facet,
        value=m.value,
        source=source,
        evidence=ev,
        score=round(score, 4),
    )


def _accept(
    hits: list[_Hit], threshold: float, fallbacks: frozenset[tuple[str, str]] = frozenset()
) -> list[Tag]:
    """Rows of the (facet, value) pairs whose combined score reaches ``threshold``; a fallback
    value is dropped when another value of its facet is kept."""
    groups: dict[tuple[str, str], list[_Hit]] = defaultdict(list)
    for h in hits:
        groups[(h.tag.facet, h.tag.value)].append(h)
    kept = {fv: g for fv, g in groups.items() if _combined(g) + 1e-9 >= threshold}
    specific = {f for (f, v) in kept if (f, v) not in fallbacks}
    out: list[Tag] = []
    for (facet, value), group in kept.items():
        if (facet, value) in fallbacks and facet in specific:
            continue
        seen: set[tuple[str, str, int]] = set()  # one row per evidence unit: its best hit
        text_rows = 0
        for h in sorted(
            group, key=lambda h: (-h.tag.score, h.unit, h.tag.evidence.char_start or 0)
        ):
            if h.unit in seen or (h.unit[0] == "text" and text_rows >= TEXT_ROWS):
                continue
            text_rows += h.unit[0] == "text"
            seen.add(h.unit)
            out.append(h.tag)
    return out


def _combined(hits: Iterable[_Hit]) -> float:
    """``1 - prod(1 - s)`` over units, taking the best hit of each unit."""
    best: dict[tuple[str, str, int], float] = {}
    for h in hits:
        best[h.unit] = max(best.get(h.unit, 0.0), h.tag.score)
    return 1.0 - math.prod(1.0 - s for s in best.values())


def work_scores(tags: Iterable[Tag]) -> dict[tuple[str, str, str], float]:
    """The combined score of each (work, facet, value) from tag rows (curated rows count 1)."""
    units: dict[tuple[str, str, str], dict[tuple[str, str, object], float]] = defaultdict(dict)
    for t in tags:
        unit = (
            t.source.split(":")[2] if t.source.count(":") >= 2 else t.source,
            t.evidence.doc_id,
            t.evidence.char_start,
        )
        cell = units[(t.work_key, t.facet, t.value)]
        cell[unit] = max(cell.get(unit, 0.0), t.score)
    return {k: 1.0 - math.prod(1.0 - s for s in v.values()) for k, v in units.items()}


def apply_curation(
    tags: Sequence[Tag], curation: Curation, keys: set[str], taxonomy: Taxonomy, path: str
) -> tuple[list[Tag], list[Problem]]:
    """Curated removals drop every row of a tag; additions add a ``curator`` row. Unknown
    works or values are reported with their line and not applied."""
    problems: list[Problem] = []

    def valid(edit: object, kind: str) -> bool:
        work, facet, value, line = (getattr(edit, a) for a in ("work", "facet", "value", "line"))
        if work not in keys:
            problems.append(
                Problem(
                    path=path,
                    line=line,
                    severity="error",
                    message=f"tags {kind}: unknown work {work!r}",
                )
            )
            return False
        if not taxonomy.has_value(facet, value):
            problems.append(
                Problem(
                    path=path,
                    line=line,
                    severity="error",
                    message=f"tags {kind}: unknown value {facet}={value}",
                )
            )
            return False
        return True

    removed = {(e.work, e.facet, e.value) for e in curation.tag_remove if valid(e, "remove")}
    out = [t for t in tags if (t.work_key, t.facet, t.value) not in removed]
    for e in curation.tag_add:
        if valid(e, "add"):
            out.append(
                Tag(
                    work_key=e.work,
                    facet=e.facet,
                    value=e.value,
                    source="curator",
                    evidence=Evidence(quote=e.reason, field="curation"),
                    score=1.0,
                )
            )
    return out, problems


def _untaggable(
    works: Sequence[Work],
    citations: Sequence[Citation],
    documents: Sequence[Document],
    redirect: Mapping[str, str],
) -> tuple[str, ...]:
    """Works with no field text, no citing context and no document text."""
    with_context = {
        redirect.get(c.work_key, c.work_key)
        for c in citations
        if c.context.strip() or c.section.strip()
    }
    with_context |= {redirect.get(d.work_key, d.work_key) for d in documents}
    return tuple(
        sorted(
            w.key
            for w in works
            if w.key not in with_context
            and not any(
                (("; ".join(w.keywords)) if f == "keywords" else getattr(w, f)).strip()
                for f in FIELDS
            )
        )
    )


def _squash(s: str) -> str:
    """A heading title compared loosely: lower case, letters and digits only."""
    return "".join(ch for ch in s.lower() if ch.isalpha() or ch in "0123456789")
