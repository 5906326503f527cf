"""The role of each line of a text around its notes: note start, note text, body, page
furniture or blank.

A note runs to the end of its paragraph. After a note, the paragraphs up to the next note
start continue it when they carry no markers and are few, or the note stopped unfinished
(it runs over a page break); otherwise the body resumes. In the body, a line starting in
lower case just before a note block continues the last note when that note was left
unfinished (it ran over a page break and the body text came between).
"""

from __future__ import annotations

import re

from litreview.core.text import NOTE_CONTINUATION
from litreview.extract._text import Line
from litreview.extract.layout import MARK, continued_at
from litreview.extract.note_starts import NoteStart

__all__ = ["has_marker", "line_roles"]

_UNFINISHED_END = re.compile(r"[.!?>)\]”\"’']\s*$")


def has_marker(line: Line, mark: re.Pattern[str] = MARK) -> bool:
    """Whether a body line carries a footnote marker (of the document's kind, ``mark``)."""
    return mark.search(line.text) is not None


def line_roles(
    lines: list[Line],
    starts: dict[int, NoteStart],
    furn: frozenset[int],
    mark: re.Pattern[str] = MARK,
) -> list[str]:
    """Each line's role: ``blank``, ``start`` (of a note), ``cont`` (of one), ``furniture``
    or ``body``."""
    roles = [
        "blank" if not ln.text.strip() else ("start" if i in starts else "")
        for i, ln in enumerate(lines)
    ]
    for i in furn:
        if roles[i] == "":
            roles[i] = "furniture"
    in_notes = False
    last_open = False  # the last note so far ends unfinished
    i = 0
    while i < len(lines):
        role = roles[i]
        if role in ("blank", "furniture"):
            i += 1
            continue
        if role == "start":
            j = i + 1
            while j < len(lines) and roles[j] == "":  # the rest of the note's paragraph
                roles[j] = "cont"
                j += 1
            in_notes, last_open = True, _open(lines[j - 1].text)
            i = j
            continue
        run = _run_to_next_start(lines, roles, i) if in_notes else []
        if in_notes and _is_continuation_run(lines, run, last_open, mark):
            for j in run:
                roles[j] = "cont"
            last_open = _open(lines[run[-1]].text)
            i = run[-1] + 1
            continue
        if in_notes and last_open and _goes_on(lines[i], mark):
            # an unfinished note's rest, set before the body of the page it goes on to
            roles[i], last_open = "cont", _open(lines[i].text)
            i += 1
            continue
        in_notes = False
        nxt = _next_nonblank(roles, i)
        text = lines[i].text.lstrip()
        if (
            last_open
            and nxt is not None
            and roles[nxt] == "start"
            and text[:1].islower()
            and not has_marker(lines[i], mark)
        ):
            roles[i], last_open = "cont", False
        else:
            roles[i] = "body"
        i += 1
    return roles


_GOES_ON = re.compile(r"^(?:[a-z]|\d)")


def _goes_on(line: Line, mark: re.Pattern[str]) -> bool:
    """Whether a line reads as the rest of a sentence: it starts in lower case or with a
    figure (``533 of P.L. 117-328``, ``505 U.S. 88``) and carries no marker."""
    return _GOES_ON.match(line.text.lstrip()) is not None and not has_marker(line, mark)


def _open(text: str) -> bool:
    """Whether a note's last line leaves it unfinished: no closing punctuation, or a mark
    that it goes on at the next page."""
    return not _UNFINISHED_END.search(text) or continued_at(text) is not None


def _run_to_next_start(lines: list[Line], roles: list[str], i: int) -> list[int]:
    """Indices of the body-or-unknown lines from ``i`` up to the next note start (or the end)."""
    run: list[int] = []
    for j in range(i, len(lines)):
        if roles[j] == "start":
            return run
        if roles[j] not in ("blank", "furniture"):
            run.append(j)
    return [*run, -1]  # -1: the run reaches the end of the text


def _is_continuation_run(
    lines: list[Line], run: list[int], last_open: bool, mark: re.Pattern[str]
) -> bool:
    """Whether a run of lines after a note continues it: no markers, and few lines or the
    note stopped unfinished (it runs over a page break)."""
    if not run or run[-1] == -1:
        return False
    if len(run) > NOTE_CONTINUATION and not last_open:
        return False
    return not any(has_marker(lines[j], mark) for j in run)


def _next_nonblank(roles: list[str], i: int) -> int | None:
    """The index of the next non-blank line after ``i``."""
    for j in range(i + 1, len(roles)):
        if roles[j] not in ("blank", "furniture"):
            return j
    return None
