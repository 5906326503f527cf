"""Synonym matching: case- and diacritic-folding with offsets, and an indexed phrase matcher.

Each synonym becomes one anchored regular expression (words joined by optional separators, a
plural ending allowed on the last word, ``*`` for any ending). Patterns are indexed by the word
tokens a match can start with; one trie-shaped regex finds those tokens in a text, and only
there are the few candidate patterns tried. Offsets are mapped back to the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Match", "Matcher", "compile_matcher", "fold", "synonym_pattern"]

_SEP = r"[\s\-\u2010-\u2015_/]*"


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """A synonym found in a text: ``text[start:end] == phrase``."""

    facet: str
    value: str
    start: int
    end: int
    phrase: str


# pattern, facet, value ("!value": an exclude), the phrase's acronyms (folded: ``aids``)
_Candidate = tuple[re.Pattern[str], str, str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Matcher:
    """Every synonym pattern, indexed by the word tokens a match can start with.

    ``starts`` (one trie-shaped regex) finds the word tokens that begin some synonym; only
    there are the few candidate patterns tried with anchored ``match`` calls, so no big
    alternation is tried at every character. ``wild`` holds wildcard (``word*``) prefixes.
    """

    index: dict[str, tuple[_Candidate, ...]]
    wild: dict[str, tuple[_Candidate, ...]]
    starts: re.Pattern[str]
    memo: dict[str, tuple[_Candidate, ...]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # facet -> its rank in the taxonomy

    def candidates(self, word: str) -> tuple[_Candidate, ...]:
        """Patterns that may match at a word token ``word`` (memoised)."""
        found = self.memo.get(word)
        if found is None:
            found = self.index.get(word, ())
            if self.wild:
                found += tuple(
                    c for k, cands in self.wild.items() if word.startswith(k) for c in cands
                )
            if len(self.memo) < _MEMO_MAX:
                self.memo[word] = found
        return found

    def find(self, text: str, folded: str, index: list[int] | None) -> list[Match]:
        """Leftmost-longest, non-overlapping (per facet) matches mapped back to ``text``."""
        return [
            Match(facet=f, value=v, start=s, end=e, phrase=text[s:e])
            for f, v, s, e in self.spans(folded, index, text)
        ]

    def spans(
        self, folded: str, index: list[int] | None, text: str | None = None
    ) -> list[tuple[str, str, int, int]]:
        """``find`` as plain ``(facet, value, start, end)`` tuples (offsets into the text as
        given), in text order: the tagger's fast path, no objects built per hit. With
        ``text`` (the text as given), a synonym holding an acronym (``AIDS``, ``WHO``)
        matches only where the text does not write that acronym in lower case (``aids``,
        ``who``)."""
        out: list[tuple[str, str, int, int]] = []
        last_end: dict[str, int] = {}
        blocked: dict[tuple[str, str], int] = {}  # (facet, value) -> end of an exclude phrase
        memo = self.memo
        for tok in self.starts.finditer(folded):
            word = tok.group()
            cands = memo.get(word)
            if cands is None:
                cands = self.candidates(word)
            pos = tok.start()
            best: dict[str, tuple[int, list[str]]] | None = None
            for pattern, facet, value, caps in cands:
                if last_end.get(facet, -1) > pos:
                    continue
                m = pattern.match(folded, pos)
                if m is None:
                    continue
                end = m.end()
                lower = caps and text is not None
                if lower and _lower_acronym(text or "", folded, index, pos, end, caps):
                    continue
                if value[0] == "!":
                    key = (facet, value[1:])
                    blocked[key] = max(blocked.get(key, -1), end)
                    continue
                if best is None:
                    best = {}
                found = best.get(facet)
                if found is None or end > found[0]:
                    best[facet] = (end, [value])
                elif end == found[0] and value not in found[1]:
                    found[1].append(value)
            if best is None:
                continue
            for facet, (end, values) in best.items():
                if blocked:
                    values = [v for v in values if blocked.get((facet, v), -1) < end]
                if values:
                    last_end[facet] = end
                s, e = (pos, end) if index is None else (index[pos], index[end])
                out.extend((facet, v, s, e) for v in values)
        return out


_WORD = re.compile(r"\w+")
_MEMO_MAX = 200_000
_ACRONYM = re.compile(r"(?<![^\W\d_])[^\W\d_a-z]{2,}(?![^\W\d_])")  # two or more capitals


def acronyms(phrase: str) -> tuple[str, ...]:
    """The acronyms of a synonym as written (words of two or more capital letters: ``AIDS``,
    ``MDR-TB``: ``MDR`` and ``TB``), folded as the matcher folds text."""
    return tuple(fold(w)[0] for w in _ACRONYM.findall(phrase) if w.isupper())


def _lower_acronym(
    text: str, folded: str, index: list[int] | None, pos: int, end: int, caps: tuple[str, ...]
) -> bool:
    """Whether the match ``folded[pos:end]`` writes one of the synonym's acronyms in lower
    case in ``text`` (``aids`` for ``AIDS``): a word, not the acronym."""
    for word in caps:
        at = folded.find(word, pos, end)
        while at >= 0:
            a, b = at, at + len(word)
            s, e = (a, b) if index is None else (index[a], index[b])
            if text[s:e].islower():
                return True
            at = folded.find(word, at + 1, end)
    return False


def fold(text: str) -> tuple[str, list[int] | None]:
    """Lower-cased, diacritic-free ``text`` and a map from folded to original offsets.

    The map is ``None`` when offsets are unchanged (ASCII text, or every character folds to
    exactly one character), which is the common case.
    """
    if text.isascii():
        return text.lower(), None
    table = {ord(ch): _fold_char(ch) for ch in set(_NON_ASCII.findall(text))}
    if all(len(f) == 1 for f in table.values()):
        return text.translate(table).lower(), None
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = table[ord(ch)] if ord(ch) > 127 else ch.lower()
        chars.append(f)
        index.extend([i] * len(f))
    index.append(len(text))
    return "".join(chars), index


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One non-ASCII character lower-cased without diacritics (a space if nothing is left)."""
    return (
        "".join(
            c for c in unicodedata.normalize("NFKD", ch.lower()) if not unicodedata.combining(c)
        )
        or " "
    )


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def synonym_pattern(phrase: str) -> str:
    """The regex source for a synonym: words joined by optional separators, plural last word."""
    words = [w for w in re.split(r"[\s\-\u2010-\u2015_]+", fold(phrase.strip())[0]) if w]
    if not words:
        return ""
    parts = [re.escape(w) for w in words[:-1]]
    parts.append(_last_word(words[-1]))
    return r"(?<!\w)" + _SEP.join(parts) + r"(?!\w)"


