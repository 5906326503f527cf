"""Dates of database exports (MEDLINE's DP, Web of Science's PD, EndNote's and refer's
dates): month then day, the month as a number or an English name, whole or cut."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.formats._bibtex_syntax import parse_month
from litreview.formats._search import date_of


@pytest.mark.parametrize(
    ("month_day", "date"),
    [
        ("6 2", "2019-06-02"),  # the number that gives the month is not the day as well
        ("Sept. 3", "2019-09-03"),  # not March the 3rd
        ("JUN 19", "2019-06-19"),
        ("15 Mar", "2019-03-15"),
        ("2019/06/02", "2019-06-02"),
        ("Spring", "2019"),
        ("", "2019"),
        ("¹ Mar", "2019-03"),  # a raised digit is no day (int('¹') fails: found by fuzzing)
        ("² ³", "2019"),
    ],
)
def test_month_then_day(month_day: str, date: str) -> None:
    assert date_of("2019", month_day) == date


@given(
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from(["number", "name", "abbr", "cut"]),
)
def test_any_month_and_day_are_read_back(month: int, day: int, spelling: str) -> None:
    name = calendar.month_name[month]
    word = {
        "number": str(month),
        "name": name,
        "abbr": name[:3].upper(),
        "cut": name[:4] + ".",
    }[spelling]
    assert date_of("2001", f"{word} {day}") == f"2001-{month:02d}-{day:02d}"


@pytest.mark.parametrize("word", ["Ma", "Mays", "x", "13", "Sun"])
def test_words_that_name_no_month(word: str) -> None:
    assert parse_month(word) is None


def test_a_year_of_raised_digits_is_no_year() -> None:
    assert date_of("²⁰¹⁹", "Mar") == ""


@given(st.text(max_size=12), st.text(max_size=12))
def test_any_text_gives_a_date_or_nothing(year: str, month_day: str) -> None:
    date = date_of(year, month_day)
    assert date == "" or date[:4].isdecimal()
