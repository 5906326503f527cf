"""Evidence hits: where the taxonomy's phrases occur in what is known about a work.

The hits of a work's own fields, of the citing contexts of its citations (sentence, paragraph,
section heading: located in the document's text, memoised per span since one span often
cites many works) and of a document's full text. A hit is a named tuple (see ``Hit``): the
tagger weighs them and builds ``Tag`` rows only for the values it accepts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple, TypeAlias

from litreview.core.model import Citation, Work
from litreview.core.text import find_headings, paragraphs
from litreview.taxonomy.facets import Taxonomy

__all__ = [
    "FIELDS",
    "LEVELS",
    "SHARED",
    "ContextTagger",
    "Hit",
    "Unit",
    "tag_work_fields",
    "text_hits",
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
#: a span naming several values of a facet shares its strength: heading 1/n, sentence 2/n
SHARED: Mapping[str, float] = {"heading": 1.0, "sentence": 2.0}

#: one evidence unit: (level or "field", doc_id or field name, start)
Unit: TypeAlias = tuple[str, str, int]


class Hit(NamedTuple):
    """A candidate tag row, built as a :class:`Tag` only if its value is accepted.

    A named tuple rather than a dataclass: a corpus makes millions of them, and tuples are
    built and sorted fastest.
    """

    facet: str
    value: str
    score: float
    unit: Unit
    source: str
    quote: str
    doc_id: str
    char_start: int
    char_end: int
    field: str


def tag_work_fields(work: Work, taxonomy: Taxonomy) -> list[Hit]:
    """Hits in the work's own fields; evidence offsets index the field's value."""
    out: list[Hit] = []
    for name in FIELDS:
        value = "; ".join(work.keywords) if name == "keywords" else getattr(work, name)
        if not value:
            continue
        source = f"rule:field:{name}:{taxonomy.short_hash}"
        # a work with no title is named by its container (a web page's site, a chapter's book)
        level = "title" if name == "container" and not work.title.strip() else name
        score = round(LEVELS[level], 4)
        unit = ("field", name, 0)
        out.extend(
            Hit(f, v, score, unit, source, value[s:e], "", s, e, name)
            for f, v, s, e in taxonomy.spans(value)
        )
    return out


class ContextTagger:
    """Matches citing contexts, caching the hits of each document span (they do not depend
    on the citing work, and one sentence, paragraph or heading often cites many works)."""

    def __init__(self, texts: Mapping[str, str], taxonomy: Taxonomy) -> None:
        self.texts = texts
        self.taxonomy = taxonomy
        self.exclusive = frozenset(f.id for f in taxonomy.facets if f.exclusive)
        self._paras: dict[str, list[tuple[int, int]]] = {}
        self._heads: dict[str, dict[str, list[tuple[int, int]]]] = {}
        self._memo: dict[tuple[str, str, int, int], list[Hit]] = {}
        self._loose_memo: dict[tuple[str, str, str], list[Hit]] = {}

    def hits(self, key: str, cit: Citation) -> list[Hit]:
        """Hits from the heading, sentence and paragraph around one citation."""
        text = self.texts.get(cit.doc_id, "")
        span = _locate(text, cit)
        if span is None:  # a context we cannot find in the text: quote it, without offsets
            return self._loose(cit, "sentence", cit.context) + self._loose(
                cit, "heading", cit.section
            )
        start, end = span
        out = self._span_hits(cit.doc_id, text, "sentence", start, end)
        para = self._paragraph(cit.doc_id, text, start)
        if para is not None:
            out = out + self._span_hits(cit.doc_id, text, "paragraph", *para)
        head = self._heading(cit.doc_id, text, cit.section, start)
        if head is not None:
            out = out + self._span_hits(cit.doc_id, text, "heading", *head)
        elif cit.section:
            out = out + self._loose(cit, "heading", cit.section)
        return out

    def heading(self, cit: Citation) -> tuple[Unit, int | None] | None:
        """The heading a citation sits under: its evidence unit (as :meth:`hits` names it) and
        where the section's title starts in the document (``None``: not located)."""
        if not cit.section:
            return None
        text = self.texts.get(cit.doc_id, "")
        span = _locate(text, cit)
        head = None if span is None else self._heading(cit.doc_id, text, cit.section, span[0])
        if head is None:
            return ("heading", cit.doc_id + "#" + cit.section, 0), None
        at = text.find(cit.section, head[0], head[1])
        return ("heading", cit.doc_id, head[0]), (at if at >= 0 else None)

    def _span_hits(self, doc_id: str, text: str, level: str, start: int, end: int) -> list[Hit]:
        """Hits inside ``text[start:end]`` with document offsets (memoised per span)."""
        memo_key = (level, doc_id, start, end)
        found = self._memo.get(memo_key)
        if found is not None:
            return found
        matches = self.taxonomy.spans(text[start:end])
        source = f"rule:context:{level}:{self.taxonomy.short_hash}"
        share = _shares(matches, level, self.exclusive) or {}
        unit = (level, doc_id, start)
        found = [
            Hit(
                f,
                v,
                round(LEVELS[level] * share.get((f, v), 1.0), 4),
                unit,
                source,
                text[start + s : start + e],
                doc_id,
                start + s,
                start + e,
                "",
            )
            for f, v, s, e in matches
        ]
        self._memo[memo_key] = found
        return found

    def _loose(self, cit: Citation, level: str, value: str) -> list[Hit]:
        """Hits in a context string that is not found in the document (no offsets)."""
        memo_key = (level, cit.doc_id, value)
        found = self._loose_memo.get(memo_key)
        if found is not None:
            return found
        matches = self.taxonomy.spans(value)
        source = f"rule:context:{level}:{self.taxonomy.short_hash}"
        share = _shares(matches, level, self.exclusive) or {}
        unit = (level, cit.doc_id + "#" + value, 0)
        found = [
            Hit(
                f,
                v,
                round(LEVELS[level] * share.get((f, v), 1.0), 4),
                unit,
                source,
                value[s:e],
                "",
                s,
                e,
                level,
            )
            for f, v, s, e in matches
        ]
        self._loose_memo[memo_key] = found
        return found

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
    matches: Iterable[tuple[str, str, int, int]], level: str, exclusive: frozenset[str]
) -> dict[tuple[str, str], float] | None:
    """How much of a span's strength each value gets when the span names several values of a
    facet: a heading splits it among all of them (1/n); in an ``exclusive`` facet a sentence
    naming three or more is a list of examples and splits it too (2/n). ``None``: no split.
    ``matches`` are ``(facet, value, start, end)`` tuples (``Taxonomy.spans``)."""
    if level not in SHARED:
        return None
    per_facet: dict[str, set[str]] = defaultdict(set)
    for facet, value, _s, _e in matches:
        if level == "heading" or facet in exclusive:
            per_facet[facet].add(value)
    free = SHARED[level]
    return {(f, v): min(1.0, free / len(vs)) for f, vs in per_facet.items() for v in vs}


def text_hits(doc_id: str, text: str, taxonomy: Taxonomy) -> list[Hit]:
    """Hits in a document's full text: every mention adds weight, a few rows are kept."""
    source = f"rule:text:{taxonomy.short_hash}"
    score = round(LEVELS["text"], 4)
    return [
        Hit(f, v, score, ("text", doc_id, s), source, text[s:e], doc_id, s, e, "")
        for f, v, s, e in taxonomy.spans(text)
    ]


def _squash(s: str) -> str:
    """A heading title compared loosely: lower case, letters and digits only."""
    return "".join(ch for ch in s.lower() if ch.isalpha() or ch in "0123456789")
