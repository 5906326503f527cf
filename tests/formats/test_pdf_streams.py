"""A PDF whose compressed streams inflate past the limit is refused before PDFium reads it
(a 1 MB file of one content stream inflating to 1 GB took 2.1 GB)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.formats import _pdf_streams
from litreview.formats._pdf_streams import check_pdf_streams
from litreview.formats.documents import read_document

_FONT = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"


def _pdf(contents: bytes, *, extra: bytes = b"", flate: bool = True) -> bytes:
    """A one-page PDF whose page has ``contents`` (Flate-compressed unless ``flate`` is off)
    and, if given, an image XObject's dictionary entries and data ``extra``."""
    data = zlib.compress(contents, 9) if flate else contents
    flt = b" /Filter /FlateDecode" if flate else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << " + _FONT + b" >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(data), flt) + data + b"\nendstream",
    ]
    if extra:
        image = zlib.compress(extra, 9)
        objs.append(
            b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length %d "
            b"/Filter /FlateDecode >>\nstream\n" % len(image) + image + b"\nendstream"
        )
    out, offsets = b"%PDF-1.4\n", []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )


TEXT = b"BT /F1 12 Tf 72 720 Td (A claim.) Tj ET\n"


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(_pdf_streams, "MAX_PDF_STREAM_BYTES", 4096)
    return 4096


def test_a_content_stream_inflating_past_the_limit_is_refused_naming_its_object(
    tmp_path: Path, small_limit: int
) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf(TEXT + b" " * (small_limit * 50)))
    assert bomb.stat().st_size < small_limit  # small on disk, large inflated
    with pytest.raises(InputError, match=r"object 4\) inflates to more than") as err:
        check_pdf_streams(bomb)
    assert err.value.path == str(bomb)


def test_streams_within_the_limit_images_and_other_filters_pass(
    tmp_path: Path, small_limit: int
) -> None:
    for name, data in {
        "within.pdf": _pdf(TEXT + b" " * (small_limit - len(TEXT))),
        "image.pdf": _pdf(TEXT, extra=b"\x00" * (small_limit * 50)),
        "plain.pdf": _pdf(TEXT + b" " * (small_limit * 2), flate=False),
    }.items():
        (tmp_path / name).write_bytes(data)
        check_pdf_streams(tmp_path / name)
    (tmp_path / "empty.pdf").write_bytes(b"")
    check_pdf_streams(tmp_path / "empty.pdf")


def test_the_reader_refuses_the_file_before_pdfium_reads_it(
    tmp_path: Path, small_limit: int
) -> None:
    good, bomb = tmp_path / "good.pdf", tmp_path / "bomb.pdf"
    good.write_bytes(_pdf(TEXT))
    bomb.write_bytes(_pdf(TEXT + b" " * (small_limit * 50)))
    assert "A claim." in read_document(good)
    with pytest.raises(InputError, match="inflates"):
        read_document(bomb)


def test_a_stream_inflating_in_many_pieces_is_measured_to_its_end(tmp_path: Path) -> None:
    # 3 MB inflated a megabyte at a time: the count must stop at the stream's end (it once
    # went on asking for more of a finished stream)
    path = tmp_path / "long.pdf"
    path.write_bytes(_pdf(TEXT + b"(a) Tj 1 0 Td " * 230_000))
    check_pdf_streams(path)
