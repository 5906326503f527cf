"""The ingest pipeline, pure: document texts in; documents, citations and the merged corpus out.

For each document: its footnotes (:mod:`.extract.footnotes`), their references
(:mod:`.extract.citations`), each reference string parsed into a work
(:func:`.extract.refparse.parse_reference`), and the document itself as a work (title, authors
and year it states). All new works are folded into the existing corpus by
:func:`.dedup.merge_into`, where existing (hand-curated) values always win. Rows of
``documents.csv`` and ``citations.csv`` for the ingested documents replace their old rows;
rows of other documents are kept.

Rows per footnote (``citations.csv``): one per work cited; ``ibid`` rows carry the work they
resolve to; a note is one row with an empty ``work_key``, followed by a row per work it cites.
Two rows of one footnote that turn out to be the same work are kept once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from litreview.core.errors import Problem
from litreview.core.model import Citation, Document, Merge, Person, Work, replace
from litreview.corpus.dedup import merge_into
from litreview.corpus.identity import make_citekey, url_site, url_title
from litreview.corpus.ingest_papers import paper_rows
from litreview.extract.citations import Reference
from litreview.extract.docmeta import DocMeta, document_metadata
from litreview.extract.document import scan_text
from litreview.extract.footnotes import Footnote
from litreview.extract.inline import inline_references
from litreview.extract.refparse import parse_reference
from litreview.formats.csl import work_from_csl

__all__ = ["IngestResult", "Source", "from_url", "ingest", "scan_document"]

Parser = Callable[[str], dict[str, Any]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A document to ingest: its id (file stem), its path as stored, its text as read, and
    the title, author and date its file states (``""`` when it states none) with where they
    come from (``stated_by``: ``front matter`` wins over what the text's first lines say;
    ``file properties`` only fill what they leave empty)."""

    doc_id: str
    path: str
    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    stated_by: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Scanned:
    """One document's findings before works are merged into the corpus."""

    document: Document
    work: Work
    citations: tuple[Citation, ...]
    works: tuple[Work, ...]
    n_footnotes: int
    problems: tuple[Problem, ...]
    n_entries: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """The corpus, documents and citations after ingest, with what happened on the way."""

    works: tuple[Work, ...]
    documents: tuple[Document, ...]
    citations: tuple[Citation, ...]
    merges: tuple[Merge, ...]
    problems: tuple[Problem, ...]
    notices: tuple[str, ...]


def ingest(
    sources: Sequence[Source],
    *,
    works: Sequence[Work] = (),
    documents: Sequence[Document] = (),
    citations: Sequence[Citation] = (),
    not_duplicates: Collection[frozenset[str]] = (),
    parse: Parser = parse_reference,
    progress: Callable[[Iterable[Source]], Iterable[Source]] = iter,
) -> IngestResult:
    """Ingest ``sources`` into the corpus ``works`` and the tables ``documents``/``citations``."""
    taken = {w.key for w in works}
    taken_before = frozenset(taken)
    scanned = []
    for src in progress(sources):
        known = _known_keys(src.doc_id, taken, documents, citations)
        one = scan_document(src, taken=taken, parse=parse, known=known)
        taken |= {w.key for w in one.works} | {one.work.key}
        scanned.append(one)
    incoming = [w for s in scanned for w in (s.work, *s.works) if w.key not in taken_before]
    result = merge_into(works, incoming, not_duplicates=not_duplicates, source="<ingest>")
    keys = result.key_map
    ids = {s.document.doc_id for s in scanned}
    new_docs = [
        replace(s.document, work_key=keys.get(s.document.work_key, s.document.work_key))
        for s in scanned
    ]
    new_cits = [c for s in scanned for c in _dedupe_rows(_remap(s.citations, keys))]
    notices = tuple(
        f"{s.document.doc_id}: no footnotes found; ingested with 0 citations"
        for s in scanned
        if not s.n_footnotes and not s.citations and not s.n_entries
    )
    problems = tuple(p for s in scanned for p in s.problems) + tuple(result.conflicts)
    return IngestResult(
        works=tuple(sorted(result.works, key=lambda w: w.key)),
        documents=tuple(
            sorted([d for d in documents if d.doc_id not in ids] + new_docs, key=lambda d: d.doc_id)
        ),
        citations=tuple([c for c in citations if c.doc_id not in ids] + new_cits),
        merges=result.merges,
        problems=problems,
        notices=notices,
    )


