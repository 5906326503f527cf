"""What sets a cluster apart: its distinctive phrases, ranked against the rest (pure).

Candidate terms are phrases of one to three words inside a clause of a text (no punctuation
between the words), beginning and ending with a content word: never a number, never a stop
word or a word of ``litreview/data/label_stopwords.txt`` (words of titles and citing
sentences that name no theme: "report", "study", "better"). A term's weight in cluster ``c``
is class-based: the share of ``c``'s texts that use it, times the log of how much more often
they do so than the other texts (so a word every cluster uses weighs nothing). A phrase takes
the place of the words it contains when it is nearly as distinctive as they are, so a cluster
is described by "organised crime", not "organised, crime".

Examples
--------
>>> texts = ["human trafficking of girls", "human trafficking and forced labour",
...          "drug use among men", "drug use and treatment"]
>>> [t[:2] for t in distinctive_terms(texts, [0, 0, 1, 1])]
[('human trafficking',), ('drug use',)]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["TermRules", "TermScore", "candidate_terms", "distinctive_terms", "stop_words"]

# a term never spans punctuation or a coordination ("brides and trafficked" is no phrase)
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}\"“”‘’/|–—•·]+|\s[-']\s|_|\b(?:and|or|nor|but|&)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True, kw_only=True)
class TermRules:
    """The rules terms are chosen by, each one switchable so it can be measured on and off
    (``benchmarks/bench_cluster.py --rules``): the packaged list of words that name no theme,
    the least lift a term needs, and how readily a phrase replaces its words."""

    packaged_stops: bool = True
    min_lift: float = 2.0
    phrase_keep: float = 0.6


@dataclass(frozen=True, slots=True, kw_only=True)
class TermScore:
    """A term's weight in one cluster: ``share`` of the cluster's texts use it, ``lift`` times
    as often as the other texts do."""

    term: str
    weight: float
    share: float
    lift: float


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words plus the packaged list of words that name no theme."""
    text = resources.files("litreview").joinpath("data/label_stopwords.txt").read_text("utf-8")
    listed = {w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(ENGLISH_STOP_WORDS | listed)


def candidate_terms(
    text: str, *, max_words: int = 3, stops: frozenset[str] | None = None
) -> dict[str, str]:
    """The candidate terms of ``text``: lower-cased term -> the words as written first.
    ``stops``: words no term begins or ends with (default :func:`stop_words`)."""
    stops = stop_words() if stops is None else stops
    found: dict[str, str] = {}
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(_letters(clause))
        lower = [w.lower().replace("’", "'") for w in words]
        for i in range(len(words)):
            if not _content(lower[i], words[i], stops):
                continue
            for n in range(1, max_words + 1):
                j = i + n - 1
                if j >= len(words):
                    break
                if _content(lower[j], words[j], stops):
                    key = " ".join(_singular(w) for w in lower[i : j + 1])
                    found.setdefault(key, " ".join(words[i : j + 1]))
    return found


def _letters(clause: str) -> str:
    """``clause`` with every character but letters, apostrophes and hyphens made a space (so
    a footnote mark or a number never sticks to a word)."""
    return "".join(ch if ch.isalpha() or ch in "'’-" else " " for ch in clause)


def _singular(word: str) -> str:
    """A plural folded onto its singular for counting ("drugs" and "drug" are one term)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _content(lower: str, word: str, stops: frozenset[str]) -> bool:
    """A word that can begin or end a term: not a stop word, three letters or an acronym."""
    if lower in stops or lower.split("'")[0] in stops:
        return False
    return len(lower) >= 3 or (len(word) >= 2 and word.isupper())


def distinctive_terms(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    n: int = 5,
    min_share: float = 0.0,
    rules: TermRules = TermRules(),
) -> list[tuple[str, ...]]:
    """Per cluster ``0 .. max(labels)``, its ``n`` most distinctive terms (see the module
    docstring), each as written in the texts (an acronym keeps its capitals)."""
    scores, surface = term_scores(texts, labels, min_share=min_share, rules=rules)
    return [
        tuple(surface[t.term] for t in _select(ranked, n, rules.phrase_keep))
        for ranked in (scores.get(c, []) for c in range(max(labels, default=-1) + 1))
    ]


def term_scores(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    min_share: float = 0.0,
    rules: TermRules = TermRules(),
) -> tuple[dict[int, list[TermScore]], dict[str, str]]:
    """Per cluster, its terms best first; and each term's most frequent written form."""
    stops = stop_words() if rules.packaged_stops else frozenset(ENGLISH_STOP_WORDS)
    per_text = [candidate_terms(t, stops=stops) for t in texts]
    forms: dict[str, Counter[str]] = {}
    df_c: dict[int, Counter[str]] = {}
    for found, lab in zip(per_text, labels, strict=True):
        df_c.setdefault(lab, Counter()).update(found.keys())
        for term, form in found.items():
            seen = forms.get(term)
            if seen is None:
                forms[term] = Counter({form: 1})
            else:
                seen[form] += 1
    df_all: Counter[str] = Counter()
    for counts in df_c.values():
        df_all.update(counts)
    out: dict[int, list[TermScore]] = {}
    for c, counts in df_c.items():
        size = sum(1 for lab in labels if lab == c)
        rest = len(texts) - size
        need = max(min(2, size), math.ceil(min_share * size))
        scored = (_score(t, k, size, df_all[t] - k, rest) for t, k in counts.items() if k >= need)
        ranked = [s for s in scored if s.lift >= rules.min_lift]
        out[c] = sorted(ranked, key=lambda s: (-s.weight, len(s.term.split()), s.term))
    return out, {t: _display(c) for t, c in forms.items()}


def _score(term: str, k: int, size: int, k_rest: int, rest: int) -> TermScore:
    """Share in the cluster times the log of its lift over the rest (smoothed)."""
    share = k / size
    other = (k_rest + 0.5) / (rest + 1.0) if rest else 1.0 / (size + 1.0)
    lift = share / other
    return TermScore(term=term, weight=share * math.log1p(lift), share=share, lift=lift)


def _display(forms: Counter[str]) -> str:
    """The written form to show: an all-capitals form when it is the commonest, else lower
    case (titles capitalise every word)."""
    form, _ = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))
    words = form.split()
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)


def _select(ranked: Iterable[TermScore], n: int, keep: float) -> list[TermScore]:
    """The best ``n`` terms: a phrase replaces the words it contains when it describes them
    as well (:func:`_describes`); a term sharing a word with one already chosen is otherwise
    left out."""
    pool = list(ranked)
    chosen: list[TermScore] = []
    for s in pool:
        words = set(s.term.split())
        if len(words) == 1 and any(_describes(p, s, keep) for p in pool):
            continue
        overlap = [c for c in chosen if words & set(c.term.split())]
        if not all(_describes(s, c, keep) for c in overlap):
            continue
        chosen = [c for c in chosen if c not in overlap]
        chosen.append(s)
        if len(chosen) == n:
            break
    return chosen


def _describes(phrase: TermScore, part: TermScore, keep: float) -> bool:
    """``phrase`` contains ``part`` and describes the cluster as well: at least ``keep`` of
    the cluster's texts using ``part`` use the phrase, and it keeps ``keep`` of its lift."""
    return (
        _inside(part.term, phrase.term)
        and phrase.share >= keep * part.share
        and phrase.lift >= keep * part.lift
    )


def _inside(short: str, long: str) -> bool:
    """``short``'s words appear in order, together, inside ``long``."""
    return f" {short} " in f" {long} " and short != long
