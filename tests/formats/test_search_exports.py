"""Database search exports read: Web of Science, Scopus, MEDLINE, OpenAlex, EndNote XML."""

from __future__ import annotations

import csv
import io

import pytest

from litreview.core.model import Person
from litreview.formats import detect, read_file
from litreview.formats.endnote import read_endnote
from litreview.formats.medline import read_medline
from litreview.formats.openalex import abstract_text, read_openalex
from litreview.formats.scopus import read_scopus
from litreview.formats.wos import read_wos
from tests.conftest import DATA

REAL = DATA / "real"


def test_wos_plain_and_tab_delimited_read_alike() -> None:
    plain, p1 = read_file(REAL / "wosfile_plaintext.txt")
    tab, p2 = read_file(REAL / "wosfile_tab_delimited.txt")
    assert p1 == p2 == [] and len(plain) == len(tab) == 8
    first = plain[0]
    assert first.title.startswith("Knowledge networks as channels and conduits")
    assert first.authors == (
        Person(family="Owen-Smith", given="J"),
        Person(family="Powell", given="WW"),
    )
    assert (first.container, first.volume, first.issue, first.pages) == (
        "ORGANIZATION SCIENCE",
        "15",
        "1",
        "5-21",
    )
    assert first.issued == "2004-01" and first.doi == "10.1287/orsc.1030.0054"
    assert (
        first.extra_value("wos") == "WOS:000220015600001"
        and first.extra_value("issn") == "1047-7039"
    )
    assert "knowledge networks" in first.keywords and first.abstract.startswith("We contend")
    assert [w.title for w in plain] == [w.title for w in tab]


def test_wos_plain_text_without_its_end_reads_what_it_can() -> None:
    text = (REAL / "jabref_wos.isi").read_text(encoding="utf-8").replace("\nEF", "\n")
    works, problems = read_wos(text, "cut.isi")
    assert len(works) == 2 and [p.severity for p in problems] == ["error"]
    assert "EOF before 'EF'" in problems[0].message


def test_wos_plain_text_with_blank_lines_and_empty_tags_is_read_whole() -> None:
    """A line of blanks, or a tag with no value, holds nothing: every record is read."""
    text = (REAL / "jabref_wos.isi").read_text(encoding="utf-8")
    head, rest = text.split("\nPT ", 1)
    odd = f"{head}\n \nPT {rest}".replace("\nSO ", "\nAU \nDE\t\nSO ", 1)
    plain, _ = read_wos(text, "wos.isi")
    works, problems = read_wos(odd, "odd.isi")
    assert problems == [] and [w.title for w in works] == [w.title for w in plain]
    assert [w.authors for w in works] == [w.authors for w in plain]


def test_scopus_csv() -> None:
    works, problems = read_file(REAL / "litstudy_scopus.csv")
    assert len(works) == 6 and all(p.severity == "warning" for p in problems)
    namd = works[0]
    assert namd.title == "Scalable molecular dynamics with NAMD"
    assert namd.authors[0] == Person(family="Phillips", given="J.C.")
    assert namd.extra_value("scopus-eid") == "2-s2.0-27344436659"
    assert namd.extra_value("Scopus:abbreviated-source-title") == "J. Comput. Chem."
    assert namd.pages == "1781-1802" and "Molecular dynamics" in namd.keywords


def test_scopus_full_author_names_are_preferred() -> None:
    text = (
        "Authors,Author full names,Title,Year,EID\n"
        '"Khan A.; Ng B.","Khan, Ayesha (123); Ng, Bo (456)",T,2020,2-s2.0-1\n'
    )
    (work,), _ = read_scopus(text)
    assert work.authors == (Person(family="Khan", given="Ayesha"), Person(family="Ng", given="Bo"))


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolons", "tabs"])
def test_scopus_saved_by_a_spreadsheet_with_another_separator(delimiter: str) -> None:
    """A Scopus CSV opened and saved by a spreadsheet whose locale writes ``;`` (or saved as
    tab-separated "Unicode text") is read cell by cell, not as one column."""
    rows = [
        ["Authors", "Title", "Year", "Source title", "Volume", "DOI", "Abstract"],
        ["Khan A.; Ng B.", "Gender, crime", "2019", "J. Crime", "12", "10.1/x", "A; b, c."],
    ]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    (work,), problems = read_scopus(out.getvalue())
    assert problems == []
    assert work.title == "Gender, crime" and work.container == "J. Crime"
    assert work.doi == "10.1/x" and work.abstract == "A; b, c." and len(work.authors) == 2


def test_medline_nbib() -> None:
    (work,), problems = read_file(REAL / "jabref_pubmed.nbib")
    assert problems == []
    assert work.extra_value("pmid") == "27169098" and work.doi == "10.4103/2277-9175.180636"
    assert work.authors[0] == Person(family="Shruthi", given="Basavaradhya Sahukar")
    assert Person(literal="corporater") in work.authors  # CN: an organisation
    assert work.title == "Proteomics: A new perspective for cancer." and work.issued == "2016"


def test_medline_mesh_headings_with_commas_stay_whole() -> None:
    text = "PMID- 1\nTI  - T\nDP  - 2019 Mar 5\nMH  - Colitis, Ulcerative/*therapy\nMH  - Humans\n"
    (work,), _ = read_medline(text)
    assert (
        work.keywords == ("Colitis, Ulcerative/*therapy", "Humans") and work.issued == "2019-03-05"
    )


def test_medline_bad_line_is_a_problem_with_its_line() -> None:
    works, problems = read_medline("PMID- 1\nTI  - T\n!!garbage\n", "x.nbib")
    assert len(works) == 1 and [(p.line, p.severity) for p in problems] == [(3, "warning")]


