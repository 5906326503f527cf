"""Review tables read one row at a time (``iter_csv``), with their lines and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.core.files import read_text
from litreview.core.tables import csv_pieces, csv_text, iter_csv, read_csv
from tests.conftest import write_file

COLUMNS = ("work_key", "facet", "quote")


def test_rows_come_with_the_line_they_start_on_and_short_rows_read_empty(tmp_path: Path) -> None:
    path = write_file(tmp_path / "t.csv", 'work_key,facet,quote\na,f,"two\nlines"\nb,f\n')
    assert list(iter_csv(path, COLUMNS)) == [
        (2, {"work_key": "a", "facet": "f", "quote": "two\nlines"}),
        (4, {"work_key": "b", "facet": "f", "quote": ""}),
    ]


def test_equal_cells_are_one_string(tmp_path: Path) -> None:
    """A table of a million tags repeats its facets and quotes: they are shared, not copied."""
    rows = [{"work_key": f"w{i}", "facet": "crime", "quote": "the same words"} for i in range(3)]
    path = write_file(tmp_path / "t.csv", csv_text(COLUMNS, rows))
    read = read_csv(path, COLUMNS)
    assert read == rows
    assert read[0]["quote"] is read[2]["quote"] and read[0]["facet"] is read[1]["facet"]


def test_a_missing_file_has_no_rows(tmp_path: Path) -> None:
    assert list(iter_csv(tmp_path / "none.csv", COLUMNS)) == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("work_key,facet\na,b\n", 1, "missing column(s) quote"),
        ('work_key,facet,quote\na,b,c\nd,e,"never closed\nf,g,h\n', 3, "never closed"),
    ],
)
def test_a_bad_table_is_one_error_naming_its_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write_file(tmp_path / "t.csv", text)
    with pytest.raises(InputError) as err:
        list(iter_csv(path, COLUMNS))
    assert err.value.line == line and words in str(err.value)
    assert err.value.path == str(path)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"work_key,facet,quote\na,b,c\nd,e,caf\xe9\n", id="latin1_byte"),
        pytest.param(b"work_key,facet,quote\na,b,c\nd,e,\x00\n", id="nul_byte"),
        pytest.param(b"\xff\xfew\x00k\x00", id="utf16"),
        pytest.param(b"work_key\na\n\xe9\n", id="missing_columns_and_a_bad_byte_further_on"),
    ],
)
def test_bad_bytes_are_the_error_reading_the_text_gives(tmp_path: Path, data: bytes) -> None:
    """Read a line at a time, a table fails as :func:`read_text` fails on it (same line)."""
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as whole:
        read_text(path)
    with pytest.raises(InputError) as rows:
        list(iter_csv(path, COLUMNS))
    assert str(rows.value) == str(whole.value)


def test_blank_rows_are_skipped_as_dict_reader_skips_them(tmp_path: Path) -> None:
    """Lines as csv.DictReader counted them: a row after blank rows is given the line after
    the row before it (known; kept, since the error messages quote these lines)."""
    path = write_file(tmp_path / "t.csv", "work_key,facet,quote\n\na,b,c\n\n\nd,e,\n\n")
    assert list(iter_csv(path, COLUMNS)) == [
        (2, {"work_key": "a", "facet": "b", "quote": "c"}),
        (4, {"work_key": "d", "facet": "e", "quote": ""}),
    ]


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ('\ufeffwork_key,facet,quote\r\na,b,"c\r\nd"\r\n\r\n', True),
        ('work_key,facet,quote\na,b,"c\nd"\n\n\n', True),
        ('work_key,facet,quote\na,b,"c\nd\n\n', False),
    ],
)
def test_the_last_cell_is_checked_at_the_end_of_the_lines(
    tmp_path: Path, text: str, closed: bool
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8", newline="")
    if closed:
        assert list(iter_csv(path, COLUMNS))[-1][1]["quote"] in ("c\r\nd", "c\nd")
    else:
        with pytest.raises(InputError, match="never closed"):
            list(iter_csv(path, COLUMNS))


cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@given(st.lists(st.fixed_dictionaries({c: cells for c in COLUMNS}), max_size=8))
def test_what_csv_text_writes_reads_back(rows: list[dict[str, str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = write_file(Path(tmp) / "t.csv", csv_text(COLUMNS, rows))
        assert read_csv(path, COLUMNS) == rows


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
def test_csv_in_pieces_is_the_text_in_one_string(batch: int) -> None:
    rows = [{"a": str(i), "b": None, "c": ("x", "y") if i % 2 else 0.5} for i in range(7)]
    pieces = list(csv_pieces(["a", "b", "c"], iter(rows), batch=batch))
    assert "".join(pieces) == csv_text(["a", "b", "c"], rows)
    assert len(pieces) == 7 // batch + 1
    assert "".join(csv_pieces(["a"], [])) == "a\n"


def test_a_column_named_twice_keeps_both_cells() -> None:
    from litreview.core.tables import parse_csv

    read = parse_csv("a,b,a,a (2)\n1,2,3,4\n", "t.csv")
    assert read.header == ["a", "b", "a (3)", "a (2)"]
    assert read.rows == [(2, {"a": "1", "b": "2", "a (3)": "3", "a (2)": "4"})]


def test_the_header_says_what_separates_cells() -> None:
    from litreview.core.tables import header_delimiter

    assert header_delimiter("a;b;c\n1;2;3\n") == ";"
    assert header_delimiter("\ufeff\n\na\tb\tc\n") == "\t"
    assert header_delimiter('"x, y";b;c\n') == ";"  # a comma inside a quoted cell
    assert header_delimiter("a,b;c\n") == ","
    assert header_delimiter("title\nx\n") == header_delimiter("") == ","
