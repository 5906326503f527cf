"""A numbered style without notes (Vancouver, AMA), as a writer makes it in each format:
superscript citation numbers typed as such and a reference list numbered by the word
processor. Both used to be lost outside PDF: the raised numbers became plain digits glued
to the words, and Word's and LibreOffice's list numbers are drawn, not written, so no
citation could name an entry. The documents are written by pandoc from one Markdown text,
as a user's word processor would save them."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from litreview.corpus.ingest import ingest
from litreview.formats._docx_numbering import numbering_of
from litreview.formats._odt_lists import list_labels, list_styles
from litreview.formats._sup import sup_joined, sup_piece
from litreview.formats.documents import read_document
from litreview.pipeline.ingest import document_source
from tests.conftest import require_tool

MARKDOWN = """# Report

Floods have grown in the delta.^1^ Rivers carry more silt than before.^2,3^ Little is known
about the dams.^4-5^

## References

1. Smith J. Floods of the delta. Water Review. 2019;12(3):4-9.
2. Osei B. Silt in rivers. Geo Journal. 2018;5:1-10.
3. Leeming A. Loads carried by rivers. Hydro Letters. 2017;2:33-40.
4. Ngata K. Dams and their effects. Dam Review. 2016;9:100-110.
5. Roe P. Dams today. Power Press; 2015.
"""


def test_raised_pieces_are_written_as_sup_and_joined() -> None:
    assert sup_piece("2, 3") == "<sup>2,3</sup>" and sup_piece("st") == "st"
    assert sup_piece("") == ""
    text = "delta.<sup>2</sup><sup>,</sup><sup>3</sup> and<sup>,</sup> a"
    assert sup_joined(text) == "delta.<sup>2,3</sup> and, a"


@pytest.mark.parametrize("suffix", [".md", ".docx", ".odt", ".html"])
def test_superscript_citations_link_to_the_numbered_list(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / "report.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    path = source
    if suffix != ".md":
        require_tool("pandoc")
        import subprocess

        path = tmp_path / f"report{suffix}"
        subprocess.run(["pandoc", str(source), "-s", "-o", str(path)], check=True)
    text = read_document(path)
    assert "1. Smith J. Floods of the delta." in text  # the list's numbers drawn
    result = ingest([document_source(path)])
    linked = [c for c in result.citations if c.kind == "citation" and c.work_key]
    first = {w.key: w.authors[0].family if w.authors else "" for w in result.works}
    assert [first[c.work_key] for c in linked] == ["Smith", "Osei", "Leeming", "Ngata", "Roe"]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_word_counts_levels_restarts_and_formats() -> None:
    numbering = numbering_of(
        f"""<w:numbering {W}>
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
            <w:lvlText w:val="[%1]"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
            <w:lvlText w:val="%1.%2)"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="6"><w:abstractNumId w:val="0"/>
          <w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>
        <w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>""".encode()
    )

    def para(num: str, lvl: int = 0) -> ElementTree.Element:
        return ElementTree.fromstring(
            f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/>'
            "</w:numPr></w:pPr></w:p>"
        )

    got = [
        numbering.label(p)
        for p in (para("5"), para("5"), para("5", 1), para("5", 1), para("5"), para("5", 1))
    ]
    assert got == ["[1]", "[2]", "2.a)", "2.b)", "[3]", "3.a)"]
    assert [numbering.label(para("6")), numbering.label(para("6"))] == ["[9]", "[10]"]
    assert numbering.label(para("7")) == "" and numbering.label(para("404")) == ""
    assert numbering.label(ElementTree.fromstring(f"<w:p {W}/>")) == ""


T = (
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
)


def test_libreoffice_counts_nested_continued_and_restarted_lists() -> None:
    root = ElementTree.fromstring(
        f"""<office:document-content {T}><office:automatic-styles>
        <text:list-style style:name="L1">
          <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
          <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"/>
        </text:list-style>
        <text:list-style style:name="L2"><text:list-level-style-bullet text:level="1"/>
        </text:list-style></office:automatic-styles><office:body><office:text>
        <text:list text:style-name="L1">
          <text:list-item><text:p>one</text:p>
            <text:list text:style-name="L1"><text:list-item><text:p>one a</text:p>
            </text:list-item></text:list></text:list-item>
          <text:list-item><text:p>two</text:p></text:list-item></text:list>
        <text:p>between</text:p>
        <text:list text:style-name="L1" text:continue-numbering="true">
          <text:list-item><text:p>three</text:p></text:list-item>
          <text:list-item text:start-value="7"><text:p>seven</text:p></text:list-item></text:list>
        <text:list text:style-name="L1"><text:list-item><text:p>again</text:p></text:list-item>
        </text:list>
        <text:list text:style-name="L2"><text:list-item><text:p>dot</text:p></text:list-item>
        </text:list></office:text></office:body></office:document-content>"""
    )
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    labels = list_labels(body, list_styles(root))
    shown = {
        p.text: labels.get(id(p), "")
        for p in root.iter("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p")
    }
    assert shown == {
        "one": "1.",
        "one a": "a)",
        "two": "2.",
        "between": "",
        "three": "3.",
        "seven": "7.",
        "again": "1.",
        "dot": "",
    }
