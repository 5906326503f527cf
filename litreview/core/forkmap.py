"""Map a function over chunks of a large in-memory job in forked worker processes.

The job (works, texts, a compiled taxonomy...) is handed to the workers by ``fork``: they
inherit it, so nothing is pickled on the way in; only each chunk's (plain) result comes back.
Where ``fork`` is not available, or one worker is asked for, the chunks run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["available_workers", "fork_map"]

R = TypeVar("R")
_JOB: tuple[Callable[[Any, int], Any], Any] | None = None  # set only while a pool runs


def available_workers() -> int:
    """CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def fork_map(
    fn: Callable[[Any, int], R], job: Any, n_chunks: int, workers: int, *, here: bool = False
) -> Iterator[R]:
    """``fn(job, i)`` for i in ``range(n_chunks)``, in order, on up to ``workers`` forked
    processes (results are yielded as they are ready, so the caller can overlap its work).

    ``here``: this process is one of the ``workers`` and runs every ``workers``-th chunk
    itself, so those results are never sent back from a worker (worth it when a result is
    large, such as the works read from part of a file)."""
    if workers <= 1 or n_chunks <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for i in range(n_chunks):
            yield fn(job, i)
        return
    global _JOB
    _JOB = (fn, job)
    try:
        context = multiprocessing.get_context("fork")
        if not here:
            with ProcessPoolExecutor(min(workers, n_chunks), mp_context=context) as pool:
                yield from pool.map(_run, range(n_chunks))
            return
        with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
            theirs = {i: pool.submit(_run, i) for i in range(n_chunks) if i % workers}
            for i in range(n_chunks):
                yield theirs[i].result() if i in theirs else fn(job, i)
    finally:
        _JOB = None


def _run(i: int) -> Any:
    """Run chunk ``i`` of the inherited job (in a worker)."""
    assert _JOB is not None, "fork_map job missing in worker"
    fn, job = _JOB
    return fn(job, i)
