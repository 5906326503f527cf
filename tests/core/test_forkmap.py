"""fork_map: results in order, the job inherited by forked workers, and with ``here`` every
``workers``-th chunk run in this process."""

from __future__ import annotations

import os

from litreview.core.forkmap import fork_map


def _where(job: list[str], i: int) -> tuple[str, int]:
    return job[i], os.getpid()


def test_results_come_in_order_from_worker_processes() -> None:
    job = [f"chunk {i}" for i in range(7)]
    out = list(fork_map(_where, job, len(job), 2))
    assert [text for text, _ in out] == job
    assert os.getpid() not in {pid for _, pid in out}


def test_here_runs_every_workers_th_chunk_in_this_process() -> None:
    job = [f"chunk {i}" for i in range(7)]
    out = list(fork_map(_where, job, len(job), 3, here=True))
    assert [text for text, _ in out] == job
    mine = [i for i, (_, pid) in enumerate(out) if pid == os.getpid()]
    assert mine == [0, 3, 6]


def test_one_worker_runs_everything_here() -> None:
    out = list(fork_map(_where, ["a", "b"], 2, 1, here=True))
    assert {pid for _, pid in out} == {os.getpid()}
