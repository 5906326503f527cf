"""Repairs for web, news and corporate references (APA, Harvard, MLA and notes styles), on
strings and labels written for these tests: each label rule is fed the mistake it repairs,
each field rule a built item, and a few whole strings go through the shipped parser."""

from __future__ import annotations

import pytest

from litreview.extract.refparse import parse_reference, split_access, split_site
from litreview.extract.refparse_names import is_organisation, split_names
from tests.refparse_helpers import item_of, relabel


def test_title_stopping_on_a_small_word_takes_the_next_short_run() -> None:
    got = relabel(
        [
            ("author", "River Board,"),
            ("date", "2019,"),
            ("title", "A long walk home; the story of"),
            ("location", "Lakeland"),
        ]
    )
    assert got[-1] == ("title", "A long walk home; the story of Lakeland")


def test_title_ending_in_a_full_word_keeps_its_place() -> None:
    got = relabel(
        [
            ("author", "River Board"),
            ("date", "(2019)."),
            ("title", "A long walk home."),
            ("location", "Lakeland:"),
            ("publisher", "Hill Press."),
        ]
    )
    assert ("location", "Lakeland:") in got


def test_subtitle_after_a_colon_is_not_a_publisher() -> None:
    got = relabel(
        [
            ("author", "Harbour Bank"),
            ("date", "(2012)"),
            ("title", "Coastal Trade Review:"),
            ("publisher", "Ports, Tides and Tolls."),
        ]
    )
    assert got[-1] == ("title", "Coastal Trade Review: Ports, Tides and Tolls.")


@pytest.mark.parametrize("publisher", ["Hill Press.", "Kestrel Foundation.", "Lisbon."])
def test_a_real_publisher_after_a_colon_title_stays(publisher: str) -> None:
    got = relabel(
        [
            ("author", "Ames, R."),
            ("date", "(2012)"),
            ("title", "Coastal Trade Review:"),
            ("publisher", publisher),
        ]
    )
    assert got[-1][0] != "title"


def test_a_sentence_read_as_author_is_the_title() -> None:
    got = relabel(
        [
            ("author", "Coping with river floods."),
            ("date", "(n.d.)."),
            ("url", "https://example.org/floods"),
        ]
    )
    assert got[0] == ("title", "Coping with river floods.")


@pytest.mark.parametrize(
    "name", ["Hill, J. and Orme, K.", "Friends of the Earth", "van der Berg, Anna"]
)
def test_names_are_not_read_as_sentences(name: str) -> None:
    got = relabel([("author", name), ("date", "(2015)."), ("url", "https://example.org/x")])
    assert got[0][0] == "author"


def test_a_day_and_month_closing_the_title_is_the_date() -> None:
    segments = relabel(
        [
            ("author", "Tide News"),
            ("date", "(2016)"),
            ("title", "Flood warning: what to do. 3 February."),
        ]
    )
    assert ("title", "Flood warning: what to do.") in segments
    item = item_of(segments)
    assert item["issued"] == {"date-parts": [[2016, 2, 3]]}


@pytest.mark.parametrize(
    ("parts", "date"),
    [
        # Month, day, year read as a date, a volume and a year.
        (
            [
                ("journal", "The Weekly Harbour,"),
                ("date", "March"),
                ("volume", "3,"),
                ("date", "2014."),
            ],
            "March 3, 2014.",
        ),
        # Month, day, year inside a title.
        ([("title", "Tide tables (Editorial) Harbour Aug 30 2019,")], "Aug 30 2019,"),
    ],
)
def test_month_day_year_is_one_date(parts: list[tuple[str, str]], date: str) -> None:
    head = [] if parts[0][0] == "title" else [("author", "Ames, R."), ("title", "“Sea walls.”")]
    got = relabel([*head, *parts])
    assert ("date", date) in got


def test_a_month_and_year_inside_a_title_phrase_stay_in_the_title() -> None:
    got = relabel(
        [
            ("author", "Office for River Statistics"),
            ("date", "(2015)"),
            ("title", "Floods in the valley: year ending March 2015."),
            ("location", "Lakeland:"),
        ]
    )
    assert ("title", "Floods in the valley: year ending March 2015.") in got


