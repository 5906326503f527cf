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
        known = {e.key for e in evidence}
        self.under_: dict[Unit, list[str]] = defaultdict(list)
        self.group_: dict[str, str] = {}
        self.support_: dict[tuple[str, FacetValue], frozenset[Unit]] = {}
        for e in evidence:
            self.group_[e.key] = e.group
            for unit in e.headings:
                self.under_[unit].append(e.key)
        for fv in self.values:
            for key in sorted(set(labels.get(fv, ())) & known):
                self.support_[key, fv] = frozenset()
        for e in evidence:
            for h in e.hits:
                if (e.key, (h.facet, h.value)) in self.support_:
                    fv = (h.facet, h.value)
                    self.support_[e.key, fv] = self.support_[e.key, fv] | {h.unit}
        return self

    def transform(self, evidence: Sequence[WorkEvidence]) -> Any:
        """The feature matrix (sparse), one column per value."""
        from scipy.sparse import csr_matrix

        out = np.zeros((len(evidence), len(self.values)))
        for i, e in enumerate(evidence):
            near = self.neighbours(e)
            if not near:
                continue
            shared = frozenset(e.headings)
            for j, fv in enumerate(self.values):
                told = sum(self._tells(k, fv, shared) for k in near)
                out[i, j] = told / len(near)
        return csr_matrix(out)

    def feature_names(self) -> list[tuple[str, str]]:
        """``("near", "facet=value")`` per column."""
        return [("near", f"{f}={v}") for f, v in self.values]

    def neighbours(self, e: WorkEvidence) -> list[str]:
        """The known works cited under one of ``e``'s headings, outside its group."""
        found = {k for unit in e.headings for k in self.under_.get(unit, ())}
        return sorted(k for k in found if k != e.key and self.group_[k] != e.group)

    def _tells(self, key: str, fv: FacetValue, shared: frozenset[Unit]) -> bool:
        """Whether neighbour ``key`` has ``fv`` on evidence beyond the shared headings."""
        support = self.support_.get((key, fv))
        return support is not None and (not support or not support <= shared)
