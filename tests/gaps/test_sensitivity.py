"""What would change a gap's rank, computed from its parts."""

from __future__ import annotations

from litreview.gaps.register import find_gaps, load_settings
from litreview.gaps.sensitivity import rank_moves
from tests.gap_fakes import FACETS, corpus, statements


def test_moves_of_a_thin_stated_gap() -> None:
    tags, works = corpus()
    gaps = find_gaps(statements(), tags, works, FACETS)
    settings = load_settings()
    gap = next(g for g in gaps if g.id == "crime_type.laundering--group.women")
    moves = rank_moves(gap, gaps, FACETS, settings)
    assert moves.works_to_flip == gap.thin_max + 1 - gap.n_works > 0
    assert moves.key_statement is not None and moves.key_statement.strength == "explicit"
    assert moves.score_without < gap.score < moves.score_with_more
    assert moves.rank_without >= gap.rank >= moves.rank_with_more
    stated = sorted((g for g in gaps if g.statements), key=lambda g: -g.score)
    below = [g for g in stated if g.score < gap.score]
    if below and moves.works_to_fall is not None:  # enough works drop it under the next gap
        assert moves.works_to_fall >= 1


def test_a_covered_gap_has_no_works_to_flip() -> None:
    tags, works = corpus()
    gaps = find_gaps(statements(), tags, works, FACETS)
    drugs = next(g for g in gaps if g.id == "crime_type.drugs--group.women")
    assert rank_moves(drugs, gaps, FACETS, load_settings()).works_to_flip == 0
