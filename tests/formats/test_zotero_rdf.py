"""Zotero RDF (``.rdf``): the Zotero export that keeps notes, attachments and collections.

``tests/data/zotero_rdf/library.rdf`` is written in the shape Zotero's "Zotero RDF" export
gives (checked against a real export of 535 items: a container written inside its item or
at the top level and named by ``rdf:resource``, DOIs and ISSNs as ``DOI 10...`` text on the
container, a section as a ``bib:Part`` between an article and its newspaper, attachments and
notes as resources of their own, collections listing their members). Its records are made up.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.core.texmarkup import plain_work
from litreview.formats import detect, read_file
from litreview.formats._dates import typed_date
from litreview.formats.zotero_rdf import is_zotero_rdf, read_zotero_rdf
from litreview.review import Review
from tests.conftest import DATA, run_cli

LIBRARY = DATA / "zotero_rdf" / "library.rdf"
HEAD = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    ' xmlns:z="http://www.zotero.org/namespaces/export#"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:bib="http://purl.org/net/biblio#" xmlns:foaf="http://xmlns.com/foaf/0.1/">\n'
)


@pytest.fixture(scope="module")
def library() -> dict[str, Work]:
    works, problems = read_file(LIBRARY)
    assert [(p.line, p.severity) for p in problems] == [(255, "notice"), (None, "notice")]
    assert "item 8 has no title, name, date or identifier" in problems[0].message
    assert problems[1].message.startswith("1 note(s) filed under no item: not read")
    return {w.title: w for w in works}


def test_items_are_works_and_notes_attachments_collections_are_not(
    library: dict[str, Work],
) -> None:
    assert sorted(library) == sorted(
        [
            "Flood deaths among older people: a study of 40 towns",
            "Heat in the city",
            "Who is counted after a flood?",
            "Heatwave strains hospitals",
            "Heat action plan",
            "Early warning by text message",
            "floodcount",
        ]
    )


def test_journal_article(library: dict[str, Work]) -> None:
    """The journal written inside the item: its title, short title, volume, number, DOI and
    ISSN; creators in order (one in a single field, an organisation); an automatic tag and a
    typed one as keywords, the call number kept apart; the Extra field as the note and its
    Citation Key line as the key; the child note in plain text; attachment, related item and
    collection path kept."""
    w = library["Flood deaths among older people: a study of 40 towns"]
    assert w.key == "odegaard2019flood"
    assert w.type == "article-journal"
    assert w.authors == (
        Person(family="Ødegaard", given="Ingrid M."),
        Person(family="van der Berg", given="Joost", particle="van der"),
        Person(literal="World Meteorological Organization"),
    )
    assert (w.container, w.volume, w.issue, w.pages) == (
        "Journal of Flood Risk Studies",
        "12",
        "3",
        "201–219",
    )
    assert w.doi == "10.5555/flood.2019.12" and w.url == "https://doi.org/10.5555/flood.2019.12"
    assert (w.issued, w.accessed) == ("2019-03", "2020-01-05")
    assert w.abstract == "Floods kill older people at home.\n\nWe count deaths in 40 towns."
    assert w.keywords == ("floods", "Older people")
    assert w.note == "Citation Key: odegaard2019flood\nPMID: 30912345"
    for pair in [
        ("shortjournal", "J. Flood Risk Stud."),
        ("issn", "1234-5679"),
        ("language", "en"),
        ("shorttitle", "Flood deaths"),
        ("annote", "Read for the review & kept.\n\nSecond thought."),
        ("Zotero:callNumber", "GB1399 .O34 2019"),
        (
            "Zotero:attachment",
            "Full Text PDF: files/2/Odegaard - 2019 - Flood deaths.pdf (application/pdf),"
            " accessed 2020-01-05 10:12:00",
        ),
        ("Zotero:relation", "floodcount"),
        ("Zotero:collection", "Reviews / Included"),
        ("Zotero:libraryCatalog", "Crossref"),
        ("pmid", "30912345"),  # the Extra field's "PMID:" line
        ("Zotero:date", "March 2019"),
        ("Zotero:dateSubmitted", "2020-01-05 10:11:12"),
    ]:
        assert pair in w.extra, pair


def test_book_section_in_a_book_named_by_resource(library: dict[str, Work]) -> None:
    """The book is a resource at the top level (``urn:isbn:...``): its title, ISBN and
    series are the chapter's; what the chapter does not read of it is kept under the
    property that named it. Editors, a translator, the publisher and its place."""
    w = library["Heat in the city"]
    assert w.type == "chapter"
    assert w.container == "Hazards and Health: A Handbook"
    assert w.authors == (Person(family="Mensah", given="Ama"),)
    assert w.editors == (Person(family="Okafor", given="Chidi"),)
    assert (w.publisher, w.place) == ("Clarendon Press", "Oxford")
    assert (w.issued, w.pages) == ("2021", "33-58")
    for pair in [
        ("isbn", "978-0-19-000000-2"),
        ("series", "Climate and Health"),
        ("Zotero:seriesNumber", "7"),
        ("translator", "Dubois, Claire"),
        ("volumes", "2"),
        ("Zotero:isPartOf/Book/edition", "2"),
    ]:
        assert pair in w.extra, pair


def test_report_newspaper_webpage_conference_software(library: dict[str, Work]) -> None:
    report = library["Who is counted after a flood?"]
    assert (report.type, report.issue, report.publisher) == (
        "report",
        "WP-17",
        "Institute for Hazard Research",
    )
    assert report.issued == "2017-07-26"  # 07/26/2017: the 26th is no month
    # a type with no DOI field keeps it in Extra, as "DOI: ..."; the note keeps the line
    assert report.doi == "10.5555/ihr.wp17" and report.note == "DOI: 10.5555/ihr.wp17"
    assert ("type", "Working paper") in report.extra
    assert ("series", "Working Papers") in report.extra
    assert ("Zotero:collection", "Reviews") in report.extra
    news = library["Heatwave strains hospitals"]
    assert (news.type, news.container, news.issued) == (
        "article-newspaper",
        "The Daily Example",
        "2022-08-14",
    )
    assert ("Zotero:section", "Health") in news.extra
    page = library["Heat action plan"]
    assert (page.type, page.container, page.accessed) == (
        "webpage",
        "Example City Council",
        "2023-05-02",
    )
    assert ("Zotero:unknownFutureField", "kept as read") in page.extra  # lossless
    paper = library["Early warning by text message"]
    assert paper.type == "paper-conference" and ("eventtitle", "Hazards 2020") in paper.extra
    program = library["floodcount"]
    assert program.type == "software"
    assert program.authors == (Person(family="Novak", given="Petra"),)
    assert ("version", "1.4.2") in program.extra


def test_detected_in_an_xml_file_and_told_from_other_xml(tmp_path: Path) -> None:
    text = LIBRARY.read_text(encoding="utf-8")
    assert is_zotero_rdf(text) and detect(text, ".xml") == "zotero-rdf"
    copy = shutil.copy(LIBRARY, tmp_path / "Exported Items.xml")
    assert len(read_file(copy)[0]) == 7
    mods = (DATA / "real" / "jabref_mods_export_all_fields.xml").read_text(encoding="utf-8")
    assert not is_zotero_rdf(mods) and detect(mods, ".xml") == "mods"
    other = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
    assert not is_zotero_rdf(other)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<mods><titleInfo/></mods>", (1, "error", "root <mods> is not rdf:RDF")),
        (HEAD + "<bib:Article>\n<dc:title>x</bib:Article>", (3, "error", "not XML")),
        (HEAD + "</rdf:RDF>", (1, "notice", "no item")),
    ],
)
def test_bad_files_are_problems_with_their_line(text: str, problem: tuple[int, str, str]) -> None:
    works, problems = read_zotero_rdf(text, "x.rdf")
    assert works == []
    ((line, severity, message),) = [(p.line, p.severity, p.message) for p in problems]
    assert (line, severity) == problem[:2] and problem[2] in message


def test_cycles_and_shared_citation_keys() -> None:
    """A container naming its item back, collections holding each other: read once. A key
    two items name is the first's; the second keeps it as ``id``."""
    text = (
        HEAD
        + '<bib:Article rdf:about="#a"><z:itemType>journalArticle</z:itemType>'
        + '<dc:title>A</dc:title><dcterms:isPartOf rdf:resource="#j"/>'
        + "<dc:description>Citation Key: same</dc:description></bib:Article>"
        + '<bib:Journal rdf:about="#j"><dc:title>J</dc:title>'
        + '<dcterms:isPartOf rdf:resource="#a"/></bib:Journal>'
        + '<bib:Book rdf:about="#b"><z:itemType>book</z:itemType><dc:title>B</dc:title>'
        + "<dc:description>Citation Key: same</dc:description></bib:Book>"
        + '<z:Collection rdf:about="#c1"><dc:title>One</dc:title>'
        + '<dcterms:hasPart rdf:resource="#c2"/><dcterms:hasPart rdf:resource="#a"/></z:Collection>'
        + '<z:Collection rdf:about="#c2"><dc:title>Two</dc:title>'
        + '<dcterms:hasPart rdf:resource="#c1"/></z:Collection></rdf:RDF>'
    )
    (a, b), problems = read_zotero_rdf(text, "x.rdf")
    assert problems == []
    assert (a.key, a.container) == ("same", "J") and b.key == ""
    assert ("id", "same") in b.extra
    assert [v for k, v in a.extra if k == "Zotero:collection"] == ["Two / One"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2017-07-26", "2017-07-26"),
        ("2021-04-29 09:40:40", "2021-04-29"),
        ("2019-05", "2019-05"),
        ("March 2019", "2019-03"),
        ("July 26, 2017", "2017-07-26"),
        ("26.7.2017", "2017-07-26"),
        ("07/26/2017", "2017-07-26"),
        ("03/04/2019", "2019"),  # March 4th or April 3rd: only the year is sure
        ("Spring 2021", "2021"),
        ("2019-13", "2019"),
        ("n.d.", ""),
        ("", ""),
    ],
)
def test_dates_as_typed(text: str, date: str) -> None:
    assert typed_date(text) == date


