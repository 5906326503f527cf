"""Tables of references as tools and databases save them: the CSV and TSV exports of
reference managers and screening tools, a header below notes, other separators, spreadsheet
text formulas, spreadsheets (.xlsx, .xls), and any other table with a title column."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.core.model import Person
from litreview.formats import detect, read_file
from litreview.formats.search_csv import read_search_csv
from tests.conftest import DATA, require_module

REAL = DATA / "real"

# every table of the same searches, as each tool exported it, read with its record count
TABLES = {
    "cff_abstrackr.csv": 10,
    "cff_cinahl.csv": 10,
    "cff_cochrane.csv": 3,
    "cff_covidence.csv": 10,
    "cff_embase.csv": 10,
    "cff_excel.csv": 10,
    "cff_googlescholar.csv": 10,
    "cff_openalex.csv": 9,
    "cff_rayyan.csv": 10,
    "cff_zotero.csv": 10,
    "cff_refworks.tsv": 100,
    "cff_lens.tsv": 100,
    "cff_lens.xlsx": 100,
    "cff_embase.xlsx": 10,
    "cff_eppireviewer.xlsx": 10,
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_tool_s_table_is_read_whole(name: str) -> None:
    works, problems = read_file(REAL / name)
    assert len(works) == TABLES[name]
    assert [p for p in problems if p.severity == "error"] == []
    assert all(w.title for w in works)


def test_a_row_that_names_no_work_is_a_notice() -> None:
    """Abstrackr ends its export with a row saying "citations that are not yet labeled by
    anyone": not a work, but said."""
    _, problems = read_file(REAL / "cff_abstrackr.csv")
    (notice,) = [p for p in problems if p.severity == "notice"]
    assert "not yet labeled" in notice.message and notice.line == 36


def test_zotero_csv() -> None:
    works, problems = read_file(REAL / "cff_zotero.csv")
    first = works[0]
    assert problems == []
    assert first.authors[:2] == (
        Person(family="Yang", given="Z."),
        Person(family="Jiang", given="B."),
    )
    assert (first.type, first.container, first.volume, first.issue, first.issued) == (
        "article-journal",
        "Nature Communications",
        "15",
        "1",
        "2024",
    )
    assert first.doi == "10.1038/s41467-024-48400-3"
    assert first.extra_value("Zotero:key") == "YVC6GC78"
    assert first.extra_value("shortjournal") == "Nat. Commun."
    assert first.extra_value("Zotero:date-added") == "2024-08-15 08:09:33"
    assert "controlled study" in first.keywords


def test_a_zotero_item_s_type_editors_and_place() -> None:
    header = '"Key","Item Type","Publication Year","Author","Title","Abstract Note","Place",'
    header += '"Editor","Publisher","Extra"\n'
    row = '"K1","bookSection","2019","World Bank","A chapter","","Washington, DC",'
    row += '"Smith, Ann; Lee, Bo","Pub","PMID: 12"\n'
    (work,), problems = read_search_csv(header + row, "z.csv")
    assert problems == [] and work.type == "chapter"
    assert work.authors == (Person(literal="World Bank"),)
    assert work.editors == (Person(family="Smith", given="Ann"), Person(family="Lee", given="Bo"))
    assert (work.place, work.publisher, work.note) == ("Washington, DC", "Pub", "PMID: 12")


def test_covidence_cochrane_and_google_scholar() -> None:
    covidence = read_file(REAL / "cff_covidence.csv")[0][0]
    assert covidence.authors[0] == Person(family="Yang", given="Z.")
    assert covidence.extra_value("Covidence:covidence") == "#1"
    assert covidence.extra_value("Covidence:study") == "Yang 2024"
    cochrane = read_file(REAL / "cff_cochrane.csv")[0][0]
    assert cochrane.authors[0] == Person(family="Bywater", given="T")
    assert (cochrane.container, cochrane.issued, cochrane.pages) == ("Trials", "2011", "39")
    assert cochrane.extra_value("accession-number") == "CN-00778158"
    scholar = read_file(REAL / "cff_googlescholar.csv")[0][0]
    # "Barrett, Paul M; Willis, Katherine J; ": the trailing separator makes no name
    assert scholar.authors == (
        Person(family="Barrett", given="Paul M"),
        Person(family="Willis", given="Katherine J"),
    )
    assert (scholar.issue, scholar.pages) == ("3", "411-447")


