"""Silent gaps: thin two-facet cells between well-covered values that no statement names."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from litreview.core.words import plural
from litreview.gaps.gap import Gap, cell_id, title_of
from litreview.gaps.index import Cell, CorpusIndex, GapSettings, nearest
from litreview.gaps.score import silent_parts, silent_score, why_silent_score

__all__ = ["silent_gaps"]


def silent_gaps(
    said: Collection[Cell],
    corpus: CorpusIndex,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
) -> list[Gap]:
    """Thin two-facet cells (at most ``thin_max`` works) whose two values each have at least
    ``silent_min_marginal`` works, that no clause of any statement names (``said``)."""
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
    parts = silent_parts(len(in_cell), sources, cell, facets, corpus, settings)
    score = silent_score(parts, settings)
    return Gap(
        rank=0,
        id=cell_id(cell),
        title=title_of(cell, labels),
        cell=cell,
        score=score,
        status="silent",
        kind="absolute",
        n_works=len(in_cell),
        statements=(),
        sources=sources,
        documents=(),
        why=why_silent(cell, len(in_cell), corpus, labels, parts, settings),
        parts=parts,
    )


def why_silent(
    cell: Cell,
    n_works: int,
    corpus: CorpusIndex,
    labels: Mapping[tuple[str, str], str],
    parts: tuple[tuple[str, float], ...],
    settings: GapSettings,
) -> str:
    """``why`` of a silent gap: what the corpus holds on each side and in the cell."""
    sides = " and ".join(
        f"{plural(len(corpus.by_value[p]), 'work')} on {labels.get(p, p[1])}" for p in cell
    )
    held = (
        "no work covers both"
        if n_works == 0
        else f"only {plural(n_works, 'work')} {'covers' if n_works == 1 else 'cover'} both"
    )
    return (
        f"No document states this gap. The corpus has {sides}, yet {held} (thin: at most "
        f"{settings.thin_max}). {why_silent_score(parts, settings)}"
    )
