"""Gaps: bring the documents' gap statements and the corpus's coverage together (pure).

A *cell* is a point of the facet grid with some facets left out: ``(("group", "women"),
("gender_dimension", "roles_in_soc"))`` means women's roles under any crime type. Gap
*themes* are the cells that the statements share, kept only where no more specific cell
has exactly the same statements (closed cells). Each theme is scored by how strongly and how
often it is stated, how thin the corpus is there, how old the nearest evidence is and how
specific the cell is (weights and words in ``litreview/data/gap_scoring.yaml``), then
classified: *stated_confirmed*, *stated_contradicted* or, for thin cells no statement
mentions, *silent*; and *absolute* (few studies), *synthesis* (studies, no review) or
*covered*. Nothing here knows the review's subject: all of it comes from the inputs.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import yaml

from .errors import InputError
from .model import GapStatement, Tag, Work

Cell = tuple[tuple[str, str], ...]

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
class GapSettings:
    """Scoring weights and data-held words (see ``data/gap_scoring.yaml``)."""

    weights: Mapping[str, float]
    strength: Mapping[str, float]
    bonus: Mapping[str, float]
    restated_in: tuple[str, ...]
    thin_max: int = 2
    thin_share: float = 0.0
    age_full: float = 15.0
    review_types: tuple[str, ...] = ()
    review_words: tuple[str, ...] = ()
    max_sources: int = 10
    max_silent: int = 10
    silent_min_marginal: int = 3
    saturation: float = 4.0
    min_facets: int = 2


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


def load_settings(text: str | None = None, path: str = "gap_scoring.yaml") -> GapSettings:
    """Settings from YAML ``text`` (default: the packaged ``data/gap_scoring.yaml``)."""
    if text is None:
        text = resources.files("litreview").joinpath("data/gap_scoring.yaml").read_text("utf-8")
    try:
        raw = yaml.safe_load(text) or {}
        return GapSettings(
            weights={k: float(v) for k, v in raw["weights"].items()},
            strength={k: float(v) for k, v in raw["strength"].items()},
            bonus={k: float(v) for k, v in raw["bonus"].items()},
            restated_in=tuple(str(w).lower() for w in raw.get("restated_in", ())),
            thin_max=int(raw.get("thin_max", 2)),
            thin_share=float(raw.get("thin_share", 0)),
            age_full=float(raw.get("age_full", 15)),
            review_types=tuple(raw.get("review_types", ())),
            review_words=tuple(str(w).lower() for w in raw.get("review_words", ())),
            max_sources=int(raw.get("max_sources", 10)),
            max_silent=int(raw.get("max_silent", 10)),
            silent_min_marginal=int(raw.get("silent_min_marginal", 3)),
            saturation=float(raw.get("saturation", 4)),
            min_facets=int(raw.get("min_facets", 2)),
        )
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"bad gap scoring settings: {exc}", path=path) from None


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
    named = {f: [v for v in getattr(stmt, f, ()) if (f, v) not in any_values] for f in facets}
    options = [[(f, v) for v in named[f]] + [None] for f in facets]
    need = max(1, min(min_facets, sum(1 for f in facets if named[f])))
    cells = set()
    for combo in itertools.product(*options):
        cell = tuple(p for p in combo if p is not None)
        if len(cell) >= need:
            cells.add(cell)
    return cells


@dataclass(frozen=True, slots=True)
class _Corpus:
    """Index of the corpus: works per facet value, years, reviews, newest year."""

    by_value: Mapping[tuple[str, str], frozenset[str]]
    years: Mapping[str, int]
    reviews: frozenset[str]
    newest: int
    tagged: frozenset[str]

    def works(self, cell: Cell) -> frozenset[str]:
        """Unique works tagged with every value of ``cell``."""
        sets = sorted((self.by_value.get(p, frozenset()) for p in cell), key=len)
        return frozenset.intersection(*sets) if sets else frozenset()


def _index(tags: Iterable[Tag], works: Iterable[Work], settings: GapSettings) -> _Corpus:
    by_value: dict[tuple[str, str], set[str]] = defaultdict(set)
    for t in tags:
        by_value[(t.facet, t.value)].add(t.work_key)
    years: dict[str, int] = {}
    reviews = set()
    for w in works:
        if w.year:
            years[w.key] = int(w.year)
        title = w.title.lower()
        if w.type in settings.review_types or any(x in title for x in settings.review_words):
            reviews.add(w.key)
    return _Corpus(
        {k: frozenset(v) for k, v in by_value.items()},
        years,
        frozenset(reviews),
        max(years.values(), default=0),
        frozenset().union(*by_value.values()),
    )


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
    corpus = _index([t for t in tags if t.work_key not in skip], works, settings)
    settings = thin_for(settings, len(corpus.tagged))
    themes = _themes(statements, facets, settings.min_facets, frozenset(any_values))
    stated = _rank(themes, corpus, facets, labels or {}, settings)
    silent = _silent(statements, corpus, facets, labels or {}, settings)
    ordered = sorted(stated, key=_order) + sorted(silent, key=_order)[: settings.max_silent]
    return [_with_rank(g, n) for n, g in enumerate(ordered, start=1)]


def thin_for(settings: GapSettings, n_tagged: int) -> GapSettings:
    """Settings whose ``thin_max`` grows with the corpus: at least ``thin_share`` of its works."""
    from dataclasses import replace

    return replace(settings, thin_max=max(settings.thin_max, int(settings.thin_share * n_tagged)))


def _order(g: Gap) -> tuple[float, str]:
    return (-g.score, g.id)


def _with_rank(g: Gap, rank: int) -> Gap:
    from dataclasses import replace

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
    corpus: _Corpus,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
) -> list[Gap]:
    """Score every theme, then drop those a better theme already says."""
    gaps = sorted(
        (_score_theme(c, ss, corpus, facets, labels, settings) for c, ss in themes.items()),
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
    corpus: _Corpus,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
) -> Gap:
    in_cell = corpus.works(cell)
    sources = _nearest(cell, in_cell, corpus, settings)
    restated = sorted({s.section for s in stmts if _is_restatement(s.section, settings)})
    said = _stated(stmts, cell, facets, restated, settings)
    parts = _parts(said, len(in_cell), sources, cell, facets, corpus, settings)
    status = "stated_confirmed" if len(in_cell) <= settings.thin_max else "stated_contradicted"
    kind = _kind(in_cell, corpus, settings)
    why = _why_stated(stmts, restated, len(in_cell), status, kind, sources, corpus, parts, settings)
    return Gap(
        rank=0,
        id=_cell_id(cell),
        title=_title(cell, labels),
        cell=cell,
        score=_total(parts, settings),
        status=status,
        kind=kind,
        n_works=len(in_cell),
        statements=stmts,
        sources=sources,
        documents=tuple(sorted({s.doc_id for s in stmts})),
        why=why,
        parts=parts,
    )


def _is_restatement(section: str, settings: GapSettings) -> bool:
    low = section.lower()
    return any(w in low for w in settings.restated_in)


def focus(stmt: GapStatement, cell: Cell, facets: Sequence[str]) -> float:
    """How much of a statement is about ``cell``, in (0, 1].

    The mean, over the facets the statement names, of ``1/k`` where the cell holds one of the
    statement's ``k`` values of that facet (0 where the cell leaves the facet out). A statement
    about exactly the cell scores 1; a diffuse one, naming many values, scores less.
    """
    named = [f for f in facets if getattr(stmt, f, ())]
    if not named:
        return 1.0
    pinned = sum(1 / len(getattr(stmt, f, ())) for f, v in cell if v in getattr(stmt, f, ()))
    return max(pinned / len(named), 1e-3)


def _stated(
    stmts: Sequence[GapStatement],
    cell: Cell,
    facets: Sequence[str],
    restated: Sequence[str],
    settings: GapSettings,
) -> float:
    """How strongly, how often and how squarely a theme is stated, in (0, 1)."""
    focused = [focus(s, cell, facets) for s in stmts]
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


def _parts(
    said: float,
    n_works: int,
    sources: Sequence[str],
    cell: Cell,
    facets: Sequence[str],
    corpus: _Corpus,
    settings: GapSettings,
) -> tuple[tuple[str, float], ...]:
    thinness = 1 / (1 + n_works / (settings.thin_max + 1))
    years = [corpus.years[k] for k in sources if k in corpus.years]
    age = min(1.0, (corpus.newest - max(years)) / settings.age_full) if years else 1.0
    specificity = len(cell) / max(1, len(facets))
    return (("stated", said), ("thinness", thinness), ("age", age), ("specificity", specificity))


def _total(parts: Iterable[tuple[str, float]], settings: GapSettings) -> float:
    return round(sum(settings.weights.get(name, 0) * value for name, value in parts), 4)


def _kind(in_cell: frozenset[str], corpus: _Corpus, settings: GapSettings) -> str:
    if len(in_cell) <= settings.thin_max:
        return "absolute"
    return "covered" if in_cell & corpus.reviews else "synthesis"


def _nearest(
    cell: Cell, in_cell: frozenset[str], corpus: _Corpus, settings: GapSettings
) -> tuple[str, ...]:
    """The cell's works, newest first; then works of its wider cells, the rarest wider cell
    first (sharing a rare value is closer than sharing a common one)."""
    found = heapq.nsmallest(settings.max_sources, in_cell, key=lambda k: _newest(k, corpus))
    for size in range(len(cell) - 1, 0, -1):
        subs = sorted(itertools.combinations(cell, size), key=lambda sub: len(corpus.works(sub)))
        for sub in subs:
            if len(found) >= settings.max_sources:
                return tuple(found)
            pool = corpus.works(sub).difference(found)
            found += heapq.nsmallest(
                settings.max_sources - len(found), pool, key=lambda k: _newest(k, corpus)
            )
    return tuple(found)


def _newest(key: str, corpus: _Corpus) -> tuple[int, str]:
    """Sort key: newest first, then by citekey."""
    return (-corpus.years.get(key, 0), key)


def _silent(
    statements: Sequence[GapStatement],
    corpus: _Corpus,
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
    corpus: _Corpus,
    facets: Sequence[str],
    labels: Mapping[tuple[str, str], str],
    settings: GapSettings,
) -> Gap:
    sources = _nearest(cell, in_cell, corpus, settings)
    parts = _parts(0.0, len(in_cell), sources, cell, facets, corpus, settings)
    marg = " and ".join(f"{len(corpus.by_value[p])} on {labels.get(p, p[1])}" for p in cell)
    why = (
        f"No document states this gap, but only {len(in_cell)} work(s) of the corpus cover the "
        f"cell while {marg}; score {_total(parts, settings):.2f} from thin coverage "
        f"({_fmt_parts(parts, settings)})."
    )
    return Gap(
        rank=0,
        id=_cell_id(cell),
        title=_title(cell, labels),
        cell=cell,
        score=_total(parts, settings),
        status="silent",
        kind="absolute",
        n_works=len(in_cell),
        statements=(),
        sources=sources,
        documents=(),
        why=why,
        parts=parts,
    )


def _why_stated(
    stmts: Sequence[GapStatement],
    restated: Sequence[str],
    n_works: int,
    status: str,
    kind: str,
    sources: Sequence[str],
    corpus: _Corpus,
    parts: tuple[tuple[str, float], ...],
    settings: GapSettings,
) -> str:
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
        f"Score {_total(parts, settings):.2f} = {_fmt_parts(parts, settings)}."
    )


def _fmt_parts(parts: Iterable[tuple[str, float]], settings: GapSettings) -> str:
    return " + ".join(f"{settings.weights.get(n, 0):g}×{n} {v:.2f}" for n, v in parts)


def _title(cell: Cell, labels: Mapping[tuple[str, str], str]) -> str:
    return " · ".join(labels.get(p, p[1].replace("_", " ")) for p in cell)


def _cell_id(cell: Cell) -> str:
    return "--".join(re.sub(r"[^a-z0-9_.]+", "-", f"{f}.{v}".lower()) for f, v in cell)
