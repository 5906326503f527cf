"""BibTeX and BibLaTeX <-> :class:`~litreview.core.model.Work`, losslessly.

Reading uses bibtexparser v2's splitter only (no middleware: its LaTeX decoder mangles URLs,
case braces and corporate authors, and is slow), and reads entries of the plain shape faster
itself, into the same blocks (:mod:`._bibtex_fast`). Field values are kept as raw LaTeX, so
``{Case}`` braces, accents and ``\\&`` survive unchanged; ``@string`` macros and ``#`` are
resolved. Fields litreview does not model are kept in ``Work.extra`` under their own names
and written back after the modelled ones. A large file is split at entry boundaries and its
parts read by worker processes (see :mod:`._bibtex_chunks`), with the result of a serial
read. Known splitter traps (a missing comma, a stray ``}``, an empty key, a bad byte) are
reported as :class:`~litreview.core.errors.Problem` records.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import partial
from typing import Any

import bibtexparser
from bibtexparser import model as bm

from litreview.core.bulk import bulk, gc_paused
from litreview.core.errors import InputError, Problem
from litreview.core.files import (
    WINDOWS_1252_READ,
    check_nul,
    check_utf16,
    decode_utf8,
    decode_utf8_range,
    utf16_codec,
    windows_1252_whole,
)
from litreview.core.forkmap import available_workers, fork_map
from litreview.core.limits import MAX_EXPANSION_CHARS
from litreview.core.model import Work
from litreview.formats import _bibtex_maps as maps
from litreview.formats._bibtex_checks import check_works
from litreview.formats._bibtex_chunks import Chunk, Part, split_chunks, split_parts
from litreview.formats._bibtex_entry import entry_to_work, not_a_year
from litreview.formats._bibtex_export import export_biblatex, export_bibtex
from litreview.formats._bibtex_fast import FastEntry, FastField, blocks
from litreview.formats._bibtex_fast import fields as fast_fields
from litreview.formats._bibtex_mend import Note
from litreview.formats._bibtex_prepare import (
    abort_reason,
    entry_name,
    is_placeholder,
    mark_keyless,
    quiet,
)
from litreview.formats._bibtex_syntax import (
    MONTHS,
    ValueSyntaxError,
    ValueTooLong,
    evaluate,
    plain_value,
)
from litreview.formats._bibtex_write import bibtex_pieces, write_bibtex
from litreview.formats._csl_maps import CITED_BY_PARTIES, LEGAL_TYPES

__all__ = [
    "as_corpus_problems",
    "bibtex_pieces",
    "cited_without_title",
    "export_biblatex",
    "export_bibtex",
    "read_bibtex",
    "read_bibtex_bytes",
    "read_bibtex_utf8",
    "validate_bibtex",
    "write_bibtex",
]

_FIELD_START = re.compile(r"[\s,]*([A-Za-z][\w:.+-]*)\s*=", re.ASCII)
# A brace, or a field's start ("  year =", ",\n  year ="): white space within a line, and at
# most one line break after a comma (so that a run of blank lines is read once, not once a
# line)
_STRAY = re.compile(
    r"[{}]|^[^\S\n]*+(?:,[^\S\n]*+\n?)?[^\S\n]*+[A-Za-z][\w:.+-]*+[^\S\n]*+=", re.MULTILINE
)
EMPTY = "empty file"
# The words of the warning for a field given again (its later value kept as 'name-2'):
# fine in a file to import, an error in corpus.bib, which is edited in place field by field.
REPEATED_FIELD = "given again; the first is read"
NO_ENTRIES = "no entries found"
_BAD_BYTE = re.compile("[\udc80-\udcff]")
# What a citekey may not hold: pandoc's or biber's reader stops at it; and "//", a link,
# which no other format takes as a key (see _citekeys)
_UNUSABLE_KEY = re.compile(r'[\s"#%()=\\~<^|{},]|/(?=/)')
# an entry whose opening brace is missing: "@Article," then its fields
_NO_BRACE = re.compile(r"\s*@([A-Za-z][\w-]{0,40})[ \t]*(?:,|\r?\n)")
_PERCENT_LINE = re.compile(r"^[ \t]*%.*$", re.MULTILINE)
# Files with at least this many entries are read by several processes (at most MAX_WORKERS).
PARALLEL_MIN_ENTRIES = 5000
MAX_WORKERS = 2
# A file is read in parts of about this many entries (each part's parse trees are dropped
# before the next part is parsed: a corpus of 10^5 entries peaked at twice its works' size).
CHUNK_ENTRIES = 5000
# (field name, evaluated value, undefined macros used)
_Evaluated = tuple[str, str, list[str]]


def _line(block_line: int | None, raw: str = "", offset: int = 0) -> int | None:
    """A 1-based line from bibtexparser's 0-based line plus the newlines before ``offset``."""
    if block_line is None:
        return None
    return block_line + 1 + raw.count("\n", 0, offset) if offset else block_line + 1


