"""Study briefs: one Markdown page per top gap, written for a commissioner.

Each brief says what the gap is, in the documents' words; what the documents say (quoted, the
words naming each value in bold, the document's title and section, offsets in a details line);
what evidence exists (formatted citations, each with the evidence that puts it in or near the
cell); research questions built from what the statements say is missing
(:mod:`litreview.gaps.objects`, forms in ``data/gap_briefs.yaml``); what it covers; what kind
of study it calls for; and what would change its rank (:mod:`litreview.gaps.sensitivity`).
Every text from a document or the corpus is escaped (:mod:`litreview.render.markdown`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from litreview.core.words import plural
from litreview.gaps.gap import Gap
from litreview.gaps.objects import gap_objects, load_object_rules
from litreview.gaps.sensitivity import RankMoves
from litreview.render.brief_parts import evidence_section, moves_section
from litreview.render.context import GapContext, counted_share, where
from litreview.render.markdown import md_text
from litreview.render.register_md import STATUS_WORDS, quote_lines

#: Sources listed per brief, in the cell and nearby (the register lists them all).
SHOWN = 5

__all__ = ["SHOWN", "brief_markdown", "brief_name", "render_briefs"]


def brief_name(gap: Gap, n: int) -> str:
    """``NN-slug.md`` for the ``n``-th brief."""
    slug = re.sub(r"[^a-z0-9]+", "-", gap.title.lower()).strip("-")[:60].strip("-") or gap.id
    return f"{n:02d}-{slug}.md"


def render_briefs(
    gaps: Sequence[Gap],
    ctx: GapContext,
    *,
    top: int = 10,
    moves: Mapping[str, RankMoves] | None = None,
) -> dict[str, str]:
    """``briefs/NN-slug.md`` for the ``top`` best stated gaps (silent gaps when there are
    fewer), keyed by path under ``gaps/``; ``moves`` (by gap id) says what would change each
    rank."""
    chosen = [g for g in gaps if g.statements][:top]
    chosen += [g for g in gaps if not g.statements][: top - len(chosen)]
    templates = _templates()
    n_stated = sum(1 for g in gaps if g.statements)
    return {
        f"briefs/{brief_name(g, n)}": brief_markdown(
            g, ctx, templates, (moves or {}).get(g.id), n_stated=n_stated
        )
        for n, g in enumerate(chosen, start=1)
    }


def brief_markdown(
    gap: Gap,
    ctx: GapContext,
    templates: Mapping[str, Any],
    moves: RankMoves | None = None,
    *,
    n_stated: int = 0,
) -> str:
    """One brief as Markdown."""
    objects = gap_objects(gap.backing, load_object_rules(templates.get("objects")))
    parts = [
        f"# Study brief {gap.rank}: {md_text(gap.title)}",
        "",
        "## The gap",
        "",
        _summary(gap, ctx, [o.text for o in objects]),
        "",
        "## What the documents say",
        "",
        *_quotes(gap, ctx),
        "## What evidence exists",
        "",
        *evidence_section(gap, ctx, SHOWN),
        "## Suggested research questions",
        "",
        *_questions(gap, ctx, templates, objects),
        "## Who and what it covers",
        "",
        *_coverage(gap, ctx),
        "## What kind of study",
        "",
        md_text(templates.get("kinds", {}).get(gap.kind, gap.kind).capitalize()) + ".",
        "",
        "## What would change this rank",
        "",
        *moves_section(gap, ctx, moves, n_stated),
        "## Why this rank",
        "",
        md_text(gap.why),
        "",
    ]
    return "\n".join(parts)


def _summary(gap: Gap, ctx: GapContext, objects: Sequence[str]) -> str:
    values = " and ".join(ctx.value(f, v) for f, v in gap.cell)
    held = (
        "no work of the corpus covers"
        if gap.n_works == 0
        else f"{plural(gap.n_works, 'work')} of the corpus "
        + ("covers" if gap.n_works == 1 else "cover")
    )
    thin = f"(thin: at most {gap.thin_max})" if gap.thin_max else ""
    if gap.status == "silent":
        return md_text(
            f"No document under review states this gap, but {held} {values} together "
            f"{thin}: a candidate gap worth checking."
        )
    docs = "; ".join(ctx.doc_title(d) for d in gap.documents)
    said = f"The documents under review ({docs}) say in {plural(len(gap.statements), 'statement')}"
    said += " that evidence is missing on " + (
        "; ".join(f"“{o}”" for o in objects) if objects else values
    )
    verdict = {
        "stated_confirmed": f"{held} {values} together {thin}: the corpus confirms the gap.",
        "stated_contradicted": f"{held} {values} together, more than {gap.thin_max}: the gap "
        "may be one of synthesis or of awareness rather than of evidence.",
    }.get(gap.status, "")
    return md_text(f"{said}. {verdict[:1].upper()}{verdict[1:]}")


def _quotes(gap: Gap, ctx: GapContext) -> list[str]:
    if not gap.backing:
        return ["No statement in the documents names this gap.", ""]
    return [line for b in gap.backing for line in quote_lines(b, ctx, share=counted_share(gap, b))]


def _questions(
    gap: Gap, ctx: GapContext, templates: Mapping[str, Any], objects: Sequence[Any]
) -> list[str]:
    forms = templates.get("questions", {})
    out = []
    for o in objects:
        if gap.kind in ("synthesis", "covered"):
            form = (
                gap.kind + "_data" if o.about_data and forms.get(gap.kind + "_data") else gap.kind
            )
        else:
            form = "data" if o.about_data else "missing"
        text = forms.get(form) or forms.get("missing", "What is known about {object}?")
        # only a sentence's first word has a capital that is not its own ("Ukrainian")
        opens = any(
            b.statement.doc_id == o.doc_id and b.statement.char_start == o.char_start
            for b in gap.backing
        )
        out.append(text.format(object=_lower_first(o.text) if opens else o.text))
    if not out:
        words = " and ".join(ctx.value(f, v).lower() for f, v in gap.cell)
        out.append(templates.get("fallback", "What is known about {words}?").format(words=words))
    lines = [f"{n}. {md_text(q)}" for n, q in enumerate(out, start=1)]
    sources = [o for o in objects]
    if sources:
        lines += [
            "",
            "From: "
            + "; ".join(
                f"{md_text(where(o.doc_id, '', ctx))} (characters {o.char_start}–{o.char_end})"
                for o in sources
            )
            + ".",
        ]
    return [*lines, ""]


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _coverage(gap: Gap, ctx: GapContext) -> list[str]:
    out = []
    for f, v in gap.cell:
        desc = ctx.labels.descriptions.get((f, v), "")
        facet = ctx.labels.facets.get(f, f)
        out.append(
            f"- **{md_text(facet)}: {md_text(ctx.value(f, v))}**"
            + (f" — {md_text(desc)}" if desc else "")
        )
    also = sorted(
        {(f, v) for s in gap.statements for f, vs in s.facets for v in vs} - set(gap.cell)
    )
    if also:
        out.append(
            "- Also named in the statements: "
            + ", ".join(md_text(ctx.value(f, v)) for f, v in also)
        )
    out.append(f"- Status: {STATUS_WORDS.get(gap.status, gap.status)}.")
    return [*out, ""]


def _templates() -> Mapping[str, Any]:
    text = resources.files("litreview").joinpath("data/gap_briefs.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}
