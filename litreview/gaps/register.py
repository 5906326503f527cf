"""Gaps: bring the documents' gap statements and the corpus's coverage together (pure).

A *cell* is a point of the facet grid with some facets left out: ``(("group", "farmers"),
("theme", "credit"))`` means farmers' access to credit under any hazard. A statement
supports a cell when one of its clauses names every value of the cell
(:mod:`litreview.gaps.attribution`). Gap *themes* are the cells that the statements share,
kept only where no more specific cell has exactly the same backing (closed cells). Each theme
is scored by the evidence that the documents state it, scaled by how thin the corpus is there
(:mod:`litreview.gaps.score`; the corpus index is :mod:`litreview.gaps.index`; numbers and
words in ``litreview/data/gap_scoring.yaml``), and placed greedily so that a statement counts
once among nested cells, then classified: *stated_confirmed*, *stated_contradicted* or, for
thin cells no statement mentions, *silent* (:mod:`litreview.gaps.silent`); and *absolute*
(few studies), *synthesis* (studies, no review) or *covered*. Nothing here knows the review's
subject.
"""

from __future__ import annotations

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
    evidence_score,
    focus,
    restated_sections,
    stated,
    thinness,
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
    "unplaced",
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
    ordered = stated_gaps + sorted(silent, key=_order)[: settings.max_silent]
    return [replace(g, rank=n, thin_max=settings.thin_max) for n, g in enumerate(ordered, 1)]


def unplaced(gaps: Sequence[Gap], statements: Sequence[GapStatement]) -> list[GapStatement]:
    """The statements no gap's backing holds (they name no value of the taxonomy, or only a
    catch-all one), in document order."""
    placed = {_key(b.statement) for g in gaps for b in g.backing}
    left = {_key(s): s for s in statements if _key(s) not in placed}
    return [left[k] for k in sorted(left)]


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
    return frozenset(_clause(b) for b in bs)


def _clause(b: Backing) -> tuple[str, int, int]:
    return (b.statement.doc_id, b.statement.char_start, b.clause)


def _rank(
    themes: Mapping[Cell, tuple[Backing, ...]],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
    any_values: frozenset[tuple[str, str]],
) -> list[Gap]:
    """Score every theme, drop those a better theme already says, then place them so that
    each statement counts once among nested cells (:func:`_counted_once`)."""
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
    return _counted_once(kept, facets, settings, any_values)


def _redundant(g: Gap, better: Gap, settings: GapSettings) -> bool:
    """Whether ``better`` already says all ``g`` says: the same clauses back both (or, unless
    ``settings.keep_narrower``, ``better`` is a more general cell with the same status backed
    by all of ``g``'s clauses)."""
    mine, theirs = _backed(g.backing), _backed(better.backing)
    general = set(better.cell) <= set(g.cell) and better.status == g.status
    return mine <= theirs and (mine == theirs or (general and not settings.keep_narrower))


Said = Mapping[tuple[str, int, int], Sequence[tuple[Cell, float]]]

#: a share of a statement smaller than this is nothing left
_NOTHING = 1e-6


def _counted_once(
    gaps: Sequence[Gap],
    facets: Sequence[str],
    settings: GapSettings,
    any_values: frozenset[tuple[str, str]],
) -> list[Gap]:
    """Greedy order: again and again the gap with the best score given the gaps before it.

    Among nested cells a statement counts at most once in full: a gap placed takes its
    :func:`litreview.gaps.score.focus` share of each statement backing it, and a gap placed
    later on a wider or narrower cell counts only what is left. "Farmers' access to credit"
    adds nothing after "farmers' access to credit in drought" when the same sentences, naming
    all three, back both (the narrower cell took them whole), so one sentence does not fill
    two places; but a wide cell ("credit") placed first on a sentence that names farmers and
    credit takes half of it, and "farmers · credit" counts the other half. Cells that are not
    nested (two groups named in one clause) each count the clause in full; ``focus`` shares
    its credit only among the pairings of a clause listing values in two facets. Ties go to
    the gap with the better score on all its statements, then to the smaller id.
    """
    said: dict[tuple[str, int, int], list[tuple[Cell, float]]] = defaultdict(list)
    best = {g.id: _placed(g, said, facets, settings, any_values) for g in gaps}
    left = list(gaps)
    out: list[Gap] = []
    while left:
        g = min(left, key=lambda g: (-best[g.id].score, -g.score, g.id))
        left.remove(g)
        placed = best[g.id]
        out.append(placed)
        took = dict(zip(placed.counted, placed.shares, strict=True))
        keys = set()
        for b in g.backing:
            if b.statement in took:
                mine = focus(b.statement, g.cell, facets, any_values=any_values)
                said[_clause(b)].append((g.cell, mine * took[b.statement]))
                keys.add(_clause(b))
        for other in left:
            if _nested(g.cell, other.cell) and keys & _backed(other.backing):
                best[other.id] = _placed(other, said, facets, settings, any_values)
    return out


def _nested(a: Cell, b: Cell) -> bool:
    return set(a) <= set(b) or set(b) <= set(a)


def _placed(
    g: Gap,
    said: Said,
    facets: Sequence[str],
    settings: GapSettings,
    any_values: frozenset[tuple[str, str]],
) -> Gap:
    """``g`` as placed after the gaps in ``said``: its stated part, score and ``why`` from
    what is left of each statement once the gaps placed before it on a wider or narrower
    cell took their shares."""
    counted: list[GapStatement] = []
    shares: list[float] = []
    for b in g.backing:
        mine = focus(b.statement, g.cell, facets, any_values=any_values)
        taken = sum(took for c, took in said.get(_clause(b), ()) if _nested(g.cell, c))
        left = min(mine, max(0.0, 1.0 - taken))
        if left > _NOTHING and b.statement not in counted:
            counted.append(b.statement)
            shares.append(1.0 if left >= mine - _NOTHING else left / mine)
    whole = sum(share == 1.0 for share in shares)
    if whole == len(g.backing):
        said_part = dict(g.parts)["stated"]
    else:
        restated = restated_sections(counted, settings)
        said_part = stated(
            counted, g.cell, facets, restated, settings, any_values=any_values, shares=shares
        )
    thin = dict(g.parts)["thinness"]
    n_part = len(counted) - whole
    return replace(
        g,
        parts=(("stated", said_part), ("thinness", thin)),
        score=evidence_score(said_part, thin),
        counted=tuple(counted),
        shares=tuple(shares),
        why=f"{g.why} {why_score(said_part, thin, len(counted), len(g.backing), n_part)}",
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
    restated = restated_sections(stmts, settings)
    said = stated(stmts, cell, facets, restated, settings, any_values=any_values)
    parts = (("stated", said), ("thinness", thinness(len(in_cell), settings.thin_max)))
    status = "stated_confirmed" if len(in_cell) <= settings.thin_max else "stated_contradicted"
    kind = kind_of(in_cell, corpus, settings)
    why = why_stated(stmts, restated, len(in_cell), status, kind, sources, corpus, settings)
    return Gap(
        rank=0,
        id=cell_id(cell),
        title=title_of(cell, labels),
        cell=cell,
        score=evidence_score(said, parts[1][1]),
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
