"""Markdown that carries untrusted text (titles, document text) as text, never as markup.

Every piece of text from a document or a bibliography goes through :func:`md_text`: ``<``,
``>`` and ``&`` become HTML entities (so no tag, script or autolink survives a Markdown
renderer) and Markdown punctuation is backslash-escaped (so no link, image, emphasis or table
cell break is made from it). Markup the renderer adds itself (bold words, quotes) is added
around escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from litreview.core.text import as_shown

__all__ = ["md_bold_spans", "md_text"]

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PUNCT = re.compile(r"([\\`*_\[\]|~^$])")
_LEAD = re.compile(r"^(\d+)([.)])|^([-+#=])")


def md_text(text: str) -> str:
    """``text`` on one line, safe as Markdown inline text (also inside a table cell and at
    the start of a line: no list, heading or setext rule is made from it), raised numbers
    the document readers marked up shown raised (:func:`~litreview.core.text.as_shown`)."""
    flat = " ".join(as_shown(text).split())
    escaped = _PUNCT.sub(r"\\\1", "".join(_ENTITIES.get(ch, ch) for ch in flat))
    return _LEAD.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def md_bold_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` as :func:`md_text`, with the characters of ``spans`` (offsets into ``text``;
    overlapping spans merged) in bold."""
    merged: list[list[int]] = []
    for a, b in sorted((a, b) for a, b in spans if 0 <= a < b <= len(text)):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out += [_piece(text[pos:a]), f"**{md_text(text[a:b])}**"]
        pos = b
    out.append(_piece(text[pos:]))
    return " ".join("".join(out).split())


def _piece(text: str) -> str:
    """``md_text`` keeping one space where ``text`` starts or ends with white space."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + md_text(text) + trail
