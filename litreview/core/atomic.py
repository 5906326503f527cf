"""Atomic file writes: write a temporary file beside the target, sync it, then rename it.

A symlinked target is written through: the file the link points at is replaced and the link
is kept. New files get the mode the umask gives; a rewritten file keeps its mode.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from litreview.core.bulk import gc_paused
from litreview.core.errors import InputError
from litreview.core.files import os_problem

__all__ = [
    "dir_mode",
    "fsync_dir",
    "real_target",
    "stage",
    "temp_name",
    "write_bytes",
    "write_data",
    "write_output",
    "write_temp",
    "write_text",
]

TEMP_SUFFIX = ".tmp"


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new, never half."""
    target = real_target(Path(path))
    tmp = write_temp(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def write_output(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` where the user asked: a file (new or regular) atomically, as
    :func:`write_text`; a device or pipe (``/dev/null``, ``/dev/stdout``) written through, as
    a shell's ``>`` would, never replaced by a file. A pipe no process reads is a one-line
    error, not a wait."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        write_text(path, text)
        return
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno != errno.ENXIO:
            raise
        raise InputError("a pipe that no process reads", path=str(path)) from None
    os.set_blocking(fd, True)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
    except OSError as exc:  # a full device, a pipe closed early
        raise InputError(os_problem(exc), path=str(path)) from None


def write_temp(target: Path, data: bytes) -> Path:
    """``data`` written and synced to a new temporary sibling of ``target``; its path."""
    return stage(target, data, temp_name(target, secrets.token_hex(6)))


def temp_name(target: Path, token: str) -> Path:
    """The temporary sibling ``.NAME.TOKEN.tmp`` of ``target``."""
    return target.with_name(f".{target.name}.{token}{TEMP_SUFFIX}")


def stage(target: Path, data: bytes | Iterator[str], tmp: Path) -> Path:
    """``data`` written and synced to the new file ``tmp`` (beside ``target``), with the mode
    ``target`` has or, for a new file, the one the umask gives; ``tmp``. ``data`` is bytes,
    or text made a piece at a time (written as UTF-8 as it comes, never held whole)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, _mode(target))
        with os.fdopen(fd, "wb") as handle:
            write_data(handle, data)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def write_data(handle: BinaryIO, data: bytes | Iterator[str]) -> None:
    """Write ``data`` to the open file ``handle`` and sync it: bytes, or text made a piece
    at a time (written as UTF-8 as it comes, never held whole)."""
    if isinstance(data, bytes):
        handle.write(data)
    else:
        with gc_paused():
            for piece in data:
                handle.write(piece.encode("utf-8"))
    handle.flush()
    os.fsync(handle.fileno())


def real_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: the end of its symlinks (the links are kept)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def fsync_dir(path: Path) -> None:
    """Make the renames in folder ``path`` durable (where the platform allows it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode(target: Path) -> int:
    """The permissions the file gets: those it has, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def dir_mode(target: Path) -> int:
    """The permissions a folder replacing ``target`` gets: its own, or the umask's."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o777 & ~_umask()
