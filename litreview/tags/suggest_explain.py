"""Where a feature that raised a suggestion's score is in a work's evidence (pure): the
located words a curator reads next to the suggestion."""

from __future__ import annotations

import re

from litreview.core.model import Evidence
from litreview.tags.hits import Hit
from litreview.tags.suggest_features import Context, WorkEvidence, place_of

__all__ = ["locate"]


def locate(e: WorkEvidence, block: str, name: str) -> Evidence | None:
    """Where feature ``(block, name)`` is in the work's evidence, with offsets: a hit, a word,
    the strongest hit of another facet's accepted value (``tag``), or the heading the
    neighbours share (``near``)."""
    if block in ("hit", "tag"):
        value, _, place = name.partition("@")
        hits = [
            h
            for h in e.hits
            if f"{h.facet}={h.value}" == value and (block == "tag" or place_of(h) == place)
        ]
        return _hit_evidence(max(hits, key=lambda h: (h.score, -h.char_start))) if hits else None
    if block == "near":
        return next((_heading(c, 0, len(c.section)) for c in e.contexts if c.section), None)
    pattern = re.compile(
        r"\b" + r"\W+(?:\w+\W+){0,3}?".join(map(re.escape, name.split())) + r"\b", re.I
    )
    if block == "fields":
        for field, text in e.fields:
            m = pattern.search(text)
            if m:
                return Evidence(
                    quote=m.group(), field=field, char_start=m.start(), char_end=m.end()
                )
        return None
    for c in e.contexts:
        m = pattern.search(c.section if block == "headings" else c.text)
        if m and block == "headings":
            return _heading(c, m.start(), m.end())
        if m and c.char_start is not None:
            start = c.char_start + m.start()
            return Evidence(
                quote=m.group(), doc_id=c.doc_id, char_start=start, char_end=start + len(m.group())
            )
    return None


def _hit_evidence(h: Hit) -> Evidence:
    """A hit as evidence."""
    return Evidence(
        quote=h.quote, doc_id=h.doc_id, char_start=h.char_start, char_end=h.char_end, field=h.field
    )


def _heading(c: Context, start: int, end: int) -> Evidence:
    """``c.section[start:end]`` as evidence, located in the document when the heading is."""
    at = c.section_start
    return Evidence(
        quote=c.section[start:end],
        doc_id=c.doc_id,
        char_start=None if at is None else at + start,
        char_end=None if at is None else at + end,
    )
