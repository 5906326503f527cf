"""Coverage: how many distinct works speak to each combination of facet values.

Computed from tag rows (one per evidence); every cell counts unique works and knows which
ones they are. Filters (document, year, source type) select works before counting. Which tags
count at all is :func:`evidence_tags`: works cited by or imported into the review, never the
documents under review, through evidence of the kinds ``gap_scoring.yaml`` names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from operator import attrgetter

import pandas as pd

from litreview.core.model import Citation, Document, Tag, Work
from litreview.gaps.index import EVIDENCE

__all__ = [
    "Coverage",
    "best_evidence",
    "coverage_cube",
    "coverage_matrix",
    "evidence_kind",
    "evidence_tags",
    "select_works",
    "under_review",
    "work_values",
]

_FKV = attrgetter("facet", "work_key", "value")  # one C-level fetch of a tag's three fields


@dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    """A rows x cols matrix of unique-work counts; ``cells`` maps (row, col) to work keys."""

    rows: str
    cols: str
    counts: pd.DataFrame
    cells: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    def cell_works(self, row: str, col: str) -> tuple[str, ...]:
        """The sorted keys of the works in cell (``row``, ``col``)."""
        return self.cells.get((row, col), ())

    def to_frame(self) -> pd.DataFrame:
        """One row per cell: row value, column value, n_works, works (``;``-joined). The
        value columns are named by their facets (``topic (rows)`` and ``topic (columns)``
        when a facet is crossed with itself)."""
        names = (self.rows, self.cols)
        if self.rows == self.cols:
            names = (f"{self.rows} (rows)", f"{self.cols} (columns)")
        records = [
            {
                names[0]: r,
                names[1]: c,
                "n_works": int(self.counts.at[r, c]),
                "works": ";".join(self.cell_works(r, c)),
            }
            for r in self.counts.index
            for c in self.counts.columns
        ]
        return pd.DataFrame.from_records(records, columns=[*names, "n_works", "works"])


def work_values(
    tags: Iterable[Tag], facet: str, works: Collection[str] | None = None
) -> dict[str, set[str]]:
    """value -> set of work keys tagged with it in ``facet`` (restricted to ``works``)."""
    out: dict[str, set[str]] = {}
    for f, key, value in map(_FKV, tags):
        if f == facet and (works is None or key in works):
            found = out.get(value)
            if found is None:
                out[value] = {key}
            else:
                found.add(key)
    return out


def coverage_matrix(
    tags: Iterable[Tag],
    rows: str,
    cols: str,
    *,
    works: Collection[str] | None = None,
    row_values: Sequence[str] | None = None,
    col_values: Sequence[str] | None = None,
) -> Coverage:
    """Unique works per (row value, col value). ``row_values``/``col_values`` fix the axes
    (e.g. every taxonomy value, so empty rows show as zeros); else the values seen, sorted."""
    keep = set(works) if works is not None else None
    by_row: dict[str, set[str]] = {}
    by_col: dict[str, set[str]] = {}
    for facet, key, value in map(_FKV, tags):  # one pass for both axes
        if keep is not None and key not in keep:
            continue
        if facet == rows:
            by_row.setdefault(value, set()).add(key)
        if facet == cols:
            by_col.setdefault(value, set()).add(key)
    r_axis = list(row_values) if row_values is not None else sorted(by_row)
    c_axis = list(col_values) if col_values is not None else sorted(by_col)
    cells: dict[tuple[str, str], tuple[str, ...]] = {}
    data = []
    for r in r_axis:
        line = []
        for c in c_axis:
            both = by_row.get(r, set()) & by_col.get(c, set())
            if both:
                cells[(r, c)] = tuple(sorted(both))
            line.append(len(both))
        data.append(line)
    counts = pd.DataFrame(
        data, index=pd.Index(r_axis, name=rows), columns=pd.Index(c_axis, name=cols), dtype="int64"
    )
    return Coverage(rows=rows, cols=cols, counts=counts, cells=cells)


def coverage_cube(
    tags: Iterable[Tag], facets: Sequence[str], *, works: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per combination of values (one per facet) that some work has: the values,
    ``n_works`` and ``works`` (sorted keys, ``;``-joined), most-covered first."""
    facets = list(facets)
    keep = set(works) if works is not None else None
    per_facet: dict[str, dict[str, set[str]]] = {f: {} for f in facets}
    for facet, key, value in map(_FKV, tags):
        found = per_facet.get(facet)
        if found is not None and (keep is None or key in keep):
            values = found.get(key)
            if values is None:
                found[key] = {value}
            else:
                values.add(value)
    combos: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    if facets and len(set(facets)) == len(facets):  # a facet named twice: no combination
        dicts = [per_facet[f] for f in facets]
        both = set(dicts[0]).intersection(*dicts[1:])
        for key in sorted(both):  # so each cell's works come out sorted
            for combo in product(*[sorted(d[key]) for d in dicts]):
                combos[combo].append(key)
    records = [
        dict(zip(facets, combo, strict=True), n_works=len(ws), works=";".join(ws))
        for combo, ws in combos.items()
    ]
    frame = pd.DataFrame.from_records(records, columns=[*facets, "n_works", "works"])
    if frame.empty:
        return frame
    frame = frame.sort_values(["n_works", *facets], ascending=[False] + [True] * len(facets))
    return frame.reset_index(drop=True)


