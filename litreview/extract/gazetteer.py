"""The reference parser's word lists: what a word may be, as evidence for the model.

The lists are data, in ``litreview/data/``: ``places.txt`` (countries, capitals, states and
cities from GeoNames, by ``benchmarks/make_places.py``), ``lexicon/given_names.txt`` and
``lexicon/surnames.txt`` (US Census, by ``benchmarks/make_names.py``), ``lexicon/months.txt``,
``lexicon/cues.tsv`` (cue words: "In", "pp.", "eds.", "accessed") and ``lexicon/heads.tsv``
(words that name a kind of body or publication: organisations, publishers, journals,
meetings, kinds of document, laws, news outlets, web pages), and
``lexicon/organisations.txt`` (names of organisations from the Research Organization
Registry, by ``benchmarks/make_organisations.py``).

:func:`word_tags` gives the tags of one word; :func:`phrase_tags` those of a run of two or
three words (``new york``); :func:`name_spans` the runs of words that are a known
organisation's name (``National Institute for Health and Care Excellence``, any case,
accents folded). The parser turns them into CRF features (``lex:place``, ``org:first``);
no code decides anything from them alone. :func:`is_place` says whether a field names places
only.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from litreview.core.data_files import data_lines

__all__ = [
    "Lexicon",
    "Names",
    "fold_key",
    "is_place",
    "key",
    "lexicon",
    "name_spans",
    "organisations",
    "phrase_tags",
    "word_tags",
]

_STRIP = ".,;:()[]{}<>\"'“”‘’«»*!?"
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Tags by word, and by phrase of two or three words (keys as :func:`key` makes them)."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, frozenset[str]]
    firsts: frozenset[str]


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """A word or phrase as the lists are keyed: words lower-cased, outer punctuation gone."""
    return " ".join(w for w in (w.strip(_STRIP).lower() for w in text.split()) if w)


def _lines(name: str) -> list[str]:
    """The non-comment lines of a data file."""
    return data_lines(name)


def _entries() -> list[tuple[str, str]]:
    """Every ``(name, tag)`` of every list."""
    out: list[tuple[str, str]] = []
    for line in _lines("places.txt"):
        name, _, mark = line.partition("\t")
        out.append((name, "place"))
        if mark == "major":
            out.append((name, "place_major"))
    for name, tag in (("given_names.txt", "given"), ("surnames.txt", "surname")):
        out += [(line, tag) for line in _lines(f"lexicon/{name}")]
    out += [(line, "month") for line in _lines("lexicon/months.txt")]
    for name in ("cues.tsv", "heads.tsv"):
        for line in _lines(f"lexicon/{name}"):
            word, _, tag = line.partition("\t")
            out.append((word, tag))
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All lists, loaded once."""
    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, set[str]] = defaultdict(set)
    for name, tag in _entries():
        k = key(name)
        n = k.count(" ") + 1
        if n == 1:
            words[k].add(tag)
        elif n <= 3:
            phrases[k].add(tag)
    # one set object per distinct combination of tags: some 80,000 words share a few
    # hundred, and every object kept is one more for each full garbage collection to walk
    shared: dict[frozenset[str], frozenset[str]] = {}
    return Lexicon(
        words={k: shared.setdefault(frozenset(v), frozenset(v)) for k, v in words.items() if k},
        phrases={k: shared.setdefault(frozenset(v), frozenset(v)) for k, v in phrases.items()},
        firsts=frozenset(k.partition(" ")[0] for k in phrases),
    )


@lru_cache(maxsize=1 << 16)
def word_tags(word: str) -> frozenset[str]:
    """The tags of one word (``"London," -> {"place", "place_major", ...}``)."""
    return lexicon().words.get(key(word), _NONE)


def phrase_tags(words: list[str]) -> frozenset[str]:
    """The tags of a run of two or three words (``["New", "York:"] -> {"place", ...}``)."""
    lex = lexicon()
    if not words or key(words[0]) not in lex.firsts:
        return _NONE
    return lex.phrases.get(" ".join(key(w) for w in words), _NONE)


def is_place(text: str, *, towns: bool = False) -> bool:
    """Whether ``text`` names places only: a major place (``London``), or known places
    separated by commas whose last is a major one (``Wiesbaden, Germany``); with ``towns``
    any known place may come last."""
    lex = lexicon()
    parts = [key(p) for p in text.split(",")]

    def tags(part: str) -> frozenset[str]:
        return lex.words.get(part) or lex.phrases.get(part) or _NONE

    if not all("place" in tags(p) for p in parts):
        return False
    return towns or "place_major" in tags(parts[-1])


@dataclass(frozen=True, slots=True)
class Names:
    """Known names as :func:`fold_key` keys them, and per first two words the most words a
    name starting with them has."""

    names: frozenset[str]
    longest: dict[str, int]


@lru_cache(maxsize=1 << 16)
def fold_key(word: str) -> str:
    """A word as the organisation names are keyed: :func:`key`, accents taken off
    (``"Ministère" -> "ministere"``)."""
    decomposed = unicodedata.normalize("NFKD", key(word))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1)
def organisations() -> Names:
    """The organisation names of ``lexicon/organisations.txt``, loaded once."""
    names = _lines("lexicon/organisations.txt")
    longest: dict[str, int] = {}
    for name in names:
        words = name.split(" ")
        pair = " ".join(words[:2])
        longest[pair] = max(longest.get(pair, 0), len(words))
    return Names(frozenset(names), longest)


def name_spans(keys: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of the runs of words that are a known organisation's name, the
    longest from the leftmost start, not overlapping; ``keys`` are the words as
    :func:`fold_key` keys them."""
    orgs = organisations()
    longest, names = orgs.longest, orgs.names
    pairs = [f"{a} {b}" for a, b in pairwise(keys)]
    out: list[tuple[int, int]] = []
    after = 0  # where the last name found ends
    for i in [i for i, pair in enumerate(pairs) if pair in longest]:
        if i < after:
            continue
        for k in range(min(longest[pairs[i]], len(keys) - i), 1, -1):
            if " ".join(keys[i : i + k]) in names:
                out.append((i, i + k))
                after = i + k
                break
    return out
