"""Citations by citation key, as Pandoc Markdown (and Quarto, R Markdown) writes them.

``[@smith2020, p. 33; see @jones2019]`` cites two works in brackets; ``@smith2020 says``
cites one in the running text (narrative); ``[-@smith2020]`` leaves the author's name out.
A key opens with a letter, a digit or ``_`` and may hold ``:.#$%&-+?<>~/`` inside (not at
its end), or is written in braces (``@{key.with.dots.}``). An ``@`` after a letter or digit
is an e-mail address, not a citation. Pure: text in, citations with their offsets out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KeyCitation", "key_citations"]

_KEY = r"(?:\{(?P<kb>[^{}\s]+)\}|(?P<k>\w(?:[\w:.#$%&\-+?<>~/]*\w)?))"
# one pass over each bracket's body (no nested repeats: linear on a hostile line)
_IN_BRACKETS = re.compile(r"(?<!\\)\[(?P<body>[^\[\]\n]*)\](?![(\[])")
_ITEM_KEY = re.compile(r"(?:^|(?<=[\s;\[(-]))-?@" + _KEY)
_NARRATIVE = re.compile(r"(?<![\w@\\])@" + _KEY)


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyCitation:
    """One citation: its text's span, the keys it names in order, and whether it stands in
    the running text (``@key``) rather than in brackets."""

    start: int
    end: int
    keys: tuple[str, ...]
    narrative: bool = False


def key_citations(text: str) -> list[KeyCitation]:
    """The key citations of ``text`` in reading order."""
    found: list[KeyCitation] = []
    taken: list[tuple[int, int]] = []
    for m in _IN_BRACKETS.finditer(text):
        if "@" not in m.group("body"):
            continue
        items = m.group("body").split(";")
        keys = tuple(k for item in items if (k := _item_key(item)))
        if keys and len(keys) == len(items):  # every item of the brackets cites a key
            found.append(KeyCitation(start=m.start(), end=m.end(), keys=keys))
            taken.append((m.start(), m.end()))
    for m in _NARRATIVE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append(KeyCitation(start=m.start(), end=m.end(), keys=(_key(m),), narrative=True))
    return sorted(found, key=lambda c: c.start)


def _item_key(item: str) -> str:
    """The key of one item of a bracketed citation (prefix, ``@key``, locator): ``""`` if the
    item names none."""
    m = _ITEM_KEY.search(item)
    return _key(m) if m else ""


def _key(m: re.Match[str]) -> str:
    return m.group("kb") or m.group("k")