def test_ebsco_text_formulas_and_us_dates() -> None:
    """EBSCOhost writes ="19326203" (so a spreadsheet keeps the zeros) and 4/3/2024."""
    work = read_file(REAL / "cff_cinahl.csv")[0][0]
    assert work.extra_value("issn") == "19326203"
    assert work.issued == "2024-04-03"
    assert work.extra_value("EBSCO:publication-date") == "4/3/2024"  # as written, too
    assert work.authors[0] == Person(family="Curry Rogers", given="Kristina")


def test_rayyan_and_abstrackr_are_not_taken_for_litreview_s_own_csv() -> None:
    """Their lower-case "key" and "title" columns are litreview's own CSV's names too; their
    authors are "Family, G. and Family, G.", which the own CSV would read as one person."""
    for name in ("cff_rayyan.csv", "cff_abstrackr.csv"):
        text = (REAL / name).read_text(encoding="utf-8-sig")
        assert detect(text, ".csv") == "search-csv"
    rayyan = read_file(REAL / "cff_rayyan.csv")[0][0]
    assert [p.family for p in rayyan.authors] == ["Yang", "Jiang", "Xu", "McNamara"]
    assert (rayyan.container, rayyan.issued) == ("Nat. Commun.", "2024")
    assert rayyan.extra_value("Rayyan:key") == "rayyan-42924189"
    abstrackr = read_file(REAL / "cff_abstrackr.csv")[0][0]
    assert [p.family for p in abstrackr.authors][:2] == ["Longrich", "Pereda-Suberbiola"]
    assert abstrackr.extra_value("Abstrackr:pubmed-id") == "0"  # "0": no PMID, kept as written
    assert abstrackr.extra_value("pmid") == ""


def test_month_and_day_columns_make_the_date() -> None:
    header = "key,title,year,month,day,journal,authors\n"
    (work,), _ = read_search_csv(header + 'r1,T,2020,Mar,7,J,"Lee, A"\n', "r.csv")
    assert work.issued == "2020-03-07" and not work.extra_value("Rayyan:month")
    (work,), _ = read_search_csv(header + 'r1,T,2020,13,7,J,"Lee, A"\n', "r.csv")
    assert work.issued == "2020" and work.extra_value("Rayyan:month") == "13"


def test_refworks_tsv_leaves_a_null_given_name_empty() -> None:
    work = read_file(REAL / "cff_refworks.tsv")[0][0]
    assert work.authors[0] == Person(family="van den Hoven", given="", particle="van den")
    assert work.authors[1] == Person(family="Smits", given="Maarten L. J.")
    assert (work.volume, work.issue, work.pages) == ("25", "3", "S105")


def test_a_header_below_notes_and_cells_separated_by_semicolons() -> None:
    """Embase writes its search and a rule above the header; Excel in many locales saves
    the same file with semicolons (and a byte-order mark)."""
    comma = read_file(REAL / "cff_embase.csv")
    semi = read_file(REAL / "cff_excel.csv")
    assert [w.title for w in comma[0]] == [w.title for w in semi[0]]
    assert [w.authors for w in comma[0]] == [w.authors for w in semi[0]]
    first = comma[0][0]
    assert (first.container, first.volume, first.issue) == ("Nature Communications", "15", "1")
    assert first.issued == "2024-12-01"  # "Date of Publication: 1 Dec 2024"
    assert [(p.line, p.severity) for p in comma[1]] == [(1, "notice"), (2, "notice")]
    assert "SEARCH QUERY" in comma[1][0].message


def test_openalex_csv_keeps_each_nested_record_as_one_json_value() -> None:
    work = read_file(REAL / "cff_openalex.csv")[0][0]
    assert work.authors[0] == Person(family="Vicente", given="Alba")
    assert work.doi == "10.1016/j.cretres.2023.105752"  # the doi.org link's DOI
    assert (work.container, work.issued, work.volume) == (
        "Cretaceous Research",
        "2024-02-01",
        "154",
    )
    best = work.extra_value("OpenAlex:best-oa-location")
    assert best.startswith("json:")
    assert json.loads(best[5:])["source.issn"] == "0195-6671|1095-998X"
    assert len(work.extra) < 60  # 139 columns: biber reads no entry of more than 97 fields


def test_any_other_titled_table_is_read_by_its_column_names() -> None:
    text = "TITLE;Author;Year;Journal;DOI\nA study;Smith, John;2020;J;10.1/x\n"
    works, problems = read_search_csv(text, "t.csv")
    assert problems == []
    (work,) = works
    assert work.type == "document"  # nothing says it is a journal article
    assert (work.title, work.issued, work.container, work.doi) == ("A study", "2020", "J", "10.1/x")
    assert work.authors == (Person(family="Smith", given="John"),)
    text = 'Title,Authors,Year\n"A study","Smith, John; Doe, Jane",2020\n'
    (work,), _ = read_search_csv(text, "t.csv")
    assert [p.family for p in work.authors] == ["Smith", "Doe"]
    assert work.extra_value("table:authors") == "Smith, John; Doe, Jane"  # a guess: kept


