"""A curator's ``tags: add`` and ``tags: remove`` entries applied to the rule tags, pure."""

from __future__ import annotations

from collections.abc import Sequence

from litreview.core.curation import Curation
from litreview.core.errors import Problem
from litreview.core.model import Evidence, Tag
from litreview.taxonomy import Taxonomy

__all__ = ["apply_tag_curation"]


def apply_tag_curation(
    tags: Sequence[Tag], curation: Curation, keys: set[str], taxonomy: Taxonomy, path: str
) -> tuple[list[Tag], list[Problem]]:
    """Curated removals drop every row of a tag; additions add a ``curator`` row. Unknown
    works or values are reported with their line and not applied."""
    problems: list[Problem] = []

    def valid(edit: object, kind: str) -> bool:
        work, facet, value, line = (getattr(edit, a) for a in ("work", "facet", "value", "line"))
        if work not in keys:
            problems.append(
                Problem(
                    path=path,
                    line=line,
                    severity="error",
                    message=f"tags {kind}: unknown work {work!r}",
                )
            )
            return False
        if not taxonomy.has_value(facet, value):
            problems.append(
                Problem(
                    path=path,
                    line=line,
                    severity="error",
                    message=f"tags {kind}: unknown value {facet}={value}",
                )
            )
            return False
        return True

    removed = {(e.work, e.facet, e.value) for e in curation.tag_remove if valid(e, "remove")}
    out = [t for t in tags if (t.work_key, t.facet, t.value) not in removed]
    for e in curation.tag_add:
        if valid(e, "add"):
            out.append(
                Tag(
                    work_key=e.work,
                    facet=e.facet,
                    value=e.value,
                    source="curator",
                    evidence=Evidence(quote=e.reason, field="curation"),
                    score=1.0,
                )
            )
    return out, problems
