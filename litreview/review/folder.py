"""The review folder: the only module that knows its layout and reads or writes its files.

Every write is atomic and journaled (``review/transaction.py``), made under the review's write
lock (``review/lock.py``). A command that changes several files saves them in one
:meth:`Review.transaction`: all of them change, or none does, even if it is killed.
``curation.yaml`` and ``taxonomy.yaml`` are read, never written (``init`` creates a starter
taxonomy and an empty curation file once).
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from litreview.core import schema
from litreview.core.curation import Curation, load_curation
from litreview.core.errors import InputError, Problem
from litreview.core.files import decode_utf8, os_path, path_text, present, read_bytes, read_text
from litreview.core.model import Citation, Document, Evidence, GapStatement, Merge, Tag, Work
from litreview.core.tables import csv_pieces, iter_csv, parse_csv, read_csv
from litreview.formats.bibtex import as_corpus_problems, bibtex_pieces, read_bibtex_utf8
from litreview.formats.bibtex_patch import Read, check_bibtex, patch_pieces
from litreview.formats.documents import read_document
from litreview.review.corpus_cache import CACHE_NAME, load_cached, save_cached, stamp_of
from litreview.review.lock import hold
from litreview.review.transaction import STATE_DIR, Swept, Transaction, pending, recover
from litreview.taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True, slots=True)
class Review:
    """A review folder rooted at ``root``.

    Outside a transaction every ``save_*`` writes its file at once (atomically); inside
    ``with review.transaction() as r:`` the saves of ``r`` are held back and made together
    when the block ends without an error.
    """

    root: Path
    _tx: Transaction | None = field(default=None, repr=False, compare=False)
    # corpus.bib as last read (a digest of its bytes -> its works and problems), so a save
    # that edits it in place does not read it again; shared by the transaction's copy
    _corpus_read: dict[bytes, Read] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def at(cls, root: str | os.PathLike[str]) -> Review:
        """The review at ``root`` (which need not exist yet)."""
        return cls(Path(root))

    @classmethod
    def open(cls, root: str | os.PathLike[str]) -> Review:
        """The existing review at ``root``: a folder holding ``bibliography/``. Anything else
        (a typo, a file) is a one-line InputError, so no command makes a review by mistake."""
        review = cls(Path(root))
        if not review.root.exists():
            raise InputError(
                "no such review folder", path=str(root), hint="litreview init DIR creates one"
            )
        if not review.root.is_dir():
            raise InputError("not a folder: --review names a review folder", path=str(root))
        if not review.bibliography.is_dir():
            raise InputError(
                "not a review: it has no bibliography/ folder",
                path=str(root),
                hint="litreview init DIR creates one",
            )
        return review

    @contextmanager
    def transaction(self) -> Iterator[Review]:
        """This review, with every save held back until the block ends; then all are made
        together, or (if the block raises) none. A transaction inside another joins it."""
        if self._tx is not None:
            yield self
            return
        tx = Transaction(self.root)
        yield replace(self, _tx=tx)
        if tx:
            self.root.mkdir(parents=True, exist_ok=True)
            with self.lock(write=True):
                tx.commit()

    def lock(
        self, *, write: bool, on_wait: Callable[[str], None] | None = None
    ) -> AbstractContextManager[None]:
        """Hold the review's lock while the block runs: exclusive to ``write``, else shared.
        A save a kill cut short is finished or undone first; ``on_wait`` hears once that the
        lock is busy (the wait is ``$LITREVIEW_LOCK_TIMEOUT`` seconds, default 300)."""
        return hold(
            self.root,
            STATE_DIR,
            exclusive=write,
            on_wait=on_wait,
            needs_recovery=lambda: pending(self.root),
            recover=self._recover,
        )

    def _recover(self) -> None:
        """Finish or undo a killed save; remove temporary files older runs left."""
        folders = (
            Swept(self.root),
            Swept(self.bibliography),
            Swept(self.gaps_dir, recursive=True),
            Swept(self.root / STATE_DIR),
        )
        recover(self.root, folders, (self.gaps_dir,))

    def _write(self, path: Path, data: str | bytes | Iterator[str]) -> None:
        """Write one file of the review: at the end of the transaction (a one-file
        transaction outside one)."""
        if self._tx is None:
            with self.transaction() as r:
                r._write(path, data)
        else:
            self._tx.write(path, data)

    # -- paths -------------------------------------------------------------------------
    @property
    def bibliography(self) -> Path:
        """``bibliography/``."""
        return self.root / "bibliography"

    @property
    def gaps_dir(self) -> Path:
        """``gaps/``."""
        return self.root / "gaps"

    @property
    def corpus_path(self) -> Path:
        """``bibliography/corpus.bib``."""
        return self.bibliography / "corpus.bib"

    @property
    def corpus_cache_path(self) -> Path:
        """The works of ``corpus.bib`` as last read (``.litreview/corpus.works``): derived,
        disposable, used only while ``corpus.bib`` is unchanged."""
        return self.root / STATE_DIR / CACHE_NAME

    @property
    def documents_path(self) -> Path:
        """``bibliography/documents.csv``."""
        return self.bibliography / "documents.csv"

    @property
    def citations_path(self) -> Path:
        """``bibliography/citations.csv``."""
        return self.bibliography / "citations.csv"

    @property
    def taxonomy_path(self) -> Path:
        """``bibliography/taxonomy.yaml``."""
        return self.bibliography / "taxonomy.yaml"

    @property
    def tags_path(self) -> Path:
        """``bibliography/tags.csv``."""
        return self.bibliography / "tags.csv"

    @property
    def suggestions_path(self) -> Path:
        """``bibliography/suggestions.csv``: model-proposed tags awaiting a curator."""
        return self.bibliography / "suggestions.csv"

    @property
    def curation_path(self) -> Path:
        """``bibliography/curation.yaml`` (human-owned)."""
        return self.bibliography / "curation.yaml"

    @property
    def merges_path(self) -> Path:
        """``bibliography/merges.csv``: every deduplication merge with reason and score."""
        return self.bibliography / "merges.csv"

    @property
    def statements_path(self) -> Path:
        """``gaps/statements.csv``."""
        return self.gaps_dir / "statements.csv"

    @property
    def gap_cues_path(self) -> Path:
        """``bibliography/gap_cues.yaml``: the review's own gap-statement cues (optional)."""
        return self.bibliography / "gap_cues.yaml"

    @property
    def figures_dir(self) -> Path:
        """``gaps/figures/``."""
        return self.gaps_dir / "figures"

    def resolve(self, path: str) -> Path:
        """A path stored in a table (relative to the review root, or absolute)."""
        p = Path(os_path(path))
        return p if p.is_absolute() else self.root / p

    def relative(self, path: str | os.PathLike[str]) -> str:
        """``path`` relative to the review root when possible (POSIX separators), as text to
        write in a table (a name that is not UTF-8 is a one-line InputError)."""
        p = _real(path)
        try:
            rel = Path(os.path.relpath(p, _real(self.root))).as_posix()
        except ValueError:  # another drive
            rel = p.as_posix()
        return path_text(rel)

    # -- the corpus ------------------------------------------------------------------------
    def load_works(self, *, keep: bool = True) -> tuple[list[Work], list[Problem]]:
        """Works of ``corpus.bib`` (none if it does not exist) and the problems found: as
        kept in :attr:`corpus_cache_path` when the file is as it was when last read (a
        digest of its bytes says so), else parsed (and kept there for the next step, unless
        ``keep`` is false: a step that is about to rewrite the file would keep a copy its own
        save makes stale)."""

        if not present(self.corpus_path):
            return [], []
        path = self.corpus_path
        cached = load_cached(self.corpus_cache_path, path, _digest_file)
        if cached is not None:
            digest, works, problems = cached
        else:
            data = read_bytes(path)
            digest = _digest(data)
            stamp = stamp_of(path, digest)
            # decoded a part at a time: the text of 10^6 works is never held whole
            works, problems = read_bibtex_utf8(data, str(path))
            problems = as_corpus_problems(problems)
            del data
            if keep and stamp is not None and stamp == stamp_of(path, digest):  # unchanged
                save_cached(self.corpus_cache_path, str(path), stamp, works, problems)
        self._corpus_read.clear()
        self._corpus_read[digest] = (tuple(works), tuple(problems))
        return works, problems

    def check_corpus(self) -> None:
        """Raise :class:`InputError` (file and line) if ``corpus.bib`` exists and is not
        BibTeX that :meth:`save_works` can edit in place: a command calls it before its work,
        so it fails before it has done anything."""
        if present(self.corpus_path):
            check_bibtex(read_text(self.corpus_path), str(self.corpus_path))

    def save_works(self, works: Sequence[Work]) -> None:
        """Write ``corpus.bib`` atomically: a new one with its entries sorted by citekey; an
        existing one edited in place (:func:`~litreview.formats.bibtex_patch.patch_bibtex`:
        entries added, patched or removed, everything else kept byte for byte). A file that
        is not BibTeX is an :class:`InputError`, and is left as it is."""
        path = self.corpus_path
        if not present(path):
            # an entry at a time: the text of 10^6 works is gigabytes
            self._write(path, bibtex_pieces(sorted(works, key=lambda w: w.key)))
            return
        data = read_bytes(path)
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        old = decode_utf8(data, str(path))
        read = self._corpus_read.get(_digest(data))
        del data  # the text is what is patched; the bytes need not be held beside it
        pieces = patch_pieces(old, works, str(path), read)
        if pieces is not None:  # written a piece at a time: kept text, patched and new entries
            self._write(path, itertools.chain([bom], pieces))

    def load_documents(self) -> list[Document]:
        """Rows of ``documents.csv``."""
        rows = read_csv(self.documents_path, schema.DOCUMENTS)
        return [Document(**{c: row[c] or "" for c in schema.DOCUMENTS}) for row in rows]

    def save_documents(self, docs: Sequence[Document]) -> None:
        """Write ``documents.csv`` sorted by doc_id."""
        rows = [
            {c: getattr(d, c) for c in schema.DOCUMENTS}
            for d in sorted(docs, key=lambda d: d.doc_id)
        ]
        self.write_table(self.documents_path, schema.DOCUMENTS, rows)

    def load_citations(self) -> list[Citation]:
        """Rows of ``citations.csv``."""
        rows = read_csv(self.citations_path, schema.CITATIONS_REQUIRED)
        out = []
        for n, row in enumerate(rows, start=2):
            try:
                out.append(
                    Citation(
                        doc_id=row["doc_id"],
                        footnote=_opt_int(row["footnote"]),
                        position=int(row["position"] or 0),
                        raw=row["raw"],
                        work_key=row["work_key"],
                        context=row["context"],
                        section=row["section"],
                        kind=row["kind"],
                        char_start=_opt_int(row.get("char_start", "")),
                        char_end=_opt_int(row.get("char_end", "")),
                    )
                )
            except ValueError as exc:
                raise InputError(
                    f"bad number: {exc}", path=str(self.citations_path), line=n
                ) from None
        return out

    def save_citations(self, cits: Sequence[Citation]) -> None:
        """Write ``citations.csv`` in document, footnote, position order."""

        def order(c: Citation) -> tuple[str, int, int, int]:
            return (
                c.doc_id,
                c.footnote if c.footnote is not None else -1,
                c.char_start or 0,
                c.position,
            )

        rows = [{c: getattr(cit, c) for c in schema.CITATIONS} for cit in sorted(cits, key=order)]
        self.write_table(self.citations_path, schema.CITATIONS, rows)

    def load_text(self, doc: Document) -> str:
        """The text of a document as read (what every offset indexes). A path that leads
        outside the review and its document roots (``../../..``, ``/etc/passwd``, a
        symlink out) is a one-line InputError: nothing outside is read or quoted."""
        path = self.resolve(doc.path)
        if not _inside(_real(path), self.document_roots()):
            rows = [d.doc_id for d in self.load_documents()]
            line = rows.index(doc.doc_id) + 2 if doc.doc_id in rows else None
            raise InputError(
                f"document '{doc.doc_id}' is at {doc.path}, outside the review and its "
                f"document roots; to read it, add its folder to {self.document_roots_path}",
                path=str(self.documents_path),
                line=line,
            )
        return read_document(path)

    @property
    def document_roots_path(self) -> Path:
        """``bibliography/document_roots.txt``: folders outside the review that documents
        may be read from, one a line (relative to the review, or absolute; ``#`` starts a
        comment line). ``ingest`` adds the folder of each document it is given."""
        return self.bibliography / "document_roots.txt"

    def document_roots(self) -> list[Path]:
        """The folders documents may be read from: the review's own and those declared."""
        roots = [_real(self.root)]
        if self.document_roots_path.exists():
            for line in read_text(self.document_roots_path).splitlines():
                entry = line.strip()
                if entry and not entry.startswith("#"):
                    roots.append(_real(self.resolve(entry)))
        return roots

    def add_document_roots(self, paths: Iterable[str]) -> list[str]:
        """Declare the folders of documents at ``paths`` (as stored) that lie outside the
        review and its roots; the folders added, as written (the file's lines are kept)."""
        roots = self.document_roots()
        added: list[str] = []
        for path in paths:
            folder = _real(self.resolve(path)).parent
            if _inside(folder, roots):
                continue
            roots.append(folder)
            added.append(self.relative(folder))
        if added:
            old = read_text(self.document_roots_path) if self.document_roots_path.exists() else ""
            head = old if not old or old.endswith("\n") else old + "\n"
            self._write(self.document_roots_path, head + "".join(f"{a}\n" for a in added))
        return added

    def load_merges(self) -> list[Merge]:
        """Rows of ``merges.csv`` as :class:`~litreview.core.model.Merge` records."""
        rows = read_csv(self.merges_path, schema.MERGES_REQUIRED)
        out = []
        for n, row in enumerate(rows, start=2):
            try:
                out.append(
                    Merge(
                        kept=row["kept"],
                        merged=row["merged"],
                        reason=row["reason"],
                        score=float(row["score"] or 0),
                        conflicts=row.get("conflicts") or "",
                    )
                )
            except ValueError as exc:
                raise InputError(f"bad number: {exc}", path=str(self.merges_path), line=n) from None
        return out

    def save_merges(self, merges: Sequence[Merge]) -> None:
        """Write ``merges.csv`` (kept, merged, reason, score, conflicts) in the order given."""
        rows = [{c: getattr(m, c) for c in schema.MERGES} for m in merges]
        self.write_table(self.merges_path, schema.MERGES, rows)

    # -- tags and statements ---------------------------------------------------------------
    def load_tags(self, path: Path | None = None) -> list[Tag]:
        """Rows of ``tags.csv`` (or another tag table such as suggestions). Equal evidence
        (the same words at the same place: a keyword, a heading cited for many works) and
        equal scores are one object each: a corpus of 10^6 works has millions of tags."""
        path = path or self.tags_path
        out = []
        evidence: dict[tuple[str, str, str, str], Evidence] = {}
        scores: dict[str, float] = {}
        for n, row in iter_csv(path, schema.TAGS):
            try:
                where = (row["evidence"], row["doc_id"], row["char_start"], row["char_end"])
                ev = evidence.get(where)
                if ev is None:
                    ev = evidence[where] = Evidence(
                        quote=where[0],
                        doc_id=where[1],
                        char_start=_opt_int(where[2]),
                        char_end=_opt_int(where[3]),
                    )
                score = scores.get(row["score"])
                if score is None:
                    score = scores[row["score"]] = float(row["score"] or 0)
                out.append(
                    Tag(
                        work_key=row["work_key"],
                        facet=row["facet"],
                        value=row["value"],
                        source=row["source"],
                        evidence=ev,
                        score=score,
                    )
                )
            except ValueError as exc:
                raise InputError(f"bad number: {exc}", path=str(path), line=n) from None
        return out

    def save_tags(self, tags: Sequence[Tag], path: Path | None = None) -> None:
        """Write ``tags.csv`` sorted by work, facet, value, then evidence location (each row
        made as it is written: millions of tags are never held as rows or one text)."""
        self.write_table(path or self.tags_path, schema.TAGS, map(_tag_row, _sort_tags(tags)))

    @staticmethod
    def as_stored(tags: Sequence[Tag]) -> list[Tag]:
        """``tags`` as ``tags.csv`` holds them once saved: in its order, scores as written."""
        return [replace(t, score=round(t.score, 4)) for t in _sort_tags(tags)]

    def load_suggestions(self) -> list[Tag]:
        """Model-proposed tags (``suggestions.csv``)."""
        return self.load_tags(self.suggestions_path)

    def save_suggestions(self, tags: Sequence[Tag]) -> None:
        """Write ``suggestions.csv``: each facet's suggestions best first (by the score as
        written; ties in the order of ``tags.csv``), so a curator reads the likeliest first."""
        best_first = sorted(_sort_tags(tags), key=lambda t: (t.facet, -round(t.score, 4)))
        self.write_table(self.suggestions_path, schema.TAGS, map(_tag_row, best_first))

    def load_statements(self, facets: Sequence[str] | None = None) -> list[GapStatement]:
        """Rows of ``gaps/statements.csv``; ``facets`` are the facet columns (by default, every
        column of the header between ``quote`` and ``strength``). ``kind``, ``score`` and
        ``why`` may be missing (a file written before the detector had them)."""
        path = self.statements_path
        rows = read_csv(path, schema.STATEMENTS_HEAD + schema.STATEMENTS_TAIL)
        if facets is None:
            facets = _statement_facets(path) if rows else ()
        return [_statement(r, facets, str(path), n) for n, r in enumerate(rows, start=2)]

    def save_statements(
        self, stmts: Sequence[GapStatement], facets: Sequence[str], path: Path | None = None
    ) -> None:
        """Write ``gaps/statements.csv`` in document order, one column per facet of ``facets``."""
        columns = schema.statement_columns(list(facets))
        ordered = sorted(stmts, key=lambda s: (s.doc_id, s.char_start, s.char_end))
        self.write_table(
            path or self.statements_path, columns, schema.statement_rows(ordered, facets)
        )

    # -- human-owned files -----------------------------------------------------------------
    def read_gap_cues(self) -> tuple[str, str] | None:
        """The text and path of the review's own ``gap_cues.yaml``; ``None`` when it has none."""
        if not present(self.gap_cues_path):
            return None
        return read_text(self.gap_cues_path), str(self.gap_cues_path)

    def load_taxonomy(self) -> Taxonomy:
        """The review's taxonomy; a missing file is a one-line error saying what to do."""
        if not present(self.taxonomy_path):
            raise InputError(
                "no taxonomy yet: write one (litreview init creates a starter)",
                path=str(self.taxonomy_path),
            )
        return load_taxonomy(read_text(self.taxonomy_path), str(self.taxonomy_path))

    def load_curation(self) -> tuple[Curation, list[Problem]]:
        """The curator's file (empty when absent) and its problems."""
        text = read_text(self.curation_path) if present(self.curation_path) else ""
        return load_curation(text, str(self.curation_path))

    # -- generic tables --------------------------------------------------------------------
    def read_table(self, path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
        """Rows of a CSV table; missing file -> ``[]``; a missing column -> InputError."""
        return read_csv(path, columns)

    def write_table(
        self, path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]
    ) -> None:
        """Write rows to a CSV table atomically, with exactly ``columns`` (written a piece at
        a time when the save commits: ``rows`` may be an iterator over records that stay as
        they are until then)."""
        self._write(path, csv_pieces(columns, rows))

    def save_gaps(
        self,
        files: Mapping[str, str | bytes | Iterator[str]],
        *,
        keep: Callable[[str], bool] = lambda rel: True,
    ) -> None:
        """Replace ``gaps/`` by ``files`` (keyed by path under it; text may come a piece at a
        time) at once; old files that ``keep`` allows and ``files`` does not name survive."""
        if self._tx is None:
            with self.transaction() as r:
                r.save_gaps(files, keep=keep)
        else:
            self._tx.replace_tree(self.gaps_dir, files, keep)

    def save_coverage(self, rows: str, cols: str, table: str, png: bytes) -> tuple[Path, Path]:
        """The ``coverage`` command's table and heatmap of two facets (never the files
        ``gaps`` writes); their paths."""
        stem = f"coverage-{rows}-x-{cols}"
        csv_path = self.gaps_dir / "coverage" / f"{stem}.csv"
        png_path = self.gaps_dir / "coverage" / f"{stem}.png"
        with self.transaction() as r:
            r._write(csv_path, table)
            r._write(png_path, png)
        return csv_path, png_path

    def create(self, taxonomy: str, curation: str) -> None:
        """Lay out a new review: the folders, a starter taxonomy and an empty curation file."""
        if self.root.exists() and not self.root.is_dir():
            raise InputError("exists and is not a folder", path=str(self.root))
        if self.taxonomy_path.exists() or self.corpus_path.exists():
            raise InputError("already holds a review; nothing was changed", path=str(self.root))
        self.bibliography.mkdir(parents=True, exist_ok=True)
        (self.root / "documents").mkdir(exist_ok=True)
        self.gaps_dir.mkdir(exist_ok=True)
        with self.transaction() as r:
            r._write(self.taxonomy_path, taxonomy)
            r._write(self.curation_path, curation)


