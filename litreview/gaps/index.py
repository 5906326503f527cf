"""The corpus side of gap finding (pure): settings, the corpus index and coverage status.

:class:`CorpusIndex` holds the unique works per facet value, their years and which are
reviews; from it come the works of a *cell* (a point of the facet grid with some facets left
out), its nearest sources and its kind: *absolute* (few studies), *synthesis* (studies, no
review) or *covered*. Weights and words are data (``litreview/data/gap_scoring.yaml``).
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources

import yaml

from litreview.core.errors import InputError
from litreview.core.model import Tag, Work

Cell = tuple[tuple[str, str], ...]

#: Where a tag's evidence may come from for the work to count as covering a cell (see
#: ``evidence`` in ``data/gap_scoring.yaml``).
EVIDENCE = ("field", "curator", "context:sentence", "context:heading")

__all__ = [
    "EVIDENCE",
    "Cell",
    "CorpusIndex",
    "GapSettings",
    "index_corpus",
    "kind_of",
    "load_settings",
    "nearest",
    "thin_for",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class GapSettings:
    """Scoring numbers and data-held words (see ``data/gap_scoring.yaml``); ``silent_weights``
    weigh the parts of a silent gap's score."""

    silent_weights: Mapping[str, float]
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
    evidence: tuple[str, ...] = EVIDENCE
    keep_narrower: bool = True


def load_settings(text: str | None = None, path: str = "gap_scoring.yaml") -> GapSettings:
    """Settings from YAML ``text`` (default: the packaged ``data/gap_scoring.yaml``)."""
    if text is None:
        text = resources.files("litreview").joinpath("data/gap_scoring.yaml").read_text("utf-8")
    try:
        raw = yaml.safe_load(text) or {}
        return GapSettings(
            silent_weights={k: float(v) for k, v in raw["silent_weights"].items()},
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
            evidence=tuple(str(k) for k in raw.get("evidence", EVIDENCE)),
            keep_narrower=bool(raw.get("keep_narrower", True)),
        )
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"bad gap scoring settings: {exc}", path=path) from None


@dataclass(frozen=True, slots=True)
class CorpusIndex:
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


def index_corpus(tags: Iterable[Tag], works: Iterable[Work], settings: GapSettings) -> CorpusIndex:
    """The index of ``tags`` and ``works``: works per value, years, reviews, newest year."""
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
    return CorpusIndex(
        {k: frozenset(v) for k, v in by_value.items()},
        years,
        frozenset(reviews),
        max(years.values(), default=0),
        frozenset().union(*by_value.values()),
    )


def thin_for(settings: GapSettings, n_tagged: int) -> GapSettings:
    """Settings whose ``thin_max`` grows with the corpus: at least ``thin_share`` of its works."""
    return replace(settings, thin_max=max(settings.thin_max, int(settings.thin_share * n_tagged)))


def kind_of(in_cell: frozenset[str], corpus: CorpusIndex, settings: GapSettings) -> str:
    """``absolute`` when the cell is thin, else ``covered`` if a review is there, else
    ``synthesis``."""
    if len(in_cell) <= settings.thin_max:
        return "absolute"
    return "covered" if in_cell & corpus.reviews else "synthesis"


def nearest(
    cell: Cell, in_cell: frozenset[str], corpus: CorpusIndex, settings: GapSettings
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


def _newest(key: str, corpus: CorpusIndex) -> tuple[int, str]:
    """Sort key: newest first, then by citekey."""
    return (-corpus.years.get(key, 0), key)
