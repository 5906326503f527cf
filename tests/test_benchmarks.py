"""Every benchmark runs at its small size and prints its figures (not how fast it is)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

RUN = ROOT / "benchmarks" / "run.py"


@pytest.mark.slow
def test_every_benchmark_prints_its_figures_at_the_small_size() -> None:
    sys.path.insert(0, str(RUN.parent))
    try:
        from run import BENCHMARKS  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(RUN.parent))
    scripts = {p.name for p in RUN.parent.glob("bench_*.py")} | {"real_files.py"}
    assert scripts == {b.script for b in BENCHMARKS}  # a new benchmark is run too
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(RUN)], capture_output=True, text=True, cwd=ROOT, env=env
    )
    table = done.stdout.split("| result\n")[-1]
    for bench in BENCHMARKS:
        assert f"{bench.script} |" in table
    assert done.returncode == 0, table
    assert "0 failed" in done.stdout
