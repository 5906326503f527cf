"""Reference managers' citations in Word and OpenDocument files, read as the works they store.

The files are built here, their fields written the way the managers write them: Zotero's and
Mendeley's ``ADDIN ... CSL_CITATION {json}`` field (Word) and ``ZOTERO_ITEM CSL_CITATION
{json} RND...`` reference mark (LibreOffice), in the body and in notes; EndNote's ``ADDIN
EN.CITE <EndNote>...`` field, its XML split over many instruction runs, and its ``ADDIN
EN.CITE.DATA`` field nested in the instruction with the XML in base64 in ``w:fldData``;
Mendeley Cite's content control tagged ``MENDELEY_CITATION_v3_<base64 JSON>``.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from litreview.core.errors import Problem
from litreview.corpus.ingest import ingest
from litreview.formats.documents import MANAGER_URI, read_document_meta
from litreview.pipeline.ingest import document_source

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
ODT_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def _csl(*items: tuple[str, dict[str, object]]) -> str:
    """A Zotero citation's JSON: ``(item key, CSL-JSON record)`` per cited item."""
    return json.dumps(
        {
            "citationID": "q1w2e3",
            "properties": {"formattedCitation": "(shown)", "noteIndex": 0},
            "citationItems": [
                {"id": n, "uris": [f"http://zotero.org/users/7/items/{key}"], "itemData": data}
                for n, (key, data) in enumerate(items, 1)
            ],
            "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
        }
    )


RIVER = {
    "id": 1,
    "type": "article-journal",
    "title": "River catch survey",
    "container-title": "Fisheries Review",
    "author": [{"family": "Lima", "given": "Ana"}],
    "issued": {"date-parts": [[2019]]},
    "volume": "4",
    "page": "1-20",
    "DOI": "10.1234/frv.2019.4",
}
ATLAS = {"id": 2, "type": "book", "title": "Atlas of rivers", "publisher": "Survey Press"}

ENDNOTE = (
    "<EndNote><Cite><Author>Osei</Author><Year>2018</Year><RecNum>12</RecNum>"
    "<DisplayText>(Osei, 2018)</DisplayText><record><rec-number>12</rec-number>"
    '<foreign-keys><key app="EN" db-id="x9ad2wz0">12</key></foreign-keys>'
    '<ref-type name="Book">6</ref-type><contributors><authors><author>'
    '<style face="normal" font="default" size="100%">Osei, Ben</style></author></authors>'
    '</contributors><titles><title><style face="normal" font="default" size="100%">'
    "Lakes &amp; deltas</style></title></titles><dates><year>2018</year></dates>"
    "<pub-location>Accra</pub-location><publisher>Survey Press</publisher>"
    "</record></Cite></EndNote>"
)


def _runs(instr: str, size: int) -> str:
    """An instruction split over runs of ``size`` characters, each escaped, as Word and
    EndNote write a long one."""
    return "".join(
        f'<w:r><w:instrText xml:space="preserve">{escape(instr[i : i + size])}</w:instrText></w:r>'
        for i in range(0, len(instr), size)
    )


def _field(instr: str, shown: str, *, size: int = 255, data: str = "") -> str:
    """A complex field: its instruction over runs, then the text Word shows. ``data``: the
    base64 EndNote keeps in the begin marks of the field and of an ``EN.CITE.DATA`` field
    nested in its instruction (the run sequence of EndNote X7 to 21)."""
    if data:
        lines = "\r\n".join(data[i : i + 76] for i in range(0, len(data), 76))
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin">'
            f'<w:fldData xml:space="preserve">{lines}</w:fldData></w:fldChar></w:r>'
        )
        inner = begin + _runs(" ADDIN EN.CITE.DATA ", size) + "<w:r/>"
        inner += '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r/>'
        return (
            begin
            + _runs(instr, size)
            + inner
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + f"<w:r><w:t>{escape(shown)}</w:t></w:r>"
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + _runs(instr, size)
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + f"<w:r><w:t>{escape(shown)}</w:t></w:r>"
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _text(t: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>'


def _docx(
    path: Path,
    paragraphs: Sequence[str],
    footnotes: Sequence[str] = (),
    custom: dict[str, str] | None = None,
) -> Path:
    """A DOCX of body paragraphs (runs) and footnotes (runs after the note's own mark);
    ``custom``: its custom properties (``docProps/custom.xml``), as Word writes them."""
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    notes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>{_text(" ")}{runs}</w:p>'
        "</w:footnote>"
        for n, runs in enumerate(footnotes, 1)
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}'
            "</w:body></w:document>",
        )
        if footnotes:
            z.writestr(
                "word/footnotes.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                f"</w:footnote>{notes}</w:footnotes>",
            )
        if custom is not None:
            z.writestr("docProps/custom.xml", custom_xml(custom))
    return path


