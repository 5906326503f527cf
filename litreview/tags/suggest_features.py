"""What the suggestion model reads about a work, and the features it makes of it (pure).

A work's evidence is its own fields, the sentences that cite it (located in their documents)
and the headings of the sections citing it, every hit of the taxonomy's phrases in those
places, including hits too weak for a rule tag (a paragraph's passing mention), and the tags a
curator has accepted for it. The features made of it
are in :mod:`litreview.tags.suggest_vectors`. ``group`` ties works that share a citing
sentence or paragraph, so that cross-validation never trains on the words it tests. What the
works cited under the same headings have been tagged is a further feature
(:mod:`litreview.tags.suggest_nearby`).

A suggestion is only worth a curator's time where the rules gave nothing, so the model of a
facet reads the evidence blind to that facet (:func:`blind_to`): the facet's phrases blanked
out, its hits and accepted tags dropped. It learns what else goes with a value (the other
words of a title or a citing sentence, the other facets' phrases and tags) instead of
relearning the taxonomy's own words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from litreview.core.model import Citation, Work
from litreview.core.text import paragraphs
from litreview.tags.hits import FIELDS, LEVELS, ContextTagger, Hit, Unit, tag_work_fields
from litreview.taxonomy import Taxonomy

__all__ = [
    "PLACES",
    "Context",
    "FacetValue",
    "WorkEvidence",
    "blind_to",
    "gather_evidence",
    "place_of",
    "with_accepted",
]

PLACES = tuple(LEVELS)  # where a hit can be: a field of the work or a part of a document
FacetValue = tuple[str, str]


def place_of(hit: Hit) -> str:
    """Where a hit is: the work's field (``title`` ...) or the part of a document
    (``heading``, ``sentence``, ``paragraph``, ``text``)."""
    return hit.field if hit.unit[0] == "field" else hit.unit[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """A sentence citing the work, located: ``text`` is ``document[char_start:char_end]``
    (offsets ``None`` when the sentence was not found in its document); ``section`` is the
    title of the heading it is under, ``document[section_start:][:len(section)]``."""

    doc_id: str
    text: str
    char_start: int | None = None
    char_end: int | None = None
    section: str = ""
    section_start: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkEvidence:
    """Everything the model reads about one work: ``headings`` are the evidence units of the
    headings it is cited under (as its hits name them), ``tags`` its accepted values."""

    key: str
    fields: tuple[tuple[str, str], ...]
    contexts: tuple[Context, ...]
    hits: tuple[Hit, ...]
    group: str
    headings: tuple[Unit, ...] = ()
    tags: tuple[FacetValue, ...] = ()

    @property
    def fields_text(self) -> str:
        """The work's own words."""
        return " ".join(v for _, v in self.fields)

    @property
    def contexts_text(self) -> str:
        """The sentences citing it."""
        return " ".join(c.text for c in self.contexts)

    @property
    def headings_text(self) -> str:
        """The titles of the sections citing it, each once."""
        return " ".join(dict.fromkeys(c.section for c in self.contexts if c.section))


def gather_evidence(
    works: Sequence[Work],
    citations: Sequence[Citation],
    texts: Mapping[str, str],
    taxonomy: Taxonomy,
    *,
    accepted: Mapping[FacetValue, Collection[str]] | None = None,
) -> list[WorkEvidence]:
    """The evidence of every work, in key order; ``accepted`` (value -> keys of the works
    that have it) gives each work its ``tags``."""
    tagger = ContextTagger(texts, taxonomy)
    by_work: dict[str, list[Citation]] = {}
    for c in citations:
        if c.work_key:
            by_work.setdefault(c.work_key, []).append(c)
    starts = {doc: [p.start for p in paragraphs(text)] for doc, text in texts.items()}
    units: dict[str, set[tuple[str, int]]] = {}
    out = []
    for w in sorted(works, key=lambda w: w.key):
        cits = by_work.get(w.key, [])
        heads = [tagger.heading(c) for c in cits]
        text_of = texts.get
        located = (_context(c, text_of(c.doc_id, ""), h) for c, h in zip(cits, heads, strict=True))
        contexts = tuple(dict.fromkeys(located))
        hits = [*tag_work_fields(w, taxonomy), *(h for c in cits for h in tagger.hits(w.key, c))]
        units[w.key] = _units(contexts, starts)
        out.append(
            WorkEvidence(
                key=w.key,
                fields=tuple((f, _field(w, f)) for f in FIELDS if _field(w, f)),
                contexts=tuple(c for c in contexts if c.text),
                hits=tuple(hits),
                group="",
                headings=tuple(sorted({h[0] for h in heads if h is not None})),
            )
        )
    groups = _groups(units)
    return with_accepted([replace(e, group=groups[e.key]) for e in out], accepted or {})


