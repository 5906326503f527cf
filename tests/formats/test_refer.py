"""EndNote tagged exports (``%T title`` lines): Google Scholar, HAL, the AIS eLibrary."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.core.model import Person
from litreview.formats import detect, read_file
from litreview.formats.refer import read_refer
from tests.conftest import DATA

REAL = DATA / "real"


def test_real_exports_are_read_with_their_fields() -> None:
    """The AIS eLibrary's export (as .txt): it was 'text outside a record' line by line
    and nothing was read."""
    works, problems = read_file(REAL / "colrev_ais_endnote_tagged.txt")
    assert problems == [] and len(works) == 6
    first = works[0]
    assert first.type == "article-journal" and first.issued == "2021-09-01"
    assert first.container == "Management Information Systems Quarterly"
    assert first.authors[1] == Person(family="Straub", given="Detmar W.")
    assert (first.volume, first.issue, first.pages) == ("45", "3", "1309-1348")
    assert first.url == "https://aisel.aisnet.org/misq/vol45/iss3/13"


def test_hal_and_journal_records() -> None:
    hal, apmis, mnras = read_file(REAL / "citationjs_enw_examples.enw")[0]
    assert hal.type == "manuscript" and hal.issued == "2022-06-21"
    assert hal.authors[0] == Person(literal="GPT") and hal.extra_value("language") == "English"
    assert hal.extra_value("EndNote:author-address") == "OpenAI"
    assert apmis.doi == "10.1111/apm.12778" and apmis.extra_value("issn") == "0903-4641"
    assert apmis.container == "APMIS" and mnras.doi == "10.1093/mnras/stad3135"


def test_records_without_a_blank_line_continuations_and_keywords() -> None:
    text = (
        "junk before\n%0 Book\n%T A long\ntitle\n%K one\ntwo\n%K three\n%@ 978-0-00-000000-2\n"
        "%0 Journal Article\n%T B\n%R doi:10.1000/xyz\n%R not a doi\n"
    )
    assert detect(text, ".txt") == ""  # a first line that is no tag line
    (book, article), problems = read_refer(text, "x.enw")
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]
    assert book.title == "A long title" and book.keywords == ("one", "two", "three")
    assert book.extra_value("isbn") == "978-0-00-000000-2"
    assert article.doi == "10.1000/xyz" and article.extra_value("EndNote:R") == "not a doi"


def test_nothing_readable_is_an_error() -> None:
    works, problems = read_refer("\n\n", "x.enw")
    assert works == [] and [p.severity for p in problems] == ["error"]


_VALUE = st.text(alphabet="abcdefghij KLM.,-", min_size=1, max_size=20).map(str.strip).filter(bool)


@given(st.lists(st.tuples(_VALUE, st.lists(_VALUE, max_size=3)), min_size=1, max_size=5))
def test_every_record_written_as_tags_reads_back(records: list[tuple[str, list[str]]]) -> None:
    text = "\n\n".join(
        "\n".join(["%0 Journal Article", f"%T {title}", *(f"%A {a}" for a in authors)])
        for title, authors in records
    )
    works, problems = read_refer(text, "x.enw")
    assert problems == []
    assert [w.title for w in works] == [t for t, _ in records]
    assert [len(w.authors) for w in works] == [len(a) for _, a in records]


def test_an_enl_file_of_tagged_text_is_read_and_an_endnote_library_is_named(
    tmp_path: Path,
) -> None:
    """Tools name EndNote tagged exports ``.enl`` too; EndNote's own library of that name
    is a database: one error saying what to export instead."""
    tagged = tmp_path / "export.enl"
    tagged.write_bytes((REAL / "colrev_endnote_tagged.enw").read_bytes())
    works, _ = read_file(tagged)
    assert works == read_file(REAL / "colrev_endnote_tagged.enw")[0]
    library = tmp_path / "My Library.enl"
    library.write_bytes(b"SQLite format 3\x00" + bytes(range(256)))
    with pytest.raises(InputError, match="EndNote library") as info:
        read_file(library)
    assert "export the references as RIS or as XML" in str(info.value)
