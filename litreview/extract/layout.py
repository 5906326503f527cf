"""A document's layout read from its lines: headings, page furniture, back-matter sections.

Headings come from shape alone: a short line standing alone, starting with a capital,
without a final full stop (or a Markdown ``#`` heading, or a line in bold). Page furniture is
a short line that comes back three times or more once its digits are masked (running heads
and feet: ``Page 14 Report-26-107``). Back-matter sections are those whose heading names them
in :file:`litreview/data/document_layout.yaml` (``Notes``, ``Endnotes``, ``References``, ...):
the words are data, so another language or house style is a line in that file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from litreview.extract._text import Line
from litreview.extract.note_starts import label_at

__all__ = [
    "GLUED_MARK",
    "MARK",
    "PAREN_MARK",
    "SPACED_MARK",
    "Section",
    "back_matter",
    "continued_at",
    "furniture",
    "heading_text",
    "headings",
    "is_heading",
    "layout_words",
]

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARK = re.compile(
    rf"(?P<sup>(?<![{_SUP}])[{_SUP}]{{1,4}}(?![{_SUP}]))|\[\^?(?P<br>\d{{1,4}})\](?![(:])|\^(?P<caret>\d{{1,4}})"
    rf"|<sup>(?P<html>\d{{1,4}})</sup>"
)
# "(12)" after a word or a full stop: a marker only in a document that has no other kind
PAREN_MARK = re.compile(r"(?<=[\w.,;:”\"’)])\s?\((?P<paren>\d{1,3})\)(?![\w(])")
# "Medicare.1 The", "work,2 SSA": a number glued to a word or its punctuation, as text taken
# from a PDF without its superscripts writes a marker; only in a document with no other kind
GLUED_MARK = re.compile(r"(?:(?<=[A-Za-z][.,;:”’)])|(?<=[a-z]{2}))(?P<glued>\d{1,3})(?=\s|$)")
# "in 2005. 1 EIA also": a number standing alone between two sentences, as some converters
# write a superscript (or the last thing on a line: "hardship. 3"); only in a document with
# no other kind
SPACED_MARK = re.compile(
    r"(?:(?<=[a-z0-9][.,;:”’)])|(?<=[.!?]\)))\s(?P<spaced>\d{1,3})(?=\s+[A-Z]|\s*$)"
)
_HEAD_START = re.compile(r"^(?:[A-Z]|\d{1,2}(?:\.\d{1,2})*[.)]?\s+[A-Z]|[IVX]{1,4}[.)]\s+[A-Z])")
_NOT_HEAD = re.compile(r"^(?:[-*•|<>!#]|https?:|www\.|Figure\b|Table\b|Image\b)")
_UNFINISHED_END = re.compile(r"[.!?>)\]”\"’']\s*$")
_FURNITURE_MIN = 3


@lru_cache(maxsize=1)
def layout_words() -> dict[str, tuple[str, ...]]:
    """The word lists of ``data/document_layout.yaml``, lower case."""
    raw = resources.files("litreview").joinpath("data/document_layout.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    return {k: tuple(str(w).lower() for w in v) for k, v in data.items()}


def continued_at(line: str) -> int | None:
    """Where a mark saying the note goes on at the next page (``(continued...)``, listed in
    ``note_continued``) starts at the end of ``line``; ``None`` if it ends otherwise."""
    text = line.rstrip()
    low = text.lower()
    for mark in layout_words()["note_continued"]:
        if low.endswith(mark):
            return len(text) - len(mark)
    return None


def heading_text(line: str) -> str:
    """A heading line without markers, ``#``, emphasis and a leading number."""
    text = MARK.sub("", line).strip().lstrip("#").strip().strip("*_").strip()
    return re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})[.)]?\s+", "", text).rstrip(":").strip()


def is_heading(line: str) -> bool:
    """Whether a line standing alone reads as a heading: short, capitalised, no full stop."""
    text = MARK.sub("", line).strip().strip("*_").strip()
    if re.match(r"^#{1,6}\s+\S", text):  # a Markdown heading says so itself
        return True
    if not text or len(text) > 100 or _NOT_HEAD.match(text) or not _HEAD_START.match(text):
        return False
    words = text.split()
    if text.endswith(":") and len(words) > 6:  # a lead-in sentence, not a heading
        return False
    return len(words) <= 12 and text[-1] not in ".,;" and not text.endswith(("...", "-"))


