"""A curator's ``tags: add``, ``tags: remove`` and ``tags: accept`` entries applied to the rule
tags, pure.

An accepted suggestion becomes a tag with source ``accepted:<the model's source>`` that keeps
the suggestion's evidence (the words that made the model suggest it, with their offsets) and
its probability as score. Suggestions stay in ``suggestions.csv``, apart from ``tags.csv``,
until a person accepts them there.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from litreview.core.curation import Curation, TagEdit
from litreview.core.errors import Problem
from litreview.core.model import Evidence, Tag
from litreview.taxonomy import Taxonomy

__all__ = ["ACCEPTED", "accept_suggestions", "apply_tag_curation"]

ACCEPTED = "accepted"  # the source (prefix) of a tag a person accepted from the suggestions


def _checked(
    edits: Sequence[TagEdit],
    kind: str,
    keys: Collection[str],
    taxonomy: Taxonomy,
    path: str,
    problems: list[Problem],
) -> list[TagEdit]:
    """The edits naming a known work and value; the others reported with their line."""
    out = []
    for e in edits:
        if e.work not in keys:
            message = f"tags {kind}: unknown work {e.work!r}"
        elif not taxonomy.has_value(e.facet, e.value):
            message = f"tags {kind}: unknown value {e.facet}={e.value}"
        else:
            out.append(e)
            continue
        problems.append(Problem(path=path, line=e.line, severity="error", message=message))
    return out


def apply_tag_curation(
    tags: Sequence[Tag], curation: Curation, keys: set[str], taxonomy: Taxonomy, path: str
) -> tuple[list[Tag], list[Problem]]:
    """Curated removals drop every row of a tag; additions add a ``curator`` row. Unknown
    works or values are reported with their line and not applied."""
    problems: list[Problem] = []
    removed = {
        (e.work, e.facet, e.value)
        for e in _checked(curation.tag_remove, "remove", keys, taxonomy, path, problems)
    }
    out = [t for t in tags if (t.work_key, t.facet, t.value) not in removed]
    for e in _checked(curation.tag_add, "add", keys, taxonomy, path, problems):
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


def accept_suggestions(
    curation: Curation,
    suggestions: Sequence[Tag],
    keys: Collection[str],
    taxonomy: Taxonomy,
    path: str,
) -> tuple[list[Tag], list[Problem]]:
    """The tags a curator accepted (``tags: accept``), each with its suggestion's evidence and
    score. An accepted value no longer among the suggestions is kept all the same (a person
    decided), with the curator's reason as evidence and a warning."""
    problems: list[Problem] = []
    offered = {(s.work_key, s.facet, s.value): s for s in suggestions}
    out = []
    for e in _checked(curation.tag_accept, "accept", keys, taxonomy, path, problems):
        s = offered.get((e.work, e.facet, e.value))
        if s is None:
            problems.append(
                Problem(
                    path=path,
                    line=e.line,
                    severity="warning",
                    message=f"tags accept: {e.work} {e.facet}={e.value} is not among the "
                    f"suggestions; kept, with the reason as its evidence",
                )
            )
        out.append(
            Tag(
                work_key=e.work,
                facet=e.facet,
                value=e.value,
                source=f"{ACCEPTED}:{s.source}" if s else ACCEPTED,
                evidence=s.evidence if s else Evidence(quote=e.reason, field="curation"),
                score=s.score if s else 1.0,
            )
        )
    return out, problems
