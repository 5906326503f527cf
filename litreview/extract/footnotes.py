"""Footnotes of a document's text: markers in the body, footnote texts, and their pairing.

The text is read line by line. A line that starts with a marker (``¹²``, ``[12]``, ``^12``,
``[^12]:``, ``<sup>12</sup>``, or a bare ``12`` before a URL) starts a footnote. Text extracted
from paged documents puts each page's footnote block after that page's body, so:

* after a footnote block, the lines up to the next footnote start continue the last
  footnote when they are few and carry no markers (a reference running over two lines);
  otherwise the body resumes (a sentence the footnote block interrupted);
* in the body, a line starting in lower case just before a footnote block continues the
  last footnote when that footnote was left unfinished (it ran over a page break).

Headings come from layout alone: a short line standing alone, starting with a capital,
without a final full stop. Every marker is paired with the footnote of its number; the
problems (a marker without text, a text without a marker, a marker number that jumps back)
come back as data with their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litreview.core.errors import Problem
from litreview.extract._text import Line, sentence_span, split_lines

__all__ = ["Footnote", "FootnoteScan", "Marker", "find_footnotes", "headings"]

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_DIGITS = str.maketrans(_SUP, "0123456789")
_START = re.compile(
    rf"^\s*(?:(?P<sup>[{_SUP}]+)|\[\^?(?P<br>\d{{1,4}})\]:?|\^(?P<caret>\d{{1,4}})"
    rf"|<sup>(?P<html>\d{{1,4}})</sup>|(?:[-*•]\s+)?(?P<bare>\d{{1,3}})(?=\s+<?(?:https?://|www\.)))"
    rf"\s*(?=\S)"
)
_MARK = re.compile(
    rf"(?P<sup>[{_SUP}]+)|\[\^?(?P<br>\d{{1,4}})\](?![(:])|\^(?P<caret>\d{{1,4}})"
    rf"|<sup>(?P<html>\d{{1,4}})</sup>"
)
_MAX_CONTINUATION = 4
_UNFINISHED_END = re.compile(r"[.!?>)\]”\"’']\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Marker:
    """A footnote marker in the body: its number, where it is, and its line."""

    number: int
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Footnote:
    """One footnote paired with its marker.

    ``text`` is the footnote's text (the pieces of a footnote that runs over lines or pages
    joined by one space); ``spans`` locate those pieces in the document. ``context`` is the
    sentence carrying the marker (``text[context_start:context_end]``), ``section`` the
    heading above it; both are empty when the footnote has no marker.
    """

    number: int
    text: str
    spans: tuple[tuple[int, int], ...]
    line: int
    marker: Marker | None = None
    context: str = ""
    context_start: int | None = None
    context_end: int | None = None
    section: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FootnoteScan:
    """What :func:`find_footnotes` found: footnotes in number order, markers, problems."""

    footnotes: tuple[Footnote, ...]
    markers: tuple[Marker, ...]
    problems: tuple[Problem, ...]
    headings: tuple[tuple[int, str], ...] = ()


def find_footnotes(text: str, path: str = "<string>") -> FootnoteScan:
    """Find, join and pair the footnotes of ``text`` (``path`` names it in problems)."""
    lines = split_lines(text)
    roles = _roles(lines)
    notes = _gather_notes(lines, roles)
    heads = headings(lines, roles)
    markers = _markers(lines, roles)
    problems = _marker_problems(markers, notes, path)
    paired = _pair(text, notes, markers, heads)
    return FootnoteScan(
        footnotes=tuple(paired),
        markers=tuple(markers),
        problems=tuple(problems),
        headings=tuple(heads),
    )


def _start_number(line: Line) -> tuple[int, int] | None:
    """``(number, offset of the footnote text)`` when ``line`` starts a footnote."""
    m = _START.match(line.text)
    if not m:
        return None
    raw = next(g for g in m.groupdict().values() if g)
    return int(raw.translate(_SUP_DIGITS)), m.end()


def _has_marker(line: Line) -> bool:
    """Whether a body line carries a footnote marker."""
    return _MARK.search(line.text) is not None


def _roles(lines: list[Line]) -> list[str]:
    """Each line's role: ``blank``, ``start`` (of a footnote), ``cont`` (of one), ``body``."""
    roles = [
        "blank" if not ln.text.strip() else ("start" if _start_number(ln) else "") for ln in lines
    ]
    in_notes = False
    last_open = False  # the last footnote so far ends unfinished
    i = 0
    while i < len(lines):
        role = roles[i]
        if role == "blank":
            i += 1
            continue
        if role == "start":
            in_notes, last_open = True, not _UNFINISHED_END.search(lines[i].text)
            i += 1
            continue
        run = _run_to_next_start(lines, roles, i)
        if in_notes and _is_continuation_run(lines, roles, run):
            for j in run:
                roles[j] = "cont"
            last_open = not _UNFINISHED_END.search(lines[run[-1]].text)
            i = run[-1] + 1
            continue
        in_notes = False
        nxt = _next_nonblank(roles, i)
        text = lines[i].text.lstrip()
        if (
            last_open
            and nxt is not None
            and roles[nxt] == "start"
            and text[:1].islower()
            and not _has_marker(lines[i])
        ):
            roles[i], last_open = "cont", False
        else:
            roles[i] = "body"
        i += 1
    return roles


