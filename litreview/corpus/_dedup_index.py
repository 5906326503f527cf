"""The lookup tables of deduplication: a record's identifiers and the corpus indexed by them.

Records are found by database identifier, DOI, URL, exact title, and (inside small blocks of
one year and one title beginning or end) fuzzy title, so the cost grows with n, not n²; the
guards of :mod:`.guards` keep apart what only looks alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process

from litreview.core.model import Work, replace
from litreview.corpus.guards import Traits, apart, contradicts, is_specific_url
from litreview.corpus.identity import (
    STOP_WORDS,
    first_author_key,
    normalise_doi,
    normalise_title,
    normalise_url,
    title_numbers,
    work_identifiers,
)

__all__ = [
    "EDITED_TITLE",
    "TITLE_THRESHOLD",
    "Candidate",
    "Ident",
    "Index",
    "doi_conflict",
    "title_score",
]

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
_NO_BLOCK: tuple[list[str], list[str]] = ([], [])  # never added to


class Candidate(NamedTuple):
    """A corpus work that may be the incoming record: how it was found and how surely."""

    priority: int  # 0 DOI, 1 URL, 2 exact title or content, 3 fuzzy title, 4 same key
    score: float
    reason: str
    key: str


@dataclass(frozen=True, slots=True)
class Ident:
    """A record's identifiers, normalised, and the record (whose traits the guards compare:
    made only when a candidate is checked, as few records have one)."""

    doi: str
    url: str
    title: str
    year: str
    author: str
    work: Work = field(compare=False)
    ids: tuple[str, ...] = ()  # database identifiers (pmid:..., wos:...), a report's number
    bare: tuple[str, ...] = ()
    specific: bool = False  # the URL names one page (:func:`~.guards.is_specific_url`)

    @classmethod
    def of(cls, w: Work) -> Ident:
        url = normalise_url(w.url)
        ident = cls(
            normalise_doi(w.doi),
            url,
            normalise_title(w.title),
            w.year,
            first_author_key(w),
            w,
            work_identifiers(w) if w.extra or w.issue else (),
            (),
            bool(url) and is_specific_url(url),
        )
        if ident.doi or ident.url or ident.title or not ident.author:
            return ident
        # no title, DOI or URL: only the very same content says two records are one work
        rest = (w.container, w.publisher, w.place, w.volume, w.issue, w.pages, w.note)
        return replace(ident, bare=(ident.author, w.issued, *map(normalise_title, rest)))

    @property
    def traits(self) -> Traits:
        """What the guards compare of the record."""
        return Traits.of(self.work, self.title, self.author)

    @property
    def numbers(self) -> tuple[str, ...]:
        """The numbers in the title."""
        return title_numbers(self.title)

    def blocks(self) -> tuple[tuple[str, str], ...]:
        """Keys of the blocks this record's title is compared in: same year, same first two
        letters of the first author, and the same title beginning or the same title end."""
        if len(self.title) < 8:
            return ()
        near = self.year + self.author[:2]
        return ((near, "<" + self.title[:_AFFIX]), (near, ">" + self.title[-_AFFIX:]))


class Index:
    """Lookup tables of the growing corpus."""

    def __init__(
        self, generic: frozenset[str] = frozenset(), shared_dois: frozenset[str] = frozenset()
    ) -> None:
        self.generic = generic  # URLs shared by many records: no evidence
        self.shared_dois = shared_dois  # DOIs shared by many records: no evidence either
        self.by_doi: dict[str, str] = {}
        self.by_id: dict[str, str] = {}
        self.by_url: dict[str, list[str]] = defaultdict(list)
        self.by_exact: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.by_block: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        self.by_bare: dict[tuple[str, ...], list[str]] = defaultdict(list)
        self.ident: dict[str, Ident] = {}
        self.traits: dict[str, Traits] = {}  # of the works a record was checked against

    def add(self, key: str, ident: Ident) -> None:
        self.ident[key] = ident
        if ident.doi:
            self.by_doi.setdefault(ident.doi, key)
        for found in ident.ids:
            self.by_id.setdefault(found, key)
        if self.url_counts(ident.url, ident.specific):
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

    def refresh(self, key: str, merged: Work) -> None:
        """Index identifiers a merge added to ``key`` (a DOI or URL filled in): those of
        ``merged``, the work under ``key`` now (its title blocks stay as they are indexed)."""
        old = self.ident[key]
        doi = old.doi or normalise_doi(merged.doi)
        if doi and not old.doi:
            self.by_doi.setdefault(doi, key)
        ids = work_identifiers(merged) if merged.extra or merged.issue else ()
        for found in ids:
            self.by_id.setdefault(found, key)
        url, specific = old.url, old.specific
        if not url:
            url = normalise_url(merged.url)
            specific = bool(url) and is_specific_url(url)
            if self.url_counts(url, specific):
                self.by_url[url].append(key)
        self.ident[key] = replace(
            old, doi=doi, url=url, specific=specific, ids=tuple(dict.fromkeys(old.ids + ids))
        )

    def url_counts(self, url: str, specific: bool) -> bool:
        """Whether ``url`` (``specific``: naming one page) is evidence of identity: not
        shared by many records."""
        return specific and url not in self.generic

    def candidates(self, ident: Ident) -> list[Candidate]:
        """Works that may be the same as ``ident``, best first (the guards of
        :mod:`.guards` applied)."""
        out: list[Candidate] = []
        fits = self._fits_for(ident)
        for found in ident.ids:  # an identifier of a database: the surest evidence
            key = self.by_id.get(found, "")
            if key and fits(key, False):
                out.append(Candidate(0, 100.0, found.partition(":")[0], key))
        if ident.doi and ident.doi in self.by_doi and ident.doi not in self.shared_dois:
            key = self.by_doi[ident.doi]
            if fits(key, False):
                out.append(Candidate(0, 100.0, "doi", key))
        for key in (
            self.by_url.get(ident.url, ()) if self.url_counts(ident.url, ident.specific) else ()
        ):
            if _years_agree(ident, self.ident[key]) and fits(key, False):
                out.append(Candidate(1, 100.0, "url", key))
        for key in self.by_exact.get((ident.title, ident.year, ident.author), ()):
            if not doi_conflict(ident, self.ident[key]) and fits(key, True):
                out.append(Candidate(2, 100.0, "title", key))
        for key in self.by_bare.get(ident.bare, ()) if ident.bare else ():
            if fits(key, True):
                out.append(Candidate(2, 100.0, "content", key))
        seen: set[str] | None = None  # made when a block has a close title (few do)
        for b in ident.blocks():
            keys, titles = self.by_block.get(b, _NO_BLOCK)
            for i in _close_titles(ident.title, titles) if titles else ():
                key = keys[i]
                if seen is None:
                    seen = {c.key for c in out}
                if key not in seen and fits(key, True):
                    seen.add(key)
                    score = title_score(ident, self.ident[key])
                    if score >= TITLE_THRESHOLD:
                        out.append(Candidate(3, score, "title", key))
        if len(out) > 1:
            out.sort(key=lambda c: (c.priority, -c.score, c.key))
        return out

    def _fits_for(self, ident: Ident) -> Callable[[str, bool], bool]:
        """Whether nothing says ``ident`` and the work under a key are two works (``by_title``:
        found by title alone); the traits of each made once, when first needed."""
        mine: list[Traits] = []

        def fits(key: str, by_title: bool) -> bool:
            if not mine:
                mine.append(ident.traits)
            theirs = self.traits.get(key)
            if theirs is None:
                theirs = self.traits[key] = self.ident[key].traits
            return _fits(mine[0], theirs, by_title)

        return fits


def _close_titles(title: str, titles: list[str]) -> list[int]:
    """Where ``titles`` (of one block) has a title within :data:`TITLE_THRESHOLD` of
    ``title``: at most :data:`MAX_HITS`, the closest. rapidfuzz scans a large block in C; a
    block of no more than :data:`MAX_HITS` (nearly all) is scanned by direct calls, which
    cost less than setting up the scan, and all its close titles are kept (their order does
    not matter: :meth:`Index.candidates` sorts what it finds)."""
    if len(titles) > MAX_HITS:
        hits = process.extract(
            title, titles, scorer=fuzz.ratio, limit=MAX_HITS, score_cutoff=TITLE_THRESHOLD
        )
        return [i for _, _, i in hits]
    ratio = fuzz.ratio
    return [i for i, t in enumerate(titles) if ratio(title, t, score_cutoff=TITLE_THRESHOLD)]


def _fits(a: Traits, b: Traits, by_title: bool) -> bool:
    """Whether nothing says records of traits ``a`` and ``b`` are two works (see
    :mod:`.guards`)."""
    if apart(a, b, by_title=by_title):
        return False
    return by_title or not contradicts(a, b)


def _years_agree(a: Ident, b: Ident) -> bool:
    return not (a.year and b.year and a.year != b.year)


def doi_conflict(a: Ident, b: Ident) -> bool:
    return bool(a.doi and b.doi and a.doi != b.doi)


def title_score(a: Ident, b: Ident) -> float:
    """Fuzzy similarity (0-100) of two records as one work.

    0 when the years, the numbers in the titles or the first authors differ.
    """
    if a.year != b.year or a.numbers != b.numbers or doi_conflict(a, b):
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

    Keeps "women in farming" apart from "men in farming" although their characters are close.
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
