"""A curator's ``works: merge`` entries applied to the corpus and the citation rows, pure.

``curation.yaml`` may say that two citekeys name one work (``keep``, ``drop``, ``reason``).
:func:`apply_work_curation` folds each ``drop`` work into its ``keep`` work (the kept values
win; ``drop`` only fills empty fields, see :func:`.merging.merge_work`), removes ``drop`` from
the corpus and points every citation (and document) row that named ``drop`` at ``keep``.

It is idempotent: once applied and saved, ``drop`` is gone and its rows name ``keep``, so a
second run changes nothing. Entries are applied in file order and chains are followed
(``b`` into ``a``, then ``c`` into ``b`` puts ``c`` into ``a``). A line naming a work the
corpus does not have is a :class:`Problem` with the curation file's line, never ignored.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TypeVar

from litreview.core.curation import Curation, WorkMerge
from litreview.core.errors import Problem
from litreview.core.model import Citation, Document, Merge, Work, replace
from litreview.corpus.merging import merge_work

__all__ = ["CuratedWorks", "apply_work_curation"]

CURATION_REASON = "curation"
_Row = TypeVar("_Row", Citation, Document)


@dataclass(frozen=True, slots=True, kw_only=True)
class CuratedWorks:
    """The corpus and tables after the curator's merges, and what was done or found."""

    works: tuple[Work, ...]
    citations: tuple[Citation, ...]
    documents: tuple[Document, ...]
    key_map: dict[str, str]
    merges: tuple[Merge, ...]
    problems: tuple[Problem, ...]


def apply_work_curation(
    works: Sequence[Work],
    citations: Sequence[Citation],
    curation: Curation,
    *,
    path: str = "curation.yaml",
    documents: Sequence[Document] = (),
    merged: Collection[str] | None = None,
) -> CuratedWorks:
    """Apply ``curation.merges`` to ``works``, ``citations`` and ``documents``.

    ``merged`` is the set of keys already recorded as merged away (``merges.csv``'s
    ``merged`` column): a ``drop`` that is absent from the corpus but listed there was
    applied on an earlier run and is silently done. When ``merged`` is ``None`` (history
    unknown) an absent ``drop`` whose ``keep`` exists is taken as already applied.
    The order of ``works`` is kept; a dropped work leaves its place.
    """
    by_key = {w.key: w for w in works}
    aliases = {m.drop: m.keep for m in curation.merges if m.drop != m.keep}
    key_map: dict[str, str] = {}
    records: list[Merge] = []
    problems: list[Problem] = []
    for entry in curation.merges:
        keep = _resolve(entry.keep, by_key, aliases)
        drop = _resolve(entry.drop, by_key, key_map)
        trouble = _check(entry, keep, drop, by_key, merged)
        if trouble:
            problems.append(
                Problem(path=path, line=entry.line, severity="warning", message=trouble)
            )
            continue
        if drop not in by_key:  # applied on an earlier run
            continue
        by_key[keep], _ = merge_work(by_key[keep], by_key.pop(drop), source=path)
        for old, new in list(key_map.items()):
            if new == drop:
                key_map[old] = keep
        key_map[drop] = keep
        reason = f"{CURATION_REASON}: {entry.reason}" if entry.reason else CURATION_REASON
        records.append(Merge(kept=keep, merged=drop, reason=reason, score=100.0))
    return CuratedWorks(
        works=tuple(by_key.get(w.key, w) for w in works if w.key in by_key),
        citations=tuple(_one_row_per_work(_rekey(citations, key_map))),
        documents=tuple(_rekey(documents, key_map)),
        key_map=key_map,
        merges=tuple(records),
        problems=tuple(problems),
    )


def _resolve(key: str, by_key: dict[str, Work], aliases: dict[str, str]) -> str:
    """``key``, or the work it was merged into when it is no longer in the corpus.

    Chains are followed (``c`` -> ``b`` -> ``a``); a loop stops where it started.
    """
    seen = {key}
    while key not in by_key and aliases.get(key, key) not in seen:
        key = aliases[key]
        seen.add(key)
    return key


def _check(
    entry: WorkMerge, keep: str, drop: str, by_key: dict[str, Work], merged: Collection[str] | None
) -> str:
    """Why ``entry`` cannot be applied, or ``""``."""
    if keep == drop:
        return f"merge of {entry.drop!r} into {entry.keep!r}: they are already one work"
    if keep not in by_key:
        return f"unknown work {entry.keep!r} (keep of a merge)"
    if drop in by_key:
        return ""
    if merged is None or drop in merged:
        return ""
    return f"unknown work {entry.drop!r} (drop of a merge)"


def _rekey(rows: Sequence[_Row], key_map: dict[str, str]) -> list[_Row]:
    """Rows whose ``work_key`` was merged away, pointed at the kept work."""
    if not key_map:
        return list(rows)
    return [replace(r, work_key=key_map[r.work_key]) if r.work_key in key_map else r for r in rows]


def _one_row_per_work(cits: list[Citation]) -> list[Citation]:
    """One row per (document, footnote, work), the first, as ingest writes them.

    A footnote that cited both works of a curated merge names one work after it.
    """
    seen: set[tuple[str, int, str]] = set()
    out = []
    for c in cits:
        if c.work_key and c.footnote is not None:
            mark = (c.doc_id, c.footnote, c.work_key)
            if mark in seen:
                continue
            seen.add(mark)
        out.append(c)
    return out
