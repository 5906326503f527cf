"""MODS XML (``mods``, ``modsCollection``): what library catalogues, Zotero and
repositories export.

The real files are JabRef's (``tests/data/real/jabref_mods_*.xml``): its MODS export tests,
each checked field by field against the BibTeX it was written from (its ``.bib`` twin,
quoted), and a Library of Congress record, checked against the BibTeX JabRef's MODS importer
reads from the same record (``MODSImporterTestMonographicBookFallback.bib``). Where JabRef's
reading is a judgement call the test says what is read here and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.formats import detect, read_file
from litreview.formats.mods import read_mods
from tests.conftest import DATA

REAL = DATA / "real"
SHRUTHI = (
    Person(family="Shruthi", given="Basavaradhya Sahukar"),
    Person(family="Vinodhkumar", given="Palani"),
    Person(family="Selvamani"),
)


def _read(name: str) -> list[Work]:
    works, problems = read_file(REAL / name)
    assert problems == []
    return works


def _check(work: Work, fields: dict[str, object], extra: Sequence[tuple[str, str]] = ()) -> None:
    for field, value in fields.items():
        assert getattr(work, field) == value, field
    for pair in extra:
        assert pair in work.extra, pair


def test_all_fields() -> None:
    """@Article{, author = {Don't, know and Realy, don't know}, title, journal = {Some
    journal}, year = 2000, volume = 5, issue = 10, pages = {67-68}, note = {a note, and
    another note}, abstract, address = {India}, affiliation, created = {2000-11-10},
    creationdate = {2000-11-11}, modificationdate = {2000-12-10}, doi, edition = 2,
    keywords, language = en, location = {somewhere}, pmid, publisher, uri = {an uri}, url =
    {someWebSite}}. Notes are paragraphs (JabRef joins them with commas); the URI
    identifier is no URL when ``location/url`` gives one (as JabRef reads it)."""
    (work,) = _read("jabref_mods_export_all_fields.xml")
    _check(
        work,
        {
            "type": "article-journal",
            "authors": (
                Person(family="Don't", given="know"),
                Person(family="Realy", given="don't know"),
            ),
            "title": "title",
            "container": "Some journal",
            "issued": "2000",
            "volume": "5",
            "issue": "10",
            "pages": "67-68",
            "note": "a note\n\nand another note",
            "abstract": "abstract",
            "place": "India",
            "doi": "someDoi",
            "publisher": "Verlag verlag",
            "url": "someWebSite",
            "keywords": ("keyword", "electrophoresis", "neoplasia", "spectrometry", "translation"),
        },
        [
            ("MODS:name/affiliation", "an affiliation"),
            ("MODS:originInfo/dateCreated", "2000-11-10"),
            ("MODS:originInfo/dateCaptured", "2000-11-11"),
            ("MODS:originInfo/dateModified", "2000-12-10"),
            ("edition", "2"),
            ("language", "en"),
            ("MODS:location/physicalLocation", "somewhere"),
            ("pmid", "123456789"),
            ("MODS:identifier[uri]", "an uri"),
        ],
    )


def test_a_book_of_identifiers_only_is_a_work() -> None:
    """@Book{, isbn, issn, keywords = {note, and another note}, pages = {67-68}}: no title,
    name or date, but identifiers to cite it by."""
    (work,) = _read("jabref_mods_export_book.xml")
    _check(
        work,
        {"type": "book", "pages": "67-68", "keywords": ("note", "and another note")},
        [("isbn", "123456789"), ("issn", "987654321")],
    )


def test_a_page_total_is_no_page_range() -> None:
    """@InBook{test, pages = {1234}, author = {Mustermann}, keywords = {keyword}}. The MODS
    says ``extent/total``: the pages the book has, not the pages cited. Read as
    ``pagetotal`` (BibLaTeX's, CSL's number-of-pages), not as pages as JabRef reads it."""
    (work,) = _read("jabref_mods_export_total_pages.xml")
    _check(
        work,
        {"key": "test", "type": "chapter", "authors": (Person(family="Mustermann"),), "pages": ""},
        [("pagetotal", "1234")],
    )
    assert work.keywords == ("keyword",)


def test_multiple_entries_and_only_required_fields() -> None:
    """@Article{, author, date = 2016, title, journal, volume = 5, pages = {67} (a total,
    as above), address = {India}, keywords} and @Inproceedings{ShruthiVinodhkumarSelvamani2016,
    ..., booktitle}; then the article with its key only."""
    article, paper = _read("jabref_mods_export_multiple_entries.xml")
    title = "Proteomics: A new perspective for cancer."
    _check(
        article,
        {
            "key": "",
            "type": "article-journal",
            "authors": SHRUTHI,
            "title": title,
            "issued": "2016",
            "container": "Advanced biomedical research",
            "volume": "5",
            "place": "India",
            "keywords": (
                "Biomarkers",
                "electrophoresis",
                "neoplasia",
                "spectrometry",
                "translation",
            ),
        },
        [("pagetotal", "67")],
    )
    _check(
        paper,
        {
            "key": "ShruthiVinodhkumarSelvamani2016",
            "type": "paper-conference",
            "authors": SHRUTHI,
            "container": "Advanced biomedical research",
        },
    )
    (only,) = _read("jabref_mods_export_only_required_fields.xml")
    _check(
        only,
        {
            "key": "ShruthiVinodhkumarSelvamani2016",
            "type": "article-journal",
            "authors": SHRUTHI,
            "title": title,
            "issued": "2016",
            "container": "Advanced biomedical research",
        },
    )
    assert not [n for n, _ in only.extra if "citekey" in n]  # the key, not kept twice


def test_a_library_of_congress_record() -> None:
    """@book{, address = {mau, Burlington, MA}, author = {West, Matthew}, date = 2011, isbn =
    {0123751063}, language = eng, note = {Matthew West., Includes index.}, title, year =
    2011}. ``mau`` is a MARC country code, kept as such, not a place; both ISBNs are kept
    (JabRef keeps the last); the catalogue's ``c2011`` beside the encoded 2011, the name's
    dates, the publisher (a MODS 3.8 ``agent``), LCCN, OCLC number and classification too."""
    (work,) = _read("jabref_mods_library_of_congress.xml")
    _check(
        work,
        {
            "type": "book",
            "authors": (Person(family="West", given="Matthew"),),
            "title": "Developing high quality data models",
            "issued": "2011",
            "place": "Burlington, MA",
            "publisher": "Morgan Kaufmann",
            "note": "Matthew West.\n\nIncludes index.",
            "keywords": ("Database design", "Data structures (Computer science)"),
        },
        [
            ("isbn", "9780123751065"),
            ("isbn", "0123751063"),
            ("language", "eng"),
            ("lccn", "2010045158"),
            ("oclc", "665135773"),
            ("MODS:originInfo/place/placeTerm[code]", "mau"),
            ("MODS:originInfo/dateIssued", "c2011"),
            ("MODS:name/namePart[date]", "West, Matthew: 1953-"),
            ("MODS:classification[lcc]", "QA76.9.D26 W47 2011"),
            ("MODS:physicalDescription/extent", "xvii, 389 p. : ill. ; 24 cm."),
        ],
    )


def test_jabrefs_mods_importer_files() -> None:
    """JabRef's MODS importer tests, against the BibTeX it reads. @article{TelPeak,
    author = {Telescope}, title = {Telescope PK from Zabriskie Pt.}, journal = {Cell},
    pages = {50}, year = 1955, created = {1955-03-22}, edition = 2, ...}: JabRef takes the
    last title, the alternative one; the title is the one without a type (the alternative
    kept), and the date created is the date when none is issued; the total is a page
    count, as above. @article{, author = {Alleman, Tillie Pierce}, journal = {A Celebration
    of Women Writers: Americana}, address = {New York}, publisher, language = eng, url = {
    http://...}, keywords, year = 1889}: a roleTerm ``aut`` is an author; the URL without
    the space before it."""
    (tel,) = _read("jabref_mods_import_all_fields.xml")
    _check(
        tel,
        {
            "key": "TelPeak",
            "type": "article-journal",
            "title": "Telescope Peak from Zabriskie Point",
            "authors": (Person(family="Telescope"),),
            "container": "Cell",
            "issued": "1955-03-22",
            "abstract": "an abstract",
            "url": "http://purl.dlib.indiana.edu/iudl/archives/cushman/P07803",
        },
        [
            ("MODS:titleInfo[alternative]/title", "Telescope PK from Zabriskie Pt."),
            ("pagetotal", "50"),
            ("edition", "2"),
            ("MODS:name/affiliation", "Telescope: an affiliation"),
            ("MODS:subject/hierarchicalGeographic/city", "New York"),
            ("MODS:recordInfo/recordContentSource", "Indiana University Digital Library Program"),
        ],
    )
    (girl,) = _read("jabref_mods_import_mods.xml")
    _check(
        girl,
        {
            "authors": (Person(family="Alleman", given="Tillie Pierce"),),
            "container": "A Celebration of Women Writers: Americana",
            "place": "New York",
            "publisher": "W. Lake Borland",
            "issued": "1889",
            "url": "http://digital.library.upenn.edu/women/alleman/gettysburg/gettysburg.html",
        },
        [("language", "eng"), ("MODS:language/languageTerm[text]", "English")],
    )
    assert girl.keywords[1] == "Gettysburg (Pa.) -- History -- Civil War, 1861-1865"


def test_a_collection_in_the_encoding_its_declaration_names() -> None:
    """JabRef's ``MODSImporterTestModsCollection.xml`` is ISO-8859-1, as its XML declaration
    says (litreview refused it: "not UTF-8"). Three records: @article{Mock++2003, ...,
    journal = {Aquat Microb Ecol}}, @article{Schewe+Soltwedel2003, ...}, @book{Thomas+
    Dieckmann2003, author = {Thomas, DN and Dieckmann, GS}, ...}. The journal is its full
    title (the abbreviation kept as ``shortjournal``); Thomas and Dieckmann are the book's
    editors, as their roles say (JabRef reads every name as an author)."""
    mock, schewe, book = _read("jabref_mods_import_collection.xml")
    assert [w.key for w in (mock, schewe, book)] == [
        "Mock++2003",
        "Schewe+Soltwedel2003",
        "Thomas+Dieckmann2003",
    ]
    _check(
        mock,
        {
            "container": "Aquatic Microbial Ecology",
            "volume": "30",
            "issue": "2",
            "pages": "197-205",
            "note": "Marine",
        },
        [
            ("shortjournal", "Aquat Microb Ecol"),
            ("MODS:identifier[local]", "IPÖ @ msteffens @ 713"),
        ],
    )
    assert (schewe.doi, schewe.issue, schewe.volume) == ("10.1007/s00300-003-0526-8", "9", "26")
    _check(
        book,
        {
            "type": "book",
            "authors": (),
            "editors": (
                Person(family="Thomas", given="DN"),
                Person(family="Dieckmann", given="GS"),
            ),
            "publisher": "Blackwell Science Ltd",
            "place": "Oxford",
            "keywords": ("zoology", "sea ice"),
        },
        [("isbn", "0-632-05808-0")],
    )


def test_endnote_xml_in_a_declared_encoding_is_read_as_its_text(tmp_path: Path) -> None:
    """Every XML reader reads the declared encoding's text (EndNote XML read the UTF-8 it
    was given again as ISO-8859-1: 'Ã©')."""
    path = tmp_path / "e.xml"
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<xml><records><record>'
    text += "<titles><title>Caf\u00e9</title></titles></record></records></xml>\n"
    path.write_bytes(text.encode("latin-1"))
    (work,), _ = read_file(path)
    assert work.title == "Café"


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("jabref_mods_*.xml")))
def test_mods_is_told_apart_on_xml(name: str) -> None:
    path = REAL / name
    assert detect(path.read_text(encoding="utf-8", errors="replace"), ".xml") == "mods"


NS = "http://www.loc.gov/mods/v3"
ZOTERO = f"""<?xml version="1.0"?>
<modsCollection xmlns="{NS}" xmlns:xlink="http://www.w3.org/1999/xlink" version="3.4">
  <mods ID="roe2019">
    <titleInfo><nonSort>The</nonSort><title>floods of the delta</title>
      <subTitle>a survey</subTitle><partNumber>Part 2</partNumber></titleInfo>
    <titleInfo type="alternative"><title>Delta floods</title></titleInfo>
    <typeOfResource>text</typeOfResource>
    <genre authority="local">journalArticle</genre>
    <name type="personal"><namePart type="family">Roe</namePart>
      <namePart type="given">Ann</namePart><namePart type="termsOfAddress">Jr.</namePart>
      <role><roleTerm type="code" authority="marcrelator">aut</roleTerm></role></name>
    <name type="corporate"><namePart>Water Office</namePart>
      <role><roleTerm type="text">author</roleTerm></role></name>
    <name type="personal"><namePart type="family">Lee</namePart><namePart type="given">Bo</namePart>
      <role><roleTerm type="code" authority="marcrelator">trl</roleTerm></role></name>
    <name type="personal"><namePart>Cy Osei</namePart>
      <role><roleTerm type="code" authority="marcrelator">ill</roleTerm></role></name>
    <relatedItem type="host">
      <titleInfo><title>Water Review</title></titleInfo>
      <titleInfo type="abbreviated"><title>Water Rev.</title></titleInfo>
      <originInfo><publisher>Delta Press</publisher><dateIssued>2019-03-05</dateIssued>
        <issuance>continuing</issuance></originInfo>
      <identifier type="issn">1234-5678</identifier>
      <part><detail type="volume"><number>12</number></detail>
        <detail type="issue"><number>3</number></detail>
        <extent unit="pages"><start>4</start><end>9</end></extent></part>
    </relatedItem>
    <relatedItem type="series"><titleInfo><title>Delta Studies</title></titleInfo></relatedItem>
    <identifier type="doi">https://doi.org/10.1000/w.12</identifier>
    <location><url usage="primary display" dateLastAccessed="2020-01-02T10:00:00Z"
      >https://example.org/a</url></location>
    <relatedItem type="otherVersion" xlink:href="https://example.org/v1"/>
    <abstract>Floods grow.</abstract>
    <subject><topic>floods</topic><geographic>Nile</geographic></subject>
    <language><languageTerm type="text">English</languageTerm></language>
  </mods>
</modsCollection>
"""


def test_a_zotero_style_journal_article() -> None:
    (work,), problems = read_mods(ZOTERO, "z.xml")
    assert problems == []
    _check(
        work,
        {
            "key": "roe2019",
            "type": "article-journal",
            "title": "The floods of the delta: a survey. Part 2",
            "authors": (
                Person(family="Roe", given="Ann", suffix="Jr."),
                Person(literal="Water Office"),
            ),
            "container": "Water Review",
            "publisher": "Delta Press",
            "issued": "2019-03-05",
            "volume": "12",
            "issue": "3",
            "pages": "4-9",
            "doi": "10.1000/w.12",
            "url": "https://example.org/a",
            "accessed": "2020-01-02",
            "abstract": "Floods grow.",
            "keywords": ("floods",),
        },
        [
            ("translator", "Lee, Bo"),
            ("MODS:name[ill]", "Osei, Cy"),
            ("issn", "1234-5678"),
            ("series", "Delta Studies"),
            ("shortjournal", "Water Rev."),
            ("language", "English"),
            ("MODS:titleInfo[alternative]/title", "Delta floods"),
            ("MODS:subject/geographic", "Nile"),
            ("MODS:relatedItem[otherVersion]", "https://example.org/v1"),  # a link, no text
            ("MODS:genre[local]", "journalArticle"),  # its authority names it,
        ],
    )


def _one_record(body: str) -> str:
    return f'<mods xmlns="{NS}">\n{body}\n</mods>\n'


def test_an_empty_record_is_a_notice_with_its_line() -> None:
    text = (
        f'<modsCollection xmlns="{NS}">\n<mods><titleInfo><title>A</title></titleInfo></mods>\n'
        "<mods>\n<genre>book</genre></mods>\n</modsCollection>\n"
    )
    works, (notice,) = read_mods(text, "m.xml")
    assert [w.title for w in works] == ["A"]
    assert (notice.severity, notice.line) == ("notice", 3)
    assert "record 2 has no title, name, date or identifier" in notice.message
    assert "MODS:genre" in notice.message


def test_many_empty_records_are_counted_in_one_notice() -> None:
    text = f'<modsCollection xmlns="{NS}">' + "<mods/>" * 250 + "</modsCollection>"
    works, problems = read_mods(text, "m.xml")
    assert works == [] and len(problems) == 101
    assert problems[-1].message == "150 more records with nothing to cite: not read"


def test_a_mods_without_its_namespace_is_read_with_a_warning() -> None:
    works, (warning,) = read_mods("<mods><titleInfo><title>A</title></titleInfo></mods>", "m.xml")
    assert [w.title for w in works] == ["A"]
    assert (warning.severity, warning.line) == ("warning", 1)
    assert "without the MODS namespace" in warning.message


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE mods [\n'
    + "".join(f'<!ENTITY l{k} "{"lol" if k == 0 else f"&l{k - 1};" * 10}">\n' for k in range(10))
    + f']>\n<mods xmlns="{NS}"><titleInfo><title>&l9;</title></titleInfo></mods>\n'
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE mods [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    f'<mods xmlns="{NS}">\n<titleInfo><title>&x;</title></titleInfo></mods>\n'
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (BOMB, 14, "not XML: limit on input amplification factor"),
        (XXE, 4, "not XML: undefined entity &x;"),
        (_one_record("<titleInfo><title>A</titleInfo>"), 2, "not XML: mismatched tag"),
        ('<other xmlns="urn:x"/>', 1, "root <other> is not MODS"),
    ],
)
def test_hostile_and_broken_files_are_one_error_with_its_line(
    text: str, line: int, message: str
) -> None:
    works, (problem,) = read_mods(text, "m.xml")
    assert works == [] and (problem.severity, problem.line) == ("error", line)
    assert problem.message.startswith(message) and "\n" not in problem.message


def test_deep_nesting_is_read_without_recursion() -> None:
    """200,000 nested ``<mods>`` in a record (9 MB files of them are a hostile case): no
    RecursionError, one record, read as a notice."""
    depth = 200_000
    text = f'<mods xmlns="{NS}">' + "<mods>" * depth + "</mods>" * depth + "</mods>"
    works, (notice,) = read_mods(text, "deep.xml")
    assert works == [] and notice.severity == "notice"


def test_text_named_xml_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("Just some notes.\nNot XML.\n", encoding="utf-8")
    works, (problem,) = read_file(path)
    assert works == [] and (problem.severity, problem.line) == ("error", 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                *("titleInfo", "title", "name", "namePart", "role", "roleTerm", "originInfo"),
                *("dateIssued", "relatedItem", "part", "detail", "extent", "identifier", "genre"),
            ]
        ),
        max_size=4,
    ),
    st.text(max_size=40),
    st.sampled_from(["", ' type="host"', ' type="personal"', ' type="doi"', ' type="page"']),
)
def test_the_reader_never_raises_on_any_text_in_a_valid_skeleton(
    tags: list[str], text: str, attr: str
) -> None:
    """Any text (escaped) in any nesting of MODS elements: works and problems, never an
    exception."""
    from xml.sax.saxutils import escape

    clean = "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff"))
    inner = (
        "".join(f"<{t}{attr}>" for t in tags)
        + escape(clean)
        + "".join(f"</{t}>" for t in reversed(tags))
    )
    works, problems = read_mods(_one_record(inner), "h.xml")
    assert isinstance(works, list) and all(p.line is None or p.line >= 1 for p in problems)
