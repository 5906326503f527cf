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
  ``@preamble`` blocks that belonged to it.

A file that is not BibTeX (free text and no entry, or anything the reader reports as an
error) raises :class:`~litreview.core.errors.InputError` naming the file and line: it is
never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import bibtexparser
from bibtexparser import model as bm

from litreview.core.errors import InputError, LitreviewError, Problem
from litreview.core.model import Work
from litreview.formats import _bibtex_maps as maps
from litreview.formats._bibtex_prepare import is_placeholder, mark_keyless, quiet
from litreview.formats.bibtex import read_bibtex, write_bibtex

__all__ = ["CorpusChanges", "check_bibtex", "corpus_changes", "patch_bibtex"]

_HEADER = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]*)[ \t\r\n]*,")
_NAME = re.compile(r"[ \t\r\n]*([^\s=,{}\"#()]+)([ \t\r\n]*)=([ \t\r\n]*)")
_WORD = re.compile(r"[^\s\"#%'(),={}]+")
_TOKEN = re.compile(r'\\.|[{}"]', re.DOTALL)
_SPACE = re.compile(r"[ \t\r\n]*")
_COMMENT_LINE = re.compile(r"^[ \t]*(%.*)?$")

# Field name (lowercase) -> the part of a work it is read into; any other field is
# "extra:<name>" (an unmodelled field, kept under its own name).
_GROUPS = {
    "author": "authors",
    "editor": "editors",
    "title": "title",
    "journal": "container",
    "journaltitle": "container",
    "booktitle": "container",
    "year": "issued",
    "month": "issued",
    "date": "issued",
    "volume": "volume",
    "number": "issue",
    "pages": "pages",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "organization": "publisher",
    "address": "place",
    "location": "place",
    "doi": "doi",
    "url": "url",
    "urldate": "accessed",
    "note": "note",
    "abstract": "abstract",
    "keywords": "keywords",
    "entrysubtype": "type",
    maps.CSLTYPE_FIELD: "type",
}
# Marks in Work.extra that belong to a group rather than to a field of their own.
_MARK_GROUPS = {
    maps.MARK_TYPE: "type",
    maps.MARK_CONTAINER: "container",
    maps.MARK_PUBLISHER: "publisher",
}


@dataclass(frozen=True, slots=True)
class CorpusChanges:
    """What a save does to a file: citekeys of works added, changed and removed."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Field:
    """One field of an entry: ``lead`` (the separator before it, comma included after the
    first), ``name``, ``mid`` (from the name to the value: ``" = "``) and the raw value."""

    lead: str
    name: str
    mid: str
    value: str


@dataclass(frozen=True, slots=True)
class _Entry:
    """An entry's text in parts: ``@type{key,``, its fields, and the text after the last."""

    etype: str
    key: str
    head: str
    type_at: int
    key_at: int
    fields: tuple[_Field, ...]
    tail: str

    def with_header(self, etype: str, key: str) -> _Entry:
        """This entry with another type or key, its header otherwise as written."""
        h = self.head
        head = (
            h[: self.type_at]
            + etype
            + h[self.type_at + len(self.etype) : self.key_at]
            + key
            + h[self.key_at + len(self.key) :]
        )
        return replace(self, etype=etype, key=key, head=head)

    def text(self) -> str:
        """The entry as text again."""
        return (
            self.head
            + "".join(f.lead + f.name + f.mid + f.value for f in self.fields)
            + (self.tail)
        )


@dataclass(frozen=True, slots=True)
class _Block:
    """One block of the file: its kind, span in the text, and (an entry) its work."""

    kind: str
    start: int
    end: int
    work: Work | None = None


def _value_end(raw: str, pos: int) -> int | None:
    """The end of the value expression starting at ``pos`` (``None``: not a value)."""
    while True:
        if pos >= len(raw):
            return None
        ch = raw[pos]
        if ch in '{"':
            end = _group_end(raw, pos)
            if end is None:
                return None
        else:
            m = _WORD.match(raw, pos)
            if not m:
                return None
            end = m.end()
        after = _SPACE.match(raw, end)
        nxt = after.end() if after else end
        if nxt < len(raw) and raw[nxt] == "#":
            space = _SPACE.match(raw, nxt + 1)
            pos = space.end() if space else nxt + 1
            continue
        return end


def _group_end(raw: str, start: int) -> int | None:
    """Just past the ``}`` or ``"`` closing the group opened at ``start``."""
    depth = 0
    closer = "}" if raw[start] == "{" else '"'
    for m in _TOKEN.finditer(raw, start + 1):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            if depth == 0:
                return m.end() if closer == "}" else None
            depth -= 1
        elif tok == '"' and closer == '"' and depth == 0:
            return m.end()
    return None