def scan_document(
    src: Source,
    *,
    taken: Collection[str] = (),
    parse: Parser = parse_reference,
    known: Mapping[str, str] | None = None,
) -> Scanned:
    """Footnotes, references and works of one document, with citekeys not in ``taken``.

    ``known`` maps reference strings (and ``""`` for the document itself) that an earlier
    ingest of this document already tied to a corpus work: those keep their work, so a hand
    correction of that work in ``corpus.bib`` is never second-guessed.
    """
    known = known or {}
    full = scan_text(src.text, src.path)
    scan, refs = full.notes, list(full.rows)
    used = set(taken)
    meta = _stated(document_metadata(src.text), src)
    doc_work = _document_work(meta)
    doc_work = replace(doc_work, key=known.get("") or make_citekey(doc_work, used))
    used.add(doc_work.key)
    paper_cits, works, entry_keys = paper_rows(
        src.doc_id, src.text, full, used=used, known=known, parse=parse, work_of=_parsed_work
    )
    keys: dict[tuple[int, int], str] = {}
    seen: dict[str, str] = {}
    for ref in refs:
        own = ref.parse or ref.source == "attribution"
        if ref.entry is not None and ref.entry in entry_keys:
            keys[(ref.footnote, ref.position)] = entry_keys[ref.entry]
        elif own and ref.raw in known:
            keys[(ref.footnote, ref.position)] = known[ref.raw]
        elif own and ref.raw in seen:  # the very same string again: the same work
            keys[(ref.footnote, ref.position)] = seen[ref.raw]
        elif ref.parse or ref.source == "attribution":
            work = _source_work(ref, parse)
            work = replace(work, key=make_citekey(work, used))
            used.add(work.key)
            keys[(ref.footnote, ref.position)] = seen[ref.raw] = work.key
            works.append(work)
    cits = [_citation_row(src.doc_id, ref, scan.footnotes[ref.footnote - 1], keys) for ref in refs]
    inline_cits, inline_works = _inline_rows(src, used, known)
    cits += inline_cits
    works += inline_works
    cits += paper_cits
    document = Document(
        doc_id=src.doc_id,
        path=src.path,
        title=meta.title,
        author="; ".join(meta.authors),
        year=meta.year,
        work_key=doc_work.key,
    )
    return Scanned(
        document=document,
        work=doc_work,
        citations=tuple(cits),
        works=tuple(works),
        n_footnotes=len(scan.footnotes),
        n_entries=len(full.entries),
        problems=full.problems,
    )


def _stated(meta: DocMeta, src: Source) -> DocMeta:
    """The text's own metadata and what the file states: front matter first, file
    properties only where the text states nothing."""
    authors = tuple(a.strip() for a in re.split(r";|\s+and\s+", src.author) if a.strip())
    stated = DocMeta(
        title=src.title.strip(),
        authors=authors,
        year=src.date[:4] if src.date[:4].isdigit() else "",
    )
    first, then = (stated, meta) if src.stated_by == "front matter" else (meta, stated)
    return DocMeta(
        title=first.title or then.title,
        authors=first.authors or then.authors,
        year=first.year or then.year,
    )


def _source_work(ref: Reference, parse: Parser) -> Work:
    """The work of a note's row: an interview with the people a statement is credited to,
    or the parsed reference, typed as the note's wording says (a communication)."""
    if ref.source == "attribution":
        return Work(
            key="",
            type=ref.csl_type or "interview",
            authors=(Person(literal=ref.raw),),
            note="statement credited in the document's note",
        )
    work = _parsed_work(ref.raw, parse)
    return replace(work, type=ref.csl_type) if ref.csl_type else work


def _parsed_work(raw: str, parse: Parser) -> Work:
    """The work a reference string describes, as the parser reads it (no key yet)."""
    item = parse(clean_reference(raw))
    return from_url(work_from_csl({k: v for k, v in item.items() if k != "id"}))


def from_url(work: Work) -> Work:
    """A bare link's work with what its URL tells: a title from its slug, its site.

    Only a work with a URL and no title is changed: the title is read from the URL's last
    path segment when that is words (:func:`.identity.url_title`), and the site
    (``thediplomat.com``) becomes the container when neither container nor publisher is
    known. Its citekey then names the site (:func:`.identity.citekey_base`).
    """
    if not work.url or work.title:
        return work
    container = work.container or ("" if work.publisher else url_site(work.url))
    return replace(work, title=url_title(work.url), container=container)


