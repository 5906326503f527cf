"""How a gap theme is scored and explained (pure; weights in ``data/gap_scoring.yaml``).

A theme's score is a weighted sum of parts in [0, 1]: *stated* (how strongly, how often and
how squarely the documents state it), *thinness* (how few works cover the cell), *age* (how
old the nearest evidence is) and *specificity* (how many facets the cell pins). ``why`` puts
the same parts into words.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence

from litreview.core.model import GapStatement
from litreview.gaps.index import Cell, CorpusIndex, GapSettings

__all__ = [
    "fmt_parts",
    "focus",
    "is_restatement",
    "parts_of",
    "specificity",
    "stated",
    "total",
    "why_stated",
]


def is_restatement(section: str, settings: GapSettings) -> bool:
    """Whether ``section`` is one where a restatement counts (conclusions, recommendations)."""
    low = section.lower()
    return any(w in low for w in settings.restated_in)


def focus(
    stmt: GapStatement,
    cell: Cell,
    facets: Sequence[str],
    *,
    any_values: Collection[tuple[str, str]] = (),
) -> float:
    """How much of a statement is about ``cell``, in (0, 1].

    The mean, over the facets the statement names, of ``1/k`` where the cell holds one of the
    statement's ``k`` values of that facet (0 where the cell leaves the facet out). A statement
    about exactly the cell scores 1; a diffuse one, naming many values, scores less. Values in
    ``any_values`` (catch-all "in general" values) name no particular value, so they are not
    counted: as in :func:`litreview.gaps.register.statement_cells`, they leave their facet open.
    """
    named = {f: [v for v in stmt.values(f) if (f, v) not in any_values] for f in facets}
    named = {f: vs for f, vs in named.items() if vs}
    if not named:
        return 1.0
    pinned = sum(1 / len(named[f]) for f, v in cell if v in named.get(f, ()))
    return max(pinned / len(named), 1e-3)


def stated(
    stmts: Sequence[GapStatement],
    cell: Cell,
    facets: Sequence[str],
    restated: Sequence[str],
    settings: GapSettings,
    *,
    any_values: Collection[tuple[str, str]] = (),
) -> float:
    """How strongly, how often and how squarely a theme is stated, in (0, 1)."""
    focused = [focus(s, cell, facets, any_values=any_values) for s in stmts]
    weight = sum(
        settings.strength.get(s.strength, 0.5) * f for s, f in zip(stmts, focused, strict=True)
    )
    extra = settings.bonus.get("per_extra_section", 0) * (
        len({(s.doc_id, s.section) for s in stmts}) - 1
    )
    extra += settings.bonus.get("per_extra_document", 0) * (len({s.doc_id for s in stmts}) - 1)
    extra += settings.bonus.get("restated", 0) * bool(restated)
    weight += extra * sum(focused) / len(focused)
    return 1 - math.exp(-weight / settings.saturation)


def parts_of(
    said: float,
    n_works: int,
    sources: Sequence[str],
    cell: Cell,
    facets: Sequence[str],
    corpus: CorpusIndex,
    settings: GapSettings,
) -> tuple[tuple[str, float], ...]:
    """The named parts of a cell's score, each in [0, 1]."""
    thinness = 1 / (1 + n_works / (settings.thin_max + 1))
    years = [corpus.years[k] for k in sources if k in corpus.years]
    age = min(1.0, (corpus.newest - max(years)) / settings.age_full) if years else 1.0
    return (
        ("stated", said),
        ("thinness", thinness),
        ("age", age),
        ("specificity", specificity(cell, facets, corpus)),
    )


def specificity(cell: Cell, facets: Sequence[str], corpus: CorpusIndex) -> float:
    """How narrow a cell's topic is, in [0, 1]: its self-information in the corpus.

    Each value's share of the tagged works is ``(n_value + 1) / (N + 1)``; the cell's expected
    share, were its facets independent, is their product ``p``, and its specificity is
    ``-log p / log(N + 1)``, capped at 1. A cell pinning a rare value is as narrow as one
    pinning several common values: the measure asks how much of the field the topic spans,
    not how many facets it names. (The cell's own works are not used: that is thinness.)
    Without a tagged corpus it falls back to the share of facets the cell pins.
    """
    n = len(corpus.tagged)
    if n == 0:
        return len(cell) / max(1, len(facets))
    info = -sum(math.log((len(corpus.by_value.get(p, ())) + 1) / (n + 1)) for p in cell)
    return min(1.0, info / math.log(n + 1))


def total(parts: Iterable[tuple[str, float]], settings: GapSettings) -> float:
    """The weighted sum of ``parts``, rounded to 4 places."""
    return round(sum(settings.weights.get(name, 0) * value for name, value in parts), 4)


def why_stated(
    stmts: Sequence[GapStatement],
    restated: Sequence[str],
    n_works: int,
    status: str,
    kind: str,
    sources: Sequence[str],
    corpus: CorpusIndex,
    parts: tuple[tuple[str, float], ...],
    settings: GapSettings,
) -> str:
    """``why`` of a stated gap: how it is stated, what the corpus holds, the score's parts."""
    n_exp = sum(s.strength == "explicit" for s in stmts)
    sections = len({(s.doc_id, s.section) for s in stmts})
    docs = len({s.doc_id for s in stmts})
    said = (
        f"Stated {len(stmts)} time(s) ({n_exp} explicit, {len(stmts) - n_exp} implicit) in "
        f"{sections} section(s) of {docs} document(s)"
    )
    if restated:
        said += f", restated in '{restated[0]}'"
    years = [corpus.years[k] for k in sources if k in corpus.years]
    newest = f"newest nearby source {max(years)}" if years else "no dated source nearby"
    verdict = (
        "the corpus confirms it is thin"
        if status == "stated_confirmed"
        else "yet the corpus has works there"
    )
    return (
        f"{said}; {n_works} work(s) cover the cell, so {verdict} ({kind} gap); {newest}. "
        f"Score {total(parts, settings):.2f} = {fmt_parts(parts, settings)}."
    )


def fmt_parts(parts: Iterable[tuple[str, float]], settings: GapSettings) -> str:
    """The score's parts as ``w×name value`` terms joined with ``+``."""
    return " + ".join(f"{settings.weights.get(n, 0):g}×{n} {v:.2f}" for n, v in parts)
