"""Reading text files: UTF-8 only, every failure a one-line :class:`InputError`."""

from __future__ import annotations

import os
from pathlib import Path

from litreview.core.errors import InputError

__all__ = ["decode_utf8", "read_bytes", "read_text"]


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file; a missing file or bad bytes -> a one-line InputError."""
    return decode_utf8(read_bytes(path), str(path))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file; a missing file or a folder -> a one-line InputError."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(p)) from None


def decode_utf8(data: bytes, path: str) -> str:
    """Decode UTF-8 (a BOM is dropped); on a bad byte say on which line it is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text, not UTF-8", path=path, line=1, hint="save the file as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None
