"""Superscript citation numbers as a reader writes them: ``<sup>2,3</sup>``.

A document in a numbered style without notes (Vancouver, AMA) cites by superscript numbers
typed as such: a Word run raised with ``w:vertAlign``, an OpenDocument span whose style
raises it, an HTML ``<sup>``. Only what reads as citation numbers (digits, commas,
semicolons and dashes) is written as ``<sup>...</sup>``, spaces taken out, so the in-text
citation reader (:mod:`litreview.extract.intext`) can read it; any other superscript
(``1st``, ``km²``'s ``2`` is digits too, and is left to that reader's judgement) stays
plain text. Pieces of one group split over several runs are joined.
"""

from __future__ import annotations

import re

__all__ = ["sup_joined", "sup_piece"]

_CITATION = re.compile(r"[\d\s,;–-]{1,200}")
_EMPTY = re.compile(r"<sup>([^\d<]*)</sup>")


def sup_piece(text: str) -> str:
    """``text`` of a raised run as ``<sup>text</sup>`` when it reads as citation numbers
    (or a separator between them), else as it is."""
    if text and _CITATION.fullmatch(text):
        return f"<sup>{''.join(text.split())}</sup>"
    return text


def sup_joined(text: str) -> str:
    """A paragraph's text with the pieces of a group joined (``<sup>2</sup><sup>,3</sup>``
    is ``<sup>2,3</sup>``) and a group with no digit (a raised comma alone) plain again."""
    if "<sup>" not in text:
        return text
    return _EMPTY.sub(r"\1", text.replace("</sup><sup>", ""))
