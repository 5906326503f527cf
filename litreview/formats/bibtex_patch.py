"""Editing a hand-owned BibTeX file in place: the text of ``corpus.bib`` after a save.

:func:`patch_bibtex` takes the current text of a file and the works it should hold, and
returns the new text with as little changed as possible:

- An entry whose work means the same as before (the work read from the file equals the new
  one, or the one the writer would make of it) is kept byte for byte, and so is everything
  between entries: ``%`` lines, ``@comment``, ``@string``, ``@preamble``, blank lines and
  line endings.
- A changed entry is patched: only the fields of what changed (its title, its authors, one
  unmodelled field ...) are rewritten, each in its place and under its own name spelling;
  the others keep their spelling, case, macros and order, and new fields are appended in
  the entry's own indentation, alignment and delimiters. The patched entry is read back
  (with the file's ``@string`` macros) and must give the intended work; if it does not,
  every differing field is rewritten, and failing that the whole entry.
- New works are appended after the last entry, sorted by citekey, in the file's line-ending
  style; an entry whose work is gone (merged into another) is deleted with the
  ``@preamble`` blocks that belonged to it (the reader gives a preamble to the entry after
  it; a work that took one over in a merge gets it written before its entry).
- An entry a stray ``}`` closed early, whose trailing fields the reader added to it anyway,
  is patched or deleted together with them.

A file that is not BibTeX (free text and no entry, or anything the reader reports as an
error) raises :class:`~litreview.core.errors.InputError` naming the file and line: it is
never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import bibtexparser
from bibtexparser import model as bm

from litreview.core.bulk import gc_paused
from litreview.core.errors import InputError, LitreviewError, Problem
from litreview.core.model import Work
from litreview.formats import _bibtex_maps as maps
from litreview.formats._bibtex_chunks import split_chunks
from litreview.formats._bibtex_entry_patch import folded, patch_entry, split_entry
from litreview.formats._bibtex_prepare import entry_name, is_placeholder, mark_keyless, quiet
from litreview.formats._bibtex_syntax import MONTHS
from litreview.formats.bibtex import (
    as_corpus_problems,
    bibtex_pieces,
    read_bibtex,
    write_bibtex,
)

__all__ = ["Read", "check_bibtex", "patch_bibtex"]

# What read_bibtex gave for a text: its works and problems.
Read = tuple[Sequence[Work], Sequence[Problem]]

_STRING_KEY = re.compile(r"@[ \t]*string[ \t\r\n]*[{(][ \t\r\n]*([^\s=,{}()]+)", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^[ \t]*(%.*)?$")
# Entries per part when a file is parsed in parts for its block spans.
_CHUNK_ENTRIES = 2000


# What a block of the file is ("taken": text after an entry that the reader added to it).
_Kind = Literal["entry", "string", "preamble", "comment", "other", "taken"]


@dataclass(frozen=True, slots=True)
class _Block:
    """One block of the file: its kind, span in the text, and (an entry) its work."""

    kind: _Kind
    start: int
    end: int
    work: Work | None = None


def _newline(text: str) -> str:
    """The file's line ending: CRLF when most of its lines end so."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def _not_bibtex(text: str, path: str) -> InputError:
    """The error for a file with no entry that holds more than comments and blank lines."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not _COMMENT_LINE.match(line) and not line.lstrip().startswith("@"):
            return InputError(
                f"not a BibTeX file (no entries; this line is not BibTeX: {line.strip()[:40]!r}); "
                "nothing was changed",
                path=path,
                line=n,
            )
    return InputError("not a BibTeX file (no entries); nothing was changed", path=path)


def _blocks(text: str, works: list[Work], path: str) -> list[_Block]:
    """The file's blocks in order with their spans; each entry with the work read from it."""
    marked = mark_keyless(text)
    # bibtexparser's splitter slows down more than linearly on long texts: parse in parts
    chunks = split_chunks(marked, max(1, marked.count("\n@") // _CHUNK_ENTRIES))
    parsed: list[bm.Block] = []
    with quiet(), gc_paused():
        for chunk in chunks:
            parsed += bibtexparser.parse_string(chunk.text, parse_stack=[]).blocks
    out: list[_Block] = []
    pos = 0
    queue = iter(works)
    for block in parsed:
        raw = block.raw or ""
        if isinstance(block, bm.Entry) and is_placeholder(block.key):
            raw = raw.replace(block.key, "", 1)
        start = text.find(raw, pos)
        if start < 0 or not raw:
            raise LitreviewError(f"{path}: cannot locate a block of the file to edit it")
        pos = start + len(raw)
        if isinstance(block, bm.Entry):
            work = next(queue, None)
            out.append(_Block("entry", start, pos, work))
        elif isinstance(block, bm.String):
            out.append(_Block("string", start, pos))
        elif isinstance(block, bm.Preamble):
            out.append(_Block("preamble", start, pos))
        elif isinstance(block, bm.ImplicitComment):
            out.append(_Block("comment", start, pos))
        else:
            out.append(_Block("other", start, pos))
    if next(queue, None) is not None or any(b.kind == "entry" and b.work is None for b in out):
        raise LitreviewError(f"{path}: the entries of the file and the works read do not match")
    return out


def _check(text: str, path: str, read: Read | None = None) -> list[_Block]:
    """The blocks of ``text`` with their works; an error if it is not BibTeX litreview can
    edit. ``read``: what :func:`read_bibtex` gives for ``text``, if the caller has it."""
    works, problems = (list(read[0]), list(read[1])) if read else read_bibtex(text, path)
    errors = [p for p in as_corpus_problems(problems) if p.severity == "error"]
    if errors:
        raise _error(errors[0])
    blocks = _blocks(text, works, path)
    # no entry and no @-block, but free text: not a BibTeX file (a file whose last entry
    # was removed keeps its @string or @comment blocks, and is still one)
    if (
        not works
        and not any(b.kind in ("string", "preamble", "other") for b in blocks)
        and any(b.kind == "comment" and _free_text(text[b.start : b.end]) for b in blocks)
    ):
        raise _not_bibtex(text, path)
    return blocks


def check_bibtex(text: str, path: str = "<string>") -> None:
    """Raise :class:`InputError` (file and line) unless :func:`patch_bibtex` can edit ``text``."""
    if text.strip():
        _check(text, path)


def _free_text(comment: str) -> bool:
    """Whether text between blocks holds more than ``%`` lines and blank lines."""
    return any(not _COMMENT_LINE.match(line) for line in comment.splitlines())


def _error(problem: Problem) -> InputError:
    """A reader's error as the reason the file cannot be edited."""
    return InputError(
        f"cannot edit: {problem.message}; fix it by hand (nothing was changed)",
        path=problem.path,
        line=problem.line,
    )


def _match(blocks: list[_Block], works: Sequence[Work]) -> dict[int, Work | None]:
    """For each entry block (by index), the new work with its citekey (``None``: removed).
    Entries without a key take an equal work without one if there is one, else the next."""
    by_key: dict[str, list[Work]] = {}
    for w in works:
        by_key.setdefault(w.key, []).append(w)
    out: dict[int, Work | None] = {}
    entries = [(i, b.work) for i, b in enumerate(blocks) if b.kind == "entry" and b.work]
    for i, work in entries:
        same = by_key.get(work.key, [])
        if work in same:
            out[i] = same.pop(same.index(work))
    for i, work in entries:
        if i not in out:
            same = by_key.get(work.key, [])
            out[i] = same.pop(0) if same else None
    return out


def _stored(works: Sequence[Work], path: str) -> list[Work]:
    """Each of ``works`` as the file would hold it once written and read back."""
    if not works:
        return []
    read, problems = read_bibtex(write_bibtex(works), path)
    if len(read) != len(works) or any(p.severity == "error" for p in problems):
        raise LitreviewError(f"{path}: a work cannot be written as BibTeX and read back")
    return read


def _bare(work: Work) -> Work:
    """``work`` without its ``@preamble`` marks (they stay in the text between entries)."""
    if not any(n == maps.MARK_PREAMBLE for n, _ in work.extra):
        return work
    return replace(work, extra=tuple(p for p in work.extra if p[0] != maps.MARK_PREAMBLE))


def _months_redefined(text: str, blocks: list[_Block]) -> bool:
    """Whether an ``@string`` of the file redefines a month name (the writer's bare months)."""
    for b in blocks:
        m = _STRING_KEY.match(text, b.start) if b.kind == "string" else None
        if m and m.group(1).lower() in MONTHS:
            return True
    return False


def _preambles(work: Work | None) -> list[str]:
    """The ``@preamble`` values read before ``work``."""
    return [v for n, v in work.extra if n == maps.MARK_PREAMBLE] if work else []


def _read_back(
    text: str, blocks: list[_Block], candidates: dict[int, str], tail: str, path: str
) -> list[Work]:
    """The works of ``candidates`` (entry texts by block index) and of ``tail`` (appended
    entries), read in file order among the file's ``@string`` definitions."""
    parts = []
    for i, b in enumerate(blocks):
        if b.kind == "string":
            parts.append(text[b.start : b.end])
        elif i in candidates:
            parts.append(candidates[i])
    parts.append(tail)
    works, problems = read_bibtex("\n".join(parts), path)
    if any(p.severity == "error" for p in problems):
        return []
    return works


def patch_bibtex(
    text: str, works: Sequence[Work], path: str = "<string>", read: Read | None = None
) -> str:
    """The new text of the BibTeX file holding ``text``, so that it holds ``works``.

    See the module docstring for what is kept. Raises :class:`InputError` (nothing changed)
    when ``text`` is not BibTeX litreview reads without an error. ``read`` is what
    :func:`~litreview.formats.bibtex.read_bibtex` gave for ``text`` (works and problems), if
    the caller read it already: it is not read again.
    """
    pieces = patch_pieces(text, works, path, read)
    return text if pieces is None else "".join(pieces)


def patch_pieces(
    text: str, works: Sequence[Work], path: str = "<string>", read: Read | None = None
) -> Iterator[str] | None:
    """:func:`patch_bibtex`'s new text a piece at a time (joined, they are that text), or
    ``None`` when it is ``text`` unchanged. The pieces are made as they are asked for (kept
    text, patched entries, new entries one by one), so a file of gigabytes is never built
    as a second string. Every check, and so every :class:`InputError`, comes before the
    first piece."""
    if not text.strip():
        return bibtex_pieces(sorted(works, key=lambda w: w.key))
    blocks = _check(text, path, read)
    nl = _newline(text)
    matched = _match(blocks, works)
    seen = {id(w) for w in matched.values() if w is not None}
    added = sorted((w for w in works if id(w) not in seen), key=lambda w: w.key)
    changed = {i: w for i, w in matched.items() if w is not None and w != blocks[i].work}
    stored = dict(zip(changed, _stored(list(changed.values()), path), strict=True))
    changed = {i: w for i, w in changed.items() if stored[i] != blocks[i].work}
    removed = {i for i, w in matched.items() if w is None}
    if not (added or changed or removed):
        return None
    blocks = _with_strays(text, blocks, set(changed) | removed, path)
    candidates = _patch_entries(text, blocks, changed, stored, nl, path)
    dropped: set[int] = set()
    for i in candidates:  # the @preamble blocks before an entry are its work's
        wanted = _preambles(stored[i])
        if wanted != _preambles(blocks[i].work):
            dropped |= set(_attached(blocks, i))
            candidates[i] = "".join(f"@preamble{{{v}}}{nl}" for v in wanted) + candidates[i]
    if added and _months_redefined(text, blocks):  # else they read as written alone
        appended = write_bibtex(added).replace("\n", nl)
        got = _read_back(text, blocks, {}, appended, path)
        if [_bare(w) for w in got] != [_bare(w) for w in _stored(added, path)]:
            raise InputError(
                "cannot append the new entries so they read back as written "
                "(an @string redefines a month name?); nothing was changed",
                path=path,
            )
    for i in removed:
        dropped |= set(_attached(blocks, i))
    return _assemble(text, blocks, candidates, removed | dropped, added, nl)


def _with_strays(text: str, blocks: list[_Block], touched: set[int], path: str) -> list[_Block]:
    """``blocks`` where each touched entry that a stray ``}`` closed early takes in the text
    after it whose fields the reader added to it (so patching or cutting it takes them too)."""
    out = list(blocks)
    for i in sorted(touched):
        b = blocks[i]
        if i + 1 >= len(blocks) or blocks[i + 1].kind != "comment" or b.work is None:
            continue
        alone = _read_back(text, blocks, {i: text[b.start : b.end]}, "", path)
        if alone and _bare(alone[0]) != _bare(b.work):
            after = blocks[i + 1]
            out[i] = replace(b, end=after.end)
            out[i + 1] = replace(after, kind="taken", start=after.end)
    return out


def _patch_entries(
    text: str,
    blocks: list[_Block],
    changed: dict[int, Work],
    stored: dict[int, Work],
    nl: str,
    path: str,
) -> dict[int, str]:
    """The new text of each changed entry: the smallest patch that reads back right."""
    olds = {i: split_entry(text[blocks[i].start : blocks[i].end]) for i in changed}
    # an entry is folded (see _bibtex_write) only when it was: one written by hand is
    # patched field by field, whatever its width
    fold = {i: folded(olds[i]) for i in changed}
    news = {
        i: split_entry(write_bibtex([_bare(w)], fold=fold[i]).replace("\n", nl))
        for i, w in changed.items()
    }
    out: dict[int, str] = {}
    todo = set(changed)
    for attempt in ("minimal", "fields", "whole"):
        if not todo:
            break
        trial: dict[int, str] = {}
        for i in sorted(todo):
            old, new = olds[i], news[i]
            old_work = blocks[i].work
            if attempt == "whole" or old is None or new is None or old_work is None:
                whole = write_bibtex([_bare(changed[i])], fold=fold[i])
                trial[i] = whole.replace("\n", nl).rstrip("\r\n")
            else:
                trial[i] = patch_entry(old, new, old_work, stored[i], nl, attempt == "minimal")
        got = _read_back(text, blocks, trial, "", path)
        ok = len(got) == len(trial)
        for n, i in enumerate(sorted(trial)):
            if ok and _bare(got[n]) == _bare(stored[i]):
                out[i] = trial[i]
                todo.discard(i)
    if todo:
        key = changed[min(todo)].key
        raise InputError(
            f"cannot rewrite {entry_name(key)} so it reads back as intended; nothing was changed",
            path=path,
        )
    return out


def _attached(blocks: list[_Block], i: int) -> list[int]:
    """The ``@preamble`` blocks the reader gives the entry ``blocks[i]``: those after the
    entry before it."""
    out = []
    j = i - 1
    while j >= 0 and blocks[j].kind != "entry":
        if blocks[j].kind == "preamble":
            out.append(j)
        j -= 1
    return out


def _cut_block(text: str, block: _Block, new: str) -> tuple[int, int, str]:
    """A cut replacing ``block`` and the white space after it by ``new``."""
    end = block.end
    while end < len(text) and text[end] in " \t\r\n":
        end += 1
    return block.start, end, new


def _assemble(
    text: str,
    blocks: list[_Block],
    candidates: dict[int, str],
    removed: set[int],
    added: Sequence[Work],
    nl: str,
) -> Iterator[str]:
    """The new text a piece at a time: blocks kept, patched or cut (``removed``: entries and
    preambles), and the ``added`` works' entries appended."""
    cuts: list[tuple[int, int, str]] = []
    for i, text_new in candidates.items():
        cuts.append((blocks[i].start, blocks[i].end, text_new))
    for i in removed:
        cuts.append(_cut_block(text, blocks[i], ""))
    ends = ""  # the end of the text so far
    pos = 0
    for start, end, new in sorted(cuts):
        yield text[pos:start]
        yield new
        ends = (ends + text[max(pos, start - 2) : start] + new[-2:])[-2:]
        pos = end
    last_entry = max((b.end for b in blocks if b.kind == "entry"), default=0)
    tail = [b.start for b in blocks if b.kind == "preamble" and b.start >= last_entry]
    # new entries go at the end, or before the first @preamble after the last entry (it
    # is the next entry's, and they are not); text between that entry and the preamble
    # stays with the entry (the reader may take a stray brace's leftovers as its fields)
    split = max(pos, tail[0]) if added and tail else len(text)
    yield text[pos:split]
    if added:
        ends = (ends + text[max(pos, split - 2) : split])[-2:]
        if ends and not ends.endswith("\n"):
            yield nl
        if _kept_words(text, cuts, split):
            yield nl
        for piece in bibtex_pieces(added):
            yield piece.replace("\n", nl)
        if split < len(text):
            yield nl + text[split:].lstrip("\r\n")


_WORD = re.compile(r"\S")


def _kept_words(text: str, cuts: list[tuple[int, int, str]], split: int) -> bool:
    """Whether the new text before ``split`` holds more than white space (then the new
    entries are set apart from it by a blank line)."""
    pos = 0
    for start, end, new in sorted(cuts):
        if _WORD.search(text, pos, start) or new.strip():
            return True
        pos = end
    return bool(_WORD.search(text, pos, split))
