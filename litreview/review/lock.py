"""One writer at a time: an advisory lock on ``.litreview/lock`` inside the review.

A command that writes the review holds the lock exclusively from start to end; a command that
only reads holds it shared, so it never sees a save half made. A second writer waits, saying
so once, and gives up after a timeout (``LITREVIEW_LOCK_TIMEOUT`` seconds, default 300) with
a one-line error. The lock is the kernel's (``flock``): a killed command releases it.
Within one process the lock is re-entrant.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from litreview.core.errors import InputError

__all__ = ["DEFAULT_TIMEOUT", "LOCK_FILE", "TIMEOUT_VAR", "hold", "timeout_from_env"]

LOCK_FILE = "lock"
TIMEOUT_VAR = "LITREVIEW_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 300.0
_MAX_POLL = 0.25


@dataclass(slots=True)
class _Held:
    fd: int
    exclusive: bool
    depth: int = 1


_HELD: dict[str, _Held] = {}  # the locks this process holds, by real path of the review


def _nothing() -> None:
    return None


def timeout_from_env() -> float:
    """Seconds a command waits for the lock: ``$LITREVIEW_LOCK_TIMEOUT``, else 300."""
    value = os.environ.get(TIMEOUT_VAR, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also NaN
        raise InputError(f"{TIMEOUT_VAR} must be a number of seconds, not {value!r}")
    return seconds


@contextlib.contextmanager
def hold(
    root: Path,
    folder: str,
    *,
    exclusive: bool,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    needs_recovery: Callable[[], bool] = lambda: False,
    recover: Callable[[], None] = _nothing,
) -> Iterator[None]:
    """Hold the lock of the review at ``root`` (file ``folder/lock`` in it) while the block
    runs. Once taken, ``recover`` runs under the exclusive lock: always for a writer; for a
    reader only when ``needs_recovery()``. A review folder that does not exist yet has
    nothing to lock; nor has a reader of a folder it may not write."""
    key = os.path.realpath(root)
    held = _HELD.get(key)
    if held is not None:
        if exclusive and not held.exclusive:
            raise RuntimeError("a command holding the review's read lock cannot write it")
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
        return
    fd = _open(root, folder, exclusive)
    if fd is None:
        yield
        return
    try:
        wait = timeout_from_env() if timeout is None else timeout
        _take(fd, exclusive, wait, on_wait, root)
        _HELD[key] = _Held(fd, exclusive)
        if exclusive:
            recover()
        elif needs_recovery():
            _take(fd, True, wait, on_wait, root)
            recover()
            _take(fd, False, wait, on_wait, root)
        yield
    finally:
        _HELD.pop(key, None)
        os.close(fd)  # releases the lock


def _open(root: Path, folder: str, exclusive: bool) -> int | None:
    """A descriptor of the lock file (made if missing); ``None`` when there is nothing to lock."""
    if not root.exists():
        return None
    if not root.is_dir():
        raise InputError("is not a review folder (it is a file)", path=str(root))
    path = root / folder / LOCK_FILE
    try:
        path.parent.mkdir(exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if not exclusive:
            with contextlib.suppress(OSError):
                return os.open(path, os.O_RDONLY)
            return None
        raise InputError(
            f"cannot make the review's lock file: {exc.strerror or exc}", path=str(path)
        ) from None


def _take(
    fd: int,
    exclusive: bool,
    timeout: float,
    on_wait: Callable[[str], None] | None,
    root: Path,
) -> None:
    """Take (or convert) the lock, waiting up to ``timeout`` seconds, telling ``on_wait`` once."""
    op = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    if _try(fd, op):
        return
    if on_wait is not None and timeout > 0:
        on_wait(
            f"waiting for another litreview command to finish with {root} "
            f"(up to {timeout:g} s; {TIMEOUT_VAR} sets how long)"
        )
    deadline = time.monotonic() + timeout
    delay = 0.01
    while time.monotonic() < deadline:
        time.sleep(min(delay, max(deadline - time.monotonic(), 0.0)))
        if _try(fd, op):
            return
        delay = min(delay * 2, _MAX_POLL)
    raise InputError(
        f"another litreview command is still using this review after {timeout:g} s; "
        f"nothing was changed (run it again when that one ends, or set {TIMEOUT_VAR} "
        f"to wait longer)",
        path=str(root),
    )


def _try(fd: int, op: int) -> bool:
    try:
        fcntl.flock(fd, op | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True
