"""Gaps: bring the documents' gap statements and the corpus's coverage together (pure).

A *cell* is a point of the facet grid with some facets left out: ``(("group", "women"),
("gender_dimension", "roles_in_soc"))`` means women's roles under any crime type. Gap
*themes* are the cells that the statements share, kept only where no more specific cell
has exactly the same statements (closed cells). Each theme is scored by how strongly and how
often it is stated, how thin the corpus is there, how old the nearest evidence is and how
narrow its topic is (:mod:`litreview.gaps.score`; the corpus index is
:mod:`litreview.gaps.index`; weights and words in ``litreview/data/gap_scoring.yaml``), then
classified: *stated_confirmed*, *stated_contradicted* or, for thin cells no statement
mentions, *silent*; and *absolute* (few studies), *synthesis* (studies, no review) or
*covered*. Nothing here knows the review's subject: all of it comes from the inputs.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from litreview.core.model import GapStatement, Tag, Work
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
    fmt_parts,
    focus,
    is_restatement,
    parts_of,
    stated,
    total,
    why_stated,
)

__all__ = [
    "Cell",
    "Gap",
    "GapSettings",
    "find_gaps",
    "focus",
    "load_settings",
    "statement_cells",
    "thin_for",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Gap:
    """One entry of the gap register (``rank`` 1 is the best)."""

    rank: int
    id: str
    title: str
    cell: Cell
    score: float
    status: str
    kind: str
    n_works: int
    statements: tuple[GapStatement, ...]
    sources: tuple[str, ...]
    documents: tuple[str, ...]
    why: str
    parts: tuple[tuple[str, float], ...] = field(default=())


def statement_cells(
    stmt: GapStatement,
    facets: Sequence[str],
    *,
    min_facets: int = 1,
    any_values: Collection[tuple[str, str]] = (),
) -> set[Cell]:
    """Every cell (one value per facet) a statement's tags allow.

    A cell pins at least ``min_facets`` facets, or every facet the statement names if fewer:
    a statement about an intersection does not make a theme of one of its sides. Values in
    ``any_values`` (a taxonomy's catch-all "general" values) leave their facet open.
    """
    named = {f: [v for v in stmt.values(f) if (f, v) not in any_values] for f in facets}
    options = [[(f, v) for v in named[f]] + [None] for f in facets]
    need = max(1, min(min_facets, sum(1 for f in facets if named[f])))
    cells = set()
    for combo in itertools.product(*options):
        cell = tuple(p for p in combo if p is not None)
        if len(cell) >= need:
            cells.add(cell)
    return cells


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
    values): a statement tagged with one is about the whole facet, not that value.
    ``exclude_works`` (the documents under review) neither cover a cell nor count as sources.
    """
    settings = settings or load_settings()
    skip = frozenset(exclude_works)
    corpus = index_corpus([t for t in tags if t.work_key not in skip], works, settings)
    settings = thin_for(settings, len(corpus.tagged))
    themes = _themes(statements, facets, settings.min_facets, frozenset(any_values))
    stated_gaps = _rank(themes, corpus, facets, labels or {}, settings, frozenset(any_values))
    silent = _silent(statements, corpus, facets, labels or {}, settings)
    ordered = sorted(stated_gaps, key=_order) + sorted(silent, key=_order)[: settings.max_silent]
    return [_with_rank(g, n) for n, g in enumerate(ordered, start=1)]


def _order(g: Gap) -> tuple[float, str]:
    return (-g.score, g.id)


def _with_rank(g: Gap, rank: int) -> Gap:
    return replace(g, rank=rank)


def _themes(
    statements: Sequence[GapStatement],
    facets: Sequence[str],
    min_facets: int,
    any_values: frozenset[tuple[str, str]],
) -> dict[Cell, tuple[GapStatement, ...]]:
    """Closed cells: cell -> its statements, dropping cells a more specific cell matches exactly."""
    members: dict[Cell, list[GapStatement]] = defaultdict(list)
    for s in sorted(statements, key=lambda s: (s.doc_id, s.char_start, s.char_end)):
        for cell in statement_cells(s, facets, min_facets=min_facets, any_values=any_values):
            members[cell].append(s)
    by_set: dict[tuple[tuple[str, int], ...], list[Cell]] = defaultdict(list)
    for cell, ss in members.items():
        by_set[tuple((s.doc_id, s.char_start) for s in ss)].append(cell)
    themes = {}
    for cells in by_set.values():
        for cell in cells:
            if not any(set(cell) < set(other) for other in cells):
                themes[cell] = tuple(members[cell])
    return themes


def _rank(
    themes: Mapping[Cell, tuple[GapStatement, ...]],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
    any_values: frozenset[tuple[str, str]] = frozenset(),
) -> list[Gap]:
    """Score every theme, then drop those a better theme already says."""
    gaps = sorted(
        (
            _score_theme(c, ss, corpus, facets, labels, settings, any_values)
            for c, ss in themes.items()
        ),
        key=_order,
    )
    kept: list[Gap] = []
    for g in gaps:
        mine = {(s.doc_id, s.char_start) for s in g.statements}
        if not any(_redundant(g, mine, k) for k in kept):
            kept.append(g)
    return kept


def _redundant(g: Gap, mine: set[tuple[str, int]], better: Gap) -> bool:
    """Whether ``better`` already says all ``g`` says.

    True when both have the same statements, or when ``better`` is a more general cell with
    the same status: narrowing a cell is news only when the narrower cell is covered differently.
    """
    theirs = {(s.doc_id, s.char_start) for s in better.statements}
    general = set(better.cell) <= set(g.cell) and better.status == g.status
    return mine <= theirs and (mine == theirs or general)


def _score_theme(
    cell: Cell,
    stmts: tuple[GapStatement, ...],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
    any_values: frozenset[tuple[str, str]] = frozenset(),
) -> Gap:
    """A stated theme as a register entry: its score, status, kind, sources and why."""
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
        id=_cell_id(cell),
        title=_title(cell, labels),
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
    )


