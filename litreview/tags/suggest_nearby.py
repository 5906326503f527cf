"""What the works cited near a work have been tagged: a feature a curator has (pure).

Works cited under the same section heading tend to share a subject. For each value of a
facet, the feature is the share of a work's *neighbours* (the other known works cited under
one of its headings) that have the value. Only what a curator could know counts:

- neighbours are the works the model was trained on (``fit``): a held-out work's features
  never read its own tags, nor those of any other held-out work;
- a neighbour in the work's own ``group`` (a shared citing sentence or paragraph) is not
  counted: cross-validation holds such works out together, so training reads them the same
  way;
- a neighbour's tag counts only if some of its evidence lies outside the headings the work
  shares with it (its title, its own sentence, another section, a curator). A tag given by
  the shared heading's words alone would tell the work those words, which the facet's blind
  view has just blanked out of its own evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np

from litreview.tags.hits import Unit
from litreview.tags.suggest_features import FacetValue, WorkEvidence

__all__ = ["NearbyTags"]


class NearbyTags:
    """Per work and value, the share of its neighbours that have the value (``fit`` on the
    known works, then ``transform`` any).

    Parameters
    ----------
    values : sequence of (facet, value)
        The values to count, one column each.
    """

    def __init__(self, *, values: Sequence[FacetValue]) -> None:
        self.values = values

    def fit(
        self, evidence: Sequence[WorkEvidence], labels: Mapping[FacetValue, Collection[str]]
    ) -> NearbyTags:
        """Remember the known works: their headings, groups and, per value, the units of the
        evidence behind their tags (``labels``: value -> keys; only ``evidence``'s are read)."""
        self.under_: dict[Unit, list[str]] = defaultdict(list)
        self.group_: dict[str, str] = {}
        self.support_: dict[str, dict[int, set[Unit]]] = {}  # key -> column -> units
        for e in evidence:
            self.group_[e.key] = e.group
            for unit in e.headings:
                self.under_[unit].append(e.key)
            has = {j for j, fv in enumerate(self.values) if e.key in labels.get(fv, ())}
            column = {fv: j for j, fv in enumerate(self.values) if j in has}
            self.support_[e.key] = {j: set() for j in sorted(has)}
            for h in e.hits:
                j = column.get((h.facet, h.value))
                if j is not None:
                    self.support_[e.key][j].add(h.unit)
        return self

    def transform(self, evidence: Sequence[WorkEvidence]) -> Any:
        """The feature matrix (sparse), one column per value."""
        from scipy.sparse import csr_matrix

        out = np.zeros((len(evidence), len(self.values)))
        for i, e in enumerate(evidence):
            near = self.neighbours(e)
            shared = set(e.headings)
            for k in near:
                for j, support in self.support_[k].items():
                    if not support or not support <= shared:
                        out[i, j] += 1.0 / len(near)
        return csr_matrix(out)

    def feature_names(self) -> list[tuple[str, str]]:
        """``("near", "facet=value")`` per column."""
        return [("near", f"{f}={v}") for f, v in self.values]

    def neighbours(self, e: WorkEvidence) -> list[str]:
        """The known works cited under one of ``e``'s headings, outside its group."""
        found = {k for unit in e.headings for k in self.under_.get(unit, ())}
        return sorted(k for k in found if k != e.key and self.group_[k] != e.group)
