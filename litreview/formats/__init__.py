"""Bibliography formats: a registry from a name or a file suffix to a reader and a writer.

Readers take ``(text, path)`` and return ``(works, problems)``; writers take a sequence of
works and return text. Format modules are imported only when used.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from litreview.core.errors import InputError, Problem
from litreview.core.model import Work

__all__ = [
    "FORMATS",
    "Format",
    "Reader",
    "Writer",
    "format_for",
    "read_file",
    "reader_for",
    "writer_for",
]

Reader = Callable[[str, str], tuple[list[Work], list[Problem]]]
Writer = Callable[[Sequence[Work]], str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """A bibliography format: its name, file suffixes and where its functions live."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    reader: str
    writer: str
    writer_options: tuple[tuple[str, Any], ...] = ()
    description: str = ""
    bytes_reader: str = ""

    def read(self) -> Reader:
        """The reader function."""
        return getattr(_module(self.module), self.reader)

    def write(self) -> Writer:
        """The writer function (with this format's options bound)."""
        fn = getattr(_module(self.module), self.writer)
        return partial(fn, **dict(self.writer_options)) if self.writer_options else fn


def _module(name: str) -> Any:
    return importlib.import_module(f"litreview.formats.{name}")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            name="bibtex",
            suffixes=(".bib", ".bibtex"),
            module="bibtex",
            reader="read_bibtex",
            writer="write_bibtex",
            description="BibTeX",
            bytes_reader="read_bibtex_bytes",
        ),
        Format(
            name="biblatex",
            suffixes=(),
            module="bibtex",
            reader="read_bibtex",
            writer="write_bibtex",
            writer_options=(("biblatex", True),),
            description="BibLaTeX",
            bytes_reader="read_bibtex_bytes",
        ),
        Format(
            name="ris",
            suffixes=(".ris",),
            module="ris",
            reader="read_ris",
            writer="write_ris",
            description="RIS (EndNote, Zotero)",
        ),
        Format(
            name="csljson",
            suffixes=(".json", ".csljson"),
            module="csljson",
            reader="read_csljson",
            writer="write_csljson",
            description="CSL-JSON (Zotero, pandoc)",
        ),
        Format(
            name="csv",
            suffixes=(".csv",),
            module="tabular",
            reader="read_csv",
            writer="write_csv",
            description="flat CSV, one row per work",
        ),
    )
}
_ALIASES = {"bib": "bibtex", "json": "csljson", "csl-json": "csljson", "csl": "csljson"}


def format_for(name_or_path: str | os.PathLike[str]) -> Format:
    """The format named ``name_or_path`` (``"ris"``) or of that file's suffix (``x.ris``)."""
    text = str(name_or_path)
    name = _ALIASES.get(text.lower(), text.lower())
    if name in FORMATS:
        return FORMATS[name]
    suffix = Path(text).suffix.lower()
    for fmt in FORMATS.values():
        if suffix and suffix in fmt.suffixes:
            return fmt
    known = ", ".join(f"{f.name} ({' '.join(f.suffixes) or 'by name'})" for f in FORMATS.values())
    raise InputError(
        f"unknown format {suffix or text!r}; known: {known}", path=text if suffix else ""
    )


def reader_for(name_or_path: str | os.PathLike[str]) -> Reader:
    """The reader of a format name or a file's suffix; unknown -> :class:`InputError`."""
    return format_for(name_or_path).read()


def writer_for(name: str) -> Writer:
    """The writer of a format name; unknown -> :class:`InputError` listing the names."""
    if _ALIASES.get(name.lower(), name.lower()) not in FORMATS:
        raise InputError(f"unknown format {name!r}; known: {', '.join(FORMATS)}")
    return format_for(name).write()


def read_file(
    path: str | os.PathLike[str], fmt: str | None = None
) -> tuple[list[Work], list[Problem]]:
    """Works and problems of a bibliography file, its format named or taken from its suffix.

    A missing file, a folder or an empty file is an :class:`InputError`. A file that is not
    UTF-8 is an :class:`InputError` too, except for formats whose reader can skip the entries
    holding a bad byte (BibTeX) and read the rest.
    """
    from litreview.core.files import decode_utf8

    p = Path(path)
    form = format_for(fmt or p)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(p)) from None
    if not data.strip():
        raise InputError("empty file: nothing to read", path=str(p))
    if form.bytes_reader:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            fn = getattr(_module(form.module), form.bytes_reader)
            return fn(data, str(p))
    return form.read()(decode_utf8(data, str(p)), str(p))
