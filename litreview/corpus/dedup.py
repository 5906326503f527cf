"""Deduplication: fold incoming works into a corpus without comparing all pairs.

Two records are one work when they share a database identifier (PMID, WoS UT, Scopus EID,
OpenAlex id), a DOI, a URL (and do not disagree on the year), or a normalised title with the
same year and first author, and none of the guards of :mod:`.guards` keeps them apart.
Records are looked up in the indexes of :mod:`._dedup_index`, so the cost grows with n, not
n². Every merge is recorded with its reason, score and the fields that conflicted.

Existing (curated) values always win; incoming values only fill empty fields; differing
non-empty values are reported as conflicts.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Merge, Work
from litreview.corpus._dedup_index import (
    EDITED_TITLE,
    TITLE_THRESHOLD,
    Candidate,
    Ident,
    Index,
    doi_conflict,
)
from litreview.corpus.guards import shared_values
from litreview.corpus.identity import Citekeys, citekey_base, make_citekey
from litreview.corpus.merging import (
    conflict_problems,
    conflict_summary,
    merge_conflicts,
    merge_work,
)

__all__ = [
    "TITLE_THRESHOLD",
    "DedupResult",
    "FilesResult",
    "Merge",
    "apply_merges",
    "merge_files",
    "merge_into",
    "merge_work",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupResult:
    """The corpus after an import and what happened on the way."""

    works: tuple[Work, ...]
    key_map: dict[str, str]
    merges: tuple[Merge, ...]
    conflicts: tuple[Problem, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FilesResult:
    """Several files folded in: the corpus after them all (merges, key map and conflicts of
    every file), and each file's conflicts, in file order."""

    result: DedupResult
    file_conflicts: tuple[tuple[Problem, ...], ...]


@bulk
def merge_into(
    existing: Sequence[Work],
    incoming: Sequence[Work],
    *,
    not_duplicates: Collection[frozenset[str]] = (),
    source: str = "<import>",
) -> DedupResult:
    """Fold ``incoming`` into ``existing``; keys of existing works never change.

    ``not_duplicates`` holds sets of citekeys a curator says are different works: no two keys
    of one set are merged. ``source`` names the input in conflict messages.
    """
    return merge_files(existing, [(source, incoming)], not_duplicates=not_duplicates).result


@bulk
def merge_files(
    existing: Sequence[Work],
    files: Sequence[tuple[str, Sequence[Work]]],
    *,
    not_duplicates: Collection[frozenset[str]] = (),
) -> FilesResult:
    """Fold each file's works (``(source, works)``, in order) into ``existing``, as
    :func:`merge_into` one file after the other, with one index for them all: the corpus is
    indexed once, not again for every file (a search of 10^6 records comes as 50 files of
    20,000; indexing the growing corpus again per file made the import quadratic). URLs that
    many records share are found over the corpus and every file together.
    """
    kept_apart = {frozenset(p) for s in not_duplicates for p in _pairs(s)}
    # every record's identifiers, made once (normalising titles is much of the work)
    own = [Ident.of(w) for w in existing]
    per_source = [[Ident.of(w) for w in ws] for _, ws in files]
    records = [
        (existing, own),
        *((ws, ids) for (_, ws), ids in zip(files, per_source, strict=True)),
    ]
    pairs = [(w, i) for ws, ids in records for w, i in zip(ws, ids, strict=True)]
    index = Index(
        shared_values((w.url, i.url, i.title) for w, i in pairs),
        shared_values((i.doi, i.doi, i.title) for _, i in pairs),
    )
    works: dict[str, Work] = {}
    for w, ident in zip(existing, own, strict=True):
        works[w.key] = w
        index.add(w.key, ident)
    key_map: dict[str, str] = {}
    merges: list[Merge] = []
    per_file: list[tuple[Problem, ...]] = []
    for (source, incoming), idents in zip(files, per_source, strict=True):
        before = frozenset(works)
        folded = _fold(
            works, index, before, list(zip(incoming, idents, strict=True)), kept_apart, source
        )
        key_map.update(folded.key_map)
        merges.extend(folded.merges)
        per_file.append(tuple(folded.conflicts))
    result = DedupResult(
        works=tuple(works.values()),
        key_map=key_map,
        merges=tuple(merges),
        conflicts=tuple(p for conflicts in per_file for p in conflicts),
    )
    return FilesResult(result=result, file_conflicts=tuple(per_file))


class _Folded(NamedTuple):
    """One file folded in: its records' keys -> the works they joined, merges, conflicts."""

    key_map: dict[str, str]
    merges: list[Merge]
    conflicts: list[Problem]