def custom_xml(props: dict[str, str]) -> str:
    """``docProps/custom.xml`` holding ``props`` as text properties, as Word writes them."""
    rows = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{n}" '
        f"name={quoteattr(name)}><vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for n, (name, value) in enumerate(props.items(), 2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{rows}</Properties>"
    )


def parts(name: str, code: str, size: int = 255) -> dict[str, str]:
    """A bookmark's code cut into properties ``<name>_1``, ``<name>_2``, ... of ``size``
    characters, as Zotero keeps it."""
    return {f"{name}_{n}": code[i : i + size] for n, i in enumerate(range(0, len(code), size), 1)}


def _word_bookmark(name: str, mid: int, inner: str) -> str:
    """Runs ``inner`` between the start and the end of a Word bookmark."""
    return (
        f'<w:bookmarkStart w:id="{mid}" w:name={quoteattr(name)}/>{inner}'
        f'<w:bookmarkEnd w:id="{mid}"/>'
    )


def _note_ref(n: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{n}"/></w:r>'


def _mark(name: str, shown: str) -> str:
    """A LibreOffice reference mark around ``shown`` (in a span, as Zotero sets it)."""
    attr = quoteattr(name)
    return (
        f"<text:reference-mark-start text:name={attr}/><text:span>{escape(shown)}</text:span>"
        f"<text:reference-mark-end text:name={attr}/>"
    )


def _odt(path: Path, body: str, user_defined: dict[str, str] | None = None) -> Path:
    """An ODT of ``body``; ``user_defined``: the user-defined properties of its
    ``meta.xml``, as LibreOffice writes them."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr(
            "content.xml",
            f"<office:document-content {ODT_NS}><office:body><office:text>{body}"
            "</office:text></office:body></office:document-content>",
        )
        if user_defined is not None:
            rows = "".join(
                f'<meta:user-defined meta:name={quoteattr(k)} meta:value-type="string">'
                f"{escape(v)}</meta:user-defined>"
                for k, v in user_defined.items()
            )
            z.writestr(
                "meta.xml",
                f'<office:document-meta {ODT_NS} xmlns:meta="{ODT_META}">'
                f"<office:meta><meta:initial-creator>Ana</meta:initial-creator>{rows}"
                "</office:meta></office:document-meta>",
            )
    return path


def _odt_bookmark(name: str, shown: str) -> str:
    """A LibreOffice bookmark around ``shown``."""
    attr = quoteattr(name)
    return (
        f"<text:bookmark-start text:name={attr}/>{escape(shown)}"
        f"<text:bookmark-end text:name={attr}/>"
    )


def _works(path: Path) -> dict[str, tuple[str, str]]:
    """Key -> (title, first author's family name) of the works a document's fields store."""
    doc = read_document_meta(path)
    return {
        s.key: (s.work.title, s.work.authors[0].family if s.work.authors else "") for s in doc.cited
    }


def test_a_zotero_citation_in_a_footnote_is_read_as_its_works(tmp_path: Path) -> None:
    """Footnoted reports: the field in word/footnotes.xml is read as in the body."""
    instr = " ADDIN ZOTERO_ITEM CSL_CITATION " + _csl(("ABCD1234", RIVER), ("EFGH5678", ATLAS))
    path = _docx(
        tmp_path / "notes.docx",
        [_text("Catches fell by half.") + _note_ref(1)],
        [_text("See ") + _field(instr, "Lima, River catch survey; Atlas of rivers.")],
    )
    doc = read_document_meta(path)
    assert doc.text == "Catches fell by half.[^1]\n\n[^1]: See [@cite-ABCD1234; @cite-EFGH5678]\n"
    assert _works(path) == {
        "cite-ABCD1234": ("River catch survey", "Lima"),
        "cite-EFGH5678": ("Atlas of rivers", ""),
    }
    assert doc.problems == ()


@pytest.mark.parametrize("size", [255, 7], ids=["runs_of_255", "runs_of_7"])
def test_an_endnote_citation_is_read_from_its_xml(tmp_path: Path, size: int) -> None:
    """EndNote's XML, escaped in the instruction and split over many runs, is read as the
    EndNote XML reader reads a record."""
    path = _docx(
        tmp_path / "en.docx",
        [_text("Deltas grow ") + _field(" ADDIN EN.CITE " + ENDNOTE, "(Osei, 2018)", size=size)],
    )
    doc = read_document_meta(path)
    assert doc.text == "Deltas grow [@cite-x9ad2wz0-12]\n"
    (stored,) = doc.cited
    assert (stored.work.title, stored.work.type, stored.work.publisher) == (
        "Lakes & deltas",
        "book",
        "Survey Press",
    )
    assert stored.work.authors[0].family == "Osei"


def test_an_endnote_citation_in_base64_field_data_is_read(tmp_path: Path) -> None:
    """``ADDIN EN.CITE`` with an ``EN.CITE.DATA`` field nested in its instruction, the XML
    in base64 (lines of 76 characters) in ``w:fldData``; in a footnote too."""
    data = base64.b64encode(ENDNOTE.encode()).decode()
    path = _docx(
        tmp_path / "data.docx",
        [
            _text("Deltas grow ")
            + _field(" ADDIN EN.CITE ", "(Osei, 2018)", data=data)
            + _note_ref(1)
        ],
        [_field(" ADDIN EN.CITE ", "Osei, Lakes.", data=data)],
    )
    doc = read_document_meta(path)
    assert doc.text == "Deltas grow [@cite-x9ad2wz0-12][^1]\n\n[^1]: [@cite-x9ad2wz0-12]\n"
    assert _works(path) == {"cite-x9ad2wz0-12": ("Lakes & deltas", "Osei")}


def _control(tag: str, shown: str) -> str:
    """A content control around ``shown``, as Mendeley Cite writes a citation."""
    return (
        f'<w:sdt><w:sdtPr><w:tag w:val="{escape(tag)}"/><w:id w:val="-1518844102"/>'
        f"</w:sdtPr><w:sdtContent>{_text(shown)}</w:sdtContent></w:sdt>"
    )


def test_a_mendeley_cite_citation_in_a_content_control_is_read(tmp_path: Path) -> None:
    """Mendeley Cite: the control's tag is ``MENDELEY_CITATION_v3_`` and the citation's JSON
    in base64 (its padding left off); another control keeps its text."""
    tag = "MENDELEY_CITATION_v3_" + base64.b64encode(_csl(("EFGH5678", ATLAS)).encode()).decode()
    path = _docx(
        tmp_path / "m.docx",
        [
            _text("Maps ") + _control(tag.rstrip("="), "(Atlas, n.d.)") + _note_ref(1),
            _control("goog_rdk_1", "Kept."),
        ],
        [_control(tag, "Atlas of rivers.")],
    )
    doc = read_document_meta(path)
    assert doc.text == "Maps [@cite-EFGH5678][^1]\n\nKept.\n\n[^1]: [@cite-EFGH5678]\n"
    assert _works(path) == {"cite-EFGH5678": ("Atlas of rivers", "")}


def test_a_zotero_reference_mark_in_an_odt_is_read_as_its_works(tmp_path: Path) -> None:
    """LibreOffice: the mark's name holds the JSON and a random tail; in the body and in a
    footnote; Mendeley's name has no ``ZOTERO_ITEM``."""
    zotero = f"ZOTERO_ITEM CSL_CITATION {_csl(('ABCD1234', RIVER))} RNDq8Xw2Lk0Pz"
    mendeley = f"CSL_CITATION {_csl(('EFGH5678', ATLAS))}"
    note = (
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        f"<text:note-body><text:p>See {_mark(mendeley, 'Atlas of rivers')}.</text:p>"
        "</text:note-body></text:note>"
    )
    body = f"<text:p>Catches fell {_mark(zotero, '(Lima 2019)')}.{note}</text:p>"
    doc = read_document_meta(_odt(tmp_path / "z.odt", body))
    assert doc.text == "Catches fell [@cite-ABCD1234].[^1]\n\n[^1]: See [@cite-EFGH5678].\n"
    assert _works(tmp_path / "z.odt") == {
        "cite-ABCD1234": ("River catch survey", "Lima"),
        "cite-EFGH5678": ("Atlas of rivers", ""),
    }


@pytest.mark.parametrize(
    ("field", "why"),
    [
        pytest.param(
            _field(" ADDIN ZOTERO_ITEM CSL_CITATION {not json", "(Lima 2019)"),
            "its JSON is broken",
            id="json",
        ),
        pytest.param(
            _field(" ADDIN EN.CITE <EndNote><Cite><record>", "(Lima 2019)"),
            "its XML is broken",
            id="xml",
        ),
        pytest.param(
            _field(" ADDIN EN.CITE ", "(Lima 2019)", data="PEVuZE5vdGU+*not base64*"),
            "its data is not base64",
            id="base64",
        ),
        pytest.param(
            _field(
                " ADDIN EN.CITE <EndNote><Cite><Author>Lima</Author></Cite></EndNote>",
                "(Lima 2019)",
            ),
            "cited work 1 has no <record>",
            id="no_record",
        ),
    ],
)
def test_an_unreadable_citation_keeps_its_text_with_a_warning(
    tmp_path: Path, field: str, why: str
) -> None:
    path = _docx(tmp_path / "bad.docx", [_text("Fish are scarce ") + field + _note_ref(1)], [field])
    doc = read_document_meta(path)
    assert doc.text == "Fish are scarce (Lima 2019)[^1]\n\n[^1]: (Lima 2019)\n"
    assert doc.cited == ()
    assert len(doc.problems) == 2
    problem = doc.problems[0]
    assert (problem.path, problem.severity) == (str(path), "warning")
    assert why in problem.message and "'(Lima 2019)' kept" in problem.message
    assert document_source(path).problems == doc.problems  # they reach ingest


def test_an_unreadable_reference_mark_keeps_its_text_with_a_warning(tmp_path: Path) -> None:
    mark = _mark("ZOTERO_ITEM CSL_CITATION {broken RNDq8Xw2Lk0Pz", "(Lima)")
    body = f"<text:p>Fish {mark}.</text:p>"
    path = _odt(tmp_path / "bad.odt", body)
    doc = read_document_meta(path)
    assert doc.text == "Fish (Lima).\n"
    assert [(p.path, p.severity) for p in doc.problems] == [(str(path), "warning")]


def test_ingest_cites_the_stored_works_and_keeps_their_records_over_the_reference_list(
    tmp_path: Path,
) -> None:
    """Footnotes with EndNote and Zotero fields, and a formatted reference list after the
    body that names the same works with slips (its entry sorts before the stored record):
    the corpus has each work once, with the stored record's values (exact), and the notes
    after the list are all read."""
    data = base64.b64encode(ENDNOTE.encode()).decode()
    zotero = " ADDIN ZOTERO_ITEM CSL_CITATION " + _csl(("ABCD1234", RIVER))
    path = _docx(
        tmp_path / "report.docx",
        [
            _text("Catches fell by half.") + _note_ref(1) + _text(" Deltas grew.") + _note_ref(2),
            _text("References"),
            _text("Lima, A. (2019). River Catch Survey. Fisheries Review, 4, 1-29."),
            _text("Osei, B. (2018). Lakes and deltas. Accra: Survey Press."),
        ],
        [
            _field(zotero, "Lima, River catch survey."),
            _field(" ADDIN EN.CITE ", "Osei.", data=data),
        ],
    )
    result = ingest([document_source(path)])
    notes = [c for c in result.citations if c.footnote is not None and c.work_key]
    assert [c.footnote for c in notes] == [1, 2]
    works = {w.key: w for w in result.works}
    cited = [works[c.work_key] for c in notes]
    assert [(w.title, w.pages) for w in cited] == [
        ("River catch survey", "1-20"),
        ("Lakes & deltas", ""),
    ]
    assert cited[0].extra_value(MANAGER_URI) == "http://zotero.org/users/7/items/ABCD1234"
    titles = [w.title.lower() for w in result.works]
    assert titles.count("river catch survey") == 1
    assert not [p for p in result.problems if isinstance(p, Problem) and "footnote" in p.message]


# Zotero's "store citations as bookmarks": a bookmark named ZOTERO_BREF_ and 12 random
# letters marks the text; its code, cut into parts of 255 characters, is kept in the
# document's properties named after it.
BREF = "ZOTERO_BREF_q8Xw2Lk0PzA1"
BREF2 = "ZOTERO_BREF_Jm3nB7vC9xZ2"
BIBL = "ZOTERO_BREF_Bb1Cc2Dd3Ee4"


def _item_code(*items: tuple[str, dict[str, object]]) -> str:
    return "ZOTERO_ITEM CSL_CITATION " + _csl(*items)


def test_zotero_citations_stored_as_bookmarks_in_a_docx_are_read(tmp_path: Path) -> None:
    """The bookmarks' codes are in docProps/custom.xml; the bibliography's bookmark, which
    spans paragraphs and keeps ``ZOTERO_BIBL``, and Word's own bookmarks keep their text."""
    props = {
        "ZOTERO_PREF_1": '<data data-version="3"><session id="x"/></data>',
        **parts(BREF, _item_code(("ABCD1234", RIVER), ("EFGH5678", ATLAS))),
        **parts(BREF2, _item_code(("EFGH5678", ATLAS))),
        **parts(BIBL, 'ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY'),
    }
    path = _docx(
        tmp_path / "bm.docx",
        [
            _text("Catches fell ")
            + _word_bookmark(BREF, 0, _text("(Lima 2019; ") + _text("Atlas n.d.)"))
            + _text(" and maps ")
            + _word_bookmark(BREF2, 1, _text("(Atlas n.d.)"))
            + _word_bookmark("_GoBack", 2, "")
            + _text("."),
            f'<w:bookmarkStart w:id="3" w:name="{BIBL}"/>' + _text("Lima, A. River catch."),
            _text("Atlas of rivers.") + '<w:bookmarkEnd w:id="3"/>',
        ],
        custom=props,
    )
    doc = read_document_meta(path)
    assert doc.text == (
        "Catches fell [@cite-ABCD1234; @cite-EFGH5678] and maps [@cite-EFGH5678].\n\n"
        "Lima, A. River catch.\n\nAtlas of rivers.\n"
    )
    assert _works(path) == {
        "cite-ABCD1234": ("River catch survey", "Lima"),
        "cite-EFGH5678": ("Atlas of rivers", ""),
    }
    assert doc.problems == ()


def test_zotero_citations_stored_as_bookmarks_in_an_odt_are_read(tmp_path: Path) -> None:
    """LibreOffice keeps the codes in meta.xml's user-defined properties; a copied bookmark
    whose name LibreOffice gave a number at its end finds the original's code."""
    props = {**parts(BREF, _item_code(("ABCD1234", RIVER)), size=100)}
    body = (
        f"<text:p>Catches fell {_odt_bookmark(BREF, '(Lima 2019)')}, "
        f"as before {_odt_bookmark(BREF + '1', '(Lima 2019)')}.</text:p>"
    )
    path = _odt(tmp_path / "bm.odt", body, props)
    doc = read_document_meta(path)
    assert doc.text == "Catches fell [@cite-ABCD1234], as before [@cite-ABCD1234].\n"
    assert _works(path) == {"cite-ABCD1234": ("River catch survey", "Lima")}
    assert doc.problems == ()
    assert doc.author == "Ana"  # meta.xml still gives the author


@pytest.mark.parametrize(
    ("props", "why"),
    [
        pytest.param(
            {
                k: v
                for k, v in parts(BREF, _item_code(("ABCD1234", RIVER))).items()
                if k[-2:] != "_2"
            },
            "part 2 of its code is not in the document's properties",
            id="part_missing",
        ),
        pytest.param(
            parts(BREF, "ZOTERO_ITEM CSL_CITATION {not json"), "its JSON is broken", id="json"
        ),
        pytest.param({}, "its code is not in the document's properties", id="no_code"),
        pytest.param(
            parts(BREF, _item_code(("ABCD1234", {**RIVER, "abstract": "x" * 9_000_000}))),
            "its code is longer than 8,388,608 characters",
            id="huge",
        ),
    ],
)
def test_a_bookmark_whose_code_cannot_be_read_keeps_its_text_with_a_warning(
    tmp_path: Path, props: dict[str, str], why: str
) -> None:
    body = [_text("Fish are scarce ") + _word_bookmark(BREF, 0, _text("(Lima 2019)"))]
    path = _docx(tmp_path / "bad.docx", body, custom=props)
    doc = read_document_meta(path)
    assert doc.text == "Fish are scarce (Lima 2019)\n"
    assert doc.cited == ()
    assert [(p.path, p.severity) for p in doc.problems] == [(str(path), "warning")]
    assert why in doc.problems[0].message and "'(Lima 2019)' kept" in doc.problems[0].message


@pytest.mark.parametrize(
    ("custom", "why"),
    [
        pytest.param("<Properties><property", "cannot read docProps/custom.xml", id="broken"),
        pytest.param("<a>" + " " * 20_000 + "</a>", "larger than 10,000 bytes", id="too_large"),
    ],
)
def test_custom_properties_that_cannot_be_read_are_a_warning_not_a_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, custom: str, why: str
) -> None:
    monkeypatch.setattr("litreview.formats._docx_text.MAX_DOCX_PART_BYTES", 10_000)
    path = _docx(tmp_path / "p.docx", [_text("Fish ") + _word_bookmark(BREF, 0, _text("(L)"))])
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("docProps/custom.xml", custom)
    doc = read_document_meta(path)
    assert doc.text == "Fish (L)\n"
    messages = [p.message for p in doc.problems]
    assert len(messages) == 2 and why in messages[0], messages  # the part, then the bookmark


MENDELEY_UUID = "970e7ce0-8a21-482e-b7d6-e77794a2d37d"


def test_a_mendeley_desktop_field_with_its_old_id_before_the_json_is_read(
    tmp_path: Path,
) -> None:
    """Mendeley Desktop 1.0 wrote ``Mendeley Citation{<uuid>}`` before ``CSL_CITATION``
    (for its older versions); the JSON after it is read."""
    instr = f" ADDIN Mendeley Citation{{{MENDELEY_UUID}}} CSL_CITATION " + _csl(("E1", ATLAS))
    path = _docx(tmp_path / "m.docx", [_text("Maps ") + _field(instr, "(Atlas, n.d.)")])
    doc = read_document_meta(path)
    assert doc.text == "Maps [@cite-E1]\n"
    assert doc.problems == ()


@pytest.mark.parametrize(
    "code",
    [
        f" ADDIN Mendeley Citation{{{MENDELEY_UUID}}} ",
        f" ADDIN Mendeley Citation{{{MENDELEY_UUID}}};{{{MENDELEY_UUID[::-1]}}}",
        f" ADDIN Mendeley Edited Citation{{{MENDELEY_UUID}}}",
        f" PRINTDATE Mendeley Citation{{{MENDELEY_UUID}}}",
    ],
    ids=["one", "two", "edited", "mac"],
)
def test_an_older_mendeley_field_keeps_its_text_and_says_it_holds_no_record(
    tmp_path: Path, code: str
) -> None:
    """Before 1.0, Mendeley Desktop's field held only its ids of the works (their records
    were in the user's library alone): the text shown is read, with a warning."""
    path = _docx(tmp_path / "old.docx", [_text("Maps ") + _field(code, "(Atlas, n.d.)")])
    doc = read_document_meta(path)
    assert doc.text == "Maps (Atlas, n.d.)\n"
    (problem,) = doc.problems
    assert "keeps no record, only Mendeley's ids" in problem.message
    assert "'(Atlas, n.d.)' kept" in problem.message


def test_an_older_mendeley_reference_mark_in_an_odt_says_it_holds_no_record(
    tmp_path: Path,
) -> None:
    mark = _mark(f"Mendeley Citation{{{MENDELEY_UUID}}} RNDSDLGneoN3n", "(Atlas, n.d.)")
    doc = read_document_meta(_odt(tmp_path / "old.odt", f"<text:p>Maps {mark}.</text:p>"))
    assert doc.text == "Maps (Atlas, n.d.).\n"
    (problem,) = doc.problems
    assert "keeps no record" in problem.message


# A document Zotero "transferred" to another word processor: each citation a link to
# zotero.org whose text is its code; the bibliography and the document preferences too.
def _word_link(text: str) -> str:
    return f'<w:hyperlink r:id="rId9" {R}>{_text(text)}</w:hyperlink>'


R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PREFS = 'DOCUMENT_PREFERENCES <data data-version="3"><session id="Ab12"/></data>'


def test_a_document_zotero_transferred_is_read_from_its_links(tmp_path: Path) -> None:
    """In Word a link is an element or a HYPERLINK field (Word for Mac); the codes of the
    bibliography and of the document's preferences are dropped, other links kept."""
    code = "ITEM CSL_CITATION " + _csl(("ABCD1234", RIVER))
    field = _field(
        ' HYPERLINK "https://www.zotero.org/" ', "ITEM CSL_CITATION " + _csl(("E1", ATLAS))
    )
    path = _docx(
        tmp_path / "t.docx",
        [
            _text("Catches fell ") + _word_link(code) + _text(" and maps ") + field + _text("."),
            _text("See ") + _word_link("the survey site") + _text("."),
            _word_link('BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY'),
            _word_link(PREFS),
        ],
    )
    doc = read_document_meta(path)
    assert (
        doc.text == "Catches fell [@cite-ABCD1234] and maps [@cite-E1].\n\nSee the survey site.\n"
    )
    assert _works(path) == {
        "cite-ABCD1234": ("River catch survey", "Lima"),
        "cite-E1": ("Atlas of rivers", ""),
    }
    assert doc.problems == ()


def test_a_document_zotero_transferred_to_libreoffice_is_read_from_its_links(
    tmp_path: Path,
) -> None:
    def link(text: str) -> str:
        return f'<text:a xlink:type="simple" xlink:href="https://www.zotero.org/">{escape(text)}</text:a>'

    code = "ITEM CSL_CITATION " + _csl(("ABCD1234", RIVER))
    body = f"<text:p>Catches fell {link(code)}.</text:p><text:p>{link(PREFS)}</text:p>"
    path = _odt(tmp_path / "t.odt", body)
    doc = read_document_meta(path)
    assert doc.text == "Catches fell [@cite-ABCD1234].\n"
    assert _works(path) == {"cite-ABCD1234": ("River catch survey", "Lima")}


# Zotero's notice before the body of a document it transfers: the marker paragraph, an
# empty one, the instructions in the user's language, an empty one.
NOTICE = (
    "The Zotero citations in this document have been converted to a format that can be "
    "safely transferred between word processors. Open this document in a supported word "
    "processor and press Refresh in the Zotero plugin to continue working with the citations."
)


@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize(
    "marker",
    ["ZOTERO_TRANSFER_DOCUMENT", "ZOTERO_EXPORTED_DOCUMENT", "link"],
    ids=["marker", "beta_marker", "marker_as_link"],
)
def test_the_notice_zotero_puts_before_a_transferred_document_is_no_text(
    tmp_path: Path, fmt: str, marker: str
) -> None:
    """The marker paragraph and the instructions (in any language: known by their place)
    are not read; the body and its citations are, and nothing is said about them. A
    paragraph that names the marker among other words is text."""
    code = "ITEM CSL_CITATION " + _csl(("ABCD1234", RIVER))
    body = "Little is known about why catches fell "
    if fmt == "docx":
        first = _word_link("ZOTERO_TRANSFER_DOCUMENT") if marker == "link" else _text(marker)
        paragraphs = [first, "", _text(NOTICE), _text(" ")]
        path = _docx(
            tmp_path / "t.docx", [*paragraphs, _text(body) + _word_link(code) + _text(".")]
        )
    else:

        def link(text: str) -> str:
            return f'<text:a xlink:href="https://www.zotero.org/">{escape(text)}</text:a>'

        first = link("ZOTERO_TRANSFER_DOCUMENT") if marker == "link" else marker
        notice = (
            f"<text:p>{first}</text:p><text:p/><text:p>{escape(NOTICE)}</text:p><text:p> </text:p>"
        )
        path = _odt(tmp_path / "t.odt", f"{notice}<text:p>{escape(body)}{link(code)}.</text:p>")
    doc = read_document_meta(path)
    assert doc.text == f"{body}[@cite-ABCD1234].\n"
    assert doc.problems == ()
    # only a first paragraph that is the marker alone is Zotero's notice
    said = "ZOTERO_TRANSFER_DOCUMENT is the first line of a transferred document."
    path = _docx(tmp_path / "s.docx", [_text(said), _text(NOTICE)])
    assert read_document_meta(path).text == f"{said}\n\n{NOTICE}\n"


def test_a_transferred_citation_whose_code_is_broken_keeps_its_text_with_a_warning(
    tmp_path: Path,
) -> None:
    path = _docx(tmp_path / "b.docx", [_text("Fish ") + _word_link("ITEM CSL_CITATION {broken")])
    doc = read_document_meta(path)
    assert doc.text == "Fish ITEM CSL_CITATION {broken\n"
    (problem,) = doc.problems
    assert "its JSON is broken" in problem.message


@pytest.mark.parametrize("where", ["field", "mark"])
def test_a_zotero_citation_without_stored_records_keeps_its_text_and_says_so(
    tmp_path: Path, where: str
) -> None:
    """Zotero with "store references in document" off writes ``ZOTERO_ITEM {json}``: the
    items' links alone, no records."""
    links = json.dumps({"citationItems": [{"uris": ["http://zotero.org/users/7/items/AB12"]}]})
    if where == "field":
        path = _docx(
            tmp_path / "l.docx",
            [_text("Fish ") + _field(f" ADDIN ZOTERO_ITEM {links} ", "(Lima 2019)")],
        )
    else:
        mark = _mark(f"ZOTERO_ITEM {links} RNDq8Xw2Lk0Pz", "(Lima 2019)")
        path = _odt(tmp_path / "l.odt", f"<text:p>Fish {mark}</text:p>")
    doc = read_document_meta(path)
    assert doc.text == "Fish (Lima 2019)\n"
    (problem,) = doc.problems
    assert "item 1 has no record (itemData), only the manager's link to it" in problem.message


def test_tracked_changes_are_read_accepted(tmp_path: Path) -> None:
    """Text a tracked change deletes or moves away (with a note reference in it) is not
    read; inserted and moved-to text is."""
    para = (
        _text("Floods ")
        + '<w:del w:id="1" w:author="A"><w:r><w:delText>rarely </w:delText></w:r>'
        + '<w:r><w:footnoteReference w:id="1"/></w:r></w:del>'
        + '<w:ins w:id="2" w:author="A"><w:r><w:t>often </w:t></w:r></w:ins>'
        + '<w:moveFrom w:id="3" w:author="A"><w:r><w:t>in spring </w:t></w:r></w:moveFrom>'
        + _text("grow")
        + '<w:moveTo w:id="4" w:author="A"><w:r><w:t> in spring</w:t></w:r></w:moveTo>'
        + _text(".")
    )
    doc = read_document_meta(_docx(tmp_path / "r.docx", [para], [_text("A deleted note.")]))
    assert doc.text.strip() == "Floods often grow in spring."


def test_an_odts_tracked_deletions_are_not_read(tmp_path: Path) -> None:
    """LibreOffice keeps deleted text in ``text:tracked-changes`` at the start of the body,
    marked where it stood by ``text:change``: read accepted, it is not read."""
    body = (
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        "<office:change-info><dc:creator xmlns:dc='http://purl.org/dc/elements/1.1/'>A"
        "</dc:creator></office:change-info><text:p>Rarely.</text:p></text:deletion>"
        "</text:changed-region></text:tracked-changes>"
        '<text:p>Floods <text:change text:change-id="ct1"/>grow.</text:p>'
    )
    doc = read_document_meta(_odt(tmp_path / "r.odt", body))
    assert doc.text.strip() == "Floods grow."


def test_a_strict_open_xml_docx_is_read(tmp_path: Path) -> None:
    """Word's "Strict Open XML Document" names the same elements in other namespaces."""
    path = _docx(tmp_path / "r.docx", [_text("Floods grow.") + _note_ref(1)], [_text("A note.")])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            usual = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            z.writestr(name, data.replace(usual, strict))
    doc = read_document_meta(path)
    assert doc.text == "Floods grow.[^1]\n\n[^1]: A note.\n"