def test_a_container_with_no_title_before_it_is_the_title() -> None:
    got = relabel(
        [
            ("author", "Lake Commission."),
            ("container", "The State of the Lakes"),
            ("date", "2012."),
            ("location", "Lakeland:"),
            ("publisher", "LC,"),
        ]
    )
    assert ("title", "The State of the Lakes") in got


def test_a_titleless_journal_reference_keeps_its_journal() -> None:
    got = relabel(
        [
            ("author", "Ames R.,"),
            ("date", "2005,"),
            ("journal", "ApJ,"),
            ("volume", "635,"),
            ("pages", "894"),
        ]
    )
    assert ("journal", "ApJ,") in got


def test_the_last_title_word_before_a_publisher_starts_its_name() -> None:
    got = relabel(
        [
            ("author", "Lake Commission"),
            ("date", "(2018),"),
            ("title", "Counting the fish in the lakes, Publications"),
            ("publisher", "Office of the Lake Union,"),
            ("location", "Lakeland."),
        ]
    )
    assert ("publisher", "Publications Office of the Lake Union,") in got


def test_an_outlet_with_a_days_date_is_the_container() -> None:
    item = item_of(
        [
            ("author", "Ames, R."),
            ("date", "(2017),"),
            ("title", "‘Sea walls fail’,"),
            ("publisher", "Harbour Herald Online,"),
            ("date", "27 April 2017"),
        ]
    )
    assert item["container-title"] == "Harbour Herald Online"
    assert "publisher" not in item
    assert item["type"] == "article-newspaper"


@pytest.mark.parametrize("extra", [("location", "Lakeland."), ("pages", "pp. 4-9.")])
def test_a_publisher_with_a_place_or_pages_stays_the_publisher(extra: tuple[str, str]) -> None:
    item = item_of(
        [
            ("author", "Ames, R."),
            ("date", "(2017),"),
            ("title", "‘Sea walls fail’,"),
            ("publisher", "Harbour Trust,"),
            ("date", "27 April 2017,"),
            extra,
        ]
    )
    assert item["publisher"] == "Harbour Trust"


def test_a_report_series_with_a_days_date_is_not_an_outlet() -> None:
    item = item_of(
        [
            ("author", "Lake Bureau"),
            ("date", "(2001),"),
            ("title", "“Fish counts”,"),
            ("publisher", "Lake Control Reports,"),
            ("date", "01 March 2001."),
        ]
    )
    assert "container-title" not in item


def test_a_container_that_is_only_a_place_is_the_place() -> None:
    item = item_of(
        [
            ("author", "Parliament of Ruritania."),
            ("date", "2012."),
            ("title", "Inquiry into river signs."),
            ("journal", "Canberra."),
        ]
    )
    assert item["publisher-place"] == "Canberra"
    assert "container-title" not in item
    assert item["type"] == "report"


@pytest.mark.parametrize(
    ("title", "key", "value"),
    [
        ("Lake levels and you [Fact sheet].", "genre", "Fact sheet"),
        ("Notes on river ecology [Internet].", "medium", "Internet"),
        ("Fish of the delta [Doctoral dissertation,", "genre", "Doctoral dissertation"),
    ],
)
def test_a_bracketed_description_leaves_the_title(title: str, key: str, value: str) -> None:
    item = item_of([("author", "Ames, R."), ("date", "(2014)."), ("title", title)])
    assert item[key] == value
    assert "[" not in item["title"]


def test_a_bracketed_translation_stays_in_the_title() -> None:
    item = item_of([("author", "Ames, R."), ("title", "The Salt Road [A Rota do Sal],")])
    assert item["title"] == "The Salt Road [A Rota do Sal]"


def test_a_leading_bar_is_not_part_of_a_name() -> None:
    item = item_of([("title", "Lakes are rising fast."), ("publisher", "| Lake Watch")])
    assert item["publisher"] == "Lake Watch"


