"""How much a sentence reads like a bibliographic reference rather than prose.

Used by the gap-statement detector to leave reference strings in notes unread
(:mod:`litreview.gaps.statement_scope`). Moved unchanged out of the old parser's rule module
when the reference parser lost its rules; the prose function words are data
(``data/lexicon/function_words.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from litreview.core.data_files import data_lines

__all__ = ["looks_like_reference", "prose_words"]

_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_LINK = re.compile(r"https?://|www\.|\b10\.\d{4,}/|doi:", re.I)
_QUOTED = re.compile(r"[“‘\"«*][^“”‘’\"«»*]{6,}[”’\"»*]")
_CUE = re.compile(
    r"\b(?:pp?\.|vol\.|no\.|eds?\.|report|press|university|journal|"
    r"available at|accessed|retrieved|archived|ibid|op\.? cit)\b",
    re.I,
)


@lru_cache(maxsize=1)
def prose_words() -> frozenset[str]:
    """The prose function words of the data file."""
    return frozenset(data_lines("lexicon/function_words.txt"))


def looks_like_reference(raw: str) -> float:
    """How much ``raw`` reads like a bibliographic reference, from 0 (prose note) to 1.

    Evidence for: a year, a URL/DOI, a quoted or italic title, bibliographic cue words,
    a high share of capitalised words. Evidence against: length, and a high share of
    prose function words (is, was, the, this, ...).
    """
    words = raw.split()
    if not words:
        return 0.0
    function = prose_words()
    score = 0.35
    score += 0.25 if _YEARISH.search(raw) else 0.0
    score += 0.3 if _LINK.search(raw) else 0.0
    score += 0.2 if _QUOTED.search(raw) else 0.0
    score += 0.15 if _CUE.search(raw) else 0.0
    n_alpha = n_caps = n_func = 0
    for w in words:
        if w[0].isalpha():
            n_alpha += 1
            n_caps += w[0].isupper()
            n_func += w.lower().rstrip(".,;:)") in function
    caps = n_caps / max(n_alpha, 1)
    func = n_func / len(words)
    score += 0.4 * (caps - 0.3) - 1.2 * max(0.0, func - 0.08)
    if len(words) > 30 and not _YEARISH.search(raw):
        score -= 0.01 * (len(words) - 30)
    return round(min(1.0, max(0.0, score)), 3)