def _last_word(word: str) -> str:
    """A word with a plural ending allowed (``*`` at the end: any word ending)."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    if len(word) > 3 and word.endswith("y") and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word.endswith(("s", "x", "sh", "ch")):
        return re.escape(word) + "(?:es)?"
    return re.escape(word) + "(?:s|es)?"


def compile_matcher(values: Iterable[tuple[str, str, Sequence[str], Sequence[str]]]) -> Matcher:
    """A matcher for ``(facet, value, synonyms, exclude)`` rows: every synonym (and exclude)
    pattern indexed by the word tokens it can start with."""
    exact: dict[str, list[_Candidate]] = {}
    wild: dict[str, list[_Candidate]] = {}
    rank: dict[str, int] = {}
    for facet_id, value_id, synonyms, exclude in values:
        rank.setdefault(facet_id, len(rank))
        phrases = [(s, value_id) for s in sorted(set(synonyms))]
        phrases += [(s, "!" + value_id) for s in sorted(set(exclude))]
        for phrase, tag in phrases:
            source = synonym_pattern(phrase)
            if not source:
                continue
            cand = (re.compile(source), facet_id, tag, acronyms(phrase))
            tokens, prefix = _first_tokens(phrase)
            for tok in tokens:
                exact.setdefault(tok, []).append(cand)
            if prefix:
                wild.setdefault(prefix, []).append(cand)

    # excludes first, so a phrase starting at the same word blocks the value
    def order(v: list[_Candidate]) -> tuple[_Candidate, ...]:
        return tuple(sorted(v, key=lambda c: not c[2].startswith("!")))

    alts = []
    if exact:
        alts.append("(?:" + _trie_regex(sorted(exact)) + r")(?!\w)")
    if wild:
        alts.append("(?:" + _trie_regex(sorted(wild)) + r")\w*")
    starts = re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")") if alts else _NEVER
    return Matcher(
        {k: order(v) for k, v in exact.items()},
        {k: order(v) for k, v in wild.items()},
        starts,
        order=rank,
    )


def _first_tokens(phrase: str) -> tuple[set[str], str]:
    """The word tokens (``\\w+``) a match of ``phrase`` can start with, and the prefix of a
    wildcard first word (``""`` if none)."""
    words = [w for w in re.split(r"[\s\-\u2010-\u2015_]+", fold(phrase.strip())[0]) if w]
    if not words:
        return set(), ""
    first = _WORD.match(words[0])
    if first is None:
        return set(), ""
    if len(words) == 1 and words[0].endswith("*"):
        return set(), words[0][:-1]
    tokens = {first.group()}
    if all(_WORD.fullmatch(w) for w in words):
        joined = "".join(words)
        tokens |= {joined, joined + "s", joined + "es"}
        if joined.endswith("y"):
            tokens.add(joined[:-1] + "ies")
    return tokens, ""


def _trie_regex(words: list[str]) -> str:
    """A regex matching exactly one of ``words``, factored as a trie (fast in ``re``)."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[0], []).append(w[1:])
    alts = []
    for head, tails in sorted(heads.items()):
        rest = [t for t in tails if t]
        if not rest:
            alts.append(re.escape(head))
        else:
            optional = "?" if "" in tails else ""
            alts.append(re.escape(head) + "(?:" + _trie_regex(rest) + ")" + optional)
    return "|".join(alts)


_NEVER = re.compile(r"(?!x)x")
