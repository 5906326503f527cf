"""Deduplication: fold incoming works into a corpus without comparing all pairs.

Two records are one work when they share a DOI, a URL (and do not disagree on the year), or
a normalised title with the same year and first author. Titles are compared fuzzily
(rapidfuzz) only inside small blocks (same year and same title prefix or suffix), so the
cost grows with n, not n². Every merge is recorded with its reason and score.

Existing (curated) values always win; incoming values only fill empty fields; differing
non-empty values are reported as conflicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

from litreview.core.errors import Problem
from litreview.core.model import Merge, Work, replace
from litreview.corpus.guards import Traits, apart, contradicts, generic_urls, is_specific_url
from litreview.corpus.identity import (
    STOP_WORDS,
    citekey_base,
    first_author_key,
    make_citekey,
    normalise_doi,
    normalise_title,
    normalise_url,
    title_numbers,
    work_identifiers,
)
from litreview.corpus.merging import (
    conflict_problems,
    conflict_summary,
    merge_conflicts,
    merge_work,
)

__all__ = ["TITLE_THRESHOLD", "DedupResult", "Merge", "apply_merges", "merge_into", "merge_work"]

#: Minimum rapidfuzz ``ratio`` of two normalised titles (same year, same first author).
TITLE_THRESHOLD = 92.0
#: Minimum ratio of the first authors' folded names for a fuzzy title match.
AUTHOR_THRESHOLD = 85.0
#: Fuzzy comparisons per block are capped so a huge block cannot make dedup quadratic.
BLOCK_CAP = 256
#: Close titles of one block checked further (year, numbers, author, words).
MAX_HITS = 8
#: Minimum ratio for a word one title has and the other lacks ("organised" ~ "organized").
WORD_THRESHOLD = 80.0
_AFFIX = 12
#: Minimum similarity (token_set_ratio) of a title edited by hand to the one it was.
EDITED_TITLE = 80.0


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupResult:
    """The corpus after an import and what happened on the way."""

    works: tuple[Work, ...]
    key_map: dict[str, str]
    merges: tuple[Merge, ...]
    conflicts: tuple[Problem, ...]


class _Candidate(NamedTuple):
    """A corpus work that may be the incoming record: how it was found and how surely."""

    priority: int  # 0 DOI, 1 URL, 2 exact title or content, 3 fuzzy title, 4 same key
    score: float
    reason: str
    key: str


@dataclass(frozen=True, slots=True)
class _Ident:
    doi: str
    url: str
    title: str
    year: str
    author: str
    numbers: tuple[str, ...]
    traits: Traits
    ids: tuple[str, ...] = ()  # database identifiers (pmid:..., wos:...)
    bare: tuple[str, ...] = ()

    @classmethod
    def of(cls, w: Work) -> _Ident:
        title = normalise_title(w.title)
        author = first_author_key(w)
        ident = cls(
            normalise_doi(w.doi),
            normalise_url(w.url),
            title,
            w.year,
            author,
            title_numbers(title),
            Traits.of(w, title, author),
            work_identifiers(w) if w.extra else (),
        )
        if ident.doi or ident.url or ident.title or not ident.author:
            return ident
        # no title, DOI or URL: only the very same content says two records are one work
        rest = (w.container, w.publisher, w.place, w.volume, w.issue, w.pages, w.note)
        return replace(ident, bare=(ident.author, w.issued, *map(normalise_title, rest)))

    def blocks(self) -> tuple[tuple[str, str], ...]:
        """Keys of the blocks this record's title is compared in: same year, same first two
        letters of the first author, and the same title beginning or the same title end."""
        if len(self.title) < 8:
            return ()
        near = self.year + self.author[:2]
        return ((near, "<" + self.title[:_AFFIX]), (near, ">" + self.title[-_AFFIX:]))


class _Index:
    """Lookup tables of the growing corpus."""

    def __init__(self, generic: frozenset[str] = frozenset()) -> None:
        self.generic = generic  # URLs shared by many records: no evidence
        self.by_doi: dict[str, str] = {}
        self.by_id: dict[str, str] = {}
        self.by_url: dict[str, list[str]] = defaultdict(list)
        self.by_exact: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.by_block: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        self.by_bare: dict[tuple[str, ...], list[str]] = defaultdict(list)
        self.ident: dict[str, _Ident] = {}

    def add(self, key: str, ident: _Ident) -> None:
        self.ident[key] = ident
        if ident.doi:
            self.by_doi.setdefault(ident.doi, key)
        for found in ident.ids:
            self.by_id.setdefault(found, key)
        if self.url_counts(ident.url):
            self.by_url[ident.url].append(key)
        if ident.title:
            self.by_exact[(ident.title, ident.year, ident.author)].append(key)
        if ident.bare:
            self.by_bare[ident.bare].append(key)
        for b in ident.blocks():
            keys, titles = self.by_block.setdefault(b, ([], []))
            if len(keys) < BLOCK_CAP:
                keys.append(key)
                titles.append(ident.title)

    def refresh(self, key: str, ident: _Ident) -> None:
        """Index identifiers a merge added to ``key`` (a DOI or URL filled in)."""
        old = self.ident[key]
        if ident.doi and not old.doi:
            self.by_doi.setdefault(ident.doi, key)
        for found in ident.ids:
            self.by_id.setdefault(found, key)
        if ident.url != old.url and self.url_counts(ident.url):
            self.by_url[ident.url].append(key)
        self.ident[key] = replace_ident(old, ident)

    def url_counts(self, url: str) -> bool:
        """Whether ``url`` is evidence of identity: one page, not shared by many records."""
        return bool(url) and url not in self.generic and is_specific_url(url)

    def candidates(self, ident: _Ident) -> list[_Candidate]:
        """Works that may be the same as ``ident``, best first (the guards of
        :mod:`.guards` applied)."""
        out: list[_Candidate] = []
        for found in ident.ids:  # an identifier of a database: the surest evidence
            key = self.by_id.get(found, "")
            if key and _fits(ident, self.ident[key], by_title=False):
                out.append(_Candidate(0, 100.0, found.partition(":")[0], key))
        if ident.doi and ident.doi in self.by_doi:
            key = self.by_doi[ident.doi]
            if _fits(ident, self.ident[key], by_title=False):
                out.append(_Candidate(0, 100.0, "doi", key))
        for key in self.by_url.get(ident.url, ()) if self.url_counts(ident.url) else ():
            if _years_agree(ident, self.ident[key]) and _fits(ident, self.ident[key], False):
                out.append(_Candidate(1, 100.0, "url", key))
        for key in self.by_exact.get((ident.title, ident.year, ident.author), ()):
            if not _doi_conflict(ident, self.ident[key]) and _fits(ident, self.ident[key], True):
                out.append(_Candidate(2, 100.0, "title", key))
        for key in self.by_bare.get(ident.bare, ()) if ident.bare else ():
            if _fits(ident, self.ident[key], by_title=True):
                out.append(_Candidate(2, 100.0, "content", key))
        seen = {key for *_, key in out}
        for b in ident.blocks():
            keys, titles = self.by_block.get(b, ((), ()))
            # rapidfuzz scans the block in C; only close titles are checked in Python
            for _, _, i in (
                process.extract(
                    ident.title,
                    titles,
                    scorer=fuzz.ratio,
                    limit=MAX_HITS,
                    score_cutoff=TITLE_THRESHOLD,
                )
                if titles
                else ()
            ):
                if keys[i] not in seen and _fits(ident, self.ident[keys[i]], by_title=True):
                    seen.add(keys[i])
                    score = title_score(ident, self.ident[keys[i]])
                    if score >= TITLE_THRESHOLD:
                        out.append(_Candidate(3, score, "title", keys[i]))
        out.sort(key=lambda c: (c.priority, -c.score, c.key))
        return out


def replace_ident(old: _Ident, new: _Ident) -> _Ident:
    """Keep the title blocks of ``old`` (they are indexed) and the identifiers of ``new``."""
    return _Ident(
        new.doi or old.doi,
        old.url or new.url,
        old.title,
        old.year,
        old.author,
        old.numbers,
        old.traits,
        tuple(dict.fromkeys(old.ids + new.ids)),
        old.bare,
    )


def _fits(a: _Ident, b: _Ident, by_title: bool) -> bool:
    """Whether nothing says ``a`` and ``b`` are two works (see :mod:`.guards`)."""
    if apart(a.traits, b.traits, by_title=by_title):
        return False
    return by_title or not contradicts(a.traits, b.traits)


def _years_agree(a: _Ident, b: _Ident) -> bool:
    return not (a.year and b.year and a.year != b.year)


def _doi_conflict(a: _Ident, b: _Ident) -> bool:
    return bool(a.doi and b.doi and a.doi != b.doi)


def title_score(a: _Ident, b: _Ident) -> float:
    """Fuzzy similarity (0-100) of two records as one work.

    0 when the years, the numbers in the titles or the first authors differ.
    """
    if a.year != b.year or a.numbers != b.numbers or _doi_conflict(a, b):
        return 0.0
    if a.author != b.author and (
        title_numbers(a.author) != title_numbers(b.author)
        or fuzz.ratio(a.author, b.author) < AUTHOR_THRESHOLD
    ):
        return 0.0
    score = fuzz.ratio(a.title, b.title)
    if score < TITLE_THRESHOLD or not _words_agree(a.title, b.title):
        return 0.0
    return round(score, 2)


def _words_agree(a: str, b: str) -> bool:
    """Every word one title has and the other lacks is a spelling variant or a stop word.

    Keeps "women in crime" apart from "men in crime" although their characters are close.
    """
    only_a = set(a.split()) - set(b.split())
    only_b = set(b.split()) - set(a.split())
    for mine, theirs in ((only_a, only_b), (only_b, only_a)):
        for word in mine:
            if word in STOP_WORDS:
                continue
            if not any(fuzz.ratio(word, other) >= WORD_THRESHOLD for other in theirs):
                return False
    return True


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
    kept_apart = {frozenset(p) for s in not_duplicates for p in _pairs(s)}
    index = _Index(generic_urls([*existing, *incoming]))
    works: dict[str, Work] = {}
    for w in existing:
        works[w.key] = w
        index.add(w.key, _Ident.of(w))
    before = frozenset(works)
    key_map: dict[str, str] = {}
    merges: list[Merge] = []
    conflicts: list[Problem] = []
    for w, ident in _content_order(incoming):
        names = {w.key} if w.key else set()
        proposed = w.key if w.key and w.key not in works else make_citekey(w, works.keys())
        names.add(proposed)
        found_by = index.candidates(ident)
        if w.key in works and _same_record(ident, index.ident[w.key]):
            found_by.append(_Candidate(4, 100.0, "key", w.key))
        match = next(
            (c for c in found_by if not any(frozenset((c.key, n)) in kept_apart for n in names)),
            None,
        )
        if match is None:
            works[proposed] = w if w.key == proposed else replace(w, key=proposed)
            index.add(proposed, ident)
            if w.key:
                key_map[w.key] = proposed
            continue
        kept = match.key
        merged, differ = merge_conflicts(works[kept], w)
        works[kept] = merged
        index.refresh(kept, _Ident.of(merged))
        conflicts.extend(conflict_problems(kept, w.key, differ, source))
        if kept not in before or not _own_work(w, kept):  # coming back to its own work: no merge
            merges.append(
                Merge(
                    kept=kept,
                    merged=w.key or proposed,
                    reason=match.reason,
                    score=match.score,
                    conflicts=conflict_summary(differ),
                )
            )
        if w.key:
            key_map[w.key] = kept
    return DedupResult(
        works=tuple(works.values()),
        key_map=key_map,
        merges=tuple(merges),
        conflicts=tuple(conflicts),
    )


def _own_work(w: Work, kept: str) -> bool:
    """Whether ``kept`` is the key ``w`` has, or (keyless) the key its content gives it."""
    if w.key:
        return w.key == kept
    base = citekey_base(w)
    return kept == base or (kept.startswith(base) and kept[len(base) :].isalpha())


def _same_record(a: _Ident, b: _Ident) -> bool:
    """With the same citekey: the same year and first author's first name word, titles that
    are one title (even both empty, or one edited by hand since), nothing at odds: a record
    this corpus exported coming back, although it has no title, DOI or URL to match, or a
    format wrote its organisation as a person.
    """
    return (
        a.year == b.year
        and (a.title == b.title or fuzz.token_set_ratio(a.title, b.title) >= EDITED_TITLE)
        and a.author.partition(" ")[0] == b.author.partition(" ")[0]  # "lima a" ~ "lima"
        and not (_doi_conflict(a, b) or (a.url and b.url and a.url != b.url))
    )


def _content_order(works: Sequence[Work]) -> list[tuple[Work, _Ident]]:
    """Works with their identifiers, sorted by content so that results (which of two new
    works gets suffix ``a``, which incoming duplicate is kept) do not depend on file order."""
    pairs = [(w, _Ident.of(w)) for w in works]
    pairs.sort(
        key=lambda p: (
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
