"""The numbers an OpenDocument text draws before the items of its numbered lists.

As in Word, the numbers are not in the text: a ``text:list`` names a list style
(``text:list-style``, in ``content.xml``'s automatic styles or in ``styles.xml``) whose
``text:list-level-style-number`` says, per level, the format (``style:num-format``: ``1``,
``a``, ``A``, ``i``, ``I``), what comes before and after (``style:num-prefix``,
``style:num-suffix``) and where it starts (``text:start-value``). A list continues the one
before it when it says so (``text:continue-numbering``, ``text:continue-list``); an item
may restart the count (``text:start-value``). The first paragraph of each numbered item
gets its label; bullets get none.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree

from litreview.formats._docx_numbering import number_text

__all__ = ["list_labels", "list_styles"]

_T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_S = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_XML = "{http://www.w3.org/XML/1998/namespace}"


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    prefix: str
    suffix: str
    start: int


def list_styles(*roots: ElementTree.Element | None) -> dict[str, dict[int, _Level]]:
    """List style name -> level (from 1) -> how it is numbered (numbered levels only)."""
    out: dict[str, dict[int, _Level]] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{_T}list-style"):
            levels = {
                _int(lvl.get(f"{_T}level"), 1): _Level(
                    fmt=lvl.get(f"{_S}num-format", ""),
                    prefix=lvl.get(f"{_S}num-prefix", ""),
                    suffix=lvl.get(f"{_S}num-suffix", ""),
                    start=_int(lvl.get(f"{_T}start-value"), 1),
                )
                for lvl in style.iter(f"{_T}list-level-style-number")
            }
            out.setdefault(style.get(f"{_S}name", ""), levels)
    return out


def list_labels(
    body: ElementTree.Element | None, styles: dict[str, dict[int, _Level]]
) -> dict[int, str]:
    """``id`` of the first paragraph of each numbered list item -> its label (``"3."``).
    No recursion: lists nest as deep as a file makes them."""
    labels: dict[int, str] = {}
    if body is None:
        return labels
    counts: dict[str, list[int | None]] = {}  # a list (its xml:id, or made) -> counts by level
    last: dict[str, str] = {}  # style -> the list it last numbered
    stack: list[tuple[ElementTree.Element, str, int, str]] = []  # list, style, level, key
    todo: list[tuple[ElementTree.Element, bool]] = [(body, False)]
    while todo:
        node, leaving = todo.pop()
        if leaving:
            stack.pop()
            continue
        if node.tag == f"{_T}list":
            outer = stack[-1] if stack else None
            style = node.get(f"{_T}style-name") or (outer[1] if outer else "")
            level = outer[2] + 1 if outer else 1
            if outer:
                key = outer[3]
            else:
                key = node.get(f"{_XML}id") or node.get("id") or f"list{len(counts)}"
                follows = node.get(f"{_T}continue-list")
                if follows in counts:
                    key = follows
                elif node.get(f"{_T}continue-numbering") == "true" and style in last:
                    key = last[style]
                counts.setdefault(key, [])
                last[style] = key
            stack.append((node, style, level, key))
            todo.append((node, True))
        elif node.tag == f"{_T}list-item" and stack:
            _, style, level, key = stack[-1]
            fmt = styles.get(style, {}).get(level)
            row = counts.setdefault(key, [])
            del row[level:]  # the deeper levels start again
            row.extend([None] * (level - len(row)))
            now, start = row[level - 1], fmt.start if fmt else 1
            restart = node.get(f"{_T}start-value")
            n = _int(restart, start) if restart else (start if now is None else now + 1)
            row[level - 1] = n
            first = next((k for k in node if k.tag in (f"{_T}p", f"{_T}h")), None)
            if fmt is not None and fmt.fmt and first is not None:
                labels[id(first)] = f"{fmt.prefix}{_formatted(n, fmt.fmt)}{fmt.suffix}"
        if node.tag != f"{_T}note":
            todo.extend((k, False) for k in reversed(node))
    return labels


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


#: OpenDocument's number formats by Word's names for them (:func:`number_text`).
_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}


def _formatted(n: int, fmt: str) -> str:
    """``n`` in an OpenDocument number format (``1``, ``a``, ``A``, ``i``, ``I``)."""
    return number_text(n, _FORMATS.get(fmt, "decimal"))
