"""An XML part whose declaration names an encoding Python does not know is one clear error
(the fuzzing of bench_hostile.py found expat's LookupError escaping the workbook reader; the
DOCX and ODT readers had the same hole)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.formats._xml import parse_xml, xml_root
from litreview.formats.documents import read_document

DECLARED = '<?xml version="1.0" encoding="UTFif"?>'


def _zip(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


DOCX = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="urn:x"/>',
    "word/document.xml": DECLARED
    + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Tides</w:t></w:r></w:p></w:body></w:document>",
}
ODT = {
    "mimetype": "application/vnd.oasis.opendocument.text",
    "content.xml": DECLARED
    + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
}


@pytest.mark.parametrize(("name", "parts"), [("a.docx", DOCX), ("a.odt", ODT)])
def test_a_document_part_declaring_an_unknown_encoding_is_one_error(
    tmp_path: Path, name: str, parts: dict[str, str]
) -> None:
    path = tmp_path / name
    path.write_bytes(_zip(parts))
    with pytest.raises(InputError) as caught:
        read_document(path)
    said = str(caught.value)
    assert name in said and "unknown encoding" in said and "\n" not in said


def test_the_parser_raises_it_as_an_xml_error_on_line_one() -> None:
    import xml.etree.ElementTree as ET

    with pytest.raises(ET.ParseError) as caught:
        xml_root((DECLARED + "<a/>").encode("ascii"))
    assert caught.value.position == (1, 0)
    assert xml_root(b'<?xml version="1.0" encoding="latin-1"?><a>\xe9</a>').text == "é"
    root, problems = parse_xml(DECLARED + "<a/>", "f.xml")
    assert root is not None and not problems  # text already decoded: the declaration is moot