class _Reader:
    """One pass over the blocks of a file: macros, works and problems in file order."""

    def __init__(self, path: str, *, checked: bool = True) -> None:
        self.path = path
        # Whether entries must be checked for undecodable bytes (False: the text has none).
        self.checked = checked
        self.macros: dict[str, str] = {m: m for m in MONTHS}
        self.works: list[Work] = []
        self.problems: list[Problem] = []
        self.keys: dict[str, int | None] = {}
        # The last entry read, (type, key, fields, line), while a stray "}" may still follow it.
        self.last: tuple[str, str, list[_Evaluated], int | None] | None = None
        # @preamble values waiting for the next entry, and the line of the last one.
        self.preambles: list[tuple[str, str]] = []
        self.preamble_line: int | None = None
        # Characters @string macros have added so far (bounded by MAX_EXPANSION_CHARS).
        self.expanded = 0
        # Lines before the part of the text whose blocks are being read (their lines count
        # from the start of that part).
        self.offset = 0

    def line(self, block_line: int | None, raw: str = "", offset: int = 0) -> int | None:
        """:func:`_line` of a block of the part being read, counted in the whole text."""
        line = _line(block_line, raw, offset)
        return None if line is None else line + self.offset

    def evaluate(self, raw: str, line: int | None, *, strip: bool = True) -> tuple[str, list[str]]:
        """:func:`evaluate` with the macros read so far; a value or a file whose macros
        expand beyond the limits is a one-line InputError."""
        try:
            value, unknown = evaluate(raw, self.macros, strip=strip)
        except ValueTooLong as exc:
            raise InputError(str(exc), path=self.path, line=line) from None
        self.expanded += max(0, len(value) - len(raw))
        if self.expanded > MAX_EXPANSION_CHARS:
            raise InputError(
                f"@string macros expand to more than {MAX_EXPANSION_CHARS:,} characters",
                path=self.path,
                line=line,
            )
        return value, unknown

    def problem(self, line: int | None, severity: str, message: str) -> None:
        """Record a problem at ``line``."""
        self.problems.append(Problem(path=self.path, line=line, severity=severity, message=message))

    def block(self, block: bm.Block) -> None:
        """Dispatch one block of the file."""
        line = self.line(block.start_line)
        if not isinstance(block, bm.ImplicitComment):
            self.last = None
        if isinstance(block, bm.Entry):
            self.entry(block)
        elif isinstance(block, bm.String):
            self.string(block)
        elif isinstance(block, bm.DuplicateBlockKeyBlock):
            self.duplicate(block, line)
        elif isinstance(block, bm.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            if isinstance(entry, bm.Entry):
                self.entry(entry)
        elif isinstance(block, bm.ParsingFailedBlock):
            self.problem(line, "error", f"cannot parse entry: {abort_reason(block.error)}")
        elif isinstance(block, bm.ImplicitComment):
            self.comment(block)
        elif isinstance(block, bm.Preamble):
            self.preamble(block, line)

    def duplicate(self, block: bm.DuplicateBlockKeyBlock, line: int | None) -> None:
        """A second ``@string`` of a name replaces the first, as BibTeX and biber read it; a
        second entry of a citekey is read without a key (an import gives it one, and merges
        it with the first when it is the same work), the repeat an error all the same."""
        again = block.ignore_error_block
        if isinstance(again, bm.String):
            self.problem(line, "warning", f"@string {block.key} defined again; the later is used")
            self.string(again)
            return
        first = self.keys.get(block.key)
        where = f" (first at line {first})" if first else ""
        self.problem(
            line,
            "error",
            f"duplicate citekey '{block.key}'{where}; entry read without it (an import gives "
            "it a key of its own)",
        )
        if isinstance(again, bm.Entry):
            self.entry(again, keyless=True)

    def preamble(self, block: bm.Preamble, line: int | None) -> None:
        """Keep an ``@preamble`` for the next entry (written back just before it)."""
        value = str(block.value).strip()
        if _BAD_BYTE.search(value):
            self.problem(line, "error", "not UTF-8; @preamble skipped")
        elif value:
            self.preambles.append((maps.MARK_PREAMBLE, value))
            self.preamble_line = line

    def string(self, block: bm.String) -> None:
        """Define an ``@string`` macro."""
        bad = _BAD_BYTE.search(str(block.value))
        if bad:
            byte = ord(bad.group()) - 0xDC00
            self.problem(
                self.line(block.start_line),
                "error",
                f"not UTF-8 (byte 0x{byte:02X}); @string {block.key} skipped",
            )
            return
        try:
            value, _ = self.evaluate(str(block.value), self.line(block.start_line), strip=False)
        except ValueSyntaxError as exc:
            self.problem(self.line(block.start_line), "error", f"@string {block.key}: {exc}")
            return
        self.macros[block.key.lower()] = value

    def comment(self, block: bm.ImplicitComment) -> None:
        """Text between entries that looks like fields or braces: a stray ``}`` upstream."""
        # lines starting with % are comments by convention (INSPIRE's "%%% contains utf-8")
        text = _PERCENT_LINE.sub("", block.comment)
        m = _STRAY.search(text)
        if not m:
            return
        raw = block.raw or ""
        line = self.line(block.start_line, raw, max(raw.find(m.group()), 0))
        snippet = " ".join(text.split())[:60]
        if self.recover(text, block.start_line):
            self.problem(
                line,
                "warning",
                f"stray '}}' closed {entry_name(self.works[-1].key)} early; "
                f"the fields after it were read anyway: {snippet!r}",
            )
            return
        opened = _NO_BRACE.match(text)
        if opened:
            line = self.line(block.start_line, raw, max(raw.find("@"), 0))
            self.problem(
                line,
                "error",
                f"@{opened.group(1)} has no '{{' after its type, so it is not an entry and was"
                f" not read: {snippet!r}",
            )
            return
        prev = f" after {entry_name(self.works[-1].key)}" if self.works else ""
        self.problem(
            line,
            "error",
            f"text outside any entry{prev} (a stray '}}' closed it early?): {snippet!r}",
        )

    def recover(self, text: str, start_line: int | None) -> bool:
        """Add ``, name = value ... }`` left behind by a stray ``}`` to the previous entry."""
        body = text.strip()
        if (
            self.last is None
            or not body.endswith("}")
            or not _FIELD_START.match(body)
            or _BAD_BYTE.search(body)
        ):
            return False
        etype, key, fields, line = self.last
        extra = _reparse_fields(body[:-1].lstrip(","), start_line)
        if not extra:
            return False
        fields = self.unique(fields + self.fields(extra, key), key, line)
        work = entry_to_work(etype, key, fields)[0]
        # what the entry's reading added: the preamble mark, and the unusable key as 'id'
        kept = [
            pair
            for pair in self.works[-1].extra
            if pair[0] == maps.MARK_PREAMBLE or (pair[0] == "id" and not work.extra_value("id"))
        ]
        self.works[-1] = replace(work, extra=work.extra + tuple(kept)) if kept else work
        self.last = None
        return True

    def entry(self, entry: bm.Entry | FastEntry, *, keyless: bool = False) -> None:
        """Convert one entry, with its field values evaluated (without its key when
        ``keyless``: a repeated one)."""
        line = self.line(entry.start_line)
        raw = entry.raw or ""
        bad = _BAD_BYTE.search(raw) if self.checked else None
        if bad:
            byte = ord(bad.group()) - 0xDC00
            self.problem(
                self.line(entry.start_line, raw, bad.start()),
                "error",
                f"{_NOT_UTF8} (byte 0x{byte:02X}); {entry_name(entry.key)} skipped",
            )
            return
        key = "" if keyless or is_placeholder(entry.key) else entry.key
        if isinstance(entry, FastEntry):
            evaluated = self.fast_fields(entry, key)
        else:
            evaluated = self.fields(entry.fields, key)
        fields = self.unique(evaluated, key, line)
        if len(fields) > maps.BIBER_MAX_FIELDS:
            self.problem(
                line,
                "warning",
                f"{entry_name(entry.key)} has {len(fields)} fields: biber stops, without a "
                f"word, at an entry of more than {maps.BIBER_MAX_FIELDS} (litreview writes the "
                f"fields it does not model beyond {maps.MAX_FIELDS} as one, {maps.FOLD_FIELD})",
            )
        if not key and not keyless:
            self.problem(
                line,
                "warning",
                f"@{entry.entry_type} entry has no citekey (an imported one is given one from its "
                "author, year and title; one in corpus.bib stays without)",
            )
        else:
            self.keys.setdefault(key, line)
        unusable = _UNUSABLE_KEY.search(key)
        if unusable:
            why = "a space" if unusable.group().isspace() else f"'{unusable.group()}'"
            if unusable.group() == "/":
                why = "'//' (a link: Wiley writes 'https://doi.org/...')"
            self.problem(
                line,
                "warning",
                f"{entry_name(key)}: a citekey with {why}, which pandoc, biber or the other "
                "formats cannot read; read without it, as 'id' (an import gives the entry a key "
                "of its own)",
            )
        work, unknown = entry_to_work(entry.entry_type, "" if unusable else key, fields)
        if unusable and not work.extra_value("id"):
            work = replace(work, extra=(("id", key), *work.extra))
        for name in unknown:
            self.problem(
                line, "warning", f"{entry_name(entry.key)}: undefined macro '{name}' kept as text"
            )
        if not work.title and not cited_without_title(work):
            self.problem(line, "warning", f"{entry_name(entry.key)} has no title")
        if not work.issued and not_a_year(year := work.extra_value("year")):
            self.problem(
                line,
                "warning",
                f"{entry_name(entry.key)}: year '{year}' is not a year; kept as written, no date",
            )
        if self.preambles:
            work = replace(work, extra=work.extra + tuple(self.preambles))
            self.preambles = []
        self.works.append(work)
        self.last = (entry.entry_type, "" if unusable else key, fields, line)

    def unique(self, fields: list[_Evaluated], key: str, line: int | None) -> list[_Evaluated]:
        """``fields`` with a later repeat of a name (any case) kept under the name and its
        number (``file-2``, as repeated values are written), each repeat reported: BibTeX
        reads the first, and the others are not lost."""
        if len({f[0].lower() for f in fields}) == len(fields):
            return fields
        seen = {f[0].lower() for f in fields}
        count: dict[str, int] = {}
        out = []
        for name, value, unknown in fields:
            low = name.lower()
            count[low] = count.get(low, 0) + 1
            if count[low] > 1:
                n = count[low]
                while f"{low}-{n}" in seen:
                    n += 1
                seen.add(f"{low}-{n}")
                self.problem(
                    line,
                    "warning",
                    f"{entry_name(key)}: field '{name}' {REPEATED_FIELD}, this one kept as"
                    f" '{name}-{n}'",
                )
                name = f"{name}-{n}"
            out.append((name, value, unknown))
        return out

    def fast_fields(self, entry: FastEntry, key: str) -> list[_Evaluated]:
        """:meth:`fields` of an entry read by the fast path: its plain ``{text}`` values as
        they are (most entries), else all of them with their lines."""
        out: list[_Evaluated] = []
        for name, raw in entry.pairs:
            plain = plain_value(raw)
            if plain is None:
                return self.fields(fast_fields(entry), key)
            out.append((name, plain, []))
        return out

    def fields(self, fields: Sequence[bm.Field | FastField], key: str) -> list[_Evaluated]:
        """Evaluated ``(name, value, undefined macros)``; a missing comma is reported, repaired."""
        out: list[_Evaluated] = []
        for f in fields:
            raw = str(f.value)
            plain = plain_value(raw)  # most values: no macro, no limit to check
            if plain is not None:
                out.append((f.key, plain, []))
                continue
            try:
                value, unknown = self.evaluate(raw, self.line(f.start_line))
                out.append((f.key, value, unknown))
                continue
            except ValueSyntaxError as exc:
                cut = exc.offset
            rest = raw[cut:]
            line = self.line(f.start_line, raw, cut)
            m = _FIELD_START.match(rest)
            try:
                value, unknown = self.evaluate(raw[:cut], line)
            except ValueSyntaxError:
                m = None
            if not m:
                self.problem(
                    line, "error", f"{entry_name(key)}: bad value of field '{f.key}'; field skipped"
                )
                continue
            self.problem(
                line,
                "warning",
                f"{entry_name(key)}: missing comma before field '{m.group(1)}' (read anyway)",
            )
            out.append((f.key, value, unknown))
            base = None if f.start_line is None else f.start_line + raw.count("\n", 0, cut)
            out.extend(self.fields(_reparse_fields(rest, base), key))
        return out


def _reparse_fields(text: str, start_line: int | None) -> list[bm.Field]:
    """The fields in ``text`` (a value's trailing ``name = value, ...`` run)."""
    lib = bibtexparser.parse_string("@misc{k," + text + "\n}", parse_stack=[])
    fields = lib.entries[0].fields if lib.entries else []
    base = start_line or 0
    return [
        bm.Field(f.key, f.value, None if f.start_line is None else base + f.start_line)
        for f in fields
    ]


def _read_chunk(chunk: Chunk, path: str) -> tuple[list[Work], list[Problem]]:
    """Works and problems of one chunk (lines counted in the whole file), in file order."""
    with gc_paused():
        return _read_chunk_blocks(chunk, path)


def _read_chunk_blocks(chunk: Chunk, path: str) -> tuple[list[Work], list[Problem]]:
    """The body of :func:`_read_chunk`."""
    reader = _Reader(path, checked=_BAD_BYTE.search(chunk.text) is not None)
    if chunk.prelude:
        for block in bibtexparser.parse_string(chunk.prelude, parse_stack=[]).blocks:
            if isinstance(block, bm.String):
                reader.string(block)
        reader.problems = []  # the chunk that holds them reports them
    with quiet():
        for offset, item in blocks(chunk.text, with_raw=reader.checked):
            reader.offset = offset
            if isinstance(item, FastEntry):
                reader.last = None
                reader.entry(item)
            elif isinstance(item, Note):
                reader.problem(reader.line(item.line), "warning", item.message)
            else:
                reader.block(item)
    reader.offset = 0
    if reader.preambles:
        reader.problem(reader.preamble_line, "notice", "@preamble after the last entry is not kept")
    problems = reader.problems
    if chunk.line_offset:
        problems = [
            p if p.line is None else replace(p, line=p.line + chunk.line_offset) for p in problems
        ]
    return reader.works, problems


def _workers() -> int:
    """How many processes may read one file: the CPUs this process may use, at most 2."""
    return min(MAX_WORKERS, available_workers())


def _chunk_of(chunks: list[Chunk], i: int, *, path: str) -> tuple[list[Work], list[Problem]]:
    return _read_chunk(chunks[i], path)


@bulk
def read_bibtex(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works and problems from BibTeX/BibLaTeX ``text`` (``path`` names it in problems).

    A file with no entries (say a new, empty ``corpus.bib``) gives a ``notice``;
    :func:`validate_bibtex` makes that an error. A file of more than ``PARALLEL_MIN_ENTRIES``
    entries is split at entry boundaries and read by up to ``MAX_WORKERS`` processes; the
    result is the same as a serial read.
    """
    if not text.strip():
        return [], [Problem(path=path, line=None, severity="notice", message=EMPTY)]
    text = mark_keyless(text)
    entries = text.count("\n@")
    workers = _workers() if entries >= PARALLEL_MIN_ENTRIES else 1
    # parts of CHUNK_ENTRIES entries: the parser's objects of one part at a time in memory
    chunks = split_chunks(text, max(workers, entries // CHUNK_ENTRIES))
    return _joined(_read_all(partial(_chunk_of, path=path), chunks, len(chunks), workers), path)


def _read_all(
    read: Callable[[Any, int], tuple[list[Work], list[Problem]]], job: Any, n: int, workers: int
) -> list[tuple[list[Work], list[Problem]]]:
    """``read(job, i)`` for each of ``n`` parts of a file, in order: every ``workers``-th in
    this process, the others by forked workers that inherit ``job`` (never sent to them);
    read serially where no process can be started (a sandbox, say)."""
    try:
        return list(fork_map(read, job, n, workers, here=True))
    except (OSError, BrokenProcessPool):
        return [read(job, i) for i in range(n)]


def _joined(
    parts: Sequence[tuple[list[Work], list[Problem]]], path: str
) -> tuple[list[Work], list[Problem]]:
    """The works and problems of a file's parts (read in file order) as one read gives them."""
    works = [w for part_works, _ in parts for w in part_works]
    problems = [p for _, part_problems in parts for p in part_problems]
    works, loops = _without_crossref_loops(works, path)
    problems += loops
    if not works and not any(p.severity == "error" for p in problems):
        problems.append(Problem(path=path, line=None, severity="notice", message=NO_ENTRIES))
    problems.sort(key=lambda p: p.line or 0)
    return works, problems


def _without_crossref_loops(works: list[Work], path: str) -> tuple[list[Work], list[Problem]]:
    """``works`` with the ``crossref`` that closes each loop of crossrefs left out (an entry
    naming itself, or ``a`` naming ``b`` naming ``a``), and a warning for each: pandoc's
    citeproc follows such a loop until the machine's memory runs out."""
    parent = {w.key: v for w in works if w.key and (v := w.extra_value("crossref"))}
    closing: dict[str, list[str]] = {}  # key whose crossref closes a loop -> the loop
    done: set[str] = set()
    for start in parent:
        chain: list[str] = []
        on_chain: set[str] = set()
        key = start
        while key in parent and key not in done and key not in on_chain:
            chain.append(key)
            on_chain.add(key)
            key = parent[key]
        if key in on_chain:
            closing[chain[-1]] = chain[chain.index(key) :]
        done.update(chain)
    if not closing:
        return works, []
    out, problems = [], []
    for work in works:
        loop = closing.pop(work.key, None) if work.key else None
        if loop is None:
            out.append(work)
            continue
        extra = tuple((k, v) for k, v in work.extra if k.lower() != "crossref")
        out.append(replace(work, extra=extra))
        shown = " -> ".join([*loop, loop[0]])
        message = f"{entry_name(work.key)}: crossref loop ({shown}) left out; pandoc never ends one"
        problems.append(Problem(path=path, line=None, severity="warning", message=message))
    return out, problems


def read_bibtex_bytes(data: bytes, path: str = "<bytes>") -> tuple[list[Work], list[Problem]]:
    """Like :func:`read_bibtex` from raw bytes that are not all UTF-8: UTF-16 text (with a
    byte-order mark, or plainly UTF-16) and text in the encoding its first lines declare
    (JabRef's ``% Encoding: windows-1252``) are decoded and read whole, and so is a file with
    no UTF-8 character in it at all, as Windows-1252 (with a warning); otherwise, UTF-8 mixed
    with other bytes, an entry with a non-UTF-8 byte is reported and skipped, and the others
    are read."""
    codec = utf16_codec(data)
    declared = "" if codec else declared_encoding(data)
    if codec or declared:
        try:
            return read_bibtex(data.decode(codec or declared), path)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            if codec:  # (UTF-16's line feeds are two bytes, so count them as text)
                line = data[: exc.start].decode(codec, errors="ignore").count("\n") + 1
            message = (
                f"not {codec or declared} text as declared (byte {exc.object[exc.start]:#04x})"
            )
            return [], [Problem(path=path, line=line, severity="error", message=message)]
    ansi = windows_1252_whole(data)
    if ansi is not None:  # no UTF-8 in it at all: an older export, Windows-1252 throughout
        works, problems = read_bibtex(ansi, path)
        said = Problem(path=path, line=1, severity="warning", message=WINDOWS_1252_READ)
        return works, [said, *problems]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    works, problems = read_bibtex(data.decode("utf-8", errors="surrogateescape"), path)
    skipped = sum(1 for p in problems if p.severity == "error" and p.message.startswith(_NOT_UTF8))
    if skipped:
        message = (
            f"{skipped:,} entr{'y' if skipped == 1 else 'ies'} skipped for bytes that are not "
            "UTF-8: a file saved in another encoding (Windows-1252, Latin-1, GBK ...) is read "
            "whole when its first line names it, '% Encoding: <name>', as JabRef writes, or "
            "when it is saved as UTF-8"
        )
        problems = [*problems, Problem(path=path, line=1, severity="notice", message=message)]
    return works, problems


_NOT_UTF8 = "not UTF-8"  # how the error of an entry skipped for its bytes begins

# The encoding a BibTeX file declares on one of its first lines: JabRef writes
# "% Encoding: windows-1252" (or "% Encoding: UTF-8") at the top of every file it saves.
_DECLARED = re.compile(
    rb"\A(?:[ \t]*(?:%[^\n]*)?\r?\n){0,4}?[ \t]*%[ \t]*Encoding:[ \t]*([\w.:-]{1,40})", re.I
)


def declared_encoding(data: bytes) -> str:
    """The Python codec of the encoding ``data`` declares at its top (``""``: none, UTF-8,
    or one Python does not know)."""
    m = _DECLARED.match(data[:2000])
    if m is None:
        return ""
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return ""
    return "" if name.startswith("utf-8") else name


@bulk
def read_bibtex_utf8(data: bytes, path: str = "<bytes>") -> tuple[list[Work], list[Problem]]:
    """:func:`read_bibtex` of ``data`` decoded by :func:`~litreview.core.files.decode_utf8`
    (UTF-16, a bad byte or a NUL byte is its one-line InputError), without the whole text
    ever held: a large file is cut into parts on its bytes, and each part is decoded where it
    is read (the text of 10^6 entries is gigabytes, twice that as soon as one character is
    beyond Latin-1)."""
    entries = data.count(b"\n@")
    workers = _workers() if entries >= PARALLEL_MIN_ENTRIES else 1
    n_parts = max(workers, entries // CHUNK_ENTRIES)
    parts = None
    if n_parts >= 2:
        check_utf16(data, path)
        first = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        parts = split_parts(data, n_parts, lambda a, b: decode_utf8_range(data, a, b, path), first)
    if parts is None:
        return read_bibtex(decode_utf8(data, path), path)
    check_nul(data, path)
    return _joined(
        _read_all(partial(_part_of, parts=parts, path=path), data, len(parts), workers), path
    )


def _part_of(
    data: bytes, i: int, *, parts: list[Part], path: str
) -> tuple[list[Work], list[Problem]]:
    """Works and problems of the ``i``-th of ``parts`` of ``data`` (valid UTF-8)."""
    part = parts[i]
    text = mark_keyless(str(memoryview(data)[part.start : part.end], "utf-8"))
    chunk = Chunk(text=text, line_offset=part.line_offset, prelude=part.prelude)
    del text
    return _read_chunk(chunk, path)


def as_corpus_problems(problems: Sequence[Problem]) -> list[Problem]:
    """``problems`` as they stand for corpus.bib: a field given twice is an error there
    (litreview edits the file field by field, and cannot tell which of the two to edit)."""
    return [
        replace(
            p,
            severity="error",
            message=p.message.replace(
                REPEATED_FIELD, "given twice in corpus.bib; give it once"
            ).split(", this one kept as")[0],
        )
        if REPEATED_FIELD in p.message
        else p
        for p in problems
    ]


def validate_bibtex(text: str, path: str = "<string>") -> list[Problem]:
    """Every problem :func:`read_bibtex` finds in ``text`` (a file with no entries is an
    error) and what the checks of :mod:`._bibtex_checks` find in the entries read."""
    works, problems = read_bibtex(text, path)
    found = [
        replace(p, severity="error") if p.message in (EMPTY, NO_ENTRIES) else p for p in problems
    ]
    found += check_works(works, text, path)
    return sorted(found, key=lambda p: p.line or 0)


def cited_without_title(work: Work) -> bool:
    """A law, regulation or case named by its place in a code or reporter (``20 C.F.R. §
    1002.136``, ``Pub. L. 117-263``), or a letter or interview named by its parties and date
    (``Letter from Jane Roe to John Doe, May 3, 2021``): such a work has no title, so none is
    missing."""
    if work.type in CITED_BY_PARTIES:
        return bool(work.authors and work.issued)
    placed = work.extra_value("section") or work.pages or work.issue
    return work.type in LEGAL_TYPES and bool(placed.strip())
