"""Problems told once: errors each on a line, a file's warnings folded into one line."""

from __future__ import annotations

import doctest

from litreview.core import problem_summary
from litreview.core.errors import Problem
from litreview.core.problem_summary import summarise


def p(
    line: int | None, severity: str = "warning", path: str = "bibliography/corpus.bib"
) -> Problem:
    return Problem(path=path, line=line, severity=severity, message=f"entry {line} has no title")


def test_doctests() -> None:
    assert doctest.testmod(problem_summary).failed == 0


def test_warnings_of_a_file_fold_into_one_line_errors_stay() -> None:
    problems = [p(n) for n in range(1, 12)] + [p(40, "error"), p(7, "notice", "curation.yaml")]
    lines = summarise(problems, hint=lambda path: f"litreview validate {path}")
    assert lines[0] == "bibliography/corpus.bib:40: error: entry 40 has no title"
    assert lines[1].startswith(
        "bibliography/corpus.bib: 11 warnings (lines 1, 2, 3, 4, 5, 6, 7, 8, ...)"
    )
    assert lines[1].endswith("'litreview validate bibliography/corpus.bib' lists them")
    assert lines[2] == "curation.yaml:7: notice: entry 7 has no title"  # one alone stays as is
    assert len(lines) == 3


def test_many_errors_are_cut_with_a_count() -> None:
    lines = summarise([p(n, "error") for n in range(15)], max_errors=10)
    assert len(lines) == 11 and lines[-1] == "... and 5 more errors"
    assert summarise([]) == []