def _tag_row(t: Tag) -> dict[str, object]:
    e = t.evidence
    return {
        "work_key": t.work_key,
        "facet": t.facet,
        "value": t.value,
        "source": t.source,
        "evidence": e.quote,
        "doc_id": e.doc_id,
        "char_start": e.char_start,
        "char_end": e.char_end,
        "score": round(t.score, 4),
    }


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether ``path`` (resolved) is one of ``roots`` or lies under one."""
    return any(path == root or root in path.parents for root in roots)


def _digest(data: bytes) -> bytes:
    """A digest of a file's bytes: whether it is still the text read before."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _digest_file(handle: BinaryIO) -> bytes:
    """:func:`_digest` of the bytes of an open file, read a block at a time."""
    h = hashlib.blake2b(digest_size=16)
    while block := handle.read(1 << 22):
        h.update(block)
    return h.digest()


def _opt_int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def _split_multi(value: str) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(schema.MULTI_SEP) if v)


def _statement_facets(path: Path) -> tuple[str, ...]:
    """The facet columns of a statements file: those between ``quote`` and ``strength``."""
    header = parse_csv(read_text(path), str(path)).header
    known = {*schema.STATEMENTS_HEAD, *schema.STATEMENTS_TAIL, *schema.STATEMENTS_DETECTOR}
    return tuple(c for c in header if c not in known)


