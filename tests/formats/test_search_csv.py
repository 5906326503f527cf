"""CSV exports of other databases (IEEE Xplore, Springer Link, PubMed, Embase, Lens.org,
Dimensions, Publish or Perish), read by the table in ``data/search_exports.yaml``."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litreview.core.model import Person, Work
from litreview.formats import detect, read_file
from litreview.formats._csl_maps import schema
from litreview.formats.search_csv import Export, exports, read_search_csv
from litreview.formats.tabular import write_csv
from tests.conftest import DATA
from tests.strategies import works as any_works

REAL = DATA / "real"
SEARCH_CSV = [
    "litstudy_ieee.csv",
    "litstudy_springer.csv",
    "colrev_pubmed.csv",
    "asreview_embase.csv",
]


@pytest.mark.parametrize("name", SEARCH_CSV)
def test_real_export_fills_title_authors_year_and_doi(name: str) -> None:
    works, problems = read_file(REAL / name)
    assert len(works) >= 6 and problems == []
    for work in works:
        assert work.title and work.authors and work.year, work
        assert re.fullmatch(r"10\.\d{4,9}/\S+", work.doi), work.doi


def _first(name: str) -> Work:
    return read_file(REAL / name)[0][0]


def test_ieee_xplore() -> None:
    works = read_file(REAL / "litstudy_ieee.csv")[0]
    first = works[0]
    assert first.authors == (Person(family="Kogge", given="P."), Person(family="Shalf", given="J."))
    assert (first.container, first.volume, first.issue, first.pages, first.issued) == (
        "Computing in Science & Engineering",
        "15",
        "6",
        "16-26",
        "2013",
    )
    assert first.type == "article-magazine" and first.doi == "10.1109/MCSE.2013.95"
    assert first.extra_value("IEEE:document-identifier") == "IEEE Magazines"  # the type's name
    assert first.extra_value("issn") == "1558-366X"
    assert first.extra_value("IEEE:article-citation-count") == "51"
    assert "exascale" in first.keywords
    assert works[1].type == "paper-conference" and works[1].extra_value("isbn")
    assert Person(family="Nominé", given="J. -P.") in works[1].authors
    assert Person(family="McIntosh-Smith", given="S.") in works[2].authors


def test_ieee_xplore_short_results_list() -> None:
    """The short IEEE Xplore list (Title, Authors, Affiliations, Publication, Category, DOI;
    colrev's fixture) was 'not a works CSV' and nothing was read."""
    magazine, paper = read_file(REAL / "colrev_ieee_results.csv")[0]
    assert magazine.type == "article-magazine" and magazine.container == "Computer"
    assert [a.family for a in magazine.authors] == ["Rottman", "Carmel", "Lacity"]
    assert magazine.doi == "10.1109/MC.2011.377" and paper.type == "paper-conference"
    assert paper.extra_value("IEEE:affiliations").startswith("School of International")


def test_publish_or_perish_json() -> None:
    """PoP's JSON export was read as CSL-JSON: no year (CSL has no 'year'), authors as one
    string, every 'volume: 0' kept (14 key fields missing, 9 values lost via corpus.bib)."""
    works, problems = read_file(REAL / "colrev_publish_or_perish.json")
    assert problems == [] and len(works) == 7
    first = works[0]
    assert first.issued == "2021" and first.container == "MIS Quarterly"
    assert [a.family for a in first.authors] == ["Guo", "Straub", "Zhang", "Cai"]
    assert (first.volume, first.issue, first.pages) == ("", "", "")  # PoP's 0: not known
    assert first.extra_value("PoP:cites") == "9" and first.url.startswith("https://search.")
    assert works[4].doi == "10.1007/s10796-013-9440-y"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"uid": "GS:1", "cites_url": "x", "related_url": "y"}, 5]', "item 1 is a JSON int"),
        ('[{"uid": "GS:1", "cites_url": "x", "related_url": "y"', "Expecting"),
    ],
)
def test_publish_or_perish_json_problems(text: str, message: str) -> None:
    from litreview.formats.search_csv import read_search_json

    _, problems = read_search_json(text, "x.json")
    assert any(message in p.message for p in problems)