def _split_entry(raw: str) -> _Entry | None:
    """``raw`` (one entry) in parts; ``None`` when its layout is not the plain one."""
    head = _HEADER.match(raw)
    if not head:
        return None
    pos = head.end()
    fields: list[_Field] = []
    lead_start = pos
    while True:
        m = _NAME.match(raw, pos)
        if not m:
            break
        end = _value_end(raw, m.end())
        if end is None:
            return None
        name_at = m.start(1)
        fields.append(
            _Field(
                lead=raw[lead_start:name_at],
                name=m.group(1),
                mid=raw[m.end(1) : m.end()],
                value=raw[m.end() : end],
            )
        )
        space = _SPACE.match(raw, end)
        pos = space.end() if space else end
        if pos < len(raw) and raw[pos] == ",":
            lead_start = end
            pos += 1
            continue
        break
    end = len(head.group(0)) + sum(
        len(f.lead) + len(f.name) + len(f.mid) + len(f.value) for f in fields
    )
    if raw[end:].strip(" \t\r\n,") not in ("}", ")"):
        return None
    return _Entry(
        etype=head.group(1),
        key=head.group(2),
        head=raw[: head.end()],
        type_at=head.start(1),
        key_at=head.start(2),
        fields=tuple(fields),
        tail=raw[end:],
    )


def _group(name: str) -> str:
    """The part of a work the field ``name`` is read into."""
    low = name.lower()
    return _GROUPS.get(low, "extra:" + low)


def _differs(old: Work, new: Work, group: str) -> bool:
    """Whether ``old`` and ``new`` differ in ``group``."""
    if group.startswith("extra:"):
        name = group[6:]
        return [v for n, v in old.extra if n.lower() == name] != [
            v for n, v in new.extra if n.lower() == name
        ]
    marks = [m for m, g in _MARK_GROUPS.items() if g == group]
    if any(old.extra_value(m) != new.extra_value(m) for m in marks):
        return True
    return bool(getattr(old, group) != getattr(new, group))


def _style_value(value: str, quoted: bool) -> str:
    """A braced ``{value}`` as ``"value"`` when the entry quotes its values and it can."""
    if quoted and value.startswith("{") and value.endswith("}") and '"' not in value:
        return '"' + value[1:-1] + '"'
    return value


def _new_lead(old: _Entry, nl: str) -> str:
    """The separator before an appended field: the one before the entry's last field."""
    if not old.fields:
        return nl + "  "
    last = old.fields[-1]
    gap = last.lead.lstrip(",")
    if gap.strip():
        gap = nl + "  "
    return "," + gap


def _new_mid(old: _Entry, name: str) -> str:
    """``" = "`` for an appended field, aligned as the entry's own fields are."""
    if not old.fields:
        return " = "
    widths = {len(f.name) + len(f.mid) - len(f.mid.lstrip(" \t")) for f in old.fields}
    last = old.fields[-1]
    after = last.mid[last.mid.index("=") :]
    before = last.mid[: last.mid.index("=")]
    if len(old.fields) > 1 and len(widths) == 1 and len({len(f.name) for f in old.fields}) > 1:
        return " " * max(1, widths.pop() - len(name)) + after
    return (before if "\n" not in before else " ") + after


def _patched(
    old: _Entry, new: _Entry, old_work: Work, new_work: Work, nl: str, minimal: bool
) -> str:
    """``old`` with the fields of the groups that differ taken from ``new`` (``minimal``),
    or with every field whose value differs taken from ``new`` (already in ``nl`` line
    endings)."""
    new_fields = {f.name.lower(): f for f in new.fields}
    old_names = {f.name.lower() for f in old.fields}
    quoted = bool(old.fields) and all(f.value.startswith('"') for f in old.fields)

    def wanted(name: str) -> bool:
        return not minimal or _differs(old_work, new_work, _group(name))

    kept: list[_Field] = []
    for f in old.fields:
        low = f.name.lower()
        if not wanted(low):
            kept.append(f)
        elif low in new_fields:
            value = new_fields[low].value
            if value != f.value:
                value = _style_value(value, f.value.startswith('"'))
            kept.append(replace(f, value=value))
    if kept and old.fields and kept[0].lead != old.fields[0].lead:
        kept[0] = replace(kept[0], lead=old.fields[0].lead)
    for f in new.fields:
        low = f.name.lower()
        if low in old_names or not wanted(low):
            continue
        lead = _new_lead(old, nl) if kept else (old.fields[0].lead if old.fields else nl + "  ")
        value = _style_value(f.value, quoted)
        kept.append(_Field(lead=lead, name=f.name, mid=_new_mid(old, f.name), value=value))
    if old.etype.lower() != new.etype.lower() or old.key != new.key:
        etype = old.etype if old.etype.lower() == new.etype.lower() else new.etype
        old = old.with_header(etype, new.key)
    tail = old.tail
    if not old.fields and kept and not tail.startswith(("\n", "\r")):
        tail = nl + tail.lstrip(" \t")
    return replace(old, fields=tuple(kept), tail=tail).text()


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
    with quiet():
        parsed = bibtexparser.parse_string(marked, parse_stack=[]).blocks
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


