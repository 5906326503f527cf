"""The CSL type of a parsed reference, from a small model over what was found.

Features are which labels the citation model found, the tags the word lists give the words
of the title, container, publisher, genre and note (``container:lex:news``,
``genre:lex:genre``, ``title:lex:law``), the words of the genre, and the shape of the date
and the names. A crfsuite model over one-item sequences (a maximum-entropy classifier),
trained on rendered records whose type is known (``benchmarks/train_refparse.py``), picks
the type; :func:`fallback_type` is the plain field-based guess used when no model is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from litreview.extract.gazetteer import key, word_tags
from litreview.extract.refparse_fields import Segment

__all__ = ["TypeModel", "fallback_type", "type_features"]

_WORDS_OF = ("title", "journal", "container", "publisher", "genre", "note", "collection")


def _word_features(label: str, text: str) -> set[str]:
    """``label:lex:TAG`` for every tag of the words of one segment (and the genre's words)."""
    out: set[str] = set()
    for word in text.split():
        out |= _word_attrs(label, word)
    return out


@lru_cache(maxsize=1 << 16)
def _word_attrs(label: str, word: str) -> frozenset[str]:
    """The attributes one word of a ``label`` segment gives; cached."""
    out = {f"{label}:lex:{t}" for t in word_tags(word)}
    if label in ("genre", "note", "collection"):
        out.add(f"{label}:w:{key(word)[:20]}")
    return frozenset(out)


def type_features(segments: Sequence[Segment], item: dict[str, Any]) -> list[str]:
    """The classifier's attributes for one parsed reference."""
    feats = {f"has:{s.label}" for s in segments}
    for s in segments:
        if s.label in _WORDS_OF:
            feats |= _word_features(s.label, s.text)
    parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
    feats.add(f"date:{len(parts)}")
    authors = item.get("author") or []
    if authors:
        feats.add("author:body" if all("literal" in a for a in authors) else "author:person")
    for field in ("URL", "DOI", "volume", "issue", "page", "number", "accessed", "editor"):
        if field in item:
            feats.add(f"field:{field}")
    title = next((s.text for s in segments if s.label == "title"), "")
    if title[:1] in "“‘\"'«":
        feats.add("title:quoted")
    if not feats - {"date:0"}:
        feats.add("empty")
    return sorted(feats)


def fallback_type(item: dict[str, Any]) -> str:
    """The type the fields suggest when there is no model."""
    if item.get("container-title"):
        return "article-journal" if item.get("volume") else "chapter"
    if item.get("publisher") or item.get("publisher-place"):
        return "book"
    return "webpage" if item.get("URL") else "document"


class TypeModel:
    """A trained type classifier (a crfsuite model file)."""

    def __init__(self, path: str | Path) -> None:
        """Open the model at ``path``."""
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def predict(self, segments: Sequence[Segment], item: dict[str, Any]) -> str:
        """The most likely CSL type."""
        return str(self._tagger.tag([type_features(segments, item)])[0])
