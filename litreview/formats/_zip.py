"""What reading a damaged zip package of XML parts (DOCX, ODT, XLSX) may raise."""

from __future__ import annotations

import zipfile
import zlib
from xml.etree import ElementTree

__all__ = ["PACKAGE_ERRORS"]

#: A part missing (``KeyError``), a bad archive, a compression method it cannot undo
#: (``NotImplementedError``), a compressed stream that does not inflate (``zlib.error``),
#: a stream cut short (``EOFError``), XML that does not parse or nests too deep.
PACKAGE_ERRORS: tuple[type[BaseException], ...] = (
    KeyError,
    ValueError,
    EOFError,
    OSError,
    NotImplementedError,
    RecursionError,
    zipfile.BadZipFile,
    zlib.error,
    ElementTree.ParseError,
)
