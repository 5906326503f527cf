"""Word's list of sources as a file (``Sources.xml``; JabRef's "MS Office 2007 XML").

The real files are JabRef's importer tests (``tests/data/real/jabref_msbib_*.xml``), each
checked field by field against the BibTeX JabRef reads from it (its ``.bib`` twin, quoted
in each case). Where JabRef's reading is a judgement call the test says what is read here
and why."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.formats import detect, read_file
from litreview.formats.word_xml import read_word_xml
from tests.conftest import DATA

REAL = DATA / "real"
KEYWORDS = (
    "software development processes",
    "agile software development environments",
    "time-to-market",
    "Extreme Programming",
    "Crystal methods family",
    "Adaptive Software Development",
)
# the fields msbib_3 to msbib_6 share (JabRef: title, journal, publisher, volume, issue,
# pages = {237--248}, url, year, keywords)
AGILE = {
    "title": "Agile Entwicklung Web-basierter Systeme",
    "container": "Wirtschaftsinformatik",
    "publisher": "Gabler Verlag",
    "volume": "44",
    "issue": "3",
    "pages": "237-248",
    "url": "http://dx.doi.org/10.1007/BF03250842",
    "issued": "2002",
    "keywords": KEYWORDS,
}


def _one(name: str) -> Work:
    works, problems = read_file(REAL / name)
    assert problems == []
    (work,) = works
    return work


@pytest.mark.parametrize(
    ("name", "fields", "extra"),
    [
        # @book{raey, author = {5}, lccn = {0937-6429}, ...}. JabRef adds language =
        # {english} for LCID 0, which names no language: kept as Word:LCID instead.
        (
            "jabref_msbib_3.xml",
            {"key": "raey", "type": "book", "authors": (Person(literal="5"),)},
            [("lccn", "0937-6429"), ("Word:LCID", "0")],
        ),
        # JabRef: @book (its MS Office type BookSection read as a book); a book section is
        # a chapter, as Word's own type says.
        (
            "jabref_msbib_4.xml",
            {"key": "raey", "type": "chapter", "authors": ()},
            [("issn", "0937-6429")],
        ),
        # @techreport{, mrnumber = {0937-6429}}: an empty b:Tag is no key
        ("jabref_msbib_5.xml", {"key": "", "type": "report"}, [("mrnumber", "0937-6429")]),
        # @online{, ...}
        ("jabref_msbib_6.xml", {"key": "", "type": "webpage"}, [("mrnumber", "0937-6429")]),
    ],
)
def test_jabrefs_msbib_files_read_as_their_bibtex_twins(
    name: str, fields: dict[str, object], extra: list[tuple[str, str]]
) -> None:
    work = _one(name)
    for field, value in {**AGILE, **fields}.items():
        assert getattr(work, field) == value, field
    for pair in extra:
        assert pair in work.extra


def test_a_tag_that_is_no_citekey_and_a_name_as_written() -> None:
    """@Article{Orlowski;2011, author = {Adam and Or{\\l}owski, Cezary Czarnecki}, month =
    mar, doi, ...}. The tag has a ';', which no citekey may hold: kept as ``id`` (import
    gives a key). The one ``b:Person`` (Last Czarnecki, First Adam, Middle "and
    Or{\\l}owski, Cezary": a name list JabRef's export put in one person) is read as the
    file writes it, one person; JabRef's twin makes two people of it, neither right."""
    work = _one("jabref_msbib_7.xml")
    assert work.key == "" and ("id", "Orlowski;2011") in work.extra
    assert work.authors == (Person(family="Czarnecki", given="Adam and Or{\\l}owski, Cezary"),)
    assert (work.type, work.title, work.issued) == (
        "article-journal",
        "Application of Ontology In the ITIL Domain",
        "2011-03",
    )
    assert work.container.startswith("Information Systems Architecture and Technology")
    assert (work.volume, work.issue, work.pages) == ("5", "3", "99-108")
    assert (work.doi, work.publisher) == (
        "10.13140/2.1.3259.2169",
        "Oficyna Wydawnicza Politechniki Wrocławskiej",
    )
    # JabRef's own fields: kept; the standard number that is no ':ISBN:'-list too
    assert ("Word:BIBTEX_Entry", "article") in work.extra
    assert ("Word:StandardNumber", "DOI: 10.13140/2.1.3259.2169") in work.extra


def test_a_translator_and_an_organisation() -> None:
    """@Misc{Nac16, title, year = 2016, month = jul, journal = {MeineZeitung}, pages = 17,
    msbib-accessed = {2018-07-01}, msbib-day = {1}, translator = {TestÜbersetzer}}. The
    corporate author (JabRef drops it) is an organisation, as Word's b:Corporate says."""
    work = _one("jabref_msbib_translator.xml")
    assert (work.key, work.type, work.title) == ("Nac16", "document", "MeinArtikel")
    assert work.authors == (
        Person(literal="Nachname, Vorname MIddleName; Nachname2, Vorname2 MiddleName21"),
    )
    assert (work.issued, work.accessed) == ("2016-07-01", "2018-07-01")
    assert (work.container, work.pages) == ("MeineZeitung", "17")
    assert ("translator", "TestÜbersetzer") in work.extra
    assert ("Word:Guid", "{BD524449-102F-470B-951F-CFE852BA526D}") in work.extra


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("jabref_msbib_*.xml")))
def test_word_xml_is_told_from_endnote_xml(name: str) -> None:
    path = REAL / name
    assert detect(path.read_text(encoding="utf-8"), ".xml") == "word-xml"


