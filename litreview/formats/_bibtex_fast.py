"""A fast reading of well-formed BibTeX entries; everything else is bibtexparser's.

bibtexparser's splitter steps through a file one mark (``{ } " , =`` and every newline) at
a time in Python, which was most of the time of reading a large ``corpus.bib``. Most
entries have one plain shape, ``@type{key, name = {value}, name = "value", name = 2019}``,
which a few regular expressions read at C speed.

The file is cut where a block starts a line (``@name{`` or ``@name(`` after white space
only): there bibtexparser's splitter is always outside any block (it ends an unclosed block
at such a start), so each part between two cuts reads alone exactly as within the whole
file. A part that is one entry of the plain shape, then white space, is read here, into the
same fields and lines bibtexparser gives; any other part (``@string``, ``@preamble``,
``@comment``, text between entries, ``#`` concatenation, deep braces, a missing comma ...)
is handed to bibtexparser. A citekey used twice is told as bibtexparser's library tells it.
A text with a backslash before a newline (bibtexparser then does not count the line) is
handed over whole.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

import bibtexparser
from bibtexparser import model as bm

from litreview.core.limits import MAX_BIBTEX_MENDS, MAX_FILE_MENDS
from litreview.formats._bibtex_mend import Note, mend

__all__ = ["FastEntry", "FastField", "blocks", "fields"]


class FastField(NamedTuple):
    """A field as :class:`bibtexparser.model.Field` has it (``start_line``: of its ``=``)."""

    key: str
    value: str
    start_line: int


class FastEntry(NamedTuple):
    """An entry as :class:`bibtexparser.model.Entry` has it (lines 0-based); its fields as
    ``(name, value)`` pairs, and where they are in ``text`` (:func:`fields` gives them with
    their lines, which only a problem needs)."""

    entry_type: str
    key: str
    pairs: list[tuple[str, str]]
    start_line: int
    raw: str
    text: str
    body: int  # where the fields start in text
    end: int  # where the entry's part of text ends


# A block start at the start of a line (the position of its "@" is the match's end).
_CUT = re.compile(r"\n[^\S\n]*+(?=@\w*[ \t]*[{(])")
_HEAD = re.compile(r"[^\S\n]*+@(\w+)[ \t]*\{\s*([^\s,{}()\"=@#%\\]+)\s*,")
# A braced value nests up to three levels; a backslash hides the one character after it
# from the splitter, so "\\{" is an escaped brace and "\\\\{" a TeX line break before a
# brace that counts (a run of backslashes is read two by two).
_IN = r"(?:[^{}\\]++|\\.)"
_BRACED = rf"\{{(?:{_IN}|\{{(?:{_IN}|\{{{_IN}*+\}})*+\}})*+\}}"
_QUOTED = r'"(?:[^"\\{}]++|\\++[^{}])*+"'
_BARE = r"[^\s,{}()\"=@#%\\]++"
_NAME = r"[^\s,{}()\"=@#%\\]++"
_FIELD = re.compile(
    rf"\s*+({_NAME})\s*+(=)\s*+({_BRACED}|{_QUOTED}|{_BARE})\s*+(?:,|(?=\}}))", re.DOTALL
)
# The same fields, as (name, value) pairs; and the whole rest of an entry of such fields.
_PAIR = re.compile(
    rf"\s*+({_NAME})\s*+=\s*+({_BRACED}|{_QUOTED}|{_BARE})\s*+(?:,|(?=\}}))", re.DOTALL
)
_BODY = re.compile(
    rf"(?:\s*+{_NAME}\s*+=\s*+(?:{_BRACED}|{_QUOTED}|{_BARE})\s*+(?:,|(?=\}})))++\s*+\}}\s*+",
    re.DOTALL,
)
_FIRST = re.compile(r"[^\S\n]*+@\w*[ \t]*[{(]")
# "@Comment" that opens a line and no block ("@Comment booktitle = ..." lines, DBLP's way
# of leaving a field out): a comment line, as a "%" line is (same length, so lines and
# offsets stand); bibtexparser read it as a block, and its quote ran into the next entry
_COMMENT_LINE = re.compile(r"^([ \t]*+)@(?=comment\b(?![ \t]*+[{(]))", re.I | re.M)
_START = re.compile(r"@\w*[ \t]*[{(]")
_END = re.compile(r"\s*+\}\s*+")
_NOT_ENTRIES = ("comment", "preamble", "string")
Item = tuple[int, FastEntry | bm.Block | Note]


def blocks(text: str, *, with_raw: bool) -> Iterator[Item]:
    """The blocks of ``text`` in file order, each with the lines to add to its lines (0 for
    an entry read here, whose lines count from the start of ``text``); ``with_raw``: keep
    each entry's text (``raw``)."""
    keys = _Keys()
    text = _COMMENT_LINE.sub(r"\1%", text)
    if "\\\n" in text:
        yield from _handed(text, 0, len(text), 0, keys)
        return
    cuts = [0] if _FIRST.match(text) else []
    cuts += [m.end() for m in _CUT.finditer(text)]
    cuts.append(len(text))
    pending, pending_line = 0, 0  # the text not read yet, handed over in one piece
    line, counted = 0, 0
    for start, end in itertools.pairwise(cuts):
        line += text.count("\n", counted, start)
        counted = start
        entry = _entry(text, start, end, line, with_raw)
        if entry is None:
            continue
        if pending < start:  # first, so that its citekeys count as seen
            yield from _handed(text, pending, start, pending_line, keys)
            pending, pending_line = start, line
        if entry.key in keys.entries:
            continue
        keys.entries.add(entry.key)
        yield 0, entry
        pending, pending_line = end, line + text.count("\n", start, end)
    if pending < len(text):
        yield from _handed(text, pending, len(text), pending_line, keys)