def test_springer_link_names_run_together_are_told_apart() -> None:
    works = read_file(REAL / "litstudy_springer.csv")[0]
    chapter, book = works[0], works[1]
    assert chapter.type == "chapter" and book.type == "book"
    assert [a.family for a in chapter.authors] == ["Aliev", "Ismayilova"]
    assert chapter.authors[0].given == "Araz R."
    # "Prof. Rafik A. AlievProf. Dr. Janusz KacprzykProf. Witold Pedrycz...": no "Prof." names
    assert [a.family for a in book.authors][:3] == ["Aliev", "Kacprzyk", "Pedrycz"]
    assert book.authors[1].given == "Janusz"
    # the guess is checkable: the cell is kept as the export wrote it
    assert book.extra_value("Springer:authors").startswith("Prof. Rafik A. AlievProf. Dr.")
    assert chapter.doi == "10.1007/978-3-030-92127-9_33" and chapter.year == "2022"


def test_names_run_together_keep_a_pasted_family_name_whole() -> None:
    header = "Item Title,Item DOI,Authors\n"
    row = 'T,10.1/x,"Yann LeCunSarah McIntosh-SmithDr. Anne DeWitt"\n'
    (work,), _ = read_search_csv(header + row)
    assert [a.family for a in work.authors] == ["LeCun", "McIntosh-Smith", "DeWitt"]


def test_pubmed_csv_citation_line_gives_date_volume_issue_pages() -> None:
    works = read_file(REAL / "colrev_pubmed.csv")[0]
    first = works[0]
    assert first.authors[:2] == (
        Person(family="Lim", given="SM"),
        Person(family="Shiau", given="CWC"),
    )
    assert first.authors[-1] == Person(family="Lau", given="Y")  # the cell's final "." dropped
    assert (first.container, first.volume, first.issue, first.pages, first.issued) == (
        "Behav Ther",
        "53",
        "2",
        "334-347",
        "2022-03",
    )
    assert first.extra_value("pmid") == "35227408"
    assert first.extra_value("PubMed:citation").startswith("Behav Ther. 2022 Mar;53(2)")
    assert works[1].issued == "2021-11-29" and works[1].extra_value("pmcid") == "PMC8669585"


def test_embase_source_line_and_doi_of_its_openurl_link() -> None:
    works = read_file(REAL / "asreview_embase.csv")[0]
    first, second = works[0], works[1]
    assert first.authors == (Person(family="Liu", given="R."), Person(family="Adler", given="D.G."))
    assert first.doi == "10.4103/2303-9027.138783"  # "id=doi:10.4103%2F2303-9027.138783"
    assert (second.container, second.volume, second.issue, second.pages, second.issued) == (
        "Cancer",
        "102",
        "4",
        "253-258",
        "2004-08-25",  # "Date of Publication: 25 Aug 2004"
    )
    assert works[4].issued == "2011-01-07"  # "January 7, 2011"
    # a comma inside brackets does not split a keyword
    assert "bronchogenic duplication cyst (diagnosis, surgery)" in first.keywords


# Lens.org, Dimensions and Publish or Perish: headers as the databases write them (read from
# public exports); the rows are made up, as no export of theirs was found under a licence
# that allows copying it here (Dimensions forbids redistribution of its exports).
LENS = (
    "Lens ID,Title,Date Published,Publication Year,Publication Type,Source Title,ISSNs,"
    "Publisher,Source Country,Author/s,Abstract,Volume,Issue Number,Start Page,End Page,"
    "Fields of Study,Keywords,MeSH Terms,Chemicals,Funding,Source URLs,External URL,PMID,DOI,"
    "Microsoft Academic ID,PMCID,Citing Patents Count,References,Citing Works Count,"
    "Is Open Access,Open Access License,Open Access Colour\n"
    "000-111-222-333-444,A made-up survey of road detection,2012-02-07,2012,journal article,"
    'Machine Vision Tests,09328092; 14321769,Test Press,Germany,"Ana B. Hill; Dan Levi",'
    'An abstract.,25,3,727,745,Vision; Data,"lanes; roads",,,,,'
    "http://dx.doi.org/10.9999/mvt.1,,10.9999/mvt.1,2159132531,,0,001-281-965-177-444,676,"
    "false,,\n"
)
DIMENSIONS = (
    '"About the data: Exported on Jun 10, 2026. Criteria: ""made-up"" in full data.",,,,\n'
    "Rank,Publication ID,DOI,PMID,PMCID,Title,Abstract,Source title,Publication date,PubYear,"
    "Volume,Issue,Pagination,Publication Type,Authors,Times cited,Dimensions URL\n"
    "1,pub.1000000001,10.9999/dim.1,39033822,,A made-up biomarker study,An abstract.,"
    'Journal of Tests,2024-07-19,2024,363,,174-181,Article,"Sheen, Jack Z; van der Berg, Ann",'
    "11,https://app.dimensions.ai/details/publication/pub.1000000001\n"
)
POP = (
    "Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,"
    "ISSN,CitationURL,Volume,Issue,StartPage,EndPage,ECC\n"
    '12,"A. Šuňovská, V. Hasíková",Removal of a made-up metal by moss,2019,Test Letters,'
    "Test Press,https://example.org/a,https://scholar.example/c,1,2024-01-02 10:00:00,PDF,"
    "10.9999/pop.1,,,4,2,10,20,12\n"
)


