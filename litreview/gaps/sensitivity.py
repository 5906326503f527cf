"""What would change a gap's rank: works added to its cell, a statement lost or one more.

Each figure re-scores the gap alone (:mod:`litreview.gaps.score`: stated × thinness, over the
statements its score counts), with every other gap as it is: the works that would make its
cell no longer thin, or drop its score below the next gap's; the statement whose loss lowers
it most; one more explicit statement naming its values in another document.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from litreview.core.model import GapStatement
from litreview.gaps.gap import Gap, counted_shares
from litreview.gaps.index import GapSettings
from litreview.gaps.score import evidence_score, restated_sections, stated, thinness

__all__ = ["RankMoves", "rank_moves"]

#: the most works tried when looking for how many would move a gap down
MAX_WORKS = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class RankMoves:
    """How a stated gap's rank would move (scores re-computed for this gap alone, over the
    statements its score counts).

    ``works_to_flip``: works to add before the cell is no longer thin (0: it is not thin);
    ``works_to_fall``: works to add before it scores below the gap ranked next (None: not
    within ``MAX_WORKS``, or it is last); ``key_statement`` with ``rank_without`` and
    ``score_without``: the statement whose loss lowers the score most; ``rank_with_more`` and
    ``score_with_more``: with one more explicit statement naming its values.
    """

    rank: int
    works_to_flip: int
    works_to_fall: int | None
    key_statement: GapStatement | None
    score_without: float
    rank_without: int
    score_with_more: float
    rank_with_more: int


def rank_moves(
    gap: Gap,
    gaps: Sequence[Gap],
    facets: Sequence[str],
    settings: GapSettings,
    *,
    any_values: Collection[tuple[str, str]] = (),
) -> RankMoves:
    """The moves of stated ``gap`` among the stated gaps of ``gaps``."""
    others = [g.score for g in gaps if g.statements and g.id != gap.id]
    below = max((s for s in others if s <= gap.score), default=None)
    thin_max = gap.thin_max or settings.thin_max
    key, without = _weakest_link(gap, facets, settings, any_values)
    more = _with_statement(gap, facets, settings, any_values)
    return RankMoves(
        rank=gap.rank,
        works_to_flip=max(0, thin_max + 1 - gap.n_works),
        works_to_fall=_works_to_fall(gap, below, thin_max, settings),
        key_statement=key,
        score_without=without,
        rank_without=1 + sum(s > without for s in others),
        score_with_more=more,
        rank_with_more=1 + sum(s > more for s in others),
    )


def _works_to_fall(
    gap: Gap, below: float | None, thin_max: int, settings: GapSettings
) -> int | None:
    if below is None:
        return None
    said = dict(gap.parts).get("stated", 0.0)
    for k in range(1, MAX_WORKS + 1):
        if evidence_score(said, thinness(gap.n_works + k, thin_max)) < below:
            return k
    return None


def _rescored(
    gap: Gap,
    stmts: Sequence[GapStatement],
    shares: Sequence[float],
    facets: Sequence[str],
    settings: GapSettings,
    any_values: Collection[tuple[str, str]],
) -> float:
    restated = restated_sections(stmts, settings)
    said = stated(stmts, gap.cell, facets, restated, settings, any_values=any_values, shares=shares)
    return evidence_score(said, dict(gap.parts).get("thinness", 0.0))


def _weakest_link(
    gap: Gap, facets: Sequence[str], settings: GapSettings, any_values: Collection[tuple[str, str]]
) -> tuple[GapStatement | None, float]:
    """The counted statement whose loss lowers the score most, and the score without it."""
    best: tuple[float, GapStatement] | None = None
    shares = list(counted_shares(gap))
    for i, s in enumerate(gap.counted):
        rest = [*gap.counted[:i], *gap.counted[i + 1 :]]
        score = _rescored(gap, rest, [*shares[:i], *shares[i + 1 :]], facets, settings, any_values)
        if best is None or score < best[0]:
            best = (score, s)
    return (best[1], best[0]) if best else (None, gap.score)


def _with_statement(
    gap: Gap, facets: Sequence[str], settings: GapSettings, any_values: Collection[tuple[str, str]]
) -> float:
    """The score with one more explicit statement naming exactly the cell's values, in a
    document of its own."""
    named = {f: tuple(v for g, v in gap.cell if g == f) for f in facets}
    extra = GapStatement(
        doc_id="\x00another document",
        char_start=0,
        char_end=0,
        section="",
        quote="",
        facets=tuple(named.items()),
        strength="explicit",
    )
    shares = [*counted_shares(gap), 1.0]
    return _rescored(gap, [*gap.counted, extra], shares, facets, settings, any_values)