@pytest.mark.parametrize(
    ("name", "literal"),
    [
        ("The Weekly Harbour", "The Weekly Harbour"),
        ("THE HARBOUR,", "THE HARBOUR"),
        ("Save the Lakes UK", "Save the Lakes UK"),
        ("LAKEWATCH.", "LAKEWATCH"),
    ],
)
def test_corporate_names(name: str, literal: str) -> None:
    assert split_names(name) == [{"literal": literal}]


def test_initials_still_make_a_person() -> None:
    assert not is_organisation("Smith JA")
    assert split_names("Smith JA, Lee K") == [
        {"family": "Smith", "given": "JA"},
        {"family": "Lee", "given": "K"},
    ]


def test_site_named_in_the_retrieval_phrase_is_cut() -> None:
    text = "Ames, R. (2012). Floods. Retrieved March 23, 2016, from Lake Place: http://e.org/f"
    assert split_site(text) == (
        "Ames, R. (2012). Floods. Retrieved March 23, 2016, http://e.org/f",
        "Lake Place",
    )
    assert split_site("Ames, R. From Here: http://e.org/f")[1] is None  # no retrieval phrase


@pytest.mark.parametrize(
    ("text", "rest", "date"),
    [
        (
            "Page. Available at: http://e.org (Accessed: 5 March 2016).",
            "Page. Available at: http://e.org.",
            "5 March 2016",
        ),
        ("Page [accessed 5 Feb 2016]", "Page", "5 Feb 2016"),
        ("Page (accessed 3 May 2016). Next", "Page. Next", "3 May 2016"),
    ],
)
def test_access_phrases_in_brackets_are_cut_whole(text: str, rest: str, date: str) -> None:
    assert split_access(text) == (rest, date)


def test_whole_web_references() -> None:
    item = parse_reference(
        "Ames, N. (2012, January 16). Effects of river floods. Retrieved "
        "March 23, 2016, from Lake Place: http://www.lakeplace.org/floods"
    )
    assert item["title"] == "Effects of river floods"
    assert item["accessed"] == {"date-parts": [[2016, 3, 23]]}
    assert item["issued"] == {"date-parts": [[2012, 1, 16]]}
    assert item["note"] == "Retrieved from Lake Place"
    item = parse_reference(
        "Tide News (2016) Flood warning: what you need to know. 3 February. "
        "Available at: http://www.tidenews.org/f (Accessed: 5 March 2016)."
    )
    assert item["title"] == "Flood warning: what you need to know"
    assert item["issued"] == {"date-parts": [[2016, 2, 3]]}
    assert item["accessed"] == {"date-parts": [[2016, 3, 5]]}


def test_a_note_right_after_author_and_date_is_the_title() -> None:
    got = relabel(
        [
            ("author", "Lake Institute."),
            ("date", "(2016)."),
            ("note", "Floods (LI Publication No. 15-35)."),
            ("location", "Lakeland:"),
            ("publisher", "Hill Press."),
        ]
    )
    assert got[2] == ("title", "Floods (LI Publication No. 15-35).")


@pytest.mark.parametrize("note", ["Available at", "accessed 5 May 2016"])
def test_an_access_note_is_no_title(note: str) -> None:
    got = relabel(
        [
            ("author", "Lake Institute."),
            ("date", "(2016)."),
            ("note", note),
            ("url", "https://e.org/f"),
        ]
    )
    assert ("title", note) not in got


def test_an_apa_report_number_leaves_the_title() -> None:
    item = item_of(
        [
            ("author", "Lake Institute."),
            ("date", "(2016)."),
            ("title", "Floods (LI Publication No. 15-35)."),
        ]
    )
    assert (item["title"], item["genre"], item["number"]) == ("Floods", "LI Publication", "15-35")


def test_a_capitalised_link_word_makes_an_organisation() -> None:
    assert split_names("Stop Floods Against Towns.") == [{"literal": "Stop Floods Against Towns"}]
