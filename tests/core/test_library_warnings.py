"""Library warnings are caught and counted: one line per kind, never the library's own
multi-line output."""

from __future__ import annotations

import doctest
import warnings

from litreview.core import library_warnings
from litreview.core.library_warnings import counted_warnings


def test_doctests() -> None:
    assert doctest.testmod(library_warnings).failed == 0


def test_kinds_are_counted_and_sorted_and_nothing_escapes() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # anything escaping would raise here
        with counted_warnings() as lines:
            for _ in range(4):
                warnings.warn(
                    "\n  Number of distinct clusters (2) found\n  more", UserWarning, stacklevel=2
                )
            warnings.warn("overflow", RuntimeWarning, stacklevel=2)
    assert lines == [
        "1 × RuntimeWarning: overflow",
        "4 × UserWarning: Number of distinct clusters (2) found",
    ]


def test_a_retold_count_is_not_counted_again() -> None:
    from litreview.core.library_warnings import retell

    with counted_warnings() as inner:
        for _ in range(2):
            warnings.warn("no convergence", UserWarning, stacklevel=2)
    with counted_warnings() as outer:
        retell(inner)
    assert outer == inner == ["2 × UserWarning: no convergence"]
