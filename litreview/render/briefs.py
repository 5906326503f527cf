"""Study briefs: one Markdown page per top gap, written for a commissioner.

Each brief says what the gap is, what the documents say (quoted, with locations), what
evidence exists (formatted citations), suggested research questions (templates in
``data/gap_briefs.yaml`` filled with the taxonomy's labels and descriptions), who and what
they cover, and what kind of study the gap calls for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from litreview.core.model import Work
from litreview.gaps.register import Gap
from litreview.taxonomy import Labels

#: Sources listed per brief (the newest nearest ones); the register lists them all.
SHOWN = 5

__all__ = ["SHOWN", "brief_markdown", "brief_name", "render_briefs"]


def brief_name(gap: Gap, n: int) -> str:
    """``NN-slug.md`` for the ``n``-th brief."""
    slug = re.sub(r"[^a-z0-9]+", "-", gap.title.lower()).strip("-")[:60].strip("-") or gap.id
    return f"{n:02d}-{slug}.md"


def render_briefs(
    gaps: Sequence[Gap], works: Sequence[Work], labels: Labels, *, top: int = 10
) -> dict[str, str]:
    """``briefs/NN-slug.md`` for the ``top`` best gaps, keyed by path under ``gaps/``."""
    from litreview.render.egm import work_citations

    by_key = {w.key: w for w in works}
    cited = sorted(
        {
            k
            for g in gaps[:top]
            for k in (*g.sources[: g.n_works][:SHOWN], *g.sources[g.n_works :][:SHOWN])
            if k in by_key
        }
    )
    texts = work_citations([by_key[k] for k in cited])
    templates = _templates()
    return {
        f"briefs/{brief_name(g, n)}": brief_markdown(g, by_key, labels, templates, texts)
        for n, g in enumerate(gaps[:top], start=1)
    }


def brief_markdown(
    gap: Gap,
    works: Mapping[str, Work],
    labels: Labels,
    templates: Mapping[str, Any],
    texts: Mapping[str, str] | None = None,
) -> str:
    """One brief as Markdown."""
    parts = [
        f"# Study brief {gap.rank}: {gap.title}",
        "",
        "## The gap",
        "",
        _summary(gap, labels),
        "",
        "## What the documents say",
        "",
        *_quotes(gap),
        "## What evidence exists",
        "",
        *_evidence(gap, works, texts),
        "## Suggested research questions",
        "",
        *_questions(gap, labels, templates),
        "## Who and what it covers",
        "",
        *_coverage(gap, labels),
        "## What kind of study",
        "",
        templates.get("kinds", {}).get(gap.kind, gap.kind).capitalize() + ".",
        "",
        "## Why this rank",
        "",
        gap.why,
        "",
    ]
    return "\n".join(parts)


def _summary(gap: Gap, labels: Labels) -> str:
    words = _cell_words(gap, labels)
    if gap.status == "silent":
        said = "No document under review states this gap, but the corpus is thin here"
    else:
        docs = ", ".join(gap.documents)
        said = (
            f"The documents under review ({docs}) say {len(gap.statements)} time(s) that "
            f"evidence is missing or thin here"
        )
    corpus = (
        f"the corpus holds {gap.n_works} work(s) on exactly this combination"
        if gap.n_works
        else "the corpus holds no work on exactly this combination"
    )
    verdict = {
        "stated_confirmed": "The corpus confirms the gap.",
        "stated_contradicted": "Sources do exist, so the gap may be one of synthesis or "
        "of awareness rather than of evidence.",
        "silent": "It is a candidate gap worth checking.",
    }.get(gap.status, "")
    return f"This gap concerns {words}. {said}; {corpus}. {verdict}"


def _quotes(gap: Gap) -> list[str]:
    if not gap.statements:
        return ["No statement in the documents mentions this gap.", ""]
    out = []
    for s in gap.statements:
        where = f"{s.doc_id}, {s.section or 'no section'}, characters {s.char_start}–{s.char_end}"
        out += [f"> {' '.join(s.quote.split())}", ">", f"> — {where} ({s.strength})", ""]
    return out


def _evidence(gap: Gap, works: Mapping[str, Work], texts: Mapping[str, str] | None) -> list[str]:
    from litreview.render.egm import plain_citation

    found = [works[k] for k in gap.sources if k in works]
    if not found:
        return ["No existing source in the corpus is close to this gap.", ""]
    inside, nearby = found[: gap.n_works], found[gap.n_works :]
    out = []
    for head, group in (
        (
            f"The corpus holds {gap.n_works} work(s) on exactly this combination (newest first):",
            inside,
        ),
        ("Nearby works, sharing part of the combination:", nearby),
    ):
        shown = group[:SHOWN]
        if shown:
            out += [
                head,
                "",
                *[f"- {(texts or {}).get(w.key) or plain_citation(w)}" for w in shown],
                "",
            ]
        if len(group) > len(shown):
            out += [f"({len(group) - len(shown)} more are listed in the register.)", ""]
    return out


def _questions(gap: Gap, labels: Labels, templates: Mapping[str, Any]) -> list[str]:
    names = [labels.value(f, v) for f, v in gap.cell]
    fill = {
        "cell": " and ".join(names),
        "first": names[0],
        "rest": " and ".join(names[1:]) or "its context",
        "n_works": gap.n_works,
    }
    chosen = [
        t
        for t in templates.get(gap.kind, templates.get("absolute", []))
        if len(names) > 1 or "{rest}" not in t
    ]
    return [f"{n}. {t.format(**fill)}" for n, t in enumerate(chosen, start=1)] + [""]


def _coverage(gap: Gap, labels: Labels) -> list[str]:
    out = []
    for f, v in gap.cell:
        desc = labels.descriptions.get((f, v), "")
        out.append(
            f"- **{labels.facets.get(f, f)}: {labels.value(f, v)}**"
            + (f" — {desc}" if desc else "")
        )
    also = sorted(
        {(f, v) for s in gap.statements for f in labels.facets for v in s.values(f)} - set(gap.cell)
    )
    if also:
        out.append(
            "- Also named in the statements: " + ", ".join(labels.value(f, v) for f, v in also)
        )
    return [*out, ""]


def _cell_words(gap: Gap, labels: Labels) -> str:
    return " and ".join(
        f"{labels.value(f, v)} ({labels.facets.get(f, f).lower()})" for f, v in gap.cell
    )


def _templates() -> Mapping[str, Any]:
    text = resources.files("litreview").joinpath("data/gap_briefs.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}