def _silent(
    statements: Sequence[GapStatement],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
) -> list[Gap]:
    """Thin two-facet cells between well-covered values that no statement mentions."""
    said = set().union(*(statement_cells(s, facets) for s in statements)) if statements else set()
    values: dict[str, list[str]] = defaultdict(list)
    for (f, v), ws in sorted(corpus.by_value.items()):
        if len(ws) >= settings.silent_min_marginal:
            values[f].append(v)
    out = []
    for fa, fb in itertools.combinations(facets, 2):
        for va, vb in itertools.product(values.get(fa, ()), values.get(fb, ())):
            cell = ((fa, va), (fb, vb))
            in_cell = corpus.works(cell)
            if len(in_cell) <= settings.thin_max and cell not in said:
                out.append(_score_silent(cell, in_cell, corpus, facets, labels, settings))
    return out


def _score_silent(
    cell: Cell,
    in_cell: frozenset[str],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
) -> Gap:
    sources = nearest(cell, in_cell, corpus, settings)
    parts = parts_of(0.0, len(in_cell), sources, cell, facets, corpus, settings)
    marg = " and ".join(f"{len(corpus.by_value[p])} on {labels.get(p, p[1])}" for p in cell)
    why = (
        f"No document states this gap, but only {len(in_cell)} work(s) of the corpus cover the "
        f"cell while {marg}; score {total(parts, settings):.2f} from thin coverage "
        f"({fmt_parts(parts, settings)})."
    )
    return Gap(
        rank=0,
        id=_cell_id(cell),
        title=_title(cell, labels),
        cell=cell,
        score=total(parts, settings),
        status="silent",
        kind="absolute",
        n_works=len(in_cell),
        statements=(),
        sources=sources,
        documents=(),
        why=why,
        parts=parts,
    )


def _title(cell: Cell, labels: Mapping[tuple[str, str], str]) -> str:
    return " · ".join(labels.get(p, p[1].replace("_", " ")) for p in cell)


def _cell_id(cell: Cell) -> str:
    return "--".join(re.sub(r"[^a-z0-9_.]+", "-", f"{f}.{v}".lower()) for f, v in cell)