def test_lens_export() -> None:
    (work,), problems = read_search_csv(LENS, "lens.csv")
    assert problems == [] and detect(LENS, ".csv") == "search-csv"
    assert work.authors == (
        Person(family="Hill", given="Ana B."),
        Person(family="Levi", given="Dan"),
    )
    assert (work.issued, work.pages, work.issue, work.type) == (
        "2012-02-07",
        "727-745",
        "3",
        "article-journal",
    )
    assert work.keywords == ("lanes", "roads") and work.extra_value("issn") == "09328092; 14321769"
    assert work.extra_value("Lens:lens-id") == "000-111-222-333-444"
    assert work.extra_value("Lens:publication-type") == "journal article"


def test_dimensions_note_above_the_header_is_a_notice_and_the_lines_stay_right() -> None:
    (work,), problems = read_search_csv(DIMENSIONS, "dim.csv")
    assert detect(DIMENSIONS, ".csv") == "search-csv"  # not Scopus (a "Source title", "Authors")
    assert [(p.line, p.severity) for p in problems] == [(1, "notice")]
    assert "About the data" in problems[0].message
    assert work.authors == (
        Person(family="Sheen", given="Jack Z"),
        Person(family="van der Berg", given="Ann", particle="van der"),
    )
    assert (work.issued, work.pages, work.container) == (
        "2024-07-19",
        "174-181",
        "Journal of Tests",
    )
    assert work.extra_value("pmid") == "39033822" and work.extra_value("Dimensions:rank") == "1"
    bad = DIMENSIONS + '2,pub.2,10.9/x,,,"never closed\n'
    _, problems = read_search_csv(bad, "dim.csv")
    assert (problems[-1].line, problems[-1].severity) == (4, "error")


def test_publish_or_perish_export() -> None:
    (work,), problems = read_search_csv(POP, "pop.csv")
    assert problems == [] and detect(POP, ".csv") == "search-csv"
    assert work.authors == (
        Person(family="Šuňovská", given="A."),
        Person(family="Hasíková", given="V."),
    )
    assert (work.container, work.pages, work.type, work.doi) == (
        "Test Letters",
        "10-20",
        "document",
        "10.9999/pop.1",
    )
    assert work.extra_value("PoP:gsrank") == "1" and work.extra_value("PoP:type") == "PDF"


def test_problems_name_their_line_and_keep_the_cells() -> None:
    works, problems = read_search_csv("Name,Authors,Year\nA,B,2001\n", "x.csv")
    assert works == [] and len(problems) == 1
    assert (problems[0].line, problems[0].severity) == (1, "error")
    assert "not a database CSV export litreview knows" in problems[0].message
    text = "Document Title,Publication Title,Volume,Volume\nT,J,1,2\nU,J,3,4,surplus\n"
    works, problems = read_search_csv(text, "x.csv")
    assert [(p.line, p.severity) for p in problems] == [(1, "warning"), (3, "warning")]
    assert "'Volume' is named twice" in problems[0].message
    assert [(w.volume, w.extra_value("IEEE:volume-2")) for w in works] == [("1", "2"), ("3", "4")]
    assert works[1].extra_value("IEEE:more-cells") == "surplus"
    _, problems = read_search_csv("Document Title,Publication Title\n", "x.csv")
    assert [p.message for p in problems] == ["no records found"]


