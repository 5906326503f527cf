"""Merging two records of one work: existing (curated) values win, incoming ones fill gaps."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, NamedTuple

from litreview.core.errors import Problem
from litreview.core.model import Work, replace
from litreview.core.texmarkup import as_tex, plain_person, plain_work, to_text
from litreview.corpus.identity import normalise_doi, normalise_title, normalise_url

__all__ = [
    "Conflict",
    "conflict_problems",
    "conflict_summary",
    "merge_conflicts",
    "merge_work",
]

_SKIP = frozenset({"key", "keywords", "extra"})
_MERGED = tuple(f.name for f in fields(Work) if f.name not in _SKIP)


class Conflict(NamedTuple):
    """A field two records of one work fill differently: the value kept and the one not."""

    field: str
    kept: str
    ignored: str


def merge_work(kept: Work, other: Work, *, source: str = "<import>") -> tuple[Work, list[Problem]]:
    """``kept`` with empty fields filled from ``other``; keywords and unknown fields united.

    Differing non-empty values keep ``kept``'s and are reported as warnings. ``other``'s
    values are first written the way ``kept``'s are (TeX or plain text).
    """
    merged, conflicts = merge_conflicts(kept, other)
    return merged, conflict_problems(kept.key, other.key, conflicts, source)


def conflict_problems(
    kept: str, other: str, conflicts: list[Conflict], source: str
) -> list[Problem]:
    """A warning for each conflict of a merge of record ``other`` (of ``source``) into
    ``kept``."""
    name = other or "an unnamed record"
    return [
        Problem(
            path=source,
            line=None,
            severity="warning",
            message=f"{kept}: {c.field} differs; kept {c.kept}, ignored {c.ignored} from {name}",
        )
        for c in conflicts
    ]


def merge_conflicts(kept: Work, other: Work) -> tuple[Work, list[Conflict]]:
    """``kept`` filled from ``other`` (as :func:`merge_work`) and the fields that differed,
    values shown as text (TeX markup read)."""
    other = as_tex(other) if kept.tex else plain_work(other)
    changes: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name in _MERGED:
        mine, theirs = getattr(kept, name), getattr(other, name)
        if not theirs or (name == "type" and theirs == "document"):
            continue
        if not mine or (name == "type" and mine == "document"):
            changes[name] = theirs
        elif name == "issued" and mine.startswith(theirs + "-"):
            continue  # theirs is the year (or month) of the date kept: nothing is lost
        elif not _same(name, mine, theirs):
            conflicts.append(Conflict(name, _show(mine, kept.tex), _show(theirs, kept.tex)))
    words = tuple(dict.fromkeys(kept.keywords + other.keywords))
    if words != kept.keywords:
        changes["keywords"] = words
    have = {k.lower() for k, _ in kept.extra}
    added = tuple((k, v) for k, v in other.extra if k.lower() not in have)
    if added:
        changes["extra"] = kept.extra + added
    return (replace(kept, **changes) if changes else kept), conflicts


def conflict_summary(conflicts: list[Conflict]) -> str:
    """Conflicts as one cell of ``merges.csv``: ``title: kept 'A', not 'B'; year: ...``."""
    return "; ".join(f"{c.field}: kept {c.kept}, not {c.ignored}" for c in conflicts)


def _same(name: str, a: object, b: object) -> bool:
    if a == b:
        return True
    if name == "doi":
        return normalise_doi(str(a)) == normalise_doi(str(b))
    if name == "url":
        return normalise_url(str(a)) == normalise_url(str(b))
    if isinstance(a, str) and isinstance(b, str):
        return normalise_title(a) == normalise_title(b)
    if name in ("authors", "editors"):
        return [plain_person(p).display() for p in a] == [  # type: ignore[attr-defined]
            plain_person(p).display()
            for p in b  # type: ignore[attr-defined]
        ]
    return a == b


def _show(value: object, tex: bool) -> str:
    if isinstance(value, tuple):
        people = (plain_person(p) if tex else p for p in value)
        text = "; ".join(p.display() if hasattr(p, "display") else str(p) for p in people)
    else:
        text = to_text(str(value)) if tex else str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")
