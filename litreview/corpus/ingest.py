"""The ingest pipeline, pure: document texts in; documents, citations and the merged corpus out.

For each document: its footnotes (:mod:`.extract.footnotes`), their references
(:mod:`.extract.citations`), each reference string parsed into a work
(:func:`.extract.refparse.parse_reference`), and the document itself as a work (title, authors
and year it states). All new works are folded into the existing corpus by
:func:`.dedup.merge_files`, where existing (hand-curated) values always win; the records the
documents store (their bibliography files, their reference managers' citations) are folded
before the works read from their text, so theirs win over a reference list's. Rows of
``documents.csv`` and ``citations.csv`` for the ingested documents replace their old rows;
rows of other documents are kept.

Rows per footnote (``citations.csv``): one per work cited; ``ibid`` rows carry the work they
resolve to; a note is one row with an empty ``work_key``, followed by a row per work it cites.
Two rows of one footnote that turn out to be the same work are kept once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from litreview.core.errors import Problem
from litreview.core.model import Citation, Document, Merge, Work, replace
from litreview.corpus.dedup import merge_files
from litreview.corpus.identity import Citekeys, make_citekey
from litreview.corpus.ingest_papers import (
    empty_work,
    inline_rows,
    key_rows,
    keyed_works,
    paper_rows,
)
from litreview.corpus.ingest_works import (
    DOCUMENT_FIELD,
    clean_reference,
    document_work,
    from_url,
    parsed_work,
    source_work,
)
from litreview.extract.citations import Reference
from litreview.extract.docmeta import (
    DocMeta,
    confirmed_title,
    document_metadata,
    shares_words,
    split_names,
)
from litreview.extract.document import scan_text
from litreview.extract.footnotes import Footnote
from litreview.extract.refparse import parse_many, parse_reference

__all__ = [
    "CitedWork",
    "IngestResult",
    "Source",
    "from_url",
    "ingest",
    "scan_document",
    "stated_metadata",
]

Parser = Callable[[str], dict[str, Any]]


@dataclass(frozen=True, slots=True, kw_only=True)
class CitedWork:
    """A work a document's citations by key name: the key its text cites it by, and the
    work, whose own key (``""``: one is made) the corpus keeps where it is free. ``raw``:
    the reference as printed, read by the reference parser when the work holds too little
    to stand alone (:func:`_completed`)."""

    cited_as: str
    work: Work
    raw: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A document to ingest: its id (file stem), its path as stored, its text as read, and
    the title, author and date its file states (``""`` when it states none) with where they
    come from (``stated_by``: ``front matter`` wins over what the text's first lines say;
    ``file properties`` only fill what they leave empty). ``cited``: the works of the
    bibliography files its front matter names, with their citekeys, which its citations by
    key name; ``problems``: what reading those files found."""

    doc_id: str
    path: str
    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    stated_by: str = ""
    cited: tuple[CitedWork, ...] = ()
    problems: tuple[Problem, ...] = ()


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
    stored: frozenset[str] = frozenset()  # keys of the works the document stores (exact)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """The corpus, documents and citations after ingest, with what happened on the way."""

    works: tuple[Work, ...]
    documents: tuple[Document, ...]
    citations: tuple[Citation, ...]
    merges: tuple[Merge, ...]
    problems: tuple[Problem, ...]
    notices: tuple[str, ...]


def _completed(given: CitedWork, parse: Parser) -> Work:
    """``given``'s work; with a reference as printed (``raw``), the work the parser reads
    in it, the record's own values (identifiers, links, kept fields) added where the parse
    has none."""
    if not given.raw.strip():
        return given.work
    parsed = parsed_work(given.raw, parse)
    own = given.work
    filled = {
        f: getattr(own, f)
        for f in ("doi", "url", "title", "container", "issued", "pages", "volume", "issue")
        if getattr(own, f) and not getattr(parsed, f)
    }
    if own.authors and not parsed.authors:
        filled["authors"] = own.authors
    extra = (*parsed.extra, *(kv for kv in own.extra if kv not in parsed.extra))
    return replace(parsed, key=own.key, extra=extra, **filled)


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
    marked = {v: w.key for w in works for k, v in w.extra if k == DOCUMENT_FIELD}
    scanned = []
    for src in progress(sources):
        known = _known_keys(src.doc_id, taken, documents, citations)
        if "" not in known and src.doc_id in marked:  # an untitled document's own work
            known[""] = marked[src.doc_id]
        one = scan_document(src, taken=taken, parse=parse, known=known)
        taken |= {w.key for w in one.works} | {one.work.key}
        scanned.append(one)
    incoming = [w for s in scanned for w in (s.work, *s.works) if w.key not in taken_before]
    stored = frozenset(k for s in scanned for k in s.stored)
    named = ", ".join(s.document.path or s.document.doc_id for s in scanned[:3])
    named += f" and {len(scanned) - 3} more" if len(scanned) > 3 else ""
    # the records the documents store (their bibliography files, their reference managers'
    # citations) are exact: folded first, a work read from a reference list joins one of
    # them, never the other way round
    result = merge_files(
        works,
        [
            (named, [w for w in incoming if w.key in stored]),
            (named, [w for w in incoming if w.key not in stored]),
        ],
        not_duplicates=not_duplicates,
    ).result
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