def _entry(text: str, start: int, end: int, line: int, with_raw: bool) -> FastEntry | None:
    """The entry that is all of ``text[start:end]`` but white space after it, when it has
    the plain shape; else ``None``."""
    head = _HEAD.match(text, start, end)
    if head is None:
        return None
    entry_type = head.group(1).lower()
    if entry_type.startswith(_NOT_ENTRIES):
        return None
    at = head.start(1) - 1
    if _BODY.fullmatch(text, head.end(), end) is None:
        return None
    pairs = _PAIR.findall(text, head.end(), end)
    if len({name for name, _ in pairs}) != len(pairs):  # bibtexparser reports a repeat
        return None
    raw = text[at : text.rindex("}", at, end) + 1] if with_raw else ""
    line_at = line + text.count("\n", start, at)
    return FastEntry(entry_type, head.group(2), pairs, line_at, raw, text, head.end(), end)


def fields(entry: FastEntry) -> list[FastField]:
    """The fields of ``entry``, each with the line of its ``=``."""
    out = []
    pos, line = entry.body, entry.start_line
    counted = entry.text.rindex("@", 0, entry.body)  # the entry's "@", on its first line
    while m := _FIELD.match(entry.text, pos, entry.end):
        equals = m.start(2)
        line += entry.text.count("\n", counted, equals)
        counted = equals
        out.append(FastField(m.group(1), m.group(3), line))
        pos = m.end()
    return out


class _Keys:
    """The citekeys of entries and ``@string`` names seen so far (a repeat is a
    :class:`bibtexparser.model.DuplicateBlockKeyBlock`, as bibtexparser's library makes it)."""

    def __init__(self) -> None:
        self.entries: set[str] = set()
        self.strings: set[str] = set()
        self.mends = 0  # entries mended so far (see _handed)

    def check(self, block: bm.Block) -> bm.Block:
        """``block``, or a duplicate-key block when its key was seen before."""
        if isinstance(block, bm.Entry):
            seen = self.entries
        elif isinstance(block, bm.String):
            seen = self.strings
        else:
            return block
        if block.key not in seen:
            seen.add(block.key)
            return block
        return bm.DuplicateBlockKeyBlock(
            start_line=block.start_line,
            raw=block.raw,
            key=block.key,
            previous_block=block,
            duplicate_block=block,
        )