def _check(text: str, path: str) -> list[_Block]:
    """The blocks of ``text`` with their works; an error if it is not BibTeX litreview can
    edit."""
    works, problems = read_bibtex(text, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise _error(errors[0])
    blocks = _blocks(text, works, path)
    if not works and any(b.kind == "comment" and _free_text(text[b.start : b.end]) for b in blocks):
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


def corpus_changes(old: Sequence[Work], new: Sequence[Work]) -> CorpusChanges:
    """Citekeys of the works of ``new`` not in ``old``, changed, and of ``old`` not in ``new``
    (by citekey and equality of the works; the writer's normal form is not considered)."""
    before = {w.key: w for w in old}
    after = {w.key: w for w in new}
    return CorpusChanges(
        added=tuple(sorted(after.keys() - before.keys())),
        changed=tuple(sorted(k for k in after.keys() & before.keys() if after[k] != before[k])),
        removed=tuple(sorted(before.keys() - after.keys())),
    )


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


def patch_bibtex(text: str, works: Sequence[Work], path: str = "<string>") -> str:
    """The new text of the BibTeX file holding ``text``, so that it holds ``works``.

    See the module docstring for what is kept. Raises :class:`InputError` (nothing changed)
    when ``text`` is not BibTeX litreview reads without an error.
    """
    if not text.strip():
        return write_bibtex(sorted(works, key=lambda w: w.key))
    blocks = _check(text, path)
    nl = _newline(text)
    matched = _match(blocks, works)
    seen = {id(w) for w in matched.values() if w is not None}
    added = sorted((w for w in works if id(w) not in seen), key=lambda w: w.key)
    changed = {i: w for i, w in matched.items() if w is not None and w != blocks[i].work}
    stored = dict(zip(changed, _stored(list(changed.values()), path), strict=True))
    changed = {i: w for i, w in changed.items() if stored[i] != blocks[i].work}
    removed = {i for i, w in matched.items() if w is None}
    blocks = _with_strays(text, blocks, set(changed) | removed, path)
    candidates = _patch_entries(text, blocks, changed, stored, nl, path)
    for i in candidates:  # an @preamble the work took over in a merge goes before its entry
        had = _preambles(blocks[i].work)
        new_preambles = [v for v in _preambles(stored[i]) if v not in had]
        candidates[i] = "".join(f"@preamble{{{v}}}{nl}" for v in new_preambles) + candidates[i]
    appended = write_bibtex(added).replace("\n", nl) if added else ""
    if appended:
        got = _read_back(text, blocks, {}, appended, path)
        if [_bare(w) for w in got] != [_bare(w) for w in _stored(added, path)]:
            raise InputError(
                "cannot append the new entries so they read back as written "
                "(an @string redefines a month name?); nothing was changed",
                path=path,
            )
    return _assemble(text, blocks, candidates, removed, appended, nl)


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
    olds = {i: _split_entry(text[blocks[i].start : blocks[i].end]) for i in changed}
    news = {i: _split_entry(write_bibtex([_bare(w)]).replace("\n", nl)) for i, w in changed.items()}
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
                trial[i] = write_bibtex([_bare(changed[i])]).replace("\n", nl).rstrip("\r\n")
            else:
                trial[i] = _patched(old, new, old_work, stored[i], nl, attempt == "minimal")
        got = _read_back(text, blocks, trial, "", path)
        ok = len(got) == len(trial)
        for n, i in enumerate(sorted(trial)):
            if ok and _bare(got[n]) == _bare(stored[i]):
                out[i] = trial[i]
                todo.discard(i)
    if todo:
        key = changed[min(todo)].key
        raise InputError(
            f"cannot rewrite entry '{key}' so it reads back as intended; nothing was changed",
            path=path,
        )
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
    appended: str,
    nl: str,
) -> str:
    """The new text: blocks kept, patched or cut, and the new entries appended."""
    cuts: list[tuple[int, int, str]] = []
    for i, text_new in candidates.items():
        cuts.append((blocks[i].start, blocks[i].end, text_new))
    for i in removed:
        j = i - 1
        while j >= 0 and blocks[j].kind in ("preamble", "comment", "other"):
            if blocks[j].kind == "preamble":  # it belonged to the entry removed
                cuts.append(_cut_block(text, blocks[j], ""))
            j -= 1
        cuts.append(_cut_block(text, blocks[i], ""))
    pieces = []
    pos = 0
    for start, end, new in sorted(cuts):
        pieces.append(text[pos:start])
        pieces.append(new)
        pos = end
    last_entry = max((b.end for b in blocks if b.kind == "entry"), default=0)
    tail_has_preamble = any(b.kind == "preamble" and b.start >= last_entry for b in blocks)
    split = last_entry if appended and tail_has_preamble else len(text)
    pieces.append(text[pos:split])
    body = "".join(pieces)
    if appended:
        if body and not body.endswith("\n"):
            body += nl
        if body.strip():
            body += nl
        body += appended
        if split < len(text):
            body += nl + text[split:].lstrip("\r\n")
    return body