_WORDS = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            _WORDS,
            st.lists(st.tuples(_WORDS, _WORDS), max_size=3),
            st.integers(1500, 2099),
            _WORDS,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_what_zotero_writes_is_read_back(
    items: list[tuple[str, list[tuple[str, str]], int, str]],
) -> None:
    """Items written as Zotero writes them (any title, creators, year, and a field litreview
    has no place for) come back with the same values."""
    body = []
    for n, (title, people, year, other) in enumerate(items):
        creators = "".join(
            f"<rdf:li><foaf:Person><foaf:surname>{escape(f)}</foaf:surname>"
            f"<foaf:givenName>{escape(g)}</foaf:givenName></foaf:Person></rdf:li>"
            for f, g in people
        )
        body.append(
            f'<bib:Book rdf:about="#item_{n}"><z:itemType>book</z:itemType>'
            + (f"<bib:authors><rdf:Seq>{creators}</rdf:Seq></bib:authors>" if people else "")
            + f"<dc:date>{year}</dc:date><z:callNumberX>{escape(other)}</z:callNumberX>"
            + f"<dc:title>{escape(title)}</dc:title></bib:Book>\n"
        )
    works, problems = read_zotero_rdf(HEAD + "".join(body) + "</rdf:RDF>", "x.rdf")
    assert problems == []
    assert [(w.title, w.issued, w.extra_value("Zotero:callNumberX")) for w in works] == [
        (t, str(y), o) for t, _, y, o in items
    ]
    assert [[(p.family, p.given) for p in w.authors] for w in works] == [
        [(f, g) for f, g in people] for _, people, _, _ in items
    ]


def test_import_keeps_what_has_no_field_in_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``litreview import`` of the export: seven works, the key Better BibTeX gave, and the
    collection, attachment and note written into corpus.bib and read back from it."""
    review = tmp_path / "rev"
    assert run_cli(capsys, "init", str(review))[0] == 0
    code, out, _ = run_cli(capsys, "import", str(LIBRARY), "--review", str(review))
    assert code == 0 and "imported 7 entries: 7 new" in out
    works, problems = Review.at(review).load_works()
    assert problems == []
    (w,) = [plain_work(w) for w in works if w.key == "odegaard2019flood"]
    assert ("Zotero:collection", "Reviews / Included") in w.extra
    assert w.extra_value("annote") == "Read for the review & kept.\n\nSecond thought."
    assert w.extra_value("Zotero:attachment").startswith("Full Text PDF: files/2/")
