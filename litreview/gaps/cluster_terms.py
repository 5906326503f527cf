"""What sets a cluster apart: its distinctive phrases, ranked against the rest (pure).

Candidate terms are phrases of one to three words inside a clause of a text (no punctuation
between the words), beginning and ending with a content word: never a number, never a stop
word or a word of ``litreview/data/label_stopwords.txt`` (words of titles and citing
sentences that name no theme: "report", "study", "better"), nor, for clusters of gap
statements, a word of the gap cue lexicon that says *that* something is missing rather than
*what* ("lack", "research", "despite": :data:`CUE_LISTS`). A word of
``litreview/data/label_generic.txt`` ("cases", "groups", "factors"), or of the cue lists of
evidence quality (:data:`CUE_ALONE_LISTS`: "incomplete"), is no term on its own but
may head a phrase ("minority groups"). A term's weight in cluster ``c``
is class-based: the share of ``c``'s texts that use it, times the log of how much more often
they do so than the other texts (so a word every cluster uses weighs nothing). A phrase takes
the place of the words it contains when it is nearly as distinctive as they are, so a cluster
is described by "climate change", not "climate, change". A word that at least ``spread`` of
the clusters use (when there are three or more) names none of them, whatever its lift: it is
the subject of the whole corpus (a place, the population under study), not of one cluster.
Which words the clusters use may be read from other texts than the terms (``background``: the
whole gap statements, where the terms are read from what they say is missing).

Examples
--------
>>> texts = ["soil erosion of hillsides", "soil erosion and runoff",
...          "water quality in rivers", "water quality and treatment"]
>>> [t[:2] for t in distinctive_terms(texts, [0, 0, 1, 1])]
[('soil erosion',), ('water quality',)]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from litreview.core.data_files import data_lines
from litreview.gaps.cues import cue_entries

__all__ = [
    "CUE_ALONE_LISTS",
    "CUE_LISTS",
    "TermRules",
    "TermScore",
    "candidate_terms",
    "cue_words",
    "distinctive_terms",
    "generic_words",
    "stop_words",
]

#: Word lists of the gap cue lexicon (``data/gap_cues.yaml``) whose words say that knowledge
#: is missing or sought, never what is missing: not words of a gap statement's label. Left
#: out: ``shortfall`` (policy, funding, training: what a practical gap says is missing).
CUE_LISTS = (
    "knowledge",
    "scarcity",
    "unknown",
    "need",
    "future",
    "study_verb",
    "hedge",
    "negation",
    "available",
    "limitation",
    "gap_noun",
    "question",
    "self",
    "scope",
    "concessive",
)
#: Cue lists whose words say how good the evidence is: no term on their own ("incomplete"),
#: though they may begin one ("older people", "complex emergencies").
CUE_ALONE_LISTS = ("quality", "contested")

# a term never spans punctuation or a coordination ("rivers and polluted" is no phrase)
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}\"“”‘’/|–—•·]+|\s[-']\s|_|\b(?:and|or|nor|but|&)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True, kw_only=True)
class TermRules:
    """The rules terms are chosen by, each one switchable so it can be measured on and off
    (``benchmarks/bench_cluster.py --rules``): the packaged list of words that name no theme,
    the gap cue words (:data:`CUE_LISTS`, for gap statements), the least lift a term needs,
    how readily a phrase replaces its words, and the share of clusters using a word beyond
    which it names none (above 1: never)."""

    packaged_stops: bool = True
    cue_words: bool = False
    min_lift: float = 2.0
    phrase_keep: float = 0.6
    spread: float = 0.6


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
    return frozenset(ENGLISH_STOP_WORDS | _word_list("label_stopwords.txt"))


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """The packaged generic nouns, no term on their own (plurals folded, as terms are)."""
    return frozenset(_singular(w) for w in _word_list("label_generic.txt"))


def _word_list(name: str) -> set[str]:
    """The words of a packaged list: one a line, lower case, ``#`` starting a comment."""
    return {w.lower() for w in data_lines(name)}


@lru_cache(maxsize=1)
def cue_words(lists: tuple[str, ...] = CUE_LISTS) -> tuple[frozenset[str], tuple[str, ...]]:
    """The single words of the gap cue ``lists``, and the stems of their entries ending in
    ``*`` (``"investigat*"`` stops "investigation")."""
    entries = [e for e in cue_entries(lists) if " " not in e]
    words = frozenset(e for e in entries if not e.endswith("*"))
    return words, tuple(sorted(e[:-1] for e in entries if e.endswith("*")))


def candidate_terms(
    text: str,
    *,
    max_words: int = 3,
    stops: frozenset[str] | None = None,
    prefixes: tuple[str, ...] = (),
) -> dict[str, str]:
    """The candidate terms of ``text``: lower-cased term -> the words as written first.
    ``stops``: words no term begins or ends with (default :func:`stop_words`); nor with a
    word beginning with one of ``prefixes``."""
    stops = stop_words() if stops is None else stops
    found: dict[str, str] = {}
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(_letters(clause))
        lower = [w.lower().replace("’", "'") for w in words]
        for i in range(len(words)):
            if not _content(lower[i], words[i], stops, prefixes):
                continue
            for n in range(1, max_words + 1):
                j = i + n - 1
                if j >= len(words):
                    break
                if _content(lower[j], words[j], stops, prefixes):
                    key = " ".join(_singular(w.replace("-", "")) for w in lower[i : j + 1])
                    found.setdefault(key, " ".join(words[i : j + 1]))
    return found


def _letters(clause: str) -> str:
    """``clause`` with every character but letters, apostrophes and hyphens made a space (so
    a footnote mark or a number never sticks to a word)."""
    return "".join(ch if ch.isalpha() or ch in "'’-" else " " for ch in clause)


