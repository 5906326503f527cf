"""Commands and the review's lock and journal: a second writer waits then fails with one
line; SIGKILLed commands leave the review old or new; concurrent imports lose nothing.

The full counts (100 kills, 20 races) are run by ``benchmarks/bench_reliability.py``."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
from pathlib import Path

import pytest

from litreview.cli import main
from litreview.review.lock import LOCK_FILE, TIMEOUT_VAR
from litreview.review.transaction import STATE_DIR
from tests import reliability as rel


def test_a_second_writer_waits_then_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "r"
    shutil.copytree(rel.FIXTURE, review)
    before = rel.snapshot(review)
    (review / STATE_DIR).mkdir()
    fd = os.open(review / STATE_DIR / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another command is writing
        monkeypatch.setenv(TIMEOUT_VAR, "0.2")
        status = main(["import", str(review / "refs.bib"), "--review", str(review)])
    finally:
        os.close(fd)
    err = capsys.readouterr().err.splitlines()
    assert status == 2
    assert len(err) == 2
    assert err[0].startswith("litreview import: waiting for another litreview command")
    assert err[1] == (
        f"litreview import: {review}: another litreview command is still using this review "
        f"after 0.2 s; nothing was changed (run it again when that one ends, or set "
        f"{TIMEOUT_VAR} to wait longer)"
    )
    assert rel.snapshot(review) == before


def test_a_reading_command_leaves_no_trace_in_a_missing_folder(tmp_path: Path) -> None:
    """A misspelt review is an error (exit 2), and no lock or folder is made for it."""
    assert main(["export", "--format", "ris", "--review", str(tmp_path / "typo")]) == 2
    assert not (tmp_path / "typo").exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", rel.COMMANDS)
def test_a_command_killed_while_saving_leaves_the_review_old_or_new(
    command: str, tmp_path: Path
) -> None:
    env = rel.environment()
    scenario = rel.prepare(command, tmp_path, env, runs=1)
    rng = random.Random(19)
    kills = [rel.kill_trial(scenario, tmp_path, env, rng, w) for w in rel.WHEN]
    assert all(k.outcome in ("old", "new") for k in kills), kills


@pytest.mark.slow
def test_two_imports_at_once_lose_no_entry(tmp_path: Path) -> None:
    expected = rel.sequential_counts(tmp_path)
    assert rel.race_trial(tmp_path, rel.environment(), expected) == 0