NS = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"


def _sources(body: str) -> str:
    return f'<?xml version="1.0"?>\n<b:Sources xmlns:b="{NS}">\n{body}</b:Sources>\n'


def test_word_own_fields_are_kept_and_nothing_is_lost() -> None:
    text = _sources(
        "<b:Source><b:Tag>Roe01</b:Tag><b:SourceType>Book</b:SourceType>"
        "<b:Title>Rice</b:Title><b:Year>2001</b:Year><b:Month>Spring</b:Month>"
        "<b:JournalName>J</b:JournalName><b:Court>High Court</b:Court>"
        "<b:StandardNumber>:ISBN:978-3-16-148410-0:ISSN:1234-5678</b:StandardNumber>"
        "<b:Author><b:Compiler><b:NameList><b:Person><b:Last>Roe</b:Last><b:First>Ann</b:First>"
        "</b:Person></b:NameList></b:Compiler></b:Author></b:Source>\n"
    )
    (work,), problems = read_word_xml(text, "s.xml")
    assert problems == [] and (work.key, work.issued, work.container) == ("Roe01", "2001", "J")
    for pair in [
        ("isbn", "978-3-16-148410-0"),
        ("issn", "1234-5678"),
        ("Word:Court", "High Court"),  # a second container
        ("Word:Month", "Spring"),  # a month that is no date's
        ("Word:Compiler", "Roe, Ann"),
    ]:
        assert pair in work.extra


def test_an_empty_source_is_a_notice_and_a_tag_given_twice_is_kept_as_id() -> None:
    text = _sources(
        "<b:Source><b:Tag>a</b:Tag><b:Title>One</b:Title></b:Source>\n"
        "<b:Source><b:Tag>a</b:Tag><b:Title>Two</b:Title></b:Source>\n"
        "<b:Source><b:Tag>e</b:Tag><b:Medium>paper</b:Medium></b:Source>\n"
    )
    works, problems = read_word_xml(text, "s.xml")
    assert [(w.key, w.title) for w in works] == [("a", "One"), ("", "Two")]
    assert ("id", "a") in works[1].extra
    (notice,) = problems
    assert (notice.severity, notice.line) == ("notice", 5)
    assert "source 3 has no title" in notice.message and "Word:Medium" in notice.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (_sources("<b:Source><b:Title>x</b:Source>\n"), 3, "not XML: mismatched tag"),
        ('<Sources xmlns="urn:other">\n<Source/></Sources>', 1, "is not Word's <b:Sources>"),
    ],
)
def test_broken_files_are_one_error_with_its_line(text: str, line: int, message: str) -> None:
    works, (problem,) = read_word_xml(text, "s.xml")
    assert works == [] and (problem.severity, problem.line) == ("error", line)
    assert message in problem.message


def test_validate_names_the_format_not_endnote(tmp_path: Path) -> None:
    """Before this reader, ``validate`` took a Word list for EndNote XML ("no <record>
    found")."""
    path = tmp_path / "Sources.xml"
    path.write_text(_sources("<b:Source><b:Title>x</b:Title></b:Source>\n"), encoding="utf-8")
    works, problems = read_file(path)
    assert [w.title for w in works] == ["x"] and problems == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                *("Title", "Author", "Editor", "Translator", "NameList", "Person", "Last"),
                *("First", "Corporate", "Year", "Month", "Day", "StandardNumber", "Tag"),
                *("SourceType", "PatentNumber", "BIBTEX_KeyWords", "JournalName", "Court"),
            ]
        ),
        max_size=4,
    ),
    st.text(max_size=40),
)
def test_the_reader_never_raises_on_any_text_in_a_valid_skeleton(
    tags: list[str], text: str
) -> None:
    """Any text (escaped) in any nesting of Word's elements in a source: works and
    problems, never an exception."""
    clean = "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff"))
    inner = "".join(f"<b:{t}>" for t in tags) + escape(clean)
    inner += "".join(f"</b:{t}>" for t in reversed(tags))
    works, problems = read_word_xml(_sources(f"<b:Source>{inner}</b:Source>\n"), "h.xml")
    assert len(works) + len(problems) == 1