def test_litreview_s_own_csv_is_still_its_own() -> None:
    text = 'key,title,authors,issued\nk1,A title,"Lee, Ann",2001\n'
    assert detect(text, ".csv") == ""
    assert detect("Name,Authors\nx,y\n", ".csv") == ""


def _xlsx(rows: list[list[object]]) -> bytes:
    require_module("openpyxl")
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_spreadsheet_s_problems_name_its_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Title", "Authors", "Year"],
        ["First", "Lee, Ann", 2001],
        ["Second\nover two lines", "Kim, Bo", 2002.0],
        ["Third", "Cho, Di", 2003, "a cell past the header"],
    ]
    path = tmp_path / "refs.xlsx"
    path.write_bytes(_xlsx(rows))
    works, problems = read_file(path)
    assert [w.issued for w in works] == ["2001", "2002", "2003"]  # 2002.0 shown as 2002
    assert [(p.line, p.severity) for p in problems] == [(4, "warning")]
    assert "more cells than columns" in problems[0].message


def test_spreadsheet_dates_are_iso_dates(tmp_path: Path) -> None:
    import datetime as dt

    rows: list[list[object]] = [["Title", "Date"], ["A", dt.datetime(2020, 5, 17)]]
    path = tmp_path / "d.xlsx"
    path.write_bytes(_xlsx(rows))
    (work,), _ = read_file(path)
    assert work.issued == "2020-05-17"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"Title,Year\nA,2001\n", "not a spreadsheet"),
        (b"PK\x03\x04 broken zip", "cannot read the workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "cannot read the workbook"),
    ],
    ids=["text", "broken zip", "broken xls"],
)
def test_a_file_that_is_not_a_workbook_is_one_error(tmp_path: Path, data: bytes, said: str) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert said in str(caught.value) and "\n" not in str(caught.value)


def test_a_sheet_declaring_an_unknown_encoding_is_one_error(tmp_path: Path) -> None:
    """Found by the fuzzing of bench_hostile.py: the XML parser's LookupError escaped."""
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_xlsx([["Title"], ["A"]]))) as good,
        zipfile.ZipFile(buf, "w") as bad,
    ):
        for name in good.namelist():
            part = good.read(name)
            if name.startswith("xl/worksheets/"):
                part = part.replace(b'encoding="UTF-8"', b'encoding="UTFif"', 1)
                if b"UTFif" not in part:
                    part = b'<?xml version="1.0" encoding="UTFif"?>' + part.split(b"?>", 1)[-1]
            bad.writestr(name, part)
    path = tmp_path / "enc.xlsx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert "cannot read the workbook" in str(caught.value) and "\n" not in str(caught.value)