def _singular(word: str) -> str:
    """A plural folded onto its singular for counting ("drugs" and "drug" are one term; a
    hyphen is dropped before, so "breast-feeding" and "breastfeeding" are one too)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _content(lower: str, word: str, stops: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """A word that can begin or end a term: not a stop word, three letters or an acronym."""
    if lower in stops or lower.split("'")[0] in stops or lower.startswith(prefixes):
        return False
    return len(lower) >= 3 or (len(word) >= 2 and word.isupper())


def distinctive_terms(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    n: int = 5,
    min_share: float = 0.0,
    rules: TermRules = TermRules(),
    background: Sequence[str] | None = None,
) -> list[tuple[str, ...]]:
    """Per cluster ``0 .. max(labels)``, its ``n`` most distinctive terms (see the module
    docstring), each as written in the texts (an acronym keeps its capitals); ``background``
    (one text per text) the texts read for the words every cluster uses."""
    scores, surface = term_scores(
        texts, labels, min_share=min_share, rules=rules, background=background
    )
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
    background: Sequence[str] | None = None,
) -> tuple[dict[int, list[TermScore]], dict[str, str]]:
    """Per cluster, its terms best first; and each term's most frequent written form."""
    stops = stop_words() if rules.packaged_stops else frozenset(ENGLISH_STOP_WORDS)
    prefixes: tuple[str, ...] = ()
    if rules.cue_words:
        cues, prefixes = cue_words()
        stops = stops | cues
    per_text = [candidate_terms(t, stops=stops, prefixes=prefixes) for t in texts]
    df_c = _per_cluster(per_text, labels)
    df_all: Counter[str] = Counter()
    for counts in df_c.values():
        df_all.update(counts)
    sizes = Counter(labels)
    if background is not None:
        words = [
            candidate_terms(t, max_words=1, stops=stops, prefixes=prefixes) for t in background
        ]
        common = _everywhere(_per_cluster(words, labels), sizes, rules.spread)
    else:
        common = _everywhere(df_c, sizes, rules.spread)
    alone = generic_words() if rules.packaged_stops else frozenset()
    alone_prefixes: tuple[str, ...] = ()
    if rules.cue_words:
        more, alone_prefixes = cue_words(CUE_ALONE_LISTS)
        alone |= more
    out: dict[int, list[TermScore]] = {}
    for c, counts in df_c.items():
        size = sizes[c]
        rest = len(texts) - size
        need = max(min(2, size), math.ceil(min_share * size))
        scored = (
            _score(t, k, size, df_all[t] - k, rest)
            for t, k in counts.items()
            if k >= need and not _alone(t, alone, alone_prefixes) and not _ends_with(t, common)
        )
        ranked = [s for s in scored if s.lift >= rules.min_lift]
        out[c] = sorted(ranked, key=lambda s: (-s.weight, len(s.term.split()), s.term))
    return out, _surface(per_text)


def _per_cluster(
    per_text: Sequence[dict[str, str]], labels: Sequence[int]
) -> dict[int, Counter[str]]:
    """Per cluster, how many of its texts use each term."""
    df_c: dict[int, Counter[str]] = {}
    for found, lab in zip(per_text, labels, strict=True):
        df_c.setdefault(lab, Counter()).update(found.keys())
    return df_c


def _surface(per_text: Sequence[dict[str, str]]) -> dict[str, str]:
    """Each term's written form to show (:func:`_display`)."""
    forms: dict[str, Counter[str]] = {}
    for found in per_text:
        for term, form in found.items():
            forms.setdefault(term, Counter())[form] += 1
    return {t: _display(c) for t, c in forms.items()}


def _everywhere(
    df_c: dict[int, Counter[str]], sizes: Counter[int], spread: float
) -> frozenset[str]:
    """Words used by at least ``spread`` of the clusters (when there are three or more): a
    cluster uses a word when one of its texts, and a twentieth of them, do."""
    if len(df_c) < 3:
        return frozenset()
    held: Counter[str] = Counter()
    for c, counts in df_c.items():
        floor = max(1.0, 0.05 * sizes[c])
        held.update(t for t, k in counts.items() if " " not in t and k >= floor)
    return frozenset(t for t, n in held.items() if n >= spread * len(df_c))


def _alone(term: str, words: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """``term`` is one of ``words`` (or begins with one of ``prefixes``) standing alone."""
    return " " not in term and (term in words or term.startswith(prefixes))


def _ends_with(term: str, words: frozenset[str]) -> bool:
    """``term`` begins or ends with one of ``words``."""
    parts = term.split()
    return parts[0] in words or parts[-1] in words


def _score(term: str, k: int, size: int, k_rest: int, rest: int) -> TermScore:
    """Share in the cluster times the log of its lift over the rest (smoothed)."""
    share = k / size
    other = (k_rest + 0.5) / (rest + 1.0) if rest else 1.0 / (size + 1.0)
    lift = share / other
    return TermScore(term=term, weight=share * math.log1p(lift), share=share, lift=lift)


def _display(forms: Counter[str]) -> str:
    """The written form to show, of the commonest: each word in lower case (titles
    capitalise every word) but an acronym, all capitals (``AML``), and a word with a
    capital inside it (``miRNAs``, ``uORFs``), which is written so in any text."""
    form, _ = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))
    words = form.split()
    return " ".join(w if _own_capitals(w) else w.lower() for w in words)


def _own_capitals(word: str) -> bool:
    """Whether a word's capitals are its own: an acronym of two letters or more, or a
    capital after a lower-case letter (``miRNA``, ``uORFs``, ``McNeil``; not ``Storms``)."""
    if word.isupper():
        return len(word) > 1
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


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