def _run_to_next_start(lines: list[Line], roles: list[str], i: int) -> list[int]:
    """Indices of the non-blank lines from ``i`` up to the next footnote start (or the end)."""
    run: list[int] = []
    for j in range(i, len(lines)):
        if roles[j] == "start":
            return run
        if roles[j] != "blank":
            run.append(j)
    return [*run, -1]  # -1: the run reaches the end of the text


def _is_continuation_run(lines: list[Line], roles: list[str], run: list[int]) -> bool:
    """Whether a run of lines after a footnote continues it (few lines, no markers)."""
    if not run or run[-1] == -1 or len(run) > _MAX_CONTINUATION:
        return False
    return not any(_has_marker(lines[j]) for j in run)


def _next_nonblank(roles: list[str], i: int) -> int | None:
    """The index of the next non-blank line after ``i``."""
    for j in range(i + 1, len(roles)):
        if roles[j] != "blank":
            return j
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Note:
    number: int
    line: int
    spans: tuple[tuple[int, int], ...]
    text: str


def _gather_notes(lines: list[Line], roles: list[str]) -> list[_Note]:
    """Footnote texts in reading order, continuations joined to the footnote they continue."""
    notes: list[_Note] = []
    for ln, role in zip(lines, roles, strict=True):
        if role == "start":
            number, offset = _start_number(ln)  # type: ignore[misc]
            span = (ln.start + offset, ln.start + len(ln.text.rstrip()))
            notes.append(
                _Note(number=number, line=ln.number, spans=(span,), text=ln.text[offset:].strip())
            )
        elif role == "cont" and notes:
            last = notes[-1]
            lead = len(ln.text) - len(ln.text.lstrip())
            span = (ln.start + lead, ln.start + len(ln.text.rstrip()))
            notes[-1] = _Note(
                number=last.number,
                line=last.line,
                spans=(*last.spans, span),
                text=f"{last.text} {ln.text.strip()}",
            )
    return notes


def _markers(lines: list[Line], roles: list[str]) -> list[Marker]:
    """Footnote markers in body lines, in reading order."""
    out = []
    for ln, role in zip(lines, roles, strict=True):
        if role != "body":
            continue
        for m in _MARK.finditer(ln.text):
            raw = next(g for g in m.groupdict().values() if g)
            out.append(
                Marker(
                    number=int(raw.translate(_SUP_DIGITS)),
                    start=ln.start + m.start(),
                    end=ln.start + m.end(),
                    line=ln.number,
                )
            )
    return out


def headings(lines: list[Line], roles: list[str] | None = None) -> list[tuple[int, str]]:
    """``(offset, heading)`` of every body line that looks like a heading (markers dropped)."""
    roles = roles or ["body"] * len(lines)
    out = []
    for i, ln in enumerate(lines):
        if roles[i] != "body":
            continue
        before = i == 0 or not lines[i - 1].text.strip()
        after = i + 1 == len(lines) or not lines[i + 1].text.strip()
        if before and after and is_heading(ln.text) and not _is_debris(lines, roles, i):
            out.append((ln.start, _MARK.sub("", ln.text).strip().lstrip("#").strip()))
    return out


