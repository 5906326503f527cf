"""The numbers Word draws before the paragraphs of its numbered lists.

Word does not write a numbered list's numbers into the text: a paragraph names its list and
level (``w:numPr``: ``w:numId``, ``w:ilvl``), ``word/numbering.xml`` says how each level is
numbered (``w:numFmt``: decimal, letters, roman; ``w:lvlText``: ``%1.``, ``[%1]``,
``%1.%2``; ``w:start``) and a list instance may start a level again (``w:lvlOverride`` /
``w:startOverride``). :class:`Numbering` counts as Word does, paragraph by paragraph: a
level's count goes up by one, the deeper levels of the same list start again. Only numbered
levels get a label (a reference list "1. Smith, J. ..." needs its number to be cited by
it); bullets and unnumbered levels get none. Numbering that comes from a paragraph style
(numbered headings) is not drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from litreview.formats._xml import xml_root

__all__ = ["Numbering", "number_text", "numbering_of"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_PLACE = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Level:
    """How one level of a list is numbered."""

    fmt: str
    text: str
    start: int


@dataclass(slots=True)
class Numbering:
    """The lists of a document and their counts so far."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> levels
    counts: dict[str, list[int | None]] = field(default_factory=dict)

    def label(self, para: ElementTree.Element) -> str:
        """The label Word draws before ``para`` (``"3."``, ``"[12]"``; ``""`` for none),
        counted: call it for every paragraph, in order."""
        num = para.find(f"{_W}pPr/{_W}numPr")
        if num is None:
            return ""
        nid = _val(num.find(f"{_W}numId"))
        ilvl = _int(_val(num.find(f"{_W}ilvl")), 0)
        levels = self.levels.get(nid)
        if not levels or ilvl not in levels or not 0 <= ilvl < _LEVELS:
            return ""
        counts = self.counts.setdefault(nid, [None] * _LEVELS)
        now = counts[ilvl]
        counts[ilvl] = levels[ilvl].start if now is None else now + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counts[deeper] = None
        level = levels[ilvl]
        if level.fmt in ("bullet", "none") or "%" not in level.text:
            return ""

        def shown(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            at = levels.get(k)
            n = counts[k] if counts[k] is not None else (at.start if at else 1)
            return number_text(n or 0, at.fmt if at else "decimal")

        return _PLACE.sub(shown, level.text).strip()


def numbering_of(xml: bytes) -> Numbering:
    """The lists of ``word/numbering.xml``."""
    root = xml_root(xml)
    abstract: dict[str, dict[int, _Level]] = {}
    for a in root.iter(f"{_W}abstractNum"):
        abstract[a.get(f"{_W}abstractNumId", "")] = {
            _int(lvl.get(f"{_W}ilvl"), 0): _Level(
                fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
                text=_val(lvl.find(f"{_W}lvlText")),
                start=_int(_val(lvl.find(f"{_W}start")), 1),
            )
            for lvl in a.iter(f"{_W}lvl")
        }
    lists: dict[str, dict[int, _Level]] = {}
    for num in root.iter(f"{_W}num"):
        levels = dict(abstract.get(_val(num.find(f"{_W}abstractNumId")), {}))
        for over in num.iter(f"{_W}lvlOverride"):
            ilvl = _int(over.get(f"{_W}ilvl"), 0)
            start = over.find(f"{_W}startOverride")
            if ilvl in levels and start is not None:
                old = levels[ilvl]
                levels[ilvl] = _Level(old.fmt, old.text, _int(_val(start), old.start))
        lists[num.get(f"{_W}numId", "")] = levels
    return Numbering(levels=lists)


def _val(node: ElementTree.Element | None) -> str:
    return node.get(f"{_W}val", "") if node is not None else ""


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def number_text(n: int, fmt: str) -> str:
    """``n`` written in Word's number format ``fmt`` (decimal for one not known)."""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        out = ""
        for value, digits in _ROMAN:
            while n >= value:
                out, n = out + digits, n - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)