def test_a_workbook_that_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import litreview.formats.spreadsheet as sheet

    data = _xlsx([["Title"], ["x" * 5000]])
    monkeypatch.setattr(sheet, "MAX_SPREADSHEET_BYTES", 4000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(data)
    with pytest.raises(InputError, match="unpacks to"):
        read_file(path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 4000


def test_an_empty_sheet_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(_xlsx([]))
    with pytest.raises(InputError, match="empty"):
        read_file(path)


def test_xls_cells_are_shown_as_the_sheet_shows_them() -> None:
    """The older binary workbook (Web of Science's "Excel" export) is read with xlrd, whose
    cells carry a kind: a date is a day number, a whole number a float."""
    require_module("xlrd")
    import xlrd

    from litreview.formats.spreadsheet import _text, _xls_value

    def shown(kind: int, value: object) -> str:
        return _text(_xls_value(xlrd.sheet.Cell(kind, value), 0))

    assert shown(xlrd.XL_CELL_DATE, 43831.0) == "2020-01-01"
    assert shown(xlrd.XL_CELL_NUMBER, 2001.0) == "2001"
    assert shown(xlrd.XL_CELL_NUMBER, 1.5) == "1.5"
    assert shown(xlrd.XL_CELL_BOOLEAN, 1) == "TRUE"
    assert shown(xlrd.XL_CELL_TEXT, "0012") == "0012"


def test_a_table_saved_by_a_spreadsheet_on_windows_is_read_as_windows_1252(
    tmp_path: Path,
) -> None:
    """Excel's "CSV" on Windows is in the ANSI code page (Windows-1252 in western locales),
    with semicolons in many of them: read so, and said once."""
    rows = [["Title", "Authors", "Year"], ["Café société", "Müller, Jürgen", "2001"]]
    text = "".join(";".join(r) + "\r\n" for r in rows)
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("cp1252"))
    (work,), problems = read_file(path)
    assert work.title == "Café société" and work.authors[0].family == "Müller"
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]
    assert "Windows-1252" in problems[0].message
    # a byte Windows-1252 does not have (0x81): the error of a file not UTF-8
    path.write_bytes(text.encode("cp1252") + b"\x81;x;2002\r\n")
    with pytest.raises(InputError, match=r"excel.csv:2: not UTF-8"):  # its first such byte
        read_file(path)
    # another bibliography with no UTF-8 in it is Windows-1252 too; a double-byte one is not
    ris = tmp_path / "x.ris"
    ris.write_bytes("TY  - JOUR\nTI  - Café\nER  - \n".encode("cp1252"))
    (work,), problems = read_file(ris)
    assert work.title == "Café" and "Windows-1252" in problems[0].message
    ris.write_bytes(b"TY  - JOUR\nTI  - \xbf\xad\xc8\xf6\nER  - \n")
    with pytest.raises(InputError, match="not UTF-8"):
        read_file(ris)


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        ("Smith J, Doe AB", [("Smith", "J"), ("Doe", "AB")]),
        ("Jane Doe, John Smith", [("Doe", "Jane"), ("Smith", "John")]),
        ("Smith, John Paul", [("Smith", "John Paul")]),
        ("Smith, J. and Doe, A.", [("Smith", "J."), ("Doe", "A.")]),
        ("Smith, John; Doe, Jane", [("Smith", "John"), ("Doe", "Jane")]),
    ],
)
def test_a_titled_table_s_authors_are_read_by_the_cell_s_shape(
    cell: str, people: list[tuple[str, str]]
) -> None:
    (work,), _ = read_search_csv(f'Title,Authors\nT,"{cell}"\n', "t.csv")
    assert [(p.family, p.given) for p in work.authors] == people
    assert work.extra_value("table:authors") == cell  # a guess: the cell is kept too


def test_a_spreadsheet_is_validated_as_a_bibliography_and_refused_as_a_document(
    tmp_path: Path,
) -> None:
    from litreview.pipeline.ingest import is_document

    path = REAL / "cff_eppireviewer.xlsx"
    assert not is_document(str(path))
    from litreview.formats.documents import read_document

    with pytest.raises(InputError, match=r"a spreadsheet \(a bibliography\?\), not a document"):
        read_document(path)


def test_only_a_file_named_a_table_is_taken_for_a_titled_table(tmp_path: Path) -> None:
    """A text document may open with a line naming a "Title": it stays a document."""
    from litreview.pipeline.ingest import is_document

    text = "Title, Author and Year\n\nA report on wells. Little is known.\n"
    assert detect(text, ".txt") == "" and detect(text, ".csv") == "search-csv"
    doc = tmp_path / "report.txt"
    doc.write_text(text, encoding="utf-8")
    assert is_document(str(doc))


def test_a_row_naming_no_work_is_said_whatever_column_its_cells_are_in() -> None:
    """A row with only a volume (no title, author, date, DOI or link) is no work, and is
    said as a notice, not dropped without a word."""
    text = "CENTRAL ID,Author(s),Title,Source,Volume\nCN-1,,A title,,\n,,,,0\n"
    works, problems = read_search_csv(text, "c.csv")
    assert [w.title for w in works] == ["A title"]
    assert [(p.line, p.message) for p in problems] == [(3, "not a record, skipped: 0")]


def test_a_lower_case_title_column_alone_does_not_make_litreview_s_own_csv() -> None:
    """CiteSource's CSV export ('duplicate_id,...,author,title,year,...,journal'): taken for
    litreview's own CSV by its 'title' column, it kept author, year and journal in extra,
    so 499 works had no author and no year."""
    text = (
        "duplicate_id,author,title,year,volume,journal\n"
        '1001,"Isaac, Fadia and Kennedy, Gerard A",A review,2021,18,Int J Env Res\n'
    )
    assert detect(text, ".csv") == "search-csv"
    (work,), problems = read_search_csv(text, "citesource.csv")
    assert not problems
    assert [p.family for p in work.authors] == ["Isaac", "Kennedy"]
    assert (work.title, work.issued, work.volume, work.container) == (
        "A review",
        "2021",
        "18",
        "Int J Env Res",
    )
    assert work.extra_value("table:duplicate-id") == "1001"
    # the own CSV's names only (and unknown columns): still litreview's own
    assert detect("title,authors,year_note,keywords\nA,B,c,d\n", ".csv") == ""


