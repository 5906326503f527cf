"""The CSL type of a parsed reference, from a small model over what was found.

Features are which labels the citation model found, the tags the word lists give the words
of the title, container, publisher, genre and note (``container:lex:news``,
``genre:lex:genre``, ``title:lex:law``), those words themselves (``title:w:report``,
``container:w:times``; numbers left out), the shape of the date, the names, the pages (a
range, one page or a count: ``112 p.``) and a number (``A-99``). A crfsuite model over
one-item sequences (a maximum-entropy classifier), trained on rendered records whose type is
known (``benchmarks/train_refparse.py``), picks the type; :func:`fallback_type` is the plain
field-based guess used when no model is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from litreview.extract.gazetteer import key, word_tags
from litreview.extract.refparse_fields import Segment
from litreview.extract.refparse_norm import page_count

__all__ = ["TypeModel", "fallback_type", "type_features"]

_WORDS_OF = ("title", "journal", "container", "publisher", "genre", "note", "collection")


def _word_features(label: str, text: str) -> set[str]:
    """``label:lex:TAG`` for every tag of the words of one segment (and the genre's words)."""
    out: set[str] = set()
    for word in text.split():
        out.update(_word_attrs(label, word))
    return out


@lru_cache(maxsize=1 << 16)
def _word_attrs(label: str, word: str) -> tuple[str, ...]:
    """The attributes one word of a ``label`` segment gives: its tags in the word lists and
    the word itself, unless it is a number; cached (as a tuple of strings, which the garbage
    collector stops walking, where a set it would walk at every full collection)."""
    out = [f"{label}:lex:{t}" for t in sorted(word_tags(word))]
    keyed = key(word)[:20]
    if keyed and not keyed.isdigit():
        out.append(f"{label}:w:{keyed}")
    return tuple(out)


_LETTERS, _DIGITS = re.compile(r"[^\W\d_]+"), re.compile(r"\d+")


def _locator_shapes(segments: Sequence[Segment], item: dict[str, Any]) -> set[str]:
    """What the pages and the number look like: ``page:range`` (the normalised pages hold a
    dash), ``page:one``, ``page:count`` (:func:`.refparse_norm.page_count`) and ``number:A-9``
    (letters as ``A``, digits as ``9``)."""
    out = set()
    page = str(item.get("page", ""))
    if page:
        out.add("page:range" if "-" in page else "page:one")
    if any(s.label == "pages" and page_count(s.text) for s in segments):
        out.add("page:count")
    number = str(item.get("number", ""))
    if number:
        out.add("number:" + _DIGITS.sub("9", _LETTERS.sub("A", number))[:8])
    return out


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
    feats |= _locator_shapes(segments, item)
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
