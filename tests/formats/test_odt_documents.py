"""ODT (OpenDocument Text) documents: body, headings, notes and metadata as the DOCX reader
writes them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.extract.document import scan_text
from litreview.formats.documents import read_document_meta

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)
META = (
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>Rivers</dc:title>'
    "<dc:creator>Ana Lima</dc:creator></office:meta></office:document-meta>"
)


def _odt(path: Path, body: str, meta: str = META) -> Path:
    content = f"<office:document-content {NS}><office:body><office:text>{body}"
    content += "</office:text></office:body></office:document-content>"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        z.writestr("meta.xml", meta)
    return path


def _note(kind: str, number: int, text: str) -> str:
    return (
        f'<text:note text:note-class="{kind}"><text:note-citation>{number}</text:note-citation>'
        f"<text:note-body><text:p>{text}</text:p></text:note-body></text:note>"
    )


def test_body_headings_notes_and_metadata(tmp_path: Path) -> None:
    body = (
        '<text:p text:style-name="Title">Rivers</text:p>'
        '<text:h text:outline-level="1">Flow</text:h>'
        '<text:p>Low<text:s text:c="2"/>water.<text:tab/>Still.'
        + _note("footnote", 1, "Lima, A. (2019), 'River Catch Survey', Lagos.")
        + "</text:p>"
        "<text:list><text:list-item><text:p>An item<text:span> in a span</text:span>."
        + _note("endnote", 1, "Osei, B. (2018), Atlas, Accra.")
        + "</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>A cell.</text:p>"
        "</table:table-cell></table:table-row></table:table>"
    )
    doc = read_document_meta(_odt(tmp_path / "r.odt", body))
    assert doc.text == (
        "# Rivers\n\n## Flow\n\nLow  water.\tStill.[^1]\n\nAn item in a span.[^1]\n\n"
        "A cell.\n\n[^1]: Lima, A. (2019), 'River Catch Survey', Lagos.\n\n# Endnotes\n\n"
        "[^1]: Osei, B. (2018), Atlas, Accra.\n"
    )
    assert (doc.title, doc.author, doc.stated_by) == ("Rivers", "Ana Lima", "file properties")
    scan = scan_text(doc.text)
    assert [f.text[:4] for f in scan.notes.footnotes] == ["Lima", "Osei"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "not an ODT file"),
        (None, "cannot read ODT"),
    ],
)
def test_a_broken_odt_is_one_line_error(tmp_path: Path, data: bytes | None, message: str) -> None:
    path = tmp_path / "bad.odt"
    if data is None:  # spans nested past any real document
        _odt(path, "<text:p>" + "<text:span>" * 5000 + "x" + "</text:span>" * 5000 + "</text:p>")
    else:
        path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_document_meta(path)


def test_a_notes_link_to_another_page_keeps_its_url(tmp_path: Path) -> None:
    """A title linked to its page in a note keeps its URL, as a Markdown link; a link in the
    body stays its text, and a link whose text is the URL stays text."""
    xlink = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
    body = (
        f'<text:p {xlink}>See the <text:a xlink:href="https://example.org/plan">plan</text:a>.'
        + _note(
            "footnote",
            1,
            f'UNODC, <text:a {xlink} xlink:href="https://www.unodc.org/gr2020">Global Report '
            '2020</text:a> (Vienna, 2020); <text:a xlink:href="https://example.org/a">'
            "https://example.org/a</text:a>.",
        )
        + "</text:p>"
    )
    text = read_document_meta(_odt(tmp_path / "l.odt", body)).text
    assert text.startswith("See the plan.[^1]")
    assert (
        "[^1]: UNODC, [Global Report 2020](https://www.unodc.org/gr2020) (Vienna, 2020); "
        "https://example.org/a." in text
    )