def _is_debris(lines: list[Line], roles: list[str], i: int) -> bool:
    """Whether a heading-like line sits inside a sentence (a page header or logo left over).

    It does when the body line before it ends unfinished and the one after starts in lower
    case: the sentence runs on across it.
    """
    prev = next((lines[j].text for j in range(i - 1, -1, -1) if roles[j] == "body"), "")
    nxt = next((lines[j].text for j in range(i + 1, len(lines)) if roles[j] == "body"), "")
    return bool(prev) and not _UNFINISHED_END.search(prev) and nxt.lstrip()[:1].islower()


_HEAD_START = re.compile(r"^(?:[A-Z]|\d{1,2}[.)]\s+[A-Z])")
_NOT_HEAD = re.compile(r"^(?:[-*•|<>!#]|https?:|www\.|Figure\b|Table\b|Image\b)")


def is_heading(line: str) -> bool:
    """Whether a line standing alone reads as a heading: short, capitalised, no full stop."""
    text = _MARK.sub("", line).strip().strip("*_").strip()
    if re.match(r"^#{1,6}\s+\S", text):  # a Markdown heading says so itself
        return True
    if not text or len(text) > 100 or _NOT_HEAD.match(text) or not _HEAD_START.match(text):
        return False
    words = text.split()
    if text.endswith(":") and len(words) > 6:  # a lead-in sentence, not a heading
        return False
    return len(words) <= 12 and text[-1] not in ".,;" and not text.endswith(("...", "-"))


def _marker_problems(markers: list[Marker], notes: list[_Note], path: str) -> list[Problem]:
    """Markers without text, texts without markers, and marker numbers that jump back."""
    problems = []
    have = {n.number for n in notes}
    marked = {m.number for m in markers}
    previous = 0
    for m in markers:
        if m.number not in have:
            problems.append(
                Problem(
                    path=path,
                    line=m.line,
                    severity="warning",
                    message=f"footnote marker {m.number} has no footnote text",
                )
            )
        if m.number <= previous:
            problems.append(
                Problem(
                    path=path,
                    line=m.line,
                    severity="warning",
                    message=f"footnote marker {m.number} jumps back (after {previous})",
                )
            )
        previous = max(previous, m.number)
    seen: set[int] = set()
    for n in notes:
        if n.number not in marked:
            problems.append(
                Problem(
                    path=path,
                    line=n.line,
                    severity="warning",
                    message=f"footnote {n.number} has no marker in the text",
                )
            )
        if n.number in seen:
            problems.append(
                Problem(
                    path=path,
                    line=n.line,
                    severity="warning",
                    message=f"footnote {n.number} appears twice",
                )
            )
        seen.add(n.number)
    return problems


def _pair(
    text: str, notes: list[_Note], markers: list[Marker], heads: list[tuple[int, str]]
) -> list[Footnote]:
    """Footnotes with their (first) marker, citing sentence and section heading."""
    first: dict[int, Marker] = {}
    for m in markers:
        first.setdefault(m.number, m)
    out = []
    for n in notes:
        found = first.get(n.number)
        if found is None:
            out.append(Footnote(number=n.number, text=n.text, spans=n.spans, line=n.line))
            continue
        s, e = sentence_span(text, found.start, found.end)
        out.append(
            Footnote(
                number=n.number,
                text=n.text,
                spans=n.spans,
                line=n.line,
                marker=found,
                context=text[s:e],
                context_start=s,
                context_end=e,
                section=_section_at(heads, found.start),
            )
        )
    return sorted(out, key=lambda f: (f.number, f.line))


def _section_at(heads: list[tuple[int, str]], offset: int) -> str:
    """The last heading at or before ``offset``."""
    section = ""
    for start, title in heads:
        if start > offset:
            break
        section = title
    return section