def _known_keys(
    doc_id: str, keys: Collection[str], documents: Sequence[Document], citations: Sequence[Citation]
) -> dict[str, str]:
    """Reference strings of ``doc_id`` already tied to a work still in the corpus."""
    known = {
        c.raw: c.work_key
        for c in citations
        if c.doc_id == doc_id and c.work_key in keys and c.kind in ("citation", "url")
    }
    for d in documents:
        if d.doc_id == doc_id and d.work_key in keys:
            known[""] = d.work_key
    return known


def _inline_rows(
    src: Source,
    used: set[str],
    known: Mapping[str, str],
) -> tuple[list[Citation], list[Work]]:
    """Rows and works of references named in the running text (no footnote number).

    Their parts are known from the layout that found them (a link's text and its site),
    so they are not handed to the reference parser.
    """
    cits, works = [], []
    for pos, ref in enumerate(inline_references(src.text), start=1):
        key = known.get(ref.raw, "")
        if not key:
            work = from_url(work_from_csl(ref.csl))
            work = replace(work, key=make_citekey(work, used))
            key = work.key
            used.add(key)
            works.append(work)
        cits.append(
            Citation(
                doc_id=src.doc_id,
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


_QUOTE_WRAP = re.compile(r"(['‘“\"])[*_]+([^*_]+?)[*_]+(['’”\"])")
_DOUBLE_QUOTE = re.compile(r"(['‘“\"])\s*(['‘“\"])(.+?)(['’”\"])\s*(['’”\"])")


def clean_reference(raw: str) -> str:
    """A footnote's reference as handed to the parser: extraction debris of the text removed.

    Markdown links stay for the parser, which reads a link's text as the title (or, after
    a title, as the site or publisher); emphasis inside quotes and doubled quotes
    (``'*T*'``, ``'‘T’'``) are reduced to one pair of quotes, blanks are squeezed, and a
    reference that stops without a final full stop gets one (as the same reference written
    elsewhere has).
    ``citations.csv`` keeps the raw text as written; only the parser sees this form.
    """
    text = _QUOTE_WRAP.sub(r"\1\2\3", raw)
    text = " ".join(_DOUBLE_QUOTE.sub(r"\2\3\4", text).split())
    return f"{text}." if text[-1:].isalnum() or text[-1:] in "'’”\"" else text


def _document_work(meta: DocMeta) -> Work:
    """The document itself as a report."""
    authors = tuple(_person(a) for a in meta.authors)
    return Work(key="", type="report", title=meta.title, authors=authors, issued=meta.year)


def _person(name: str) -> Person:
    """ "Given Family" as a person; a name with a body word or brackets as an organisation."""
    words = name.split()
    if (
        len(words) < 2
        or "(" in name
        or any(w.isupper() and len(w) > 1 for w in words)
        or len(words) > 4
    ):
        return Person(literal=name)
    return Person(family=words[-1], given=" ".join(words[:-1]))


def _citation_row(
    doc_id: str, ref: Reference, note: Footnote, keys: dict[tuple[int, int], str]
) -> Citation:
    """The ``citations.csv`` row of one reference of a footnote."""
    own = (ref.footnote, ref.position)
    key = keys.get(own) or (keys.get(ref.target, "") if ref.target else "")
    return Citation(
        doc_id=doc_id,
        footnote=note.number,
        position=ref.position,
        raw=ref.raw,
        work_key=key,
        context=note.context,
        section=note.section,
        kind=ref.kind,
        char_start=note.context_start,
        char_end=note.context_end,
    )


def _remap(cits: Iterable[Citation], key_map: dict[str, str]) -> list[Citation]:
    """Rows with their work keys mapped to the corpus keys after merging."""
    return [replace(c, work_key=key_map.get(c.work_key, c.work_key)) for c in cits]


def _dedupe_rows(cits: list[Citation]) -> list[Citation]:
    """One row per (footnote, work): a footnote naming one work twice keeps its first row."""
    seen: set[tuple[int | None, int | None, str]] = set()
    out = []
    for c in cits:
        mark = (c.footnote, c.char_start, c.work_key)
        if c.work_key and c.footnote is not None and mark in seen:
            continue
        seen.add(mark)
        out.append(c)
    return out
