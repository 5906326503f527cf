"""``register.md``: the register for a person: a legend once, stated and silent gaps in two
tables, then each gap with the statements behind it (the words naming each value in bold)
and its nearest sources as formatted citations, and last the statements that back no gap (a
document says evidence is missing, in words that name no value of the taxonomy), so that no
statement the detector found is out of a reader's sight. Every text from a document or the
corpus is escaped (:mod:`litreview.render.markdown`); the numbers are those of
register.csv/json."""

from __future__ import annotations

from collections.abc import Sequence

from litreview.core.model import GapStatement
from litreview.core.words import plural
from litreview.gaps.attribution import Backing
from litreview.gaps.gap import Gap
from litreview.gaps.index import load_settings
from litreview.gaps.register import unplaced
from litreview.render.context import (
    GapContext,
    counted_share,
    mention_words,
    statement_words,
    where,
)
from litreview.render.markdown import md_bold_spans, md_text
from litreview.taxonomy import labels_of

__all__ = ["KIND_WORDS", "STATUS_WORDS", "legend", "register_markdown"]

STATUS_WORDS = {
    "stated_confirmed": "stated, corpus thin",
    "stated_contradicted": "stated, corpus has works",
    "silent": "silent",
}
KIND_WORDS = {
    "absolute": "primary research",
    "synthesis": "evidence synthesis",
    "covered": "update of reviews",
}
SILENT_PART_WORDS = {
    "thinness": "how few works cover the cell",
    "age": "how old the newest nearby source is",
    "specificity": "how narrow the cell is",
}


def register_markdown(
    gaps: Sequence[Gap],
    ctx: GapContext | None = None,
    *,
    title: str = "Gap register",
    statements: Sequence[GapStatement] = (),
) -> str:
    """The whole ``register.md``; ``statements`` are every statement found (those that back
    no gap are listed at the end)."""
    ctx = ctx or GapContext(labels=labels_of(None))
    stated = [g for g in gaps if g.status != "silent"]
    silent = [g for g in gaps if g.status == "silent"]
    thin = max((g.thin_max for g in gaps), default=0)
    left = unplaced(gaps, statements)
    outside = (
        f" {plural(len(left), 'gap statement')} of the documents back no gap: they name no"
        " value of the taxonomy, or only a catch-all one (listed at the end)."
        if left
        else ""
    )
    lines = [
        f"# {md_text(title)}",
        "",
        f"{plural(len(stated), 'stated gap')} (a document says evidence is missing) and "
        f"{plural(len(silent), 'silent gap')} (thin cells no document mentions).{outside}",
        "",
        *legend(thin, ctx),
        "## Stated gaps",
        "",
        *_table(stated, with_status=True),
        "## Silent gaps",
        "",
        *_table(silent, with_status=False),
    ]
    for g in gaps:
        lines += _entry(g, ctx)
    lines += _unplaced_section(left, ctx)
    return "\n".join(lines).rstrip() + "\n"


def _unplaced_section(left: Sequence[GapStatement], ctx: GapContext) -> list[str]:
    if not left:
        return []
    lines = [
        "",
        "## Statements in no gap",
        "",
        "These sentences say that evidence is missing, but name no value of the taxonomy, or "
        "only a catch-all value (one that stands for its facet in general), so no cell holds "
        "them. Each is a gap the taxonomy does not describe: add the values "
        "they are about to `bibliography/taxonomy.yaml` (then `litreview report`), or read "
        "them as gaps of the review as a whole.",
        "",
    ]
    for s in left:
        kind = f", {s.kind.replace('_', ' ')}" if s.kind else ""
        named = "; ".join(ctx.value(f, v) for f, vs in s.facets for v in vs)
        kind += f", names {named}" if named else ""
        lines += [
            f"> {md_text(s.quote)}",
            ">",
            f"> — {md_text(where(s.doc_id, s.section, ctx))}.",
            ">",
            f"> Details: {md_text(s.doc_id)}, characters {s.char_start}–{s.char_end}, "
            f"{s.strength}{kind}, score {s.score:.2f}.",
            "",
        ]
    return lines


