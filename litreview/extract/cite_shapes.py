"""The shapes of author-year citations that more than one reader looks for: a list of
names (bounded: a word of at most 41 characters, a name of at most 8 words, a list of at
most 16 names, so that a match tried at each character of a long word, or each word of a
long run of capitalised words, costs a few steps, not the rest of the run; unbounded, a
paragraph of 4,000 such words took 4.5 s, one word of 40,000 letters 240 s), a year, and
EndNote's temporary citations (``{Smith, 2010 #123@45; Jones, 2011 #45}``), read in the
running text (:mod:`litreview.extract.intext`) and in notes
(:mod:`litreview.extract.citations`). Pure; imports nothing of the extract stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NAMES", "YEAR", "TemporaryItem", "temporary_citations"]

YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
_NAME = r"(?:[A-Z\u00C0-\u024F][\w'’\u00C0-\u024F-]{1,40}|van|von|de|der|da|du|la|le)"
_PERSON = rf"{_NAME}(?:\s+{_NAME}){{0,7}}"
NAMES = rf"{_PERSON}(?:,\s+{_PERSON}){{0,15}}(?:,?\s+(?:&|and)\s+{_PERSON}|\s+et\s+al\.?)?"
_TEMPORARY = re.compile(r"\{(?P<inside>[^{}\n#]*#\d+[^{}\n]*)\}")  # one way to match: linear
_TEMPORARY_ITEM = re.compile(
    rf"\s*(?:[^\\]*\\+)?(?P<names>{NAMES})?\s*,\s*(?P<year>{YEAR})?\s*#\d+"
    r"(?:@(?P<pages>[^`]*))?(?:[`\s].*)?",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TemporaryItem:
    """One work of an EndNote temporary citation: the item as written, the names and year
    it gives (``""`` when it gives none) and its pages (after ``@``; ``""`` for none)."""

    text: str
    names: str
    year: str
    pages: str


def temporary_citations(text: str) -> list[tuple[int, int, tuple[TemporaryItem, ...]]]:
    """EndNote's temporary citations in ``text``: (start, end, items) of each, in order;
    braces around anything else (an item without ``#number``) are no citation."""
    out = []
    for m in _TEMPORARY.finditer(text):
        items = [_TEMPORARY_ITEM.fullmatch(part) for part in m.group("inside").split(";")]
        if all(items):
            out.append((m.start(), m.end(), tuple(_item(it) for it in items if it)))
    return out


def _item(m: re.Match[str]) -> TemporaryItem:
    return TemporaryItem(
        text=m.group(0).strip(),
        names=m["names"] or "",
        year=m["year"] or "",
        pages=(m["pages"] or "").strip(),
    )
