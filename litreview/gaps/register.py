"""Gaps: bring the documents' gap statements and the corpus's coverage together (pure).

A *cell* is a point of the facet grid with some facets left out: ``(("group", "women"),
("gender_dimension", "roles_in_soc"))`` means women's roles under any crime type. A statement
supports a cell when one of its clauses names every value of the cell
(:mod:`litreview.gaps.attribution`). Gap *themes* are the cells that the statements share,
kept only where no more specific cell has exactly the same backing (closed cells). Each theme
is scored by how strongly and how often it is stated, how thin the corpus is there, how old
the nearest evidence is and how narrow its topic is (:mod:`litreview.gaps.score`; the corpus
index is :mod:`litreview.gaps.index`; weights and words in ``litreview/data/gap_scoring.yaml``),
then classified: *stated_confirmed*, *stated_contradicted* or, for thin cells no statement
mentions, *silent* (:mod:`litreview.gaps.silent`); and *absolute* (few studies), *synthesis*
(studies, no review) or *covered*. Nothing here knows the review's subject.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from litreview.core.model import GapStatement, Tag, Work
from litreview.gaps.attribution import Backing, backing, cells_of, clause_values
from litreview.gaps.coverage import evidence_tags
from litreview.gaps.gap import Gap, cell_id, title_of
from litreview.gaps.index import (
    Cell,
    CorpusIndex,
    GapSettings,
    index_corpus,
    kind_of,
    load_settings,
    nearest,
    thin_for,
)
from litreview.gaps.score import (
    focus,
    is_restatement,
    parts_of,
    stated,
    total,
    why_score,
    why_stated,
)
from litreview.gaps.silent import silent_gaps

__all__ = [
    "Cell",
    "Gap",
    "GapSettings",
    "cell_id",
    "find_gaps",
    "focus",
    "load_settings",
    "statement_cells",
    "thin_for",
    "title_of",
]


def statement_cells(
    stmt: GapStatement,
    facets: Sequence[str],
    *,
    min_facets: int = 1,
    any_values: Collection[tuple[str, str]] = (),
) -> set[Cell]:
    """Every cell (one value per facet) one clause of a statement names: a compound sentence
    backs each of its clauses' cells, never their cross-product. See
    :func:`litreview.gaps.attribution.cells_of` for ``min_facets`` and ``any_values``."""
    out: set[Cell] = set()
    for _, values in clause_values(stmt):
        out |= cells_of(values, facets, min_facets=min_facets, any_values=any_values)
    return out


def find_gaps(
    statements: Sequence[GapStatement],
    tags: Sequence[Tag],
    works: Sequence[Work],
    facets: Sequence[str],
    *,
    labels: Mapping[tuple[str, str], str] | None = None,
    settings: GapSettings | None = None,
    any_values: Collection[tuple[str, str]] = (),
    exclude_works: Collection[str] = (),
) -> list[Gap]:
    """The ranked gap register: stated themes, then silent thin cells, best first.

    ``any_values`` are (facet, value) pairs that mean "in general" (the taxonomy's fallback
    values): a statement naming one is about the whole facet, not that value. Only
    :func:`litreview.gaps.coverage.evidence_tags` count: ``exclude_works`` (the documents
    under review) neither cover a cell nor count as sources.
    """
    settings = settings or load_settings()
    counted = evidence_tags(tags, exclude_works=exclude_works, kinds=settings.evidence)
    corpus = index_corpus(counted, works, settings)
    settings = thin_for(settings, len(corpus.tagged))
    anys = frozenset(any_values)
    themes = _themes(statements, facets, settings.min_facets, anys)
    stated_gaps = _rank(themes, corpus, facets, labels or {}, settings, anys)
    said = set().union(*(statement_cells(s, facets) for s in statements)) if statements else set()
    silent = silent_gaps(said, corpus, facets, labels or {}, settings)
    ordered = sorted(stated_gaps, key=_order) + sorted(silent, key=_order)[: settings.max_silent]
    return [replace(g, rank=n, thin_max=settings.thin_max) for n, g in enumerate(ordered, 1)]


def _order(g: Gap) -> tuple[float, str]:
    return (-g.score, g.id)


def _key(stmt: GapStatement) -> tuple[str, int, int]:
    return (stmt.doc_id, stmt.char_start, stmt.char_end)


def _themes(
    statements: Sequence[GapStatement],
    facets: Sequence[str],
    min_facets: int,
    any_values: frozenset[tuple[str, str]],
) -> dict[Cell, tuple[Backing, ...]]:
    """Closed cells: cell -> its backing, dropping cells a more specific cell matches exactly."""
    members: dict[Cell, list[Backing]] = defaultdict(list)
    for s in sorted(statements, key=_key):
        for cell in statement_cells(s, facets, min_facets=min_facets, any_values=any_values):
            found = backing(s, cell)
            if found is not None:
                members[cell].append(found)
    by_set: dict[frozenset[tuple[str, int, int]], list[Cell]] = defaultdict(list)
    for cell, bs in members.items():
        by_set[_backed(bs)].append(cell)
    themes = {}
    for cells in by_set.values():
        for cell in cells:
            if not any(set(cell) < set(other) for other in cells):
                themes[cell] = tuple(members[cell])
    return themes


def _backed(bs: Sequence[Backing]) -> frozenset[tuple[str, int, int]]:
    """What backs a gap: (document, statement start, clause) of each backing."""
    return frozenset((b.statement.doc_id, b.statement.char_start, b.clause) for b in bs)


def _rank(
    themes: Mapping[Cell, tuple[Backing, ...]],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
    any_values: frozenset[tuple[str, str]],
) -> list[Gap]:
    """Score every theme, drop those a better theme already says, then order them by score
    with each one's novelty: the share of its backing no better gap already has."""
    gaps = sorted(
        (
            _score_theme(c, bs, corpus, facets, labels, settings, any_values)
            for c, bs in themes.items()
        ),
        key=_order,
    )
    kept: list[Gap] = []
    for g in gaps:
        if not any(_redundant(g, k, settings) for k in kept):
            kept.append(g)
    return _by_novelty(kept, settings)


