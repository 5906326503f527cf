"""The review's lock: one writer at a time, readers never beside a writer, a clear error
after the wait."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.review import Review
from litreview.review.lock import LOCK_FILE, TIMEOUT_VAR, timeout_from_env
from litreview.review.transaction import STATE_DIR


@pytest.fixture
def review(tmp_path: Path) -> Review:
    (tmp_path / "r").mkdir()
    return Review.at(tmp_path / "r")


@pytest.fixture
def other_holder(review: Review) -> Iterator[int]:
    """A descriptor of the lock file as another command would open it (a lock taken on it
    is not this process's own)."""
    path = review.root / STATE_DIR / LOCK_FILE
    path.parent.mkdir()
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    yield fd
    os.close(fd)


def test_a_second_writer_waits_says_so_once_then_fails(
    review: Review, other_holder: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl.flock(other_holder, fcntl.LOCK_EX)
    monkeypatch.setenv(TIMEOUT_VAR, "0.3")
    heard: list[str] = []
    with (
        pytest.raises(InputError, match=r"still using this review after 0.3 s; nothing was"),
        review.lock(write=True, on_wait=heard.append),
    ):
        pytest.fail("the lock was taken twice")
    assert len(heard) == 1 and heard[0].startswith("waiting for another litreview command")


def test_a_writer_waits_for_a_reader_and_readers_share(
    review: Review, other_holder: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl.flock(other_holder, fcntl.LOCK_SH)
    monkeypatch.setenv(TIMEOUT_VAR, "0.1")
    with review.lock(write=False):
        pass
    with pytest.raises(InputError, match="still using this review"), review.lock(write=True):
        pass


def test_a_reader_waits_for_a_writer(
    review: Review, other_holder: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl.flock(other_holder, fcntl.LOCK_EX)
    monkeypatch.setenv(TIMEOUT_VAR, "0.1")
    with pytest.raises(InputError, match="still using this review"), review.lock(write=False):
        pass


def test_the_writer_gets_the_lock_once_it_is_free(review: Review, other_holder: int) -> None:
    fcntl.flock(other_holder, fcntl.LOCK_EX)
    fcntl.flock(other_holder, fcntl.LOCK_UN)
    with review.lock(write=True), pytest.raises(BlockingIOError):
        fcntl.flock(other_holder, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_the_lock_is_reentrant_in_one_process(review: Review) -> None:
    with review.lock(write=True), review.lock(write=True), review.lock(write=False):
        review.write_table(review.tags_path, ["a"], [{"a": "1"}])  # its own transaction
    assert review.tags_path.read_text() == "a\n1\n"


def test_a_reader_cannot_turn_writer(review: Review) -> None:
    with pytest.raises(RuntimeError), review.lock(write=False), review.lock(write=True):
        pass


def test_a_folder_that_does_not_exist_is_not_made(tmp_path: Path) -> None:
    with Review.at(tmp_path / "typo").lock(write=True):
        pass
    assert not (tmp_path / "typo").exists()


def test_a_file_for_a_review_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with (
        pytest.raises(InputError, match="is not a review folder"),
        Review.at(tmp_path / "f").lock(write=False),
    ):
        pass


@pytest.mark.parametrize(("value", "seconds"), [("", 300.0), ("2.5", 2.5), ("0", 0.0)])
def test_the_timeout_comes_from_the_environment(
    value: str, seconds: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TIMEOUT_VAR, value)
    assert timeout_from_env() == seconds


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_bad_timeout_is_a_one_line_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_VAR, value)
    with pytest.raises(InputError, match=f"{TIMEOUT_VAR} must be a number of seconds"):
        timeout_from_env()
