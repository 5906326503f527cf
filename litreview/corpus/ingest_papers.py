"""Rows and works of a paper's reference list and in-text citations (pure).

Every entry of the reference list becomes a work (its string handed to the reference
parser); every work an in-text citation names becomes a ``citations.csv`` row with no
footnote number, the citing sentence as context and the entry's work; a citation whose work
is not in the list keeps an empty ``work_key`` (the scan reported it as a problem).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from litreview.core.model import Citation, Work, replace
from litreview.corpus.identity import make_citekey
from litreview.extract._text import sentence_span, split_lines
from litreview.extract.document import DocumentScan
from litreview.extract.layout import headings

__all__ = ["paper_rows"]

Parser = Callable[[str], dict[str, Any]]
WorkOf = Callable[[str, Parser], Work]


def paper_rows(
    doc_id: str,
    text: str,
    scan: DocumentScan,
    *,
    used: set[str],
    known: Mapping[str, str],
    parse: Parser,
    work_of: WorkOf,
) -> tuple[list[Citation], list[Work], dict[int, str]]:
    """The in-text citation rows, the reference-list works of one document, and the work
    key of each entry (by its index)."""
    keys: dict[int, str] = {}
    works: list[Work] = []
    for entry in scan.entries:
        key = known.get(entry.raw, "")
        if not key:
            work = work_of(entry.raw, parse)
            work = replace(work, key=make_citekey(work, used))
            used.add(work.key)
            works.append(work)
            key = work.key
        keys[entry.index] = key
    heads = headings(split_lines(text)) if scan.citations else []
    rows = []
    position = 0
    for cite in scan.citations:
        s, e = sentence_span(text, cite.start, cite.end)
        section = next((h for start, h in reversed(heads) if start <= cite.start), "")
        for cited in cite.works:
            position += 1
            rows.append(
                Citation(
                    doc_id=doc_id,
                    footnote=None,
                    position=position,
                    raw=cite.text,
                    work_key=keys.get(cited.entry, "") if cited.entry is not None else "",
                    context=text[s:e],
                    section=section,
                    kind="citation",
                    char_start=s,
                    char_end=e,
                )
            )
    return rows, works, keys
