"""The works of ``corpus.bib`` as last read, kept beside it so a step need not parse it again.

``corpus.bib`` stays the truth: this is a derived, disposable copy of what reading it gave
(works and problems), in the review's state folder. It is used only while ``corpus.bib`` has
the size, modification time and bytes (a digest of them) it had when it was read, and was
written by the same reader code (a digest of its sources) and Python; anything else (an edit,
another version, a truncated or corrupt file, one that cannot be read or written) is a miss,
never an error, and the corpus is parsed again. Loading 10^5 works this way takes a few
per cent of the CPU time of parsing their BibTeX.

The file holds pickles of this package's records only: a small header, the problems, then
the works in batches, then an end mark. It is read with an unpickler that refuses any other
class, so a file placed in a review folder someone shares cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from litreview.core.atomic import fsync_dir, real_target, temp_name
from litreview.core.bulk import gc_paused
from litreview.core.errors import Problem
from litreview.core.model import Person, Work

__all__ = ["CACHE_NAME", "Stamp", "load_cached", "save_cached", "stamp_of"]

CACHE_NAME = "corpus.works"
_MAGIC = b"litreview corpus works 1\n"
_BATCH = 20_000  # works a pickle: bounds the pickler's memo; values shared within one stay so
_ALLOWED = {
    ("litreview.core.model", "Work"): Work,
    ("litreview.core.model", "Person"): Person,
    ("litreview.core.errors", "Problem"): Problem,
}
# the code whose output is kept: the records and every reader of the formats package, and
# the libraries they read BibTeX and TeX with
_SOURCES = ("core", "formats")
_LIBRARIES = ("bibtexparser", "pylatexenc")


class Stamp(NamedTuple):
    """What identifies one state of ``corpus.bib``: size, modification time, and a digest
    of its bytes."""

    size: int
    mtime_ns: int
    digest: bytes


def stamp_of(path: Path, digest: bytes) -> Stamp | None:
    """The stamp of ``path`` whose bytes have ``digest``; ``None`` if it is not a regular file."""
    try:
        st = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return Stamp(st.st_size, st.st_mtime_ns, digest)


def load_cached(
    cache_path: Path, corpus: Path, digest_of: Callable[[BinaryIO], bytes]
) -> tuple[bytes, list[Work], list[Problem]] | None:
    """The digest, works and problems kept for ``corpus`` as it is now, or ``None`` (no
    cache, or one of another state of the file, or one that cannot be read whole).
    ``digest_of`` makes the digest of a readable binary file (the caller's own digest)."""
    try:
        st = corpus.stat()
        if not stat.S_ISREG(st.st_mode):
            return None
        with open(cache_path, "rb") as handle, gc_paused():
            if handle.read(len(_MAGIC)) != _MAGIC:
                return None
            head = _load(handle)
            if head[:3] != (_code_key(), st.st_size, st.st_mtime_ns):
                return None
            with open(corpus, "rb") as data:
                digest = digest_of(data)
            if head[3] != digest:
                return None
            return digest, *_body(handle, head[4], head[5], str(corpus))
    except Exception:  # a cache that cannot be read whole is a miss, whatever broke
        return None


def save_cached(
    cache_path: Path,
    corpus: str,
    stamp: Stamp,
    works: Sequence[Work],
    problems: Sequence[Problem],
) -> None:
    """Keep ``works`` and ``problems`` read from ``corpus`` in the state ``stamp``,
    atomically; a cache that cannot be written (a read-only review, a full disk) is left
    unwritten, silently."""
    target = real_target(cache_path)
    tmp = temp_name(target, os.urandom(6).hex())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "xb") as raw, gc_paused():
            handle = io.BufferedWriter(raw, buffer_size=1 << 20)
            _write(handle, corpus, stamp, works, problems)
            handle.flush()
            os.fsync(handle.fileno())
            handle.detach()
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _write(
    handle: BinaryIO,
    corpus: str,
    stamp: Stamp,
    works: Sequence[Work],
    problems: Sequence[Problem],
) -> None:
    """The header, the problems, the works in batches, the end mark."""
    head = (_code_key(), stamp.size, stamp.mtime_ns, stamp.digest, len(works), corpus)
    handle.write(_MAGIC)
    protocol = pickle.HIGHEST_PROTOCOL
    pickle.dump(head, handle, protocol)
    pickle.dump(tuple(problems), handle, protocol)
    for start in range(0, len(works), _BATCH):  # a pickle each: its memo is dropped after
        pickle.dump(list(works[start : start + _BATCH]), handle, protocol)
    pickle.dump(None, handle, protocol)


def _body(
    handle: BinaryIO, n_works: int, path: str, corpus: str
) -> tuple[list[Work], list[Problem]]:
    """The problems and works after the header; ``ValueError`` if they are not whole."""
    problems = list(_load(handle))
    works: list[Work] = []
    while (batch := _load(handle)) is not None:
        works += batch
    whole = all(isinstance(w, Work) for w in works) and all(
        isinstance(p, Problem) for p in problems
    )
    if len(works) != n_works or not whole:
        raise ValueError("cache not whole")
    if path != corpus:  # the review was moved: problems name the file where it is now
        problems = [replace(p, path=corpus) if p.path == path else p for p in problems]
    return works, problems


def _load(handle: BinaryIO) -> Any:
    """The next pickle of ``handle``, with only this package's records allowed in it."""
    return _Unpickler(handle).load()


class _Unpickler(pickle.Unpickler):
    """An unpickler of this package's records and plain values, refusing any other class."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not a corpus record") from None


@cache
def _code_key() -> bytes:
    """A digest of what the kept records depend on: the reader and record sources, the
    versions of the libraries they read with, the Python version and the pickle protocol."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{sys.version_info[:3]} {pickle.HIGHEST_PROTOCOL}".encode())
    for library in _LIBRARIES:
        try:
            h.update(f"{library} {metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{library} -\0".encode())
    package = Path(__file__).resolve().parent.parent
    for folder in _SOURCES:
        for source in sorted((package / folder).glob("*.py")):
            h.update(source.name.encode() + b"\0" + source.read_bytes())
    return h.digest()
