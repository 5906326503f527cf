"""LibreOffice's own citations (Insert > Bibliography Entry): each ``text:bibliography-mark``
holds its work's record in its attributes; read as that work, and LibreOffice's rendered
bibliography (``text:bibliography``) left out when the marks were read. The files are
built here as LibreOffice writes them."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from litreview.corpus.ingest import ingest
from litreview.formats._odt_bibliography import mark_record
from litreview.formats.documents import read_document_meta
from litreview.pipeline.ingest import document_source
from tests.formats.test_cite_fields import _odt

T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
SMITH = {
    "identifier": "Smith2019",
    "bibliography-type": "article",
    "author": "Smith, Jane; Ben Osei",
    "title": "Floods of the delta",
    "year": "2019",
    "month": "Mar",
    "journal": "Water Review",
    "volume": "12",
    "number": "3",
    "pages": "4-9",
    "isbn": "",
}
OFFICE = {
    "identifier": "WWO2020",
    "bibliography-type": "techreport",
    "author": "{World Water Office}",
    "title": "Rivers at risk",
    "year": "2020",
    "institution": "Water Office",
    "address": "Geneva",
    "number": "WR-7",
    "custom1": "internal",
}


def _mark(record: dict[str, str], shown: str) -> str:
    attrs = " ".join(f"text:{k}={quoteattr(v)}" for k, v in record.items())
    return f"<text:bibliography-mark {attrs}>{shown}</text:bibliography-mark>"


def test_a_marks_attributes_are_its_works_record() -> None:
    ident, work = mark_record({T + k: v for k, v in SMITH.items()}) or ("", None)
    assert ident == "Smith2019" and work is not None
    assert (work.type, work.title, work.container, work.issued) == (
        "article-journal",
        "Floods of the delta",
        "Water Review",
        "2019-03",
    )
    assert [(a.family, a.given) for a in work.authors] == [("Smith", "Jane"), ("Osei", "Ben")]
    assert (work.volume, work.issue, work.pages) == ("12", "3", "4-9")
    ident, office = mark_record({T + k: v for k, v in OFFICE.items()}) or ("", None)
    assert office is not None and office.type == "report"
    assert office.authors[0].literal == "World Water Office"
    assert (office.publisher, office.place) == ("Water Office", "Geneva")
    assert ("ODF:number", "WR-7") in office.extra and ("ODF:custom1", "internal") in office.extra
    assert mark_record({T + "title": "No identifier"}) is None


def test_libreoffice_citations_are_read_and_its_rendered_list_left_out(tmp_path: Path) -> None:
    body = (
        f"<text:p>Floods grow {_mark(SMITH, '[Smith2019]')} and rivers are at risk "
        f"{_mark(OFFICE, '[WWO2020]')}; see again {_mark(SMITH, '[Smith2019]')}.</text:p>"
        '<text:bibliography text:name="Bibliography1"><text:index-body>'
        "<text:index-title><text:p>Bibliography</text:p></text:index-title>"
        "<text:p>[Smith2019] Smith, Jane: Floods of the delta. Water Review 2019</text:p>"
        "<text:p>[WWO2020] World Water Office: Rivers at risk, 2020</text:p>"
        "</text:index-body></text:bibliography>"
    )
    path = _odt(tmp_path / "paper.odt", body)
    doc = read_document_meta(path)
    assert doc.text.strip() == (
        "Floods grow [@cite-Smith2019] and rivers are at risk [@cite-WWO2020]; "
        "see again [@cite-Smith2019]."
    )
    assert [s.work.title for s in doc.cited] == ["Floods of the delta", "Rivers at risk"]
    result = ingest([document_source(path)])
    rows = [c.work_key for c in result.citations if c.kind == "citation"]
    assert len(rows) == 3 and len(set(rows)) == 2
    assert len(result.works) == 3  # the two works and the document's own


def test_a_mark_without_identifier_keeps_its_text(tmp_path: Path) -> None:
    body = f"<text:p>As shown {_mark({'title': 'Untitled'}, '[?]')}.</text:p>"
    doc = read_document_meta(_odt(tmp_path / "p.odt", body))
    assert doc.text.strip() == "As shown [?]." and not doc.cited
