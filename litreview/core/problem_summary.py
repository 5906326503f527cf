"""Problems told once: every error on its own line, warnings and notices counted per file.

A review's files can carry the same warnings on every run (an entry of ``corpus.bib`` with
no title); repeating each on every command buries what changed. :func:`summarise` keeps each
error (a record that was not read) on its own line, up to ``max_errors``, and folds the
warnings and notices of each file into one line: how many, at which lines, the first of
them, and where to read them all.

Examples
--------
>>> from litreview.core.errors import Problem
>>> found = [Problem(path="refs.bib", line=n, severity="warning", message=f"entry {n} lacks")
...          for n in (3, 9)]
>>> for line in summarise(found, hint=lambda path: f"litreview validate {path}"):
...     print(line)
refs.bib: 2 warnings (lines 3, 9), first: entry 3 lacks; 'litreview validate refs.bib' lists them
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from litreview.core.errors import Problem

__all__ = ["summarise"]

MAX_LINES_SHOWN = 8  # line numbers named in a summary before "..."


def summarise(
    problems: Sequence[Problem],
    *,
    max_errors: int = 10,
    hint: Callable[[str], str] | None = None,
) -> list[str]:
    """Lines telling ``problems``: errors one a line (then how many more), then one line per
    file for its warnings and notices. ``hint(path)`` says where to read them all."""
    errors = [p for p in problems if p.severity == "error"]
    lines = [str(p) for p in errors[:max_errors]]
    if len(errors) > max_errors:
        lines.append(f"... and {len(errors) - max_errors} more errors")
    rest: dict[str, list[Problem]] = {}
    for p in problems:
        if p.severity != "error":
            rest.setdefault(p.path, []).append(p)
    lines += [_folded(path, found, hint) for path, found in rest.items()]
    return lines


def _folded(path: str, found: Sequence[Problem], hint: Callable[[str], str] | None) -> str:
    """One line for the warnings and notices of one file."""
    if len(found) == 1:
        return str(found[0])
    kinds = sorted({p.severity for p in found})
    what = f"{len(found)} {' and '.join(k + 's' for k in kinds)}"
    at = sorted({p.line for p in found if p.line is not None})
    shown = ", ".join(str(n) for n in at[:MAX_LINES_SHOWN]) + (
        ", ..." if len(at) > MAX_LINES_SHOWN else ""
    )
    where = f" (lines {shown})" if at else ""
    text = f"{path or '(no file)'}: {what}{where}, first: {found[0].message}"
    more = hint(path) if hint and path else ""
    return f"{text}; '{more}' lists them" if more else text