def _redundant(g: Gap, better: Gap, settings: GapSettings) -> bool:
    """Whether ``better`` already says all ``g`` says: the same clauses back both (or, unless
    ``settings.keep_narrower``, ``better`` is a more general cell with the same status backed
    by all of ``g``'s clauses)."""
    mine, theirs = _backed(g.backing), _backed(better.backing)
    general = set(better.cell) <= set(g.cell) and better.status == g.status
    return mine <= theirs and (mine == theirs or (general and not settings.keep_narrower))


def _by_novelty(gaps: Sequence[Gap], settings: GapSettings) -> list[Gap]:
    """Greedy order: the best gap first, then again and again the best given the gaps before
    it (a gap's novelty only falls as others are placed, so a lazy heap finds each next best).

    A gap's novelty is the share of its backing clauses that no gap placed before it, on a
    wider or a narrower cell, already rests on: "women's roles in trafficking" says little
    after "women's roles", while two groups named in one clause are two gaps.
    """
    said: dict[tuple[str, int, int], list[Cell]] = defaultdict(list)
    heap = [(-_with_novelty(g, said, settings), g.id, i) for i, g in enumerate(gaps)]
    heapq.heapify(heap)
    out: list[Gap] = []
    while heap:
        neg, gid, i = heapq.heappop(heap)
        fresh = _with_novelty(gaps[i], said, settings)
        if fresh < -neg:
            heapq.heappush(heap, (-fresh, gid, i))
            continue
        out.append(_finished(gaps[i], _novelty(gaps[i], said), settings))
        for key in _backed(gaps[i].backing):
            said[key].append(gaps[i].cell)
    return out


def _novelty(g: Gap, said: Mapping[tuple[str, int, int], list[Cell]]) -> float:
    mine = _backed(g.backing)
    cell = set(g.cell)
    old = [k for k in mine if any(cell <= set(c) or set(c) <= cell for c in said.get(k, ()))]
    return 1 - len(old) / len(mine) if mine else 1.0


def _with_novelty(
    g: Gap, said: Mapping[tuple[str, int, int], list[Cell]], settings: GapSettings
) -> float:
    return total((*g.parts, ("novelty", _novelty(g, said))), settings)


def _finished(g: Gap, novelty: float, settings: GapSettings) -> Gap:
    """``g`` with its novelty part, its score and the score in ``why``."""
    parts = (*g.parts, ("novelty", novelty))
    return replace(
        g, parts=parts, score=total(parts, settings), why=g.why + " " + why_score(parts, settings)
    )


def _score_theme(
    cell: Cell,
    backs: tuple[Backing, ...],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
    any_values: frozenset[tuple[str, str]],
) -> Gap:
    """A stated theme as a register entry: its score, status, kind, sources and why."""
    stmts = tuple(b.statement for b in backs)
    in_cell = corpus.works(cell)
    sources = nearest(cell, in_cell, corpus, settings)
    restated = sorted({s.section for s in stmts if is_restatement(s.section, settings)})
    said = stated(stmts, cell, facets, restated, settings, any_values=any_values)
    parts = parts_of(said, len(in_cell), sources, cell, facets, corpus, settings)
    status = "stated_confirmed" if len(in_cell) <= settings.thin_max else "stated_contradicted"
    kind = kind_of(in_cell, corpus, settings)
    why = why_stated(stmts, restated, len(in_cell), status, kind, sources, corpus, parts, settings)
    return Gap(
        rank=0,
        id=cell_id(cell),
        title=title_of(cell, labels),
        cell=cell,
        score=total(parts, settings),
        status=status,
        kind=kind,
        n_works=len(in_cell),
        statements=stmts,
        sources=sources,
        documents=tuple(sorted({s.doc_id for s in stmts})),
        why=why,
        parts=parts,
        backing=backs,
    )