def _fold(
    works: dict[str, Work],
    index: Index,
    before: frozenset[str],
    incoming: list[tuple[Work, Ident]],
    kept_apart: set[frozenset[str]],
    source: str,
) -> _Folded:
    """Fold ``incoming`` into ``works`` and ``index`` (both updated); the key map, merges
    and conflicts. ``before``: the keys of the works there before this file."""
    key_map: dict[str, str] = {}
    merges: list[Merge] = []
    conflicts: list[Problem] = []
    taken = Citekeys(works)  # the keys of ``works``, kept in step as works are added
    for w, ident in _content_order(incoming):  # the records, with their identifiers
        found_by = index.candidates(ident)
        if w.key in works and _same_record(ident, index.ident[w.key]):
            found_by.append(Candidate(4, 100.0, "key", w.key))
        # the key the record would have as a new work (made only when asked: most records
        # have their own, or join a work)
        proposed = ""
        if kept_apart:
            proposed = _proposed_key(w, taken)
            names = {w.key, proposed} - {""}
            allowed = (
                c for c in found_by if all(frozenset((c.key, n)) not in kept_apart for n in names)
            )
            match = next(allowed, None)
        else:
            match = found_by[0] if found_by else None
        if match is None:
            proposed = proposed or _proposed_key(w, taken)
            works[proposed] = w if w.key == proposed else w.with_key(proposed)
            taken.add(proposed)
            index.add(proposed, ident)
            if w.key:
                key_map[w.key] = proposed
            continue
        kept = match.key
        previous = works[kept]
        merged, differ = merge_conflicts(previous, w)
        works[kept] = merged
        if merged is not previous:  # else nothing new to index
            index.refresh(kept, merged)
        conflicts.extend(conflict_problems(kept, w.key, differ, source))
        # a record coming back to its own work unchanged is no merge; a keyless record that
        # adds to or differs from the work it joins is one, and merges.csv says so
        unchanged = bool(w.key) or (merged == previous and not differ)
        back = kept in before and _own_work(w, kept) and unchanged
        if not back:
            merges.append(
                Merge(
                    kept=kept,
                    merged=w.key or proposed or _proposed_key(w, taken),
                    reason=match.reason,
                    score=match.score,
                    conflicts=conflict_summary(differ),
                )
            )
        if w.key:
            key_map[w.key] = kept
    return _Folded(key_map=key_map, merges=merges, conflicts=conflicts)


def _proposed_key(w: Work, taken: Citekeys) -> str:
    """The key of ``w`` as a new work beside the keys ``taken``: its own when free, else one
    made."""
    return w.key if w.key and w.key not in taken else make_citekey(w, taken)


def _own_work(w: Work, kept: str) -> bool:
    """Whether ``kept`` is the key ``w`` has, or (keyless) the key its content gives it."""
    if w.key:
        return w.key == kept
    base = citekey_base(w)
    return kept == base or (kept.startswith(base) and kept[len(base) :].isalpha())


def _same_record(a: Ident, b: Ident) -> bool:
    """With the same citekey: the same year and first author's first name word, titles that
    are one title (even both empty, or one edited by hand since), nothing at odds: a record
    this corpus exported coming back, although it has no title, DOI or URL to match, or a
    format wrote its organisation as a person.
    """
    return (
        a.year == b.year
        and (a.title == b.title or fuzz.token_set_ratio(a.title, b.title) >= EDITED_TITLE)
        and a.author.partition(" ")[0] == b.author.partition(" ")[0]  # "lima a" ~ "lima"
        and not (doi_conflict(a, b) or (a.url and b.url and a.url != b.url))
    )


def _content_order(pairs: list[tuple[Work, Ident]]) -> list[tuple[Work, Ident]]:
    """Works with their identifiers, sorted by content so that results (which of two new
    works gets suffix ``a``, which incoming duplicate is kept) do not depend on file order;
    titled records first, so that one with only a number joins the work it numbers rather
    than giving it its key."""
    pairs.sort(
        key=lambda p: (
            not p[1].title,
            p[1].author,
            p[1].year,
            p[1].title,
            p[1].doi,
            p[1].url,
            p[0].key,
            p[0].title,
            p[0].issued,
            p[0].container,
            p[0].publisher,
        )
    )
    return pairs


def _pairs(keys: frozenset[str]) -> list[tuple[str, str]]:
    ks = sorted(keys)
    return [(a, b) for i, a in enumerate(ks) for b in ks[i + 1 :]]


def apply_merges(
    works: Sequence[Work], merges: Sequence[tuple[str, str]], *, source: str = "curation.yaml"
) -> DedupResult:
    """Fold each ``drop`` citekey into its ``keep`` (curator's ``works: merge``).

    Pairs naming a missing key are skipped (report them with ``curation.unknown_references``).
    """
    by_key = {w.key: w for w in works}
    key_map: dict[str, str] = {}
    done: list[Merge] = []
    conflicts: list[Problem] = []
    for keep, drop in merges:
        keep = key_map.get(keep, keep)
        if keep == drop or keep not in by_key or drop not in by_key:
            continue
        merged, found = merge_work(by_key[keep], by_key.pop(drop), source=source)
        by_key[keep] = merged
        conflicts.extend(found)
        key_map = {k: (keep if v == drop else v) for k, v in key_map.items()}
        key_map[drop] = keep
        done.append(Merge(kept=keep, merged=drop, reason="curation", score=100.0))
    return DedupResult(
        works=tuple(by_key.values()),
        key_map=key_map,
        merges=tuple(done),
        conflicts=tuple(conflicts),
    )
