"""Word's own citations (References > Insert Citation) read as the sources the DOCX keeps.

The files are built here as Word writes them: the sources in ``customXml/item1.xml``
(``b:Sources``), each citation a field ``CITATION <tag> \\l 1033`` (complex, in runs, or
simple, ``w:fldSimple``), more sources added with ``\\m``."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from litreview.corpus.ingest import ingest
from litreview.formats._word_sources import citation_tags, word_sources
from litreview.formats.documents import read_document_meta
from litreview.pipeline.ingest import document_source
from tests.conftest import DATA
from tests.formats.test_cite_fields import _docx, _field, _text

SOURCES = """<?xml version="1.0" standalone="yes"?>
<b:Sources SelectedStyle="\\APASixthEditionOfficeOnline.xsl" StyleName="APA"
 xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
 xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography">
<b:Source><b:Tag>Smi19</b:Tag><b:SourceType>JournalArticle</b:SourceType>
<b:Guid>{0B0B}</b:Guid><b:Title>Floods of the delta</b:Title><b:Year>2019</b:Year>
<b:Month>March</b:Month><b:JournalName>Water Review</b:JournalName><b:Pages>4-9</b:Pages>
<b:Volume>12</b:Volume><b:Issue>3</b:Issue><b:DOI>10.1000/w.12</b:DOI>
<b:Author><b:Author><b:NameList><b:Person><b:Last>Smith</b:Last><b:First>Jane</b:First>
<b:Middle>K.</b:Middle></b:Person><b:Person><b:Last>Osei</b:Last><b:First>Ben</b:First>
</b:Person></b:NameList></b:Author></b:Author><b:RefOrder>1</b:RefOrder></b:Source>
<b:Source><b:Tag>Wor20</b:Tag><b:SourceType>Report</b:SourceType>
<b:Title>Rivers at risk</b:Title><b:Year>2020</b:Year><b:Institution>Water Office</b:Institution>
<b:City>Geneva</b:City><b:ThesisType>Technical report</b:ThesisType>
<b:Author><b:Author><b:Corporate>World Water Office</b:Corporate></b:Author>
<b:Editor><b:NameList><b:Person><b:Last>Lee</b:Last><b:First>Ann</b:First></b:Person>
</b:NameList></b:Editor></b:Author></b:Source>
<b:Source><b:Tag>Web21</b:Tag><b:SourceType>DocumentFromInternetSite</b:SourceType>
<b:Title>Flood maps</b:Title><b:InternetSiteTitle>River Atlas</b:InternetSiteTitle>
<b:URL>https://example.org/maps</b:URL><b:YearAccessed>2021</b:YearAccessed>
<b:MonthAccessed>6</b:MonthAccessed><b:DayAccessed>2</b:DayAccessed></b:Source>
</b:Sources>"""


def _word_docx(path: Path, paragraphs: list[str], sources: str | None = SOURCES) -> Path:
    _docx(path, paragraphs)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("customXml/item2.xml", "<other xmlns='urn:x'/>")  # another part first
        if sources is not None:
            z.writestr("customXml/item3.xml", sources)
    return path


def test_the_sources_are_read_as_works() -> None:
    works = word_sources(ElementTree.fromstring(SOURCES.encode()))
    smith, office, web = works["Smi19"], works["Wor20"], works["Web21"]
    assert (smith.type, smith.title, smith.container, smith.issued) == (
        "article-journal",
        "Floods of the delta",
        "Water Review",
        "2019-03",
    )
    assert [(a.family, a.given) for a in smith.authors] == [("Smith", "Jane K."), ("Osei", "Ben")]
    assert (smith.volume, smith.issue, smith.pages, smith.doi) == ("12", "3", "4-9", "10.1000/w.12")
    assert office.type == "report" and office.authors[0].literal == "World Water Office"
    assert office.publisher == "Water Office" and office.place == "Geneva"
    assert [e.family for e in office.editors] == ["Lee"]
    assert ("Word:ThesisType", "Technical report") in office.extra
    assert (web.type, web.container, web.accessed) == ("webpage", "River Atlas", "2021-06-02")


def test_a_citation_fields_code_names_its_sources() -> None:
    assert citation_tags(" CITATION Smi19 \\l 1033 ") == ["Smi19"]
    assert citation_tags("CITATION Smi19 \\p 4 \\l 1033  \\m Wor20 \\m Web21") == [
        "Smi19",
        "Wor20",
        "Web21",
    ]
    assert citation_tags('CITATION "Smi 19" \\s \\m Smi19') == ["Smi 19", "Smi19"]
    assert citation_tags(" ADDIN ZOTERO_ITEM CSL_CITATION {}") is None
    assert citation_tags(" BIBLIOGRAPHY ") is None


def test_words_citations_are_read_as_the_works_they_cite(tmp_path: Path) -> None:
    path = _word_docx(
        tmp_path / "report.docx",
        [
            _text("Floods grow ")
            + _field(" CITATION Smi19 \\l 1033 \\m Wor20", "(Smith & Osei, 2019; World Water")
            + _text(" and maps help ")
            + '<w:fldSimple w:instr=" CITATION Web21 \\l 2057 "><w:r><w:t>(Flood maps, n.d.)'
            "</w:t></w:r></w:fldSimple>" + _text("."),
            _text("Unknown ") + _field(" CITATION Nob99 \\l 1033 ", "(Nobody, 1999)") + _text("."),
        ],
    )
    doc = read_document_meta(path)
    assert (
        "Floods grow [@cite-word-Smi19; @cite-word-Wor20] and maps help [@cite-word-Web21]."
        in doc.text
    )
    assert "Unknown (Nobody, 1999)." in doc.text  # a source the list lacks keeps its text
    assert [s.work.title for s in doc.cited] == [
        "Floods of the delta",
        "Rivers at risk",
        "Flood maps",
    ]
    (warning,) = doc.problems
    assert "'Nob99'" in warning.message and "lists no such source" in warning.message
    result = ingest([document_source(path)])
    cited = {c.work_key for c in result.citations if c.kind == "citation" and c.work_key}
    titles = {w.title for w in result.works if w.key in cited}
    assert titles == {"Floods of the delta", "Rivers at risk", "Flood maps"}


def test_a_citation_without_a_list_of_sources_keeps_its_text(tmp_path: Path) -> None:
    path = _word_docx(
        tmp_path / "r.docx", [_field(" CITATION Smi19 \\l 1033 ", "(Smith, 2019)")], None
    )
    doc = read_document_meta(path)
    assert "(Smith, 2019)" in doc.text and not doc.cited
    assert "has no list of sources" in doc.problems[0].message


def test_a_broken_sources_part_is_a_warning(tmp_path: Path) -> None:
    path = _word_docx(tmp_path / "r.docx", [_text("Text.")], "<b:Sources xmlns:b='x'><b:Source>")
    doc = read_document_meta(path)
    assert doc.text.strip() == "Text." and "customXml/item3.xml" in doc.problems[0].message


REAL = DATA / "docs" / "word_citations_example.docx"


def test_a_real_word_document_is_read_from_its_sources(tmp_path: Path) -> None:
    """A file Word wrote (its six citations, each in a content control; its bibliography
    rendered in a table inside a ``w:bibliography`` control): the works are its sources,
    once each, and the rendered list makes no copies of them."""
    doc = read_document_meta(REAL)
    assert [s.work.type for s in doc.cited] == [
        "article-journal",
        "paper-conference",
        "book",
        "report",
        "patent",
        "webpage",
    ]
    assert "Example citation for a journal paper[@cite-word-Smi21]." in doc.text
    assert "Example Journal" not in doc.text  # the rendered list is left out
    assert "References" in doc.text  # its heading stays
    result = ingest([document_source(REAL)])
    cited = {c.work_key for c in result.citations if c.kind == "citation"}
    assert len(cited) == 6 and len(result.works) == 7 and not result.problems  # and its own


def test_the_rendered_list_stays_when_there_are_no_sources(tmp_path: Path) -> None:
    listed = (
        "<w:sdt><w:sdtPr><w:bibliography/></w:sdtPr><w:sdtContent>"
        f"<w:p>{_text('Smith, J. (2019). Floods of the delta. Water Review.')}</w:p>"
        "</w:sdtContent></w:sdt>"
    )
    path = _word_docx(tmp_path / "r.docx", [_text("Text.")], None)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"</w:body>", listed.encode() + b"</w:body>"
    )
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert "Floods of the delta" in read_document_meta(path).text