def _handed(
    text: str, start: int, end: int, line: int, keys: _Keys, depth: int = 0
) -> Iterator[Item]:
    """The blocks bibtexparser's splitter reads in ``text[start:end]`` (a part that starts
    outside any block), each with ``line``, the lines before the part.

    The part is read with the start of the block after it (``@name{``), as within the whole
    text: a block the part leaves open then fails on it as it would there (and says so in
    the same words); the block that start makes on its own is dropped. An entry the splitter
    gives up on for a fault :func:`~._bibtex_mend.mend` mends is read again, mended, from its
    start to the next block start (at most ``MAX_BIBTEX_MENDS`` deep in one entry), and the
    part goes on from there; each mend is a :class:`~._bibtex_mend.Note`.
    """
    after = _START.match(text, end)
    part = text[start : after.end() if after else end]
    found = _split(part)
    if after and found and isinstance(found[-1], bm.ParsingFailedBlock):
        found = found[:-1]
    lines = _Lines(part)
    resume = -1  # after a mend, the blocks of lines before this one were read mended
    for block in found:
        if block.start_line is not None and block.start_line < resume:
            continue
        if isinstance(block, bm.DuplicateBlockKeyBlock) and block.ignore_error_block is not None:
            # a repeat of a key the splitter saw: _Keys decides, since the first may have
            # been in text read again mended (and not read there)
            block = block.ignore_error_block
        fix = mend(block, part) if isinstance(block, bm.ParsingFailedBlock) else None
        if fix is None or depth >= MAX_BIBTEX_MENDS or keys.mends >= MAX_FILE_MENDS:
            yield line, keys.check(block)
            continue
        keys.mends += 1
        first = lines.before(fix.start)
        yield line, Note(lines.before(fix.fault), fix.message)
        # the entry, mended, up to the next block start (where the splitter is outside any
        # block, so the blocks read from there on stand as read)
        cut = _CUT.search(part, fix.fault, end - start)
        stop = cut.end() if cut else end - start
        tail = _START.match(text, start + stop)
        upto = start + stop + (tail.end() - tail.start() if tail else 0)
        region = fix.apply(text[start + fix.start : upto], fix.start)
        rest = len(region) - (upto - start - stop)
        yield from _handed(region, 0, rest, line + first, keys, depth + 1)
        # the blocks before the cut (a line start) were read mended; with no cut, every
        # block left in the part was, even one on the mended entry's own line
        resume = lines.before(stop) if cut else _EVERY_LINE


_EVERY_LINE = 1 << 62  # a line number past any text's
# bibtexparser's splitter takes a brace after a backslash as escaped, even after an escaped
# backslash ("\\\\{", a TeX line break and a brace that counts): the text it reads has each
# pair of backslashes (read two by two from the left, as TeX does) as two NUL characters,
# which no file litreview reads holds, and its blocks have them back
_BACKSLASHES = "\\\\"
_MASK = "\x00\x00"


def _split(part: str) -> list[bm.Block]:
    """The blocks bibtexparser's splitter reads in ``part``, backslashes read as TeX does."""
    if _BACKSLASHES not in part or "\x00" in part:  # (a NUL: a file never read, a test's)
        return list(bibtexparser.parse_string(part, parse_stack=[]).blocks)
    found = bibtexparser.parse_string(part.replace(_BACKSLASHES, _MASK), parse_stack=[]).blocks
    for block in found:
        _unmask(block)
    return list(found)


def _unmask(block: bm.Block) -> None:
    """``block`` (and the blocks it holds) with its masked backslashes back."""
    if block.raw:
        block._raw = block.raw.replace(_MASK, _BACKSLASHES)  # (raw has no setter)
    if isinstance(block, bm.Entry):
        block.key = block.key.replace(_MASK, _BACKSLASHES)
        for f in block.fields:
            if isinstance(f.value, str):
                f.value = f.value.replace(_MASK, _BACKSLASHES)
    elif isinstance(block, (bm.String, bm.Preamble)):
        if isinstance(block.value, str):
            block.value = block.value.replace(_MASK, _BACKSLASHES)
    elif isinstance(block, (bm.ImplicitComment, bm.ExplicitComment)):
        block.comment = block.comment.replace(_MASK, _BACKSLASHES)
    for inner in ("ignore_error_block", "previous_block", "duplicate_block"):
        held = getattr(block, inner, None)
        if isinstance(held, bm.Block) and held is not block:
            _unmask(held)


class _Lines:
    """The lines of a text before a position, counted forward only (positions asked in
    order: a part's mends are counted in one pass, however many)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.count = 0

    def before(self, pos: int) -> int:
        """The newlines of the text before ``pos`` (not before the last position asked)."""
        self.count += self.text.count("\n", self.pos, pos)
        self.pos = max(self.pos, pos)
        return self.count