def _statement(row: dict[str, str], facets: Sequence[str], path: str, line: int) -> GapStatement:
    """One row of ``statements.csv``; a bad number is an InputError naming the line."""
    try:
        return GapStatement(
            doc_id=row["doc_id"],
            char_start=int(row["char_start"]),
            char_end=int(row["char_end"]),
            section=row["section"],
            quote=row["quote"],
            facets=tuple((f, _split_multi(row.get(f) or "")) for f in facets),
            strength=row["strength"],
            kind=row.get("kind") or "",
            score=float(row.get("score") or 1.0),
            why=row.get("why") or "",
            mentions=schema.mentions_of(row.get("mentions") or ""),
        )
    except ValueError as exc:
        raise InputError(f"bad value: {exc}", path=path, line=line) from None


def _sort_tags(tags: Iterable[Tag]) -> list[Tag]:
    """Tags in a stable order: work, facet, value, source, evidence location."""

    def order(t: Tag) -> tuple[str, str, str, str, str, int, int, str]:
        e = t.evidence
        return (
            t.work_key,
            t.facet,
            t.value,
            t.source,
            e.doc_id,
            e.char_start or -1,
            e.char_end or -1,
            e.quote,
        )

    return sorted(tags, key=order)


def _real(path: str | os.PathLike[str]) -> Path:
    """``path`` with its links followed, made absolute. A link that loops is left where it
    loops (``Path.resolve`` raises RuntimeError there): reading the file then says so."""
    return Path(os.path.realpath(path))