def headings(lines: Sequence[Line], roles: Sequence[str] | None = None) -> list[tuple[int, str]]:
    """``(offset, heading)`` of every body line that looks like a heading (markers dropped)."""
    roles = roles or ["body"] * len(lines)
    out = []
    for i, ln in enumerate(lines):
        if roles[i] != "body":
            continue
        before = i == 0 or not lines[i - 1].text.strip()
        after = i + 1 == len(lines) or not lines[i + 1].text.strip()
        if before and after and is_heading(ln.text) and not _is_debris(lines, roles, i):
            out.append((ln.start, MARK.sub("", ln.text).strip().lstrip("#").strip()))
    return out


def _is_debris(lines: Sequence[Line], roles: Sequence[str], i: int) -> bool:
    """Whether a heading-like line sits inside a sentence (a page header or logo left over).

    It does when the body line before it ends unfinished and the one after starts in lower
    case: the sentence runs on across it.
    """
    prev = next((lines[j].text for j in range(i - 1, -1, -1) if roles[j] == "body"), "")
    nxt = next((lines[j].text for j in range(i + 1, len(lines)) if roles[j] == "body"), "")
    return bool(prev) and not _UNFINISHED_END.search(prev) and nxt.lstrip()[:1].islower()


def _furniture_key(text: str) -> str:
    """A line as running heads repeat it: digits masked, blanks squeezed."""
    return " ".join(re.sub(r"\d+", "#", text).split())


_PAGE_NUMBER = re.compile(r"(?<![\d-])\d{1,3}(?![\d-])")  # what changes from page to page


def _may_be_furniture(text: str) -> bool:
    """A short line that is not a sentence and carries no marker."""
    text = text.strip()
    return 0 < len(text) <= 90 and not text.endswith(".") and not MARK.search(text)


def _unlabelled(text: str) -> str:
    """A line without the number label opening it (``12``, ``12.``, ``| 12. |``, ``¹²``)."""
    label = label_at(text)
    return text[label[1] :] if label else text


def furniture(lines: Sequence[Line]) -> frozenset[int]:
    """Indices of short lines repeated on many pages where only a page number changes
    (running heads and feet: ``Page 3 Report-26-107``, ``Page 4 Report-26-107``)."""
    keys = [_furniture_key(ln.text) if _may_be_furniture(ln.text) else "" for ln in lines]
    counts = Counter(k for k in keys if k and "#" in k)
    variants: dict[str, set[str]] = {}
    for ln, k in zip(lines, keys, strict=True):
        if counts.get(k, 0) >= _FURNITURE_MIN:
            # a note repeated under other numbers is no running head: its numbers differ
            # only in the label opening it
            variants.setdefault(k, set()).add(_unlabelled(ln.text.strip()))
    heads = {
        k
        for k, v in variants.items()
        if len(v) > 1 and len({_PAGE_NUMBER.sub("#", t) for t in v}) == 1
    }
    return frozenset(i for i, k in enumerate(keys) if k in heads)


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A back-matter section: its kind (``notes`` or ``references``), heading and lines."""

    kind: str
    heading: str
    first: int
    last: int


def back_matter(lines: Sequence[Line]) -> list[Section]:
    """Sections whose heading names notes or references, each up to the next heading that
    names another kind of section or ends the back matter (``Appendix``, ``Tables``, ...)."""
    words = layout_words()
    kinds = {w: "notes" for w in words["note_headings"]}
    kinds |= {w: "references" for w in words["reference_headings"]}
    stops = set(words["section_ends"])
    heads = [(i, _said_once(heading_text(lines[i].text).lower())) for i in _heading_lines(lines)]
    out: list[Section] = []
    for k, (i, name) in enumerate(heads):
        kind = kinds.get(name)
        if kind is None or _numbered_after(lines[i].text):
            continue
        last = len(lines) - 1
        for j, other in heads[k + 1 :]:
            if other in kinds or other in stops or other.split(" ")[0] in stops:
                last = j - 1
                break
        out.append(Section(kind=kind, heading=lines[i].text.strip(), first=i + 1, last=last))
    return out


def _said_once(name: str) -> str:
    """A heading's name said once: a PDF's text can set a page's running head and the
    section's heading on one line (``Bibliography Bibliography``)."""
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _numbered_after(line: str) -> bool:
    """Whether a number follows a heading's words (``Bibliography <sup>41</sup>``): a line
    of a table of contents, its page number set small, not the heading of the section."""
    m = MARK.search(line)
    return m is not None and not line[m.end() :].strip(" *_") and bool(line[: m.start()].strip())


def _heading_lines(lines: Sequence[Line]) -> list[int]:
    """Line indices that stand alone and read as headings."""
    return [ln.number - 1 for ln in lines if _alone(lines, ln.number - 1) and is_heading(ln.text)]


def _alone(lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` has a blank line (or the text's edge) above and below."""
    before = i == 0 or not lines[i - 1].text.strip()
    after = i + 1 == len(lines) or not lines[i + 1].text.strip()
    return before and after