def with_accepted(
    evidence: Sequence[WorkEvidence], accepted: Mapping[FacetValue, Collection[str]]
) -> list[WorkEvidence]:
    """The evidence with each work's ``tags`` set from ``accepted`` (value -> keys)."""
    tags_of: dict[str, list[FacetValue]] = {}
    for fv, keys in sorted(accepted.items()):
        for k in keys:
            tags_of.setdefault(k, []).append(fv)
    return [replace(e, tags=tuple(tags_of.get(e.key, ()))) for e in evidence]


def _field(work: Work, name: str) -> str:
    """A field of a work as text (keywords joined)."""
    value = getattr(work, name)
    return "; ".join(value) if isinstance(value, tuple) else str(value or "")  # as hits join


def _context(c: Citation, text: str, heading: tuple[Unit, int | None] | None) -> Context:
    """A citation's sentence, located in its document when it can be, with its heading."""
    at: int | None = None
    s, e = c.char_start, c.char_end
    if s is not None and e is not None and 0 <= s < e <= len(text) and text[s:e] == c.context:
        at = s
    elif c.context and c.context in text:
        at = text.find(c.context)
    return Context(
        doc_id=c.doc_id,
        text=c.context,
        char_start=at,
        char_end=None if at is None else at + len(c.context),
        section=c.section if heading else "",
        section_start=heading[1] if heading else None,
    )


def _units(
    contexts: Sequence[Context], paragraph_starts: Mapping[str, list[int]]
) -> set[tuple[str, int]]:
    """The citing sentences and paragraphs of a work, as (document, start) pairs."""
    found: set[tuple[str, int]] = set()
    for c in contexts:
        if c.char_start is None:
            found.add((c.doc_id + "#" + c.text, 0))
            continue
        found.add((c.doc_id, c.char_start))
        starts = paragraph_starts.get(c.doc_id, [])
        i = bisect_right(starts, c.char_start) - 1
        if i >= 0:
            found.add((c.doc_id + "#paragraph", starts[i]))
    return found


def _groups(units: Mapping[str, set[tuple[str, int]]]) -> dict[str, str]:
    """Works sharing a citing sentence or paragraph, joined (union-find); each group is named
    by its first work key."""
    parent = {k: k for k in units}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first: dict[tuple[str, int], str] = {}
    for key in sorted(units):
        for unit in sorted(units[key]):
            if unit in first:
                a, b = sorted((root(first[unit]), root(key)))
                parent[b] = a
            else:
                first[unit] = key
    return {k: root(k) for k in units}


def blind_to(taxonomy: Taxonomy) -> Callable[[WorkEvidence, str], WorkEvidence]:
    """A function hiding one facet from a work's evidence: the phrases of its values blanked
    out of the fields, citing sentences and headings (spaces of the same length, so every
    offset still holds), its hits and accepted tags dropped. What is left is what the rules of
    that facet cannot read."""

    def cut(text: str, facet: str) -> str:
        out = list(text)
        for f, _, s, e in taxonomy.spans(text):
            if f == facet:
                out[s:e] = " " * (e - s)
        return "".join(out)

    def hide(e: WorkEvidence, facet: str) -> WorkEvidence:
        return replace(
            e,
            fields=tuple((n, cut(t, facet)) for n, t in e.fields),
            contexts=tuple(
                replace(c, text=cut(c.text, facet), section=cut(c.section, facet))
                for c in e.contexts
            ),
            hits=tuple(h for h in e.hits if h.facet != facet),
            tags=tuple(fv for fv in e.tags if fv[0] != facet),
        )

    return hide