def test_eric_nbib_records_without_pmid_are_read_apart_with_their_doi_and_issn() -> None:
    """ERIC's MEDLINE-like export: records start 'OWN - ERIC' (no PMID), a four-letter tag
    is followed by ' - ', and the DOI is a link; the ISSN line was dropped as 'not a tag
    line' and records of a file ran into one."""
    one = (REAL / "colrev_eric.nbib").read_text(encoding="utf-8")
    text = one + "\n" + one.replace("Paper title", "Second paper")
    assert detect(text, ".txt") == "medline"
    works, problems = read_medline(text, "eric.txt")
    assert problems == [] and [w.title for w in works] == ["Paper title", "Second paper"]
    assert works[0].doi == "10.1000/123456789"
    assert works[0].extra_value("issn") == "ISSN-1234-4567"
    assert [a.family for a in works[1].authors] == ["Smith", "Hunter"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("PMC - PMC123\nTI  - A title\nFAU - Roe, Ann\n", "medline"),  # no PMID line first
        ("STAT- MEDLINE\nPMID- 1\nTI  - A title\n", "medline"),
        ("ISBN-13 978-0-00-000000-0\n\nChapter one opens here, in prose.\nMore prose.\n", ""),
        ("TY  - JOUR\nTI  - A title\nER  - \n", "ris"),
        ("TI  - A RIS record without its TY\nAU  - Roe, A.\nER  - \n", ""),
    ],
)
def test_a_medline_export_is_told_by_its_tag_lines_not_by_its_first_tag(
    text: str, found: str
) -> None:
    assert detect(text, ".txt") == found


def test_openalex_api_and_snapshot_give_one_work() -> None:
    (api,), p1 = read_file(REAL / "openalex_works_api.json")
    (line,), p2 = read_file(REAL / "openalex_works_snapshot.jsonl")
    assert p1 == p2 == []
    for work in (api, line):
        assert work.doi == "10.7717/peerj.4375" and work.extra_value("openalex") == "W2741809807"
        assert work.extra_value("pmid") == "29456894" and work.container == "PeerJ"
        assert work.abstract.startswith("Despite growing interest in Open Access (OA)")
        assert work.authors[2] == Person(family="Larivière", given="Vincent")
        assert work.issued == "2018-02-13" and work.type == "article-journal"


def test_openalex_abstract_from_its_inverted_index() -> None:
    assert abstract_text({"b": [1], "a": [0, 2]}) == "a b a"
    works, problems = read_openalex('{"id": "https://openalex.org/W1"}\nnot json\n', "x.jsonl")
    assert len(works) == 1 and [(p.line, p.severity) for p in problems] == [(2, "error")]


def test_endnote_xml() -> None:
    (work,), problems = read_file(REAL / "jabref_endnote_article.xml")
    assert problems == []
    assert work.title.startswith("Trends in the lifetime risk of developing cancer")
    assert work.container == "Br J Cancer" and (work.volume, work.issue, work.pages) == (
        "112",
        "5",
        "943-7",
    )
    assert work.authors[0] == Person(family="Ahmad", given="AS") and work.issued == "2015-03-03"
    assert work.doi == "10.1038/bjc.2014.606" and "Age Factors" in work.keywords


def test_endnote_bad_xml_is_one_error_with_its_line() -> None:
    works, problems = read_endnote("<xml><records><record>\n<title>x</record>", "x.xml")
    assert works == [] and problems[0].line == 2 and "not XML" in problems[0].message


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("wosfile_plaintext.txt", "wos"),
        ("wosfile_tab_delimited.txt", "wos"),
        ("rispy_wos_plaintext.txt", "wos"),
        ("jabref_medline_complete.txt", "medline"),
        ("asreview_web_of_science.ris", ""),
        ("litstudy_scopus.csv", "scopus"),
        ("litstudy_ieee.csv", "search-csv"),
        ("litstudy_springer.csv", "search-csv"),
        ("colrev_pubmed.csv", "search-csv"),
        ("asreview_embase.csv", "search-csv"),
        ("openalex_works_api.json", "openalex"),
        ("jabref_endnote_report.xml", "endnote"),
    ],
)
def test_a_shared_suffix_is_told_apart_by_the_first_lines(name: str, fmt: str) -> None:
    path = REAL / name
    assert detect(path.read_text(encoding="utf-8-sig"), path.suffix) == fmt


def test_an_endnote_name_with_initials_first_is_a_person_as_in_ris() -> None:
    """EndNote XML names written 'J.B. Babu' (a real library from a public thesis
    repository) were organisations, while the same name read from RIS was the person Babu:
    exported as RIS and imported again, three works did not meet their twins."""
    from litreview.corpus.dedup import merge_into
    from litreview.formats import writer_for
    from litreview.formats.ris import read_ris

    xml = (
        "<xml><records><record><ref-type name='Thesis'>32</ref-type><contributors><authors>"
        "<author>J.B. Babu</author><author>World Health Organization</author></authors>"
        "</contributors><titles><title>Fatigue of fibre composites</title></titles>"
        "<dates><year>2012</year></dates></record></records></xml>"
    )
    (work,), problems = read_endnote(xml, "library.xml")
    assert not problems
    assert work.authors == (
        Person(family="Babu", given="J.B."),
        Person(literal="World Health Organization"),
    )
    first = merge_into([], [work])
    again = read_ris(writer_for("ris")(list(first.works)), "again.ris")[0]
    second = merge_into(list(first.works), again)
    assert [w.key for w in second.works] == [w.key for w in first.works]