def legend(thin_max: int, ctx: GapContext) -> list[str]:
    """How to read the register: statuses, studies, counts and the score, said once."""
    settings = ctx.settings or load_settings()
    silent = " + ".join(
        f"{settings.silent_weights[n]:g} × {n} ({words})"
        for n, words in SILENT_PART_WORDS.items()
        if n in settings.silent_weights
    )
    strength = ", ".join(f"{k} {v:g}" for k, v in settings.strength.items())
    n = thin_max
    few = f"at most {plural(n, 'work')}" if n else "no work"
    cover = "covers" if n <= 1 else "cover"
    more = f"more than {plural(n, 'work')}" if n else "some works"
    return [
        "How to read it:",
        "",
        f"- **Status.** *{STATUS_WORDS['stated_confirmed']}*: a document says evidence is "
        f"missing and {few} of the corpus {cover} the gap's cell. "
        f"*{STATUS_WORDS['stated_contradicted']}*: a document says so, yet {more} "
        f"{'covers' if n == 1 else 'cover'} the cell: a gap of synthesis or awareness rather "
        f"than of evidence. *silent*: no document says so, but {few} {cover} a cell between "
        "two values the corpus covers well.",
        f"- **Study.** *{KIND_WORDS['absolute']}*: few or no studies; "
        f"*{KIND_WORDS['synthesis']}*: studies but no review; *{KIND_WORDS['covered']}*: "
        "studies and reviews exist.",
        "- **Works.** Unique works cited by or imported into the review that cover every value "
        "of the cell, through their own fields, the sentence citing them or the heading they "
        "are cited under. The documents under review never count.",
        "- **Statements.** Sentences of the documents that name the gap's values together in "
        "one clause; the words naming each value are in bold, or quoted when they come from "
        "the sentence before or the section heading. A statement that a higher gap on a "
        "wider or narrower cell already counts, in whole or in part, says so in its details "
        "line.",
        "- **Score** of a stated gap, from 0 to 1: *stated* × *thinness*. *Stated* is the "
        "evidence that the documents state the gap: each statement counts its strength "
        f"({strength}) times the detector's confidence times how squarely it names the "
        "gap's values (in full for each value of a list; shared where a clause lists values "
        "of two facets without pairing them), with more when the gap is said in several "
        "sections or documents, or "
        "said elsewhere and again under a conclusion-like heading; a total W gives "
        f"1 − exp(−W/{settings.saturation:g}). *Thinness* is 1 / (1 + works / "
        f"{thin_max + 1}): 1 with no work, 1/2 with {plural(thin_max + 1, 'work')}. Stated "
        "gaps are placed best first, and among gaps on nested cells (one wider than the "
        "other) a statement counts at most once in full: a gap counts what a higher gap on a "
        "wider or narrower cell left of it (nothing, when that gap counted it all), so one "
        f"sentence does not fill two places. Silent gaps are ranked apart: {silent}.",
        "",
    ]


def _table(gaps: Sequence[Gap], *, with_status: bool) -> list[str]:
    if not gaps:
        return ["None.", ""]
    head = "| rank | gap | status | study | score | statements | works |"
    rule = "|---:|---|---|---|---:|---:|---:|"
    if not with_status:
        head, rule = "| rank | gap | study | score | works |", "|---:|---|---|---:|---:|"
    rows = []
    for g in gaps:
        cells = [str(g.rank), md_text(g.title)]
        if with_status:
            cells.append(STATUS_WORDS.get(g.status, g.status))
        cells += [KIND_WORDS.get(g.kind, g.kind), f"{g.score:.2f}"]
        if with_status:
            cells.append(str(len(g.statements)))
        rows.append("| " + " | ".join([*cells, str(g.n_works)]) + " |")
    return [head, rule, *rows, ""]


def _entry(g: Gap, ctx: GapContext) -> list[str]:
    facts = [
        STATUS_WORDS.get(g.status, g.status),
        KIND_WORDS.get(g.kind, g.kind),
        f"score {g.score:.2f}",
        plural(len(g.statements), "statement"),
        plural(g.n_works, "work"),
    ]
    lines = ["", f"## {g.rank}. {md_text(g.title)}", "", " · ".join(facts), "", md_text(g.why), ""]
    if g.backing:
        lines += ["Statements:", ""]
        for b in g.backing:
            lines += quote_lines(b, ctx, share=counted_share(g, b))
    if g.sources:
        lines += ["Nearest sources (in the cell first, then works sharing part of it):", ""]
        for i, key in enumerate(g.sources):
            shared = ", ".join(ctx.value(f, v) for f, v in ctx.shared(key, g))
            note = "in the cell" if i < g.n_works else f"shares {shared or 'a wider cell'}"
            lines.append(f"- {md_text(ctx.citation(key))} ({md_text(note)})")
        lines.append("")
    return lines


def quote_lines(b: Backing, ctx: GapContext, *, share: float = 1.0) -> list[str]:
    """A statement as a Markdown quote (the words naming the gap's values in bold), then its
    document's title and section with the words naming each value, then a details line
    (document id, offsets, strength, in a compound sentence which clause, and how much of it
    the gap's score counts: ``share`` 1 all, 0 none, between: a part)."""
    s = b.statement
    words = "; ".join(mention_words(b, ctx))
    return [
        f"> {md_bold_spans(s.quote, statement_words(b))}",
        ">",
        f"> — {md_text(where(s.doc_id, s.section, ctx))}. {md_text(words)}.",
        ">",
        f"> Details: {md_text(s.doc_id)}, characters {s.char_start}–{s.char_end}, "
        f"{s.strength}{', clause ' + str(b.clause + 1) if b.clause > 0 else ''}"
        f"{_share_words(share)}.",
        "",
    ]


def _share_words(share: float) -> str:
    if share >= 1:
        return ""
    if share <= 0:
        return "; counted for a higher gap on a wider or narrower cell"
    return (
        f"; counted here for {share:.0%} of its weight, a higher gap on a wider or narrower "
        "cell counting the rest"
    )
