"""Reading files: regular files only, UTF-8 text, every failure a one-line :class:`InputError`."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from litreview.core.errors import InputError

__all__ = [
    "UTF16_BOMS",
    "WINDOWS_1252_READ",
    "check_characters",
    "check_nul",
    "check_utf16",
    "decode_text",
    "decode_utf8",
    "decode_utf8_range",
    "os_path",
    "os_problem",
    "path_text",
    "present",
    "read_bytes",
    "read_text",
    "utf16_as_utf8",
    "utf16_codec",
    "windows_1252_whole",
]

_SURROGATE = re.compile("[\ud800-\udfff]")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # the byte-order marks of UTF-16 (LE, BE)
# UTF-16 without a byte-order mark is told from its first bytes: at least this share of the
# high (or low) bytes of its first characters are zero, and at most the rest of the others.
_UTF16_SAMPLE = 512
_UTF16_ZEROS = 0.9


def present(path: str | os.PathLike[str]) -> bool:
    """Whether there is something at ``path`` to read: a file, or a link even when it loops
    or leads nowhere (reading it is then its one-line error; :meth:`Path.exists` says
    ``False``, and a review's curation file that was a looping link was silently no
    curation)."""
    return os.path.lexists(path)


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file; a missing file or bad bytes -> a one-line InputError."""
    p = Path(path)
    return decode_utf8(read_bytes(p), str(p))


def read_bytes(path: str | os.PathLike[str], what: str = "file") -> bytes:
    """The bytes of a regular file. A missing file, a folder, or a device, FIFO or socket
    (which could block for ever or never end) is a one-line InputError; ``what`` names
    what the file should have been (``"document"``)."""
    p = str(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not a {what}", path=p) from None
    except PermissionError:
        raise InputError("permission denied: cannot read it", path=p) from None
    except OSError as exc:  # a link that loops, a name too long, a disk that fails
        raise InputError(os_problem(exc), path=p) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"is a directory, not a {what}", path=p)
        if not stat.S_ISREG(mode):
            raise InputError("a device, pipe or socket, not a regular file", path=p)
    except InputError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read()
        except OSError as exc:
            raise InputError(os_problem(exc), path=p) from None


def os_problem(exc: OSError) -> str:
    """What the system's refusal ``exc`` means, in a few words (no file name)."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link that loops (it leads back to itself)"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long for the file system"
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def os_path(text: str) -> str:
    """The file name a table's ``text`` (as :func:`path_text` wrote it) stands for on this
    system: its UTF-8 bytes, in whatever encoding the system gives file names."""
    return os.fsdecode(text.encode("utf-8", "surrogateescape"))


def path_text(path: str | os.PathLike[str]) -> str:
    """``path`` as the text it names, to be written in a table: its bytes read as UTF-8 (where
    the locale is C a name arrives with its non-ASCII bytes escaped). A name whose bytes are
    not UTF-8 cannot be written in a UTF-8 table: a one-line InputError asks to rename it."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the name is not UTF-8 (byte 0x{raw[exc.start]:02x})",
            path=raw.decode("utf-8", "backslashreplace"),
            hint="rename the file",
        ) from None


def decode_utf8(data: bytes, path: str) -> str:
    """Decode UTF-8 (a BOM is dropped); on a bad byte or a NUL byte say on which line it is."""
    check_utf16(data, path)
    text = decode_utf8_range(data, 0, len(data), path, bom=True)
    check_nul(data, path)
    return text


def utf16_codec(data: bytes) -> str:
    """The codec of ``data`` when it is UTF-16 text: ``utf-16`` when it starts with a
    byte-order mark; ``utf-16-le`` or ``utf-16-be`` without one when its first characters
    say so (text of Latin letters, digits and punctuation in UTF-16 has a zero byte in every
    other place, which UTF-8 text never has); else ``""``."""
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    head = data[:_UTF16_SAMPLE]
    units = len(head) // 2
    if units < 2 or b"\x00" not in head:  # most files: one search of a few hundred bytes
        return ""
    low, high = head[0 : 2 * units : 2].count(0), head[1 : 2 * units : 2].count(0)
    if high >= _UTF16_ZEROS * units and low <= (1 - _UTF16_ZEROS) * units:
        return "utf-16-le"
    if low >= _UTF16_ZEROS * units and high <= (1 - _UTF16_ZEROS) * units:
        return "utf-16-be"
    return ""