def test_a_table_whose_lines_a_spreadsheet_put_in_one_cell_is_refused(tmp_path: Path) -> None:
    """A Scopus CSV opened where a spreadsheet separates cells with ';' and saved again (a
    real file): every line in column A, quotes doubled or dropped, ';' padding. It was read
    into the wrong fields (titles '2025', 801 of 819 works without author or year)."""
    text = (
        "Authors,Title,Year,Source title;;;\n"
        '"Roe, A.,""A title"",2020,""J""";;;\n'
        '"Lee, B.,""59483162900";55584305000;",Another"",2021,""K""";\n'
    )
    path = tmp_path / "scopus.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert str(caught.value).startswith(f"{path}:1: each line of this table is one cell")
    # a semicolon-separated table, and a comma one whose last cells are empty, are read
    semi = tmp_path / "semi.csv"
    semi.write_text('Authors;Title;Year\n"Roe, A.";A title;2020\n', encoding="utf-8")
    assert [w.title for w in read_file(semi)[0]] == ["A title"]
    empty = tmp_path / "empty.csv"
    empty.write_text('Authors,Title,Year,Note\n"Roe, A.",A title,2020,\n', encoding="utf-8")
    assert [w.title for w in read_file(empty)[0]] == ["A title"]


def test_bibliometrix_s_data_frame_written_as_csv_is_read_by_its_tags() -> None:
    """R's write.csv of bibliometrix's data frame (a real one from a public review's
    repository): Web of Science tags as column names, NA in missing cells, authors as
    'FAMILY INITIALS' separated by ';'. SO, DI, DE and DT were kept in extra, NA read as a
    DOI and a keyword, and 'CORDS M' read as given name CORDS, family name M."""
    text = (
        '"","AU","DE","TI","PY","SO","DI","DT"\n'
        '"CORDS M, 1993, ETHOLOGY","CORDS M;THURNHEER S",NA,"RECONCILING",1993,"ETHOLOGY",'
        'NA,"ARTICLE"\n'
        '"LEE A, 2001, OIKOS","LEE A",NA,"SECOND",2001,"OIKOS","10.1/X","ARTICLE"\n'
    )
    works, problems = read_search_csv(text, "M.csv")
    assert not problems
    first, second = works
    assert [(p.family, p.given) for p in first.authors] == [("CORDS", "M"), ("THURNHEER", "S")]
    assert (first.title, first.issued, first.container, first.type) == (
        "RECONCILING",
        "1993",
        "ETHOLOGY",
        "article-journal",
    )
    assert first.doi == "" and first.keywords == () and first.extra_value("table:di") == "NA"
    assert second.doi == "10.1/X"


def test_a_guessed_name_ending_in_initials_is_family_first() -> None:
    text = 'Title,Authors\nA,"van Dijk AB; Lee C"\nB,"Jane Doe; John Smith"\n'
    first, second = read_search_csv(text, "t.csv")[0]
    assert [(p.family, p.given) for p in first.authors] == [("van Dijk", "AB"), ("Lee", "C")]
    assert [(p.family, p.given) for p in second.authors] == [("Doe", "Jane"), ("Smith", "John")]


def test_pubmed_s_csv_before_2020_is_read_by_its_columns() -> None:
    """The CSV of PubMed's site before 2020 (real ones, from a public review's repository):
    read as a titled table, its authors and year were missing from every row; each row
    ends with a comma, which is no cell past the header worth a warning."""
    header = (
        "Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,"
        "Properties\n"
    )
    rows = (
        '"A review.","/pubmed/1","Roe A, van Dijk AB.","Allergy. 2019 Jul 13;74(2):10-19. doi: '
        '10.1111/all.1. [Epub ahead of print]","Allergy.  2019","PubMed","citation",'
        '"PMID:1","pubmed","1","create date:2019/07/14",\n'
        '"A book.","/pubmed/2","Lee C.","Washington (DC): A Department; 2019 Mar.",'
        '" 2019","PubMed","citation","PMID:2","pubmed","2","",\n'
    )
    (paper, book), problems = read_search_csv(header + rows, "pubmed_result.csv")
    assert problems == []
    assert [(p.family, p.given) for p in paper.authors] == [("Roe", "A"), ("van Dijk", "AB")]
    assert (paper.container, paper.issued, paper.volume, paper.issue, paper.pages) == (
        "Allergy",
        "2019-07-13",
        "74",
        "2",
        "10-19",
    )
    assert paper.doi == "10.1111/all.1" and paper.extra_value("pmid") == "1"
    assert (book.authors[0].family, book.issued, book.extra_value("pmid")) == ("Lee", "2019", "2")
