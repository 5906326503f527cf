"""RefWorks tagged format: what ProQuest, EBSCOhost and CNKI write for a "RefWorks" export.

``tests/data/refworks/export.txt`` holds made-up records in the format's shape (Ex Libris'
documentation of its tags): a journal article with every common tag and RefWorks' own
formatting codes, a book, a book section, a record as CNKI writes it (several authors and
keywords on one line, separated by ";", the page range in ``OP`` alone, a tag in lower case,
the link in ``LK``) and a web page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from litreview.core.model import Person, Work
from litreview.formats import detect, read_file
from litreview.formats.refworks import is_refworks, read_refworks
from tests.conftest import DATA
from tests.formats.strategies import records, words

EXPORT = DATA / "refworks" / "export.txt"


@pytest.fixture(scope="module")
def works() -> list[Work]:
    found, problems = read_file(EXPORT)
    assert problems == []
    return found


def test_journal_article(works: list[Work]) -> None:
    w = works[0]
    assert (w.type, w.container, w.volume, w.issue, w.pages) == (
        "article-journal",
        "Journal of Migration Studies",
        "5",
        "3",
        "201-219",
    )
    assert w.title == "Counting victims: data gaps in South Asia"  # formatting codes out
    assert w.authors == (Person(family="Khan", given="Ayesha"), Person(family="Ali", given="Sara"))
    assert (w.issued, w.accessed, w.doi) == ("2019-03-15", "2024-03-12", "10.5555/jms.2019.5.3.201")
    assert (
        w.abstract == "The number of victims is unknown. Estimates vary by an order of magnitude."
    )
    assert w.keywords == ("human trafficking", "data") and w.note == "Peer reviewed."
    for pair in [
        ("shortjournal", "J Migr Stud"),
        ("issn", "2332-2705"),
        ("language", "English"),
        ("accession-number", "2212345678"),
        ("id", "1042"),
        ("RefWorks:AD", "Department of Sociology, Example University"),
        ("RefWorks:DB", "ProQuest Central"),
    ]:
        assert pair in w.extra, pair


def test_book_section_cnki_and_web_page(works: list[Work]) -> None:
    book, section, cnki, page = works[1:]
    assert (book.type, book.publisher, book.place) == (
        "book",
        "Cambridge University Press",
        "Cambridge",
    )
    for pair in [
        ("isbn", "978-0-521-13087-3"),
        ("edition", "2nd"),
        ("series", "Cambridge Studies in Crime"),
    ]:
        assert pair in book.extra
    assert (section.type, section.container, section.pages) == (
        "chapter",
        "Hazards and Health: A Handbook",
        "33-58",
    )
    assert section.editors == (Person(family="Okafor", given="Chidi"),)
    assert cnki.authors == (Person(literal="郝国强"), Person(literal="包蕾"))
    assert (cnki.volume, cnki.issue, cnki.pages, cnki.url) == (
        "23",
        "01",
        "1-12",
        "https://link.cnki.net/example1",
    )
    assert cnki.keywords == ("民族研究", "共同体", "公约")
    assert (page.type, page.container, page.accessed) == (
        "webpage",
        "Example City Council",
        "2023-05-02",
    )


def test_told_from_a_document_and_the_other_tagged_formats(tmp_path: Path) -> None:
    text = EXPORT.read_text(encoding="utf-8")
    assert is_refworks(text) and detect(text, ".txt") == "refworks"
    assert not is_refworks("TY  - JOUR\nTI  - Title\nER  - \n")
    assert not is_refworks("%0 Journal Article\n%T Title\n")
    assert not is_refworks("RT is a letter pair.\nIt opens this plain note.\n")
    note = tmp_path / "notes.txt"
    note.write_text("RT @someone: a post\nthat opens a document.\n", encoding="utf-8")
    assert detect(note.read_text(encoding="utf-8"), ".txt") == ""


def test_text_outside_a_record_is_a_warning_with_its_line() -> None:
    works, problems = read_refworks("stray line\nRT Journal Article\nT1 Title\n", "x.txt")
    assert [w.title for w in works] == ["Title"]
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]
    assert read_refworks("just text\n", "x.txt")[1][0].severity == "warning"
    assert read_refworks("", "x.txt")[1][0].severity == "error"


@settings(max_examples=60, deadline=None)
@given(records(words(["L", "N", "Zs"])))
def test_what_a_database_writes_is_read_back(
    records: list[tuple[str, list[tuple[str, str]], int]],
) -> None:
    """Records of any title, authors and year come back with the same values."""
    text = "\n".join(
        "RT Journal Article\n"
        + "".join(f"A1 {f.replace(';', ' ')}, {g.replace(';', ' ')}\n" for f, g in people)
        + f"T1 {title}\nYR {year}\n"
        for title, people, year in records
    )
    works, problems = read_refworks(text, "x.txt")
    assert problems == []
    assert [(w.title, w.issued) for w in works] == [(t, str(y)) for t, _, y in records]
    assert [[(p.family, p.given) for p in w.authors] for w in works] == [
        [
            (" ".join(f.replace(";", " ").split()), " ".join(g.replace(";", " ").split()))
            for f, g in people
        ]
        for _, people, _ in records
    ]
