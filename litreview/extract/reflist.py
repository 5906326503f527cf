"""A document's reference list: the section a references heading opens, cut into entries.

The section comes from :func:`.layout.back_matter` (its heading is one of the reference
words of ``data/document_layout.yaml``). Its entries are numbered (``1.``, ``[1]``, ``1)``,
``1 ``: each label opens an entry) or not; unnumbered entries are one a list item (``- ``,
``* ``, ``• ``, the bullet left out), one a paragraph, or, in hard-wrapped text, one from a
line that opens after a line ending a sentence. Every entry
keeps its offsets, so ``text[start:end]`` is the entry as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from litreview.core.limits import MAX_LABEL_DIGITS
from litreview.extract._text import NOTE_DEFINITION, Line
from litreview.extract.layout import back_matter, is_heading

__all__ = ["RefEntry", "reference_entries", "reference_sections"]

_DIGITS = rf"\d{{1,{MAX_LABEL_DIGITS}}}"
_NUMBERED = re.compile(rf"^\s*(?:\[(?P<br>{_DIGITS})\]|(?P<n>{_DIGITS})[.)]?)\s+(?=\S)")
_ENDS_ENTRY = re.compile(r"(?:[.)\]]|\d|https?://\S+|doi\S+)\s*$", re.I)
# an entry opens with a capital or a quote, or with a rule standing for the author of the
# entry before ("------. Title", "———, Title")
_OPENS_ENTRY = re.compile(r"^\s*(?:[A-Z\u00C0-\u024F\"“‘'_*]|(?:-{3,}|[—–]{2,}))")
# a list item's bullet ("- ", "* ", "• "): each opens an entry, and is no part of it
_BULLET = re.compile(r"^\s*[-*•▪‣◦]\s+(?=\S)")


@dataclass(frozen=True, slots=True, kw_only=True)
class RefEntry:
    """One entry of a reference list: its order, its printed number (if any), its text."""

    index: int
    label: int | None
    raw: str
    start: int
    end: int
    line: int


def reference_sections(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """``(first, last)`` line indices of every reference-list section: those a references
    heading opens, and those whose paragraphs are nearly all references by their shape
    (a list of studies under a heading of its own words). A heading with no line under it
    opens no section. A section ends before the notes' texts (``[^N]: text``) that a
    document's reader writes after its body."""
    named = [
        (s.first, _before_prose(lines, s.first, _before_notes(lines, s.first, s.last)))
        for s in back_matter(lines)
        if s.kind == "references" and s.first <= s.last
    ]
    shaped = [
        (a, _before_notes(lines, a, b))
        for a, b in _shaped_sections(lines)
        if not _inside((a, b), named)
    ]
    return sorted((a, b) for a, b in named + shaped if a <= b)


def _before_notes(lines: Sequence[Line], first: int, last: int) -> int:
    """The last line of lines ``first..last`` before the first note's text (``[^N]:``)."""
    found = (i - 1 for i in range(first, last + 1) if NOTE_DEFINITION.match(lines[i].text))
    return next(found, last)


_AUTHOR_START = re.compile(
    r"^\s*(?:[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?, [A-Z]|[A-Z][\w'’\-]+ [A-Z]{1,3}[,.])"
)
_A_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_SHAPED_MIN = 0.75


def _looks_like_entry(paragraph: str) -> bool:
    """A paragraph shaped like a reference: an author's name first, a year, and a title."""
    from litreview.extract.citations import looks_like_reference

    return bool(
        _AUTHOR_START.match(paragraph)
        and _A_YEAR.search(paragraph)
        and looks_like_reference(paragraph)
    )


