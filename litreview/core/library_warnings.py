"""Warnings raised by the libraries litreview calls, counted into one line per kind.

scikit-learn, numpy and matplotlib warn through :mod:`warnings`, often several lines at a time
and once per call. litreview catches them where it calls the library and reports each kind
once, with a count: ``3 × ConvergenceWarning: Number of distinct clusters (4) found smaller
than n_clusters (5)``.

Examples
--------
>>> import warnings
>>> with counted_warnings() as lines:
...     for _ in range(3):
...         warnings.warn("slow\\nsecond line", RuntimeWarning)
>>> lines
['3 × RuntimeWarning: slow']
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["LibraryWarning", "counted_warnings", "retell"]


class LibraryWarning(UserWarning):
    """Warnings a library raised inside litreview, counted: one per kind."""


@contextmanager
def counted_warnings() -> Iterator[list[str]]:
    """Catch every warning raised inside the block; the yielded list receives, when the block
    ends, one line per (kind, first line of the message), sorted, each with its count (a
    :class:`LibraryWarning` told once is already counted: its message is the line)."""
    lines: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield lines
    counts = Counter((w.category.__name__, _first_line(w.message)) for w in caught)
    lines.extend(
        message if kind == LibraryWarning.__name__ and n == 1 else f"{n} × {kind}: {message}"
        for (kind, message), n in sorted(counts.items())
    )


def _first_line(message: Warning | str) -> str:
    """The first non-empty line of a warning's message."""
    return next((line.strip() for line in str(message).splitlines() if line.strip()), "")


def retell(lines: list[str] | tuple[str, ...], *, stacklevel: int = 3) -> None:
    """Warn each counted line once more, as one :class:`LibraryWarning`, so the caller (the
    command line, a notebook) shows it in one line."""
    for line in lines:
        warnings.warn(line, LibraryWarning, stacklevel=stacklevel)
