"""Two sections of a study brief: the evidence that exists (formatted citations with the
evidence putting each work in or near the cell) and what would change the gap's rank."""

from __future__ import annotations

from litreview.core.text import shortened
from litreview.core.words import plural
from litreview.gaps.gap import Gap
from litreview.gaps.sensitivity import RankMoves
from litreview.render.context import GapContext, evidence_words, where
from litreview.render.markdown import md_text

__all__ = ["evidence_section", "moves_section"]


def evidence_section(gap: Gap, ctx: GapContext, shown: int) -> list[str]:
    """The works in the cell, then nearby works, each with why it counts."""
    if not gap.sources:
        return ["No work of the corpus is in or near this cell.", ""]
    inside, nearby = gap.sources[: gap.n_works], gap.sources[gap.n_works :]
    out: list[str] = []
    if inside:
        out += [f"In the cell ({plural(gap.n_works, 'work')}, newest first):", ""]
        out += [_work_line(k, gap, ctx) for k in inside[:shown]]
        out += _more(len(inside) - shown)
    else:
        out += ["No work of the corpus covers every value of the cell.", ""]
    if nearby:
        out += ["Nearby works, sharing part of the cell (the rarest part first):", ""]
        out += [_work_line(k, gap, ctx) for k in nearby[:shown]]
        out += _more(len(nearby) - shown)
    return out


def _more(n: int) -> list[str]:
    return ["", f"({plural(n, 'more work')} in the register.)", ""] if n > 0 else [""]


def _work_line(key: str, gap: Gap, ctx: GapContext) -> str:
    why = [
        f"{ctx.value(f, v)}: {evidence_words(ctx.evidence[(key, f, v)], ctx)}"
        for f, v in gap.cell
        if (key, f, v) in ctx.evidence
    ]
    return f"- {md_text(ctx.citation(key))}" + (f" — {md_text('; '.join(why))}" if why else "")


def moves_section(gap: Gap, ctx: GapContext, moves: RankMoves | None, n_stated: int) -> list[str]:
    """What would move the gap up or down, in a few sentences."""
    if moves is None or not gap.statements:
        return ["A document stating this gap would make it a stated gap and move it up.", ""]
    values = " and ".join(ctx.value(f, v) for f, v in gap.cell)
    out = [f"Rank {gap.rank} of {n_stated} stated gaps (score {gap.score:.2f})."]
    if moves.works_to_flip:
        out.append(
            f"{plural(moves.works_to_flip, 'more work')} covering {values} would make the cell "
            "no longer thin (stated, corpus has works)."
        )
    if moves.works_to_fall is not None:
        out.append(f"{plural(moves.works_to_fall, 'more work')} would put it below the next gap.")
    if moves.key_statement is not None and len(gap.counted) > 1:
        s = moves.key_statement
        quote = shortened(" ".join(s.quote.split()), 90)
        out.append(
            f"Without its strongest statement (“{quote}”, {where(s.doc_id, s.section, ctx)}) it "
            f"would score {moves.score_without:.2f} (rank {moves.rank_without})."
        )
    elif len(gap.counted) == 1:
        out.append(
            f"It rests on one statement: without it, it would be no stated gap at all "
            f"(score {moves.score_without:.2f})."
        )
    out.append(
        f"One more explicit statement naming {values} in another document would raise it to "
        f"{moves.score_with_more:.2f} (rank {moves.rank_with_more})."
    )
    return [md_text(" ".join(out)), ""]
