"""A PDF's compressed streams measured before PDFium reads it.

PDFium inflates a page's content whole and builds an object for every operator in it: a
1 MB file whose one content stream inflates to 1 GB of blanks took 2.1 GB, and 42 MB of
text operators 1 GB. Each Flate stream that PDFium reads for the text (contents, forms,
fonts; not images, which reading the text leaves alone) is inflated here a piece at a time,
nothing kept, and one that grows past :data:`.limits.MAX_PDF_STREAM_BYTES` refuses the file.
A stream that is not Flate data (another filter, encrypted, broken) is left to PDFium.
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

from litreview.core.errors import InputError
from litreview.core.limits import MAX_PDF_STREAM_BYTES

__all__ = ["check_pdf_streams"]

_STREAM = re.compile(rb"(?<![A-Za-z])stream\r?\n")
_OBJ = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+obj\b")
_HEAD = 4096  # bytes before a stream searched for its dictionary
_PIECE = 1 << 16  # bytes of compressed data fed at a time
_OUT = 1 << 20  # bytes of output taken at a time


def check_pdf_streams(path: Path) -> None:
    """Raise an InputError naming the file and the object when one of its Flate streams
    inflates past :data:`.limits.MAX_PDF_STREAM_BYTES`."""
    with path.open("rb") as f:
        try:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file: PDFium says what is wrong with it
            return
        with data:
            for m in _STREAM.finditer(data):
                head = data[max(0, m.start() - _HEAD) : m.start()]
                objs = list(_OBJ.finditer(head))
                entry = head[objs[-1].end() :] if objs else head
                if b"/FlateDecode" not in entry or b"/Image" in entry:
                    continue
                if _inflated(data, m.end()) > MAX_PDF_STREAM_BYTES:
                    number = objs[-1].group(1).decode() if objs else "?"
                    raise InputError(
                        f"a stream of the PDF (object {number}) inflates to more than "
                        f"{MAX_PDF_STREAM_BYTES // (1 << 20)} MB: not a document litreview reads",
                        path=str(path),
                    )


def _inflated(data: mmap.mmap, start: int) -> int:
    """The size the Flate data at ``start`` inflates to, counted up to just past the limit
    (0 when it is not Flate data)."""
    inflate = zlib.decompressobj()
    total, pos = 0, start
    try:
        while not inflate.eof and total <= MAX_PDF_STREAM_BYTES and pos < len(data):
            piece = inflate.decompress(data[pos : pos + _PIECE], _OUT)
            pos += _PIECE
            total += len(piece)
            while inflate.unconsumed_tail and not inflate.eof and total <= MAX_PDF_STREAM_BYTES:
                total += len(inflate.decompress(inflate.unconsumed_tail, _OUT))
    except zlib.error:
        return total
    return total
