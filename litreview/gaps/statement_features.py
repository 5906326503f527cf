"""Features of a sentence for the gap-statement model: its words, the word lists and
constructions of ``gap_cues.yaml``, the pairs of lists it holds, its section heading, and
whether it is a list item after a line ending in a colon.

Every feature is a named number (``{"w:little": 1, "con:knowledge_needed": 1, ...}``), so the
model's reasons can be read back by name. Word lists count whole-word matches; a construction
fires when a word of one list comes before a word of another within a few words (or anywhere
later, for "research ... is needed" however long the subject); a pair (``pair:a+b``) fires
when the sentence holds words of both lists anywhere, in any order. A chain
(``chain:<id>``) fires when words of several lists come in turn, each within a set distance
of the one before or anywhere later ("numbers ... unreliable", "studies that examine ... are
needed", "does not collect ... data"); its lists may be ones read by chains only.

Measured by cross-validation grouped by document (``benchmarks/train_statements.py
--ablation``): the pairs raise F1; the neighbouring sentences' lists and constructions,
character n-grams, and the sentence's place (length, in a note, a list item, citations,
reference-likeness) lowered it, so they are not features. The chains were measured blended
with the sentence encoder (``benchmarks/statement_labels.py``; benchmarks/statements/README.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from litreview.gaps.cues import Chain, Construction, Cues, WordList, text_leads
from litreview.gaps.statement_scope import Sentence

__all__ = ["WORD_VALUE", "Analysis", "analyse", "document_features", "sentence_features", "words"]

_WORD = re.compile(r"[a-z]+(?:['’\-][a-z]+)*|\d+(?:[.,]\d+)*")
#: The value of a word or bigram feature (the cue features are 1 or more). Below 1, the
#: model's L2 penalty weighs more on the words than on the cues, so a document's topic words
#: count less against the cues, which carry over to unseen documents: at 0.7 the blend's F1
#: over five grouped folds rose 0.587 -> 0.594, as at 0.5, with better precision and the
#: encoder reading fewer sentences (benchmarks/statements/README.md).
WORD_VALUE = 0.7


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the word lists find in one piece of text: per-list counts, constructions, and
    the chains that fire with their values."""

    counts: dict[str, int]
    constructions: frozenset[str]
    chains: dict[str, float] = field(default_factory=dict)


def words(text: str) -> list[str]:
    """Lower-case word tokens; numbers become ``<n>``."""
    return ["<n>" if t[0].isdigit() else t for t in _WORD.findall(text.lower())]


def analyse(text: str, cues: Cues) -> Analysis:
    """Word-list counts, constructions and chains of ``text``."""
    starts = [m.start() for m in _WORD.finditer(text.lower())]
    leads = text_leads(text)

    def find(wl: WordList) -> list[int]:
        if leads is not None and wl.leads is not None and not leads.may_hold(wl.leads):
            return []  # no run of letters of the text opens as an entry of the list does
        return [bisect_right(starts, m.start()) - 1 for m in wl.pattern.finditer(text)]

    positions = {wl.name: found for wl in cues.lexicon if (found := find(wl))}
    fired = frozenset(c.id for c in cues.constructions if _fires(c, positions))
    lists = {wl.name: wl for wl in cues.chain_lists}

    def at(name: str) -> list[int]:
        # a chain's lists are searched only when the steps before it were found
        if name not in positions and name in lists:
            positions[name] = find(lists[name])
        return positions.get(name, [])

    chains = {c.id: c.value for c in cues.chains if _chained(c, at)}
    counts = {wl.name: len(positions[wl.name]) for wl in cues.lexicon if wl.name in positions}
    return Analysis(counts, fired, chains)


def _fires(c: Construction, positions: dict[str, list[int]]) -> bool:
    """Whether a word of ``c.first`` comes before one of ``c.then`` within ``c.within``."""
    firsts, thens = positions.get(c.first), positions.get(c.then)
    if not firsts or not thens:
        return False
    if c.within <= 0:
        return min(firsts) < max(thens)
    return any(0 < t - f <= c.within for f in firsts for t in thens)


def _chained(c: Chain, at: Callable[[str], list[int]]) -> bool:
    """Whether a word of each list of ``c.steps`` comes in turn, each within its distance of
    a word of the step before (walking the positions each step can reach; ``at`` gives a
    list's positions)."""
    reach = sorted(at(c.steps[0]))
    for name, within in zip(c.steps[1:], c.within, strict=True):
        if not reach:
            return False
        reach = [t for t in sorted(at(name)) if _after(reach, t, within)]
    return bool(reach)


def _after(sorted_from: list[int], t: int, within: int) -> bool:
    """Whether a position of ``sorted_from`` lies before ``t``, at most ``within`` words
    before it (``within <= 0``: anywhere before)."""
    if within <= 0:
        return sorted_from[0] < t
    i = bisect_left(sorted_from, t - within)
    return i < len(sorted_from) and sorted_from[i] < t


def sentence_features(text: str, analysis: Analysis) -> dict[str, float]:
    """Word n-grams (``w:``, ``b:``), word-list counts (``lex:``), pairs of word lists
    (``pair:``), constructions (``con:``) and chains (``chain:``) of one piece of text."""
    toks = words(text)
    out = {f"w:{t}": WORD_VALUE for t in toks}
    for a, b in zip(["<s>", *toks], [*toks, "</s>"], strict=True):
        out[f"b:{a} {b}"] = WORD_VALUE
    for name, n in analysis.counts.items():
        out[f"lex:{name}"] = float(min(n, 3))
    for a, b in combinations(sorted(analysis.counts), 2):
        out[f"pair:{a}+{b}"] = 1.0
    for c in analysis.constructions:
        out[f"con:{c}"] = 1.0
    for c, value in analysis.chains.items():
        out[f"chain:{c}"] = value
    return out


def document_features(sents: Sequence[Sentence], cues: Cues) -> list[dict[str, float]]:
    """The features of every sentence of a document (excluded ones included, so indices
    agree), each with its section heading."""
    analyses = [analyse(s.flat, cues) for s in sents]
    sections: dict[str, list[str]] = {}
    out = []
    for i, s in enumerate(sents):
        f = sentence_features(s.flat, analyses[i])
        if s.section not in sections:
            sections[s.section] = [w.name for w in cues.sections if w.pattern.search(s.section)]
        for name in sections[s.section]:
            f[f"sec:{name}"] = 1.0
        if s.list_item and i and sents[i - 1].flat.endswith(":"):
            f["after_colon"] = 1.0
        out.append(f)
    return out
