"""Rows and works of the citations outside notes (pure): a paper's reference list and in-text
citations, references named inline by a link's text, and citations by citation key
(``[@smith2020]``, Pandoc's Markdown) of works already in the corpus.

Every entry of the reference list becomes a work (its string handed to the reference
parser); every work an in-text citation names becomes a ``citations.csv`` row with no
footnote number, the citing sentence as context and the entry's work; a citation whose work
is not in the list keeps an empty ``work_key`` (the scan reported it as a problem).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from litreview.core.errors import Problem
from litreview.core.model import Citation, Work, replace
from litreview.core.text import line_numbers
from litreview.corpus.identity import make_citekey, work_identifiers
from litreview.corpus.ingest_works import from_url
from litreview.extract._text import sentence_span, split_lines
from litreview.extract.document import DocumentScan
from litreview.extract.inline import inline_references
from litreview.extract.keycites import key_citations
from litreview.extract.layout import headings
from litreview.formats.csl import work_from_csl

__all__ = ["PaperRows", "empty_work", "inline_rows", "key_rows", "keyed_works", "paper_rows"]

Parser = Callable[[str], dict[str, Any]]
WorkOf = Callable[[str, Parser], Work]


@dataclass(frozen=True, slots=True, kw_only=True)
class PaperRows:
    """A paper's in-text citation rows, its reference-list works, each entry's work key (by
    entry index), and a problem for each entry no work could be read from."""

    rows: tuple[Citation, ...]
    works: tuple[Work, ...]
    keys: dict[int, str]
    problems: tuple[Problem, ...]


def empty_work(work: Work) -> bool:
    """Whether a parsed work says nothing: no title, author, link, DOI or container, and no
    identifier either (``GAO-23-106124.`` names its report, which the corpus finds by it;
    ``Pub. L. 119-75`` its law, by the number CSL keeps as the issue)."""
    said = work.title or work.authors or work.url or work.doi or work.container
    numbered_law = work.type in _LAWS and bool(work.issue)
    return not said and not numbered_law and not work_identifiers(work)


_LAWS = frozenset({"legislation", "bill", "legal_case", "regulation", "treaty"})


def paper_rows(
    doc_id: str,
    text: str,
    scan: DocumentScan,
    *,
    used: set[str],
    known: Mapping[str, str],
    parse: Parser,
    work_of: WorkOf,
    path: str = "<string>",
) -> PaperRows:
    """The in-text citation rows and reference-list works of one document."""
    keys: dict[int, str] = {}
    works: list[Work] = []
    problems: list[Problem] = []
    for entry in scan.entries:
        key = known.get(entry.raw, "")
        if not key:
            work = work_of(entry.raw, parse)
            if empty_work(work):
                message = (
                    f"reference-list entry {entry.index}: no title, author or link read from "
                    f"{entry.raw[:60]!r} (kept as read)"
                )
                problems.append(
                    Problem(path=path, line=entry.line, severity="warning", message=message)
                )
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
    return PaperRows(rows=tuple(rows), works=tuple(works), keys=keys, problems=tuple(problems))


def inline_rows(
    doc_id: str,
    text: str,
    used: set[str],
    known: Mapping[str, str],
) -> tuple[list[Citation], list[Work]]:
    """Rows and works of references named in the running text (no footnote number).

    Their parts are known from the layout that found them (a link's text and its site),
    so they are not handed to the reference parser.
    """
    cits, works = [], []
    for pos, ref in enumerate(inline_references(text), start=1):
        key = known.get(ref.raw, "")
        if not key:
            work = from_url(work_from_csl(ref.csl))
            work = replace(work, key=make_citekey(work, used))
            key = work.key
            used.add(key)
            works.append(work)
        cits.append(
            Citation(
                doc_id=doc_id,
                footnote=None,
                position=pos,
                raw=ref.raw,
                work_key=key,
                context=ref.context,
                section=ref.section,
                kind="citation",
                char_start=ref.context_start,
                char_end=ref.context_end,
            )
        )
    return cits, works


def keyed_works(raw: str, resolve: Callable[[str], str]) -> list[str]:
    """The works a note's reference names by key (``See [@smith2020, p. 4].``), when it
    names keys and every one resolves (``resolve``: a key's work key, ``""`` for none);
    ``[]`` otherwise, the reference then being read as a reference."""
    found = [resolve(k) for c in key_citations(raw) for k in c.keys]
    return found if found and all(found) else []


def key_rows(
    doc_id: str,
    text: str,
    resolve: Callable[[str], str],
    path: str = "<string>",
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> tuple[list[Citation], list[Problem]]:
    """Rows of the citations by key (``[@smith2020, p. 3; @jones2019]``, ``@smith2020``)
    whose keys ``resolve`` to a work's key (``""``: none), each with its sentence; a warning
    for each key in brackets that names none (its bibliography is to be imported first or
    named in the front matter). A narrative ``@name`` naming no work is left alone: it may
    be a handle. Citations inside the ``skip`` spans (the notes, which cite their keys as
    their references) are left out."""
    rows: list[Citation] = []
    problems: list[Problem] = []
    cites = [c for c in key_citations(text) if not any(s <= c.start < e for s, e in skip)]
    heads = headings(split_lines(text)) if cites else []
    lines = line_numbers(text, [c.start for c in cites])
    for cite, line in zip(cites, lines, strict=True):
        s, e = sentence_span(text, cite.start, cite.end)
        section = next((h for start, h in reversed(heads) if start <= cite.start), "")
        for cited in cite.keys:
            key = resolve(cited)
            if not key:
                if not cite.narrative:
                    message = (
                        f"citation key '@{cited}' names no work in the corpus or the "
                        "document's bibliography (import the bibliography that holds it)"
                    )
                    problems.append(
                        Problem(path=path, line=line, severity="warning", message=message)
                    )
                continue
            rows.append(
                Citation(
                    doc_id=doc_id,
                    footnote=None,
                    position=len(rows) + 1,
                    raw=text[cite.start : cite.end],
                    work_key=key,
                    context=text[s:e],
                    section=section,
                    kind="citation",
                    char_start=s,
                    char_end=e,
                )
            )
    return rows, problems