def _shaped_sections(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Sections between headings whose paragraphs are references by shape."""
    heads = [i for i, ln in enumerate(lines) if _alone(lines, i) and is_heading(ln.text)]
    out: list[tuple[int, int]] = []
    previous = ""
    for k, h in enumerate(heads):
        end = heads[k + 1] - 1 if k + 1 < len(heads) else len(lines) - 1
        paras = _paragraphs(lines, h + 1, end)
        good = sum(1 for _, p in paras if _looks_like_entry(p))
        title = lines[h].text.strip()
        if paras and good >= _SHAPED_MIN * len(paras) and (good >= 2 or title == previous):
            out.append((_after_prose(paras), end))
            previous = title
    return out


def _before_prose(lines: Sequence[Line], first: int, last: int) -> int:
    """The last line of a headed list: it ends before the first paragraph, once entries have
    begun, that opens in capitals as a text of its own (not an entry's rest after a page
    break) and reads as prose with no year and as no reference (what follows the list on
    the last pages: an organisation's mission statement, ordering and contact details)."""
    from litreview.extract.citations import looks_like_reference
    from litreview.extract.note_text import is_prose

    seen = False
    for start, p in _paragraphs(lines, first, last):
        if not seen:
            seen = bool(_A_YEAR.search(p)) or looks_like_reference(p)
        elif (
            p[:1].isupper()
            and not _A_YEAR.search(p)
            and is_prose(p)
            and not looks_like_reference(p)
        ):
            return start - 1
    return last


def _after_prose(paras: list[tuple[int, str]]) -> int:
    """The first line of a shaped section once the prose paragraphs that open it (body text
    above a list with no heading of its own) are left to the body."""
    from litreview.extract.note_text import is_prose

    for first, p in paras:
        if _looks_like_entry(p) or not is_prose(p):
            return first
    return paras[0][0]


def _paragraphs(lines: Sequence[Line], first: int, last: int) -> list[tuple[int, str]]:
    """The paragraphs of lines ``first..last``: (index of the paragraph's first line, its
    lines joined into one string)."""
    out: list[tuple[int, list[str]]] = []
    fresh = True
    for i in range(first, last + 1):
        text = lines[i].text.strip()
        if not text:
            fresh = True
        elif fresh:
            out.append((i, [text]))
            fresh = False
        else:
            out[-1][1].append(text)
    return [(i, " ".join(p)) for i, p in out]


def _alone(lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` has a blank line (or the text's edge) above and below."""
    before = i == 0 or not lines[i - 1].text.strip()
    after = i + 1 == len(lines) or not lines[i + 1].text.strip()
    return before and after


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps one of ``spans``."""
    return any(a <= span[1] and span[0] <= b for a, b in spans)


def reference_entries(
    text: str, lines: Sequence[Line], sections: Sequence[tuple[int, int]] | None = None
) -> list[RefEntry]:
    """The entries of every reference list of the document (``sections``: as
    :func:`reference_sections` gives them, when already known), in order."""
    out: list[RefEntry] = []
    for first, last in reference_sections(lines) if sections is None else sections:
        body = [ln for ln in lines[first : last + 1]]
        out += _entries(text, body, len(out))
    return out


def _entries(text: str, lines: Sequence[Line], offset: int) -> list[RefEntry]:
    """The entries of one section's lines."""
    filled = [ln for ln in lines if ln.text.strip()]
    if not filled:
        return []
    numbered = sum(1 for ln in filled if _NUMBERED.match(ln.text)) >= 0.5 * len(filled)
    # a bulleted list: only a bullet opens an entry (an item's lines wrap under it)
    bulleted = not numbered and bool(_BULLET.match(filled[0].text))
    groups: list[list[Line]] = []
    previous: Line | None = None
    for ln in lines:
        if not ln.text.strip():
            previous = None
            continue
        if bulleted:
            opens = not groups or _BULLET.match(ln.text) is not None
        else:
            opens = not groups or _opens(ln, previous, numbered, groups[-1])
        if opens:
            groups.append([ln])
        else:
            groups[-1].append(ln)
        previous = ln
    groups = [g for g in groups if not _is_subheading(g)]
    return [_entry(text, g, offset + k, numbered) for k, g in enumerate(groups, start=1)]


def _is_subheading(group: list[Line]) -> bool:
    """Whether a group of lines is a heading inside the list (the list's title repeated at
    the top of a page, the title of a part of it), not an entry: one line that reads as a
    heading and does not end as an entry does."""
    return len(group) == 1 and is_heading(group[0].text) and not _ENDS_ENTRY.search(group[0].text)


def _opens(ln: Line, previous: Line | None, numbered: bool, entry: list[Line]) -> bool:
    """Whether ``ln`` opens a new entry (``previous`` is the line before, None after a blank;
    ``entry`` the lines of the entry so far). A numbered entry opens with the number after
    the last one; after a blank, a line that does not open as an entry does (in capitals or
    quotes) continues the entry before (an entry broken by a page)."""
    if numbered:
        m = _NUMBERED.match(ln.text)
        return m is not None and _label(m) == (_label(_NUMBERED.match(entry[0].text)) or 0) + 1
    if previous is None:
        return bool(_OPENS_ENTRY.match(ln.text))
    return bool(_ENDS_ENTRY.search(previous.text) and _OPENS_ENTRY.match(ln.text))


def _label(m: re.Match[str] | None) -> int | None:
    """The number a label match gives (``None`` without a match)."""
    return int(m.group("br") or m.group("n")) if m else None


def _entry(text: str, group: list[Line], index: int, numbered: bool) -> RefEntry:
    """The entry a group of lines makes."""
    first = group[0]
    lead = len(first.text) - len(first.text.lstrip())
    label = None
    m = _NUMBERED.match(first.text) if numbered else None
    if m:
        label = int(m.group("br") or m.group("n"))
        lead = m.end()
    elif bullet := _BULLET.match(first.text):
        lead = bullet.end()
    start = first.start + lead
    last = group[-1]
    end = last.start + len(last.text.rstrip())
    raw = " ".join(text[start:end].split())
    return RefEntry(index=index, label=label, raw=raw, start=start, end=end, line=first.number)