def _parsed_together(parse: Parser, texts: Sequence[str]) -> Parser:
    """``parse``, the shipped parser's reading of ``texts`` made at once first (its batch
    path: the same items, about twice as fast as one string at a time) and then looked up;
    any other parser as it is."""
    if parse is not parse_reference or len(texts) < 2:
        return parse
    unique = list(dict.fromkeys(texts))
    done = dict(zip(unique, parse_many(unique), strict=True))
    return lambda text: done[text] if text in done else parse(text)


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
    parse = _parsed_together(
        parse,
        [
            *(clean_reference(e.raw) for e in full.entries if e.raw not in known),
            *(
                clean_reference(r.raw)
                for r in refs
                if r.parse and r.source != "attribution" and r.raw not in known
            ),
        ],
    )
    used = Citekeys(taken)
    meta = stated_metadata(src)
    doc_work = document_work(meta, src.doc_id)
    doc_work = replace(doc_work, key=known.get("") or make_citekey(doc_work, used))
    used.add(doc_work.key)
    paper = paper_rows(
        src.doc_id,
        src.text,
        full,
        used=used,
        known=known,
        parse=parse,
        work_of=parsed_work,
        path=src.path,
    )
    works, entry_keys = list(paper.works), paper.keys
    problems = list(paper.problems)
    bib_keys: dict[str, str] = {}
    stored: list[Work] = []
    for given in src.cited:  # the document's own bibliography: its keys kept where free
        work = _completed(given, parse)
        own_key = work.key
        key = own_key if own_key and own_key not in used else make_citekey(work, used)
        used.add(key)
        bib_keys.setdefault(given.cited_as, key)
        stored.append(replace(work, key=key))
    works += stored

    def resolve(cited_as: str) -> str:
        return bib_keys.get(cited_as) or (cited_as if cited_as in taken else "")

    keys: dict[tuple[int, int], str] = {}
    seen: dict[str, str] = {}
    cited_rows: list[Citation] = []
    for ref in refs:
        own = ref.parse or ref.source == "attribution"
        by_key = keyed_works(ref.raw, resolve)
        if by_key and not own:  # an explanatory note that also cites by key: rows of its own
            row = _citation_row(src.doc_id, ref, scan.footnotes[ref.footnote - 1], keys)
            cited_rows += [replace(row, work_key=k, kind="citation") for k in by_key]
            by_key = []
        if ref.entry is not None and ref.entry in entry_keys:
            keys[(ref.footnote, ref.position)] = entry_keys[ref.entry]
        elif own and ref.raw in known:
            keys[(ref.footnote, ref.position)] = known[ref.raw]
        elif by_key:  # a note citing by key ("See [@smith2020, p. 4]."): those works
            note = scan.footnotes[ref.footnote - 1]
            keys[(ref.footnote, ref.position)] = by_key[0]
            for other_key in by_key[1:]:
                row = _citation_row(src.doc_id, ref, note, keys)
                cited_rows.append(replace(row, work_key=other_key))
        elif own and ref.raw in seen:  # the very same string again: the same work
            keys[(ref.footnote, ref.position)] = seen[ref.raw]
        elif own:
            note = scan.footnotes[ref.footnote - 1]
            work, cited = source_work(ref, parse)
            problems += _work_problems(work, ref, note, src.path)
            work = replace(work, key=make_citekey(work, used))
            used.add(work.key)
            keys[(ref.footnote, ref.position)] = seen[ref.raw] = work.key
            works.append(work)
            for other in cited:  # "cited in Y": Y is a work the note cites too
                other = replace(other, key=make_citekey(other, used))
                used.add(other.key)
                works.append(other)
                cited_rows.append(
                    replace(_citation_row(src.doc_id, ref, note, keys), work_key=other.key)
                )
    cits = [_citation_row(src.doc_id, ref, scan.footnotes[ref.footnote - 1], keys) for ref in refs]
    cits += cited_rows
    inline_cits, inline_works = inline_rows(src.doc_id, src.text, used, known)
    cits += inline_cits
    works += inline_works
    keyed, key_problems = key_rows(
        src.doc_id, src.text, resolve, src.path, skip=[(t.start, t.end) for t in full.spans]
    )
    cits += keyed
    problems += [*src.problems, *key_problems]
    cits += paper.rows
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
        problems=(*full.problems, *problems),
        stored=frozenset(w.key for w in stored),
    )


def _work_problems(work: Work, ref: Reference, note: Footnote, path: str) -> list[Problem]:
    """What a reader should know about the work of a note: nothing could be read from it,
    or it names only a link (the work keeps the URL and has no title)."""
    if empty_work(work):
        message = (
            f"footnote {note.number}: no title, author or link read from {ref.raw[:60]!r} "
            "(kept as read)"
        )
    elif work.url and not work.title:
        message = f"footnote {note.number}: only a link ({work.url[:80]}): the work has no title"
    else:
        return []
    return [Problem(path=path, line=note.line, severity="warning", message=message)]


def stated_metadata(src: Source) -> DocMeta:
    """A document's title, authors and year: what its text's first lines say and what the
    file states, front matter first, file properties only where the text states nothing
    (a title the file's properties state and the first lines bear out comes first)."""
    meta = document_metadata(src.text)
    authors = split_names(src.author) if src.author.strip() else ()
    stated = DocMeta(
        title=src.title.strip(),
        authors=authors,
        year=src.date[:4] if src.date[:4].isdigit() else "",
    )
    first, then = (stated, meta) if src.stated_by == "front matter" else (meta, stated)
    # a file's stated title the first page bears out outranks a line read as one that is
    # not part of it (a letterhead; not a page's heading that the file's title extends)
    title = confirmed_title(src.title, src.text) if src.stated_by != "front matter" else ""
    if title and meta.title and shares_words(meta.title, title):
        title = ""
    return DocMeta(
        title=title or first.title or then.title,
        authors=first.authors or then.authors,
        year=first.year or then.year,
    )


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
