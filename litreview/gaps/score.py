"""How a gap is scored and explained (pure; numbers in ``data/gap_scoring.yaml``).

A stated gap's score is the evidence that the documents state it, discounted by how much of
its cell the corpus already covers: *stated* × *thinness*, each in [0, 1]. *stated* (how
strongly, how often and how squarely the documents state the gap) is the primary key;
*thinness* (how few works cover the cell) only scales it, so a cell one weak statement backs
cannot outrank one several statements back by being thin. A silent gap has no statements, so
its score is a weighted sum of thinness, *age* (how old the nearest evidence is) and
*specificity* (how narrow the cell is), and it is ranked apart. ``why`` puts the same parts
into words.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence

from litreview.core.model import GapStatement
from litreview.core.words import plural
from litreview.gaps.attribution import ClauseValues, clause_values
from litreview.gaps.index import Cell, CorpusIndex, GapSettings

__all__ = [
    "evidence_score",
    "focus",
    "is_restatement",
    "restated_sections",
    "silent_parts",
    "silent_score",
    "specificity",
    "stated",
    "thinness",
    "why_score",
    "why_silent_score",
    "why_stated",
]


def is_restatement(section: str, settings: GapSettings) -> bool:
    """Whether ``section`` is one where a restatement counts (conclusions, recommendations)."""
    low = section.lower()
    return any(w in low for w in settings.restated_in)


def restated_sections(stmts: Sequence[GapStatement], settings: GapSettings) -> list[str]:
    """The conclusion-like sections where a gap the documents state elsewhere is said again.

    Empty when no statement is under such a heading, or when every one is: a gap stated only
    in a conclusion is stated there once, not restated, and its statements already count.
    """
    sections = {(s.doc_id, s.section) for s in stmts}
    again = {x for x in sections if is_restatement(x[1], settings)}
    return sorted({x[1] for x in again}) if len(again) < len(sections) else []


def focus(
    stmt: GapStatement,
    cell: Cell,
    facets: Sequence[str],
    *,
    any_values: Collection[tuple[str, str]] = (),
) -> float:
    """How much of a statement is about ``cell``, in (0, 1]: the best of its clauses.

    For one clause: the share of the facets the clause names that the cell pins to one of the
    clause's values (0 where the cell leaves a named facet out), times how unambiguously the
    clause pairs the cell's values. Values coordinated within one facet ("farmers, herders and
    fishers are absent from the research") each receive the whole claim, so a cell
    pinning one of them counts in full; where the cell pins values of several facets that
    each list more than one ("farmers and traders ... in floods and droughts"), the clause does
    not say which goes with which, and the cell counts ``max(k) / prod(k)`` of it (``k``: the
    clause's values in each facet the cell pins), so a compound sentence supports each of
    its gaps, not their cross-product. Values in ``any_values`` (catch-all "in general"
    values) name no particular value, so they are not counted: as in
    :func:`litreview.gaps.attribution.cells_of`, they leave their facet open.
    """
    return max(_focus(values, cell, facets, any_values) for _, values in clause_values(stmt))


def _focus(
    values: ClauseValues,
    cell: Cell,
    facets: Sequence[str],
    any_values: Collection[tuple[str, str]],
) -> float:
    named = {f: [v for v in values.get(f, ()) if (f, v) not in any_values] for f in facets}
    named = {f: vs for f, vs in named.items() if vs}
    if not named:
        return 1.0
    listed = [len(named[f]) for f, v in cell if v in named.get(f, ())]
    if not listed:
        return 1e-3
    return len(listed) / len(named) * max(listed) / math.prod(listed)


def stated(
    stmts: Sequence[GapStatement],
    cell: Cell,
    facets: Sequence[str],
    restated: Sequence[str],
    settings: GapSettings,
    *,
    any_values: Collection[tuple[str, str]] = (),
    shares: Sequence[float] | None = None,
) -> float:
    """How strongly, how often and how squarely a theme is stated, in [0, 1).

    Each statement counts its strength's weight times the detector's confidence times its
    :func:`focus` on ``cell`` (times, given, its ``shares``: the part of that focus left for
    this cell once gaps placed before it on nested cells took theirs); being said in more
    sections or documents, and restated (``restated``, see :func:`restated_sections`), adds
    to the total ``W``, which saturates as ``1 - exp(-W / saturation)``. No statements: 0.
    """
    if not stmts:
        return 0.0
    focused = [focus(s, cell, facets, any_values=any_values) for s in stmts]
    if shares is not None:
        focused = [f * share for f, share in zip(focused, shares, strict=True)]
    weight = sum(
        settings.strength.get(s.strength, 0.5) * min(1.0, max(0.0, s.score)) * f
        for s, f in zip(stmts, focused, strict=True)
    )
    extra = settings.bonus.get("per_extra_section", 0) * (
        len({(s.doc_id, s.section) for s in stmts}) - 1
    )
    extra += settings.bonus.get("per_extra_document", 0) * (len({s.doc_id for s in stmts}) - 1)
    extra += settings.bonus.get("restated", 0) * bool(restated)
    weight += extra * sum(focused) / len(focused)
    return 1 - math.exp(-weight / settings.saturation)


def thinness(n_works: int, thin_max: int) -> float:
    """How few works cover a cell, in (0, 1]: 1 with none, 1/2 at ``thin_max + 1`` (the first
    count that is not thin), falling as ``1 / (1 + n / (thin_max + 1))``."""
    return 1 / (1 + n_works / (thin_max + 1))


def evidence_score(said: float, thin: float) -> float:
    """A stated gap's score: its *stated* part scaled by its *thinness*, rounded to 4 places."""
    return round(said * thin, 4)


def silent_parts(
    n_works: int,
    sources: Sequence[str],
    cell: Cell,
    facets: Sequence[str],
    corpus: CorpusIndex,
    settings: GapSettings,
) -> tuple[tuple[str, float], ...]:
    """The named parts of a silent gap's score, each in [0, 1]."""
    years = [corpus.years[k] for k in sources if k in corpus.years]
    age = min(1.0, (corpus.newest - max(years)) / settings.age_full) if years else 1.0
    return (
        ("thinness", thinness(n_works, settings.thin_max)),
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


def silent_score(parts: Iterable[tuple[str, float]], settings: GapSettings) -> float:
    """A silent gap's score: the weighted sum of ``parts``, rounded to 4 places."""
    return round(sum(settings.silent_weights.get(name, 0) * value for name, value in parts), 4)


def why_stated(
    stmts: Sequence[GapStatement],
    restated: Sequence[str],
    n_works: int,
    status: str,
    kind: str,
    sources: Sequence[str],
    corpus: CorpusIndex,
    settings: GapSettings,
) -> str:
    """``why`` of a stated gap: how it is stated and what the corpus holds (the score's
    sentences, :func:`why_score`, follow once the gap is placed)."""
    n_exp = sum(s.strength == "explicit" for s in stmts)
    sections = len({(s.doc_id, s.section) for s in stmts})
    docs = len({s.doc_id for s in stmts})
    said = (
        f"Stated in {plural(len(stmts), 'statement')} ({n_exp} explicit, "
        f"{len(stmts) - n_exp} implicit) in {plural(sections, 'section')} of "
        f"{plural(docs, 'document')}"
    )
    if restated:
        said += f", restated under '{restated[0]}'"
    held = "no work covers" if n_works == 0 else f"{plural(n_works, 'work')} "
    held += "" if n_works == 0 else ("covers" if n_works == 1 else "cover")
    if status == "stated_confirmed":
        verdict = f"{held} the cell (thin: at most {settings.thin_max}): the corpus confirms it"
    else:
        verdict = (
            f"{held} the cell (more than {settings.thin_max}): the corpus has studies there, so "
            f"the gap is one of {_KIND_WORDS.get(kind, kind)} rather than of evidence"
        )
    years = [corpus.years[k] for k in sources if k in corpus.years]
    newest = f"Newest nearby source: {max(years)}" if years else "No dated source nearby"
    return f"{said}. {verdict[0].upper()}{verdict[1:]}. {newest}."


def why_score(said: float, thin: float, n_counted: int, n_statements: int, n_part: int = 0) -> str:
    """The score sentences of a stated gap's ``why``: which statements count, and how much of
    them (``n_part`` of the ``n_counted`` count only what a higher gap left of them)."""
    score = f"Score {evidence_score(said, thin):.2f} = stated {said:.2f} × thinness {thin:.2f}."
    if n_counted == n_statements and not n_part:
        return score
    if n_counted == 0:
        return (
            "Every statement behind it already counts for a higher gap on a wider or narrower "
            f"cell, so it adds no evidence of its own. {score}"
        )
    said_out = []
    if n_counted < n_statements:
        said_out.append(
            f"{plural(n_statements - n_counted, 'statement')} of {n_statements} already "
            f"{_count(n_statements - n_counted)} for a higher gap on a wider or narrower cell"
        )
    if n_part:
        said_out.append(
            f"{plural(n_part, 'statement')} of {n_statements} {_count(n_part)} here only in "
            "part, a higher gap on a wider or narrower cell counting the rest"
        )
    if n_counted > n_part:
        said_out.append(f"stated counts the other {n_counted - n_part} in full")
    return f"{'; '.join(said_out)}. {score}"


def _count(n: int) -> str:
    return "counts" if n == 1 else "count"


def why_silent_score(parts: Iterable[tuple[str, float]], settings: GapSettings) -> str:
    """The score sentence of a silent gap's ``why``: the total and its weighted parts."""
    parts = tuple(parts)
    terms = " + ".join(f"{settings.silent_weights.get(n, 0):g}×{n} {v:.2f}" for n, v in parts)
    return f"Score {silent_score(parts, settings):.2f} = {terms}."


_KIND_WORDS = {"synthesis": "synthesis", "covered": "updating the reviews", "absolute": "evidence"}
