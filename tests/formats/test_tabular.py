"""The flat works CSV: escaped multi-values, extra as JSON, exact round trips."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings

from litreview.core.model import Person, Work
from litreview.formats.tabular import COLUMNS, read_csv, validate_csv, write_csv
from tests.strategies import works

TRICKY = Work(
    key="k1",
    type="report",
    authors=(
        Person(family="Smith; Jr", given="Ann, B."),
        Person(literal="Bank, World; Group \\ Unit"),
        Person(family="Solo"),
    ),
    editors=(Person(literal="UNODC"),),
    title='Title, with; "quotes"\nand a newline, a carriage\rreturn',
    keywords=("a;b", "c\\", "crime_type:x"),
    extra=(("isbn", "1"), ("isbn", "2"), ("RIS:XY", "v")),
)


def test_header_and_cells_are_readable() -> None:
    rows = list(csv.reader(io.StringIO(write_csv([TRICKY]), newline="")))
    assert tuple(rows[0]) == COLUMNS
    cells = dict(zip(COLUMNS, rows[1], strict=True))
    assert (
        cells["authors"]
        == "Smith\\; Jr, Ann\\\\, B.; Bank\\\\, World\\; Group \\\\\\\\ Unit; Solo,"
    )
    assert cells["editors"] == "UNODC"
    assert cells["keywords"] == "a\\;b; c\\\\; crime_type:x"
    assert cells["extra"] == '[["isbn", "1"], ["isbn", "2"], ["RIS:XY", "v"]]'


def test_tricky_values_round_trip_exactly() -> None:
    found, problems = read_csv(write_csv([TRICKY]))
    assert problems == [] and found == [TRICKY]


def test_a_lone_carriage_return_stays_in_its_cell() -> None:
    """The csv module quotes a cell only for the line terminator's characters ("\\n"), so a
    bare "\\r" split the row into a second, false work when read back."""
    works = [Work(key="k1", title="Rivers\rand lakes"), Work(key="k2", title="Seas")]
    found, problems = read_csv(write_csv(works))
    assert problems == [] and found == works


def test_hand_made_csv_with_plain_cells_and_unknown_columns() -> None:
    text = 'title,authors,year_note,keywords\nA study,"Doe, Jane; World Bank",circa,x; y\n'
    found, problems = read_csv(text, "hand.csv")
    assert problems == []
    assert found == [
        Work(
            key="",
            type="document",
            title="A study",
            authors=(Person(family="Doe", given="Jane"), Person(literal="World Bank")),
            keywords=("x", "y"),
            extra=(("year_note", "circa"),),
        )
    ]


def test_bad_extra_is_reported_with_the_row_line_and_others_read() -> None:
    text = write_csv([Work(key="a", title="multi\nline"), Work(key="b"), Work(key="c")])
    lines = text.splitlines()
    lines[3] += "{not json"  # the row of "b" (line 4) ends with its empty extra cell
    found, problems = read_csv("\n".join(lines) + "\n", "w.csv")
    assert [w.key for w in found] == ["a", "c"]
    assert [(p.path, p.line, p.severity) for p in problems] == [("w.csv", 4, "error")]
    assert "extra" in problems[0].message


def test_not_a_works_csv_is_an_error() -> None:
    found, problems = read_csv("a,b\n1,2\n", "x.csv")
    assert found == [] and [(p.line, p.severity) for p in problems] == [(1, "error")]
    assert validate_csv("a,b\n1,2\n", "x.csv") == problems


def test_output_is_deterministic() -> None:
    assert write_csv([TRICKY, Work(key="z")]) == write_csv([TRICKY, Work(key="z")])


@settings(max_examples=30, deadline=None)
@given(works())
def test_round_trip_property(work: Work) -> None:
    found, problems = read_csv(write_csv([work, work]))
    assert problems == []
    assert found == [work, work]


def test_formula_cells_are_neutralised_and_read_back() -> None:
    """Issue 19 item 4 (OWASP CSV injection): a cell a spreadsheet would run is written with a
    leading ', and read back without it."""
    from litreview.core.model import Work as W

    work = W(
        key="k",
        title='=HYPERLINK("http://x","y")',
        note="+1 more",
        abstract="@SUM(A1)",
        publisher="'quoted",
        pages="-5",
    )
    text = write_csv([work])
    for cell in ("'=HYPERLINK", "'+1 more", "'@SUM(A1)", "''quoted", "'-5"):
        assert cell in text
    assert read_csv(text)[0] == [work]


def test_tex_values_are_written_as_unicode() -> None:
    from litreview.formats.bibtex import read_bibtex

    (work,), _ = read_bibtex(
        r"@book{k, title={Caf{\'e} \& {R}esearch}, author={Dvo{\v{r}}{\'a}k, A}}"
    )
    text = write_csv([work])
    assert "Café & Research" in text and "Dvořák" in text and "\\" not in text


def test_a_works_csv_saved_with_semicolons_reads_the_same() -> None:
    """litreview's own CSV, opened and saved by a spreadsheet that separates with ``;``."""
    work = Work(
        key="k1", type="book", title="Crime, gender", authors=(Person(family="Roe", given="A"),)
    )
    text = write_csv([work])
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    (back,), problems = read_csv(out.getvalue())
    assert problems == [] and back.title == "Crime, gender" and back.authors == work.authors