# A byte sequence that is a UTF-8 character beyond ASCII: bytes that are not UTF-8 beside
# one are a file of mixed encodings, never read as Windows-1252 whole.
_UTF8_CHAR = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


WINDOWS_1252_READ = (
    "not UTF-8: read as Windows-1252 (Latin-1), the encoding of older exports on Windows (if"
    " accented letters look wrong, save the file as UTF-8 and import it again)"
)


# Four bytes beyond ASCII in a row: two characters of a double-byte encoding (GBK, Big5,
# Shift JIS), which Western text in Windows-1252 seldom has (accented letters come alone or
# in twos: "ação").
_DOUBLE_BYTE_RUN = re.compile(rb"[\x80-\xff]{4}")


def windows_1252_whole(data: bytes) -> str | None:
    """``data`` as Windows-1252 text (Latin-1's superset, what older Windows exports are
    written in) when it is not UTF-8 or UTF-16, holds no UTF-8 character beyond ASCII (so
    it mixes no encodings) and no run of four bytes beyond ASCII (so it is no double-byte
    encoding), and decodes so without a NUL; else ``None``."""
    if utf16_codec(data):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if _UTF8_CHAR.search(data) is not None or _DOUBLE_BYTE_RUN.search(data) is not None:
            return None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # five bytes are no character of it
            return None
        return None if "\x00" in text else text
    return None


def decode_text(data: bytes, path: str) -> str:
    """A text file's text: UTF-8 as :func:`decode_utf8` reads it, or UTF-16 (with a
    byte-order mark, or plainly UTF-16 without one: :func:`utf16_codec`); a UTF-16
    character that does not decode is a one-line InputError naming its line."""
    codec = utf16_codec(data)
    if not codec:
        return decode_utf8(data, path)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="ignore").count("\n") + 1
        raise InputError(
            "UTF-16 text with a broken character (cut or unpaired)",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise InputError("a NUL character: a binary file, not text", path=path, line=line)
    return text


def utf16_as_utf8(data: bytes, *, head: bool = False) -> bytes:
    """Text in UTF-16 with a byte-order mark (Windows "Unicode" text, Web of Science's
    Windows exports) as UTF-8; any other ``data``, or UTF-16 that does not decode, unchanged.
    ``head``: ``data`` is the first bytes of a file, so a character cut at its end is
    dropped."""
    codec = utf16_codec(data)
    if not codec:
        return data
    try:
        return data.decode(codec, errors="ignore" if head else "strict").encode("utf-8")
    except UnicodeError:
        return data


def check_utf16(data: bytes, path: str) -> None:
    """Raise the one-line InputError of :func:`decode_utf8` if ``data`` is UTF-16 text
    (:func:`utf16_codec`)."""
    codec = utf16_codec(data)
    if codec:
        what = "UTF-16 text" if codec == "utf-16" else "UTF-16 text (no byte-order mark)"
        raise InputError(f"{what}, not UTF-8", path=path, line=1, hint="save the file as UTF-8")


def decode_utf8_range(data: bytes, start: int, end: int, path: str, *, bom: bool = False) -> str:
    """``data[start:end]`` decoded as UTF-8 (``bom``: a leading BOM dropped); a bad byte is
    the one-line InputError of :func:`decode_utf8`, its line counted in the whole of ``data``
    (a large file is decoded a part at a time, never held whole as text)."""
    try:
        return str(memoryview(data)[start:end], "utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        # utf-8-sig counts the error's position after the BOM it dropped
        dropped = 3 if bom and data.startswith(codecs.BOM_UTF8, start) else 0
        at = start + dropped + exc.start
        raise InputError(
            f"not UTF-8: byte 0x{data[at]:02x} cannot be decoded",
            path=path,
            line=data.count(b"\n", 0, at) + 1,
            hint="save the file as UTF-8",
        ) from None


def check_nul(data: bytes, path: str) -> None:
    """Raise the one-line InputError of :func:`decode_utf8` if ``data`` (valid UTF-8) has a
    NUL byte, which no text has, naming its line."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            "a NUL byte: a binary file, not text", path=path, line=data.count(b"\n", 0, nul) + 1
        )


def check_characters(value: str, path: str, line: int | None) -> str:
    """``value``, unless an escape in it (YAML's or JSON's ``\\ud800``) made a lone
    surrogate, which is no character and cannot be written: then a one-line InputError."""
    if _SURROGATE.search(value):
        raise InputError(
            "an escape that is not a character (a lone \\ud800-\\udfff surrogate)",
            path=path,
            line=line,
        )
    return value
