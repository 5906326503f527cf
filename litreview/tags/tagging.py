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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from litreview.core.curation import Curation
from litreview.core.errors import Problem
from litreview.core.forkmap import available_workers, fork_map
from litreview.core.model import Citation, Document, Evidence, Tag, Work
from litreview.tags.curated_tags import apply_tag_curation
from litreview.tags.hits import FIELDS, LEVELS, ContextTagger, Hit, Unit, tag_work_fields, text_hits
from litreview.taxonomy.facets import Taxonomy

__all__ = [
    "FIELDS",
    "LEVELS",
    "THRESHOLD",
    "TaggingResult",
    "tag_corpus",
    "tag_work_fields",
    "work_scores",
]

THRESHOLD = 0.55
TEXT_ROWS = 3  # evidence rows kept per value for a document's full text
PARALLEL_MIN = 5_000  # works: smaller corpora are tagged in this process
CHUNK = 5_000  # works per chunk when tagging in worker processes


@dataclass(frozen=True, slots=True, kw_only=True)
class TaggingResult:
    """Tags (one per evidence row), works with no text at all, and problems found."""

    tags: tuple[Tag, ...]
    untaggable: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


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
    workers: int | None = None,
) -> TaggingResult:
    """Tag every work; see the module docstring for how evidence is weighed.

    A large corpus (``PARALLEL_MIN`` works or more) is split by work key into chunks tagged
    in ``workers`` forked processes (default: every CPU available; 1: this process only);
    the result does not depend on the split."""
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
    if workers is None:
        workers = available_workers() if len(keys) >= PARALLEL_MIN else 1
    n_chunks = 1 if workers <= 1 else max(workers, -(-len(keys) // CHUNK))
    job = _Job(
        parts=_split(works, citations, documents, redirect, n_chunks),
        texts=texts,
        taxonomy=taxonomy,
        redirect=redirect,
        threshold=threshold,
    )
    tags: list[Tag] = []
    shared: dict[tuple[object, ...], Evidence] = {}  # equal evidence -> one object
    for rows in fork_map(_tag_chunk, job, n_chunks, workers):
        tags.extend([_tag(key, h, shared) for key, h in rows])
    problems: list[Problem] = []
    if curation is not None:
        tags, problems = apply_tag_curation(tags, curation, keys, taxonomy, curation_path)
    return TaggingResult(
        tags=tuple(tags),
        untaggable=_untaggable(works, citations, documents, redirect),
        problems=tuple(problems),
    )


_Part = tuple[Sequence[Work], Sequence[Citation], Sequence[Document]]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Job:
    """Everything the chunks of a tagging run need (inherited by forked workers)."""

    parts: Sequence[_Part]  # per chunk: its works, their citations, their documents
    texts: Mapping[str, str]
    taxonomy: Taxonomy
    redirect: Mapping[str, str]
    threshold: float


def _split(
    works: Sequence[Work],
    citations: Sequence[Citation],
    documents: Sequence[Document],
    redirect: Mapping[str, str],
    n_chunks: int,
) -> list[_Part]:
    """Works split into ``n_chunks`` ranges of sorted keys, each with the citations and
    documents of its works (after merges), in their original order."""
    if n_chunks <= 1:
        return [(works, citations, documents)]
    order = sorted({w.key for w in works})
    chunk_of = {k: i * n_chunks // len(order) for i, k in enumerate(order)}
    parts: list[tuple[list[Work], list[Citation], list[Document]]] = [
        ([], [], []) for _ in range(n_chunks)
    ]
    for w in works:
        parts[chunk_of[w.key]][0].append(w)
    for c in citations:
        i = chunk_of.get(redirect.get(c.work_key, c.work_key))
        if i is not None:
            parts[i][1].append(c)
    for d in documents:
        i = chunk_of.get(redirect.get(d.work_key, d.work_key))
        if i is not None:
            parts[i][2].append(d)
    return list(parts)


def _tag_chunk(job: _Job, chunk: int) -> list[tuple[str, Hit]]:
    """The accepted hits, as (work key, hit), of the works in chunk ``chunk``, by key."""
    works, citations, documents = job.parts[chunk]
    redirect, taxonomy = job.redirect, job.taxonomy
    keys = {w.key for w in works}
    hits: dict[str, list[Hit]] = defaultdict(list)
    for work in works:
        hits[work.key].extend(tag_work_fields(work, taxonomy))
    contexts = ContextTagger(job.texts, taxonomy)
    for cit in citations:
        key = redirect.get(cit.work_key, cit.work_key)
        if key in keys:
            hits[key].extend(contexts.hits(key, cit))
    for doc in documents:
        key = redirect.get(doc.work_key, doc.work_key)
        if key in keys and job.texts.get(doc.doc_id):
            hits[key].extend(text_hits(doc.doc_id, job.texts[doc.doc_id], taxonomy))
    fallbacks = taxonomy.fallbacks
    return [(key, h) for key in sorted(hits) for h in _accept(hits[key], job.threshold, fallbacks)]


def _accept(
    hits: list[Hit], threshold: float, fallbacks: frozenset[tuple[str, str]] = frozenset()
) -> list[Hit]:
    """The hits kept as rows: those of (facet, value) pairs whose combined score reaches
    ``threshold``, one per evidence unit; a fallback value is dropped when another value of
    its facet is kept. (Tag objects are built later, only for these.)"""
    groups: dict[tuple[str, str], list[Hit]] = {}
    for h in hits:
        group = groups.get((h.facet, h.value))
        if group is None:
            groups[(h.facet, h.value)] = [h]
        else:
            group.append(h)
    kept = {fv: g for fv, g in groups.items() if _combined(g) + 1e-9 >= threshold}
    specific = {f for (f, v) in kept if (f, v) not in fallbacks}
    out: list[Hit] = []
    for (facet, value), group in kept.items():
        if (facet, value) in fallbacks and facet in specific:
            continue
        if len(group) > 1:
            group = sorted(group, key=lambda h: (-h.score, h.unit, h.char_start))
        seen: set[Unit] = set()  # one row per evidence unit: its best hit
        text_rows = 0
        for h in group:
            unit = h.unit
            if unit in seen or (unit[0] == "text" and text_rows >= TEXT_ROWS):
                continue
            text_rows += unit[0] == "text"
            seen.add(unit)
            out.append(h)
    return out


def _tag(key: str, h: Hit, shared: dict[tuple[object, ...], Evidence]) -> Tag:
    """The tag row of one accepted hit; equal evidence (the same heading cited for many
    works, the same keyword at the start of many fields) is built once, via ``shared``."""
    where = (h.quote, h.doc_id, h.char_start, h.char_end, h.field)
    ev = shared.get(where)
    if ev is None:
        ev = shared[where] = Evidence(
            quote=h.quote,
            doc_id=h.doc_id,
            char_start=h.char_start,
            char_end=h.char_end,
            field=h.field,
        )
    return Tag(
        work_key=key, facet=h.facet, value=h.value, source=h.source, evidence=ev, score=h.score
    )


def _combined(hits: Sequence[Hit]) -> float:
    """``1 - prod(1 - s)`` over units, taking the best hit of each unit."""
    if len(hits) == 1:
        return 1.0 - (1.0 - hits[0].score)
    best: dict[Unit, float] = {}
    for h in hits:
        s = best.get(h.unit)
        if s is None or h.score > s:
            best[h.unit] = h.score
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