def select_works(
    works: Iterable[Work],
    citations: Iterable[Citation] = (),
    *,
    doc: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    types: Collection[str] | None = None,
) -> set[str]:
    """Keys of works passing the filters: cited by (or being) document ``doc``, issued within
    [year_from, year_to] (works without a year fail a year filter), of a CSL type in ``types``."""
    works = list(works)
    cited = {c.work_key for c in citations if c.doc_id == doc} if doc else None
    out = set()
    for w in works:
        if cited is not None and w.key not in cited:
            continue
        if (year_from is not None or year_to is not None) and not _in_years(
            w.year, year_from, year_to
        ):
            continue
        if types and w.type not in types:
            continue
        out.add(w.key)
    return out


def _in_years(year: str, lo: int | None, hi: int | None) -> bool:
    """Whether a four-digit ``year`` lies within the bounds."""
    if not year:
        return False
    y = int(year)
    return (lo is None or y >= lo) and (hi is None or y <= hi)


def under_review(documents: Iterable[Document]) -> frozenset[str]:
    """The work keys of the documents under review: never evidence about themselves."""
    return frozenset(d.work_key for d in documents if d.work_key)


def evidence_kind(tag: Tag) -> str:
    """Where a tag's evidence comes from: ``field`` (a field of the work), ``curator``,
    ``context:sentence``, ``context:heading`` or ``context:paragraph`` (how a document cites
    the work), ``text`` (a document's own text), or the source as written."""
    return _kind(tag.source, bool(tag.evidence.doc_id))


@lru_cache(maxsize=4096)
def _kind(source: str, in_document: bool) -> str:
    parts = source.split(":")
    if parts[0] == "rule" and len(parts) > 1:
        return "context:" + parts[2] if parts[1] == "context" and len(parts) > 2 else parts[1]
    if source == "curator":
        return "curator"
    return source if in_document else "field"


def evidence_tags(
    tags: Iterable[Tag], *, exclude_works: Collection[str] = (), kinds: Collection[str] = EVIDENCE
) -> list[Tag]:
    """The tags through which a work covers a cell: the one definition of coverage used by
    the register, briefs, map, figures, notebooks and ``litreview coverage``.

    Works in ``exclude_works`` (the documents under review) never count; a tag row counts
    when its evidence is of one of ``kinds`` (by default the work's own fields, a curator, the
    sentence citing the work or the heading it is cited under; not a paragraph around it).
    """
    skip = frozenset(exclude_works)
    allowed = frozenset(kinds)
    return [t for t in tags if t.work_key not in skip and evidence_kind(t) in allowed]


#: which evidence is shown first for a work's value: a person's word, then the work's own
#: fields, then how documents cite it
_EVIDENCE_ORDER = {"curator": 0, "field": 1, "context:sentence": 2, "context:heading": 3}


def best_evidence(tags: Iterable[Tag]) -> dict[tuple[str, str, str], Tag]:
    """(work, facet, value) -> the tag row that best shows why the work has the value: a
    curator's, else one from the work's fields, else the citing sentence, else the heading
    (the highest score, then the earliest offset, within a kind)."""
    out: dict[tuple[str, str, str], Tag] = {}
    for t in tags:
        key = (t.work_key, t.facet, t.value)
        old = out.get(key)
        if old is None or _rank(t) < _rank(old):
            out[key] = t
    return out


def _rank(t: Tag) -> tuple[int, float, str, int]:
    return (
        _EVIDENCE_ORDER.get(evidence_kind(t), 9),
        -t.score,
        t.evidence.doc_id,
        t.evidence.char_start or 0,
    )