def test_a_year_that_is_not_only_a_year_is_kept_whole() -> None:
    text = "Document Title,Publication Title,Publication Year\nT,J,2013 (online 2012)\n"
    (work,), _ = read_search_csv(text)
    assert work.issued == "" and work.extra_value("IEEE:publication-year") == "2013 (online 2012)"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("litstudy_scopus.csv", "scopus"), ("wosfile_tab_delimited.txt", "wos")],
)
def test_other_formats_are_not_taken_for_a_database_export(name: str, fmt: str) -> None:
    path = REAL / name
    assert detect(path.read_text(encoding="utf-8-sig"), path.suffix) == fmt


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_works(), max_size=3))
def test_litreviews_own_csv_is_never_taken_for_a_database_export(works: list[Work]) -> None:
    text = write_csv(works)
    assert detect(text, ".csv") == ""
    path_free = read_search_csv(text)
    assert path_free[0] == [] and path_free[1][0].severity == "error"


def test_table_types_are_csl_types() -> None:
    enum = set(schema()["items"]["properties"]["type"]["enum"])
    for export in exports():
        assert set(export.types.values()) <= enum, export.key


def _columns(export: Export) -> list[str]:
    """Every column the table names for ``export``, and one it does not know."""
    named = [*export.identify, *export.fields, export.year, export.date, *export.pages, export.type]
    named += [export.month, export.day]
    named += [*export.ids, *(p.column for p in export.parse)]
    named += [n.column for n in (export.authors, export.editors) if n]
    named += [export.keywords[0]] if export.keywords else []
    return [*dict.fromkeys(c for c in named if c), "Some Column Nobody Knows"]


def _line_of(text: str, cells: list[str]) -> int:
    """The line the first row (after the header) holding ``cells`` starts on."""
    read = csv.reader(io.StringIO(text, newline=""))
    header = next(read)
    line = read.line_num + 1
    for row in read:
        if row == cells[: len(header)]:
            return line
        line = read.line_num + 1
    return -1


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _blob(work: Work) -> set[str]:
    """Every word of every value of a work."""
    values = [str(getattr(work, f)) for f in ("title", "container", "publisher", "place", "note")]
    values += [work.volume, work.issue]
    values += [work.pages, work.doi, work.url, work.abstract, work.issued, work.type]
    values += [
        v
        for p in (*work.authors, *work.editors)
        for v in (p.family, p.given, p.literal, p.suffix, p.particle)
    ]
    values += [*work.keywords, *(v for _, v in work.extra)]
    return {w for v in values for w in _words(v)}


_SHAPES = [
    "2013",
    "2015-05-19",
    "12-19",
    "Lim SM, Shiau CWC.",
    "Sheen, Jack Z; Mazza, Frank",
    "Prof. Ann B. CoxDr. Ed McKay",
    "Cancer (2004) 102:4 (253-258). Date of Publication: 25 Aug 2004",
    "Behav Ther. 2022 Mar;53(2):334-347. doi: 10.1/x.",
    "http://x.org/?id=doi:10.1%2Fy&b=1",
    "Article",
    "a (b, c), d; e",
]
_CELL = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
_EXPORT_CELLS = st.sampled_from(sorted(e.key for e in exports())).flatmap(
    lambda key: st.tuples(
        st.just(key),
        st.lists(
            st.lists(_CELL | st.sampled_from(_SHAPES), min_size=60, max_size=60),
            min_size=1,
            max_size=3,
        ),
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EXPORT_CELLS)
def test_every_value_of_a_row_ends_up_in_its_work(case: tuple[str, list[list[str]]]) -> None:
    """Whatever the cells hold, the reader does not fail, gives a work per row, and every
    word of every cell is in a field of that work or in its extra."""
    key, rows = case
    export = next(e for e in exports() if e.key == key)
    header = _columns(export)
    out = io.StringIO()
    # every cell quoted, as the databases write them (a bare "\r" would end the row)
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row[: len(header)])
    works, problems = read_search_csv(out.getvalue(), "x.csv")
    rows = [row for row in rows if any(c.strip() for c in row[: len(header)])]  # blank: none
    # a row naming no work (no title, author, date, DOI or link) is a notice naming its line
    skipped = {p.line for p in problems if p.message.startswith("not a record")}
    errors = [p.message for p in problems if p.severity == "error"]
    assert errors == ([] if works else ["no records found"]), problems
    assert len(works) + len(skipped) == len(rows)
    kept = [row for row in rows if _line_of(out.getvalue(), row) not in skipped]
    for work, row in zip(works, kept, strict=True):
        found = _blob(work)
        for cell in row[: len(header)]:
            missing = [w for w in _words(cell) if w not in found]
            assert not missing, (cell, missing, work)
