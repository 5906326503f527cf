"""The per-field normalisers, one by one."""

from __future__ import annotations

import pytest

from litreview.extract import refparse_norm as norm


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("(2019).", [2019]),
        ("Dec. 11, 2025).", [2025, 12, 11]),
        ("12 March 2021:", [2021, 3, 12]),
        ("2016-05-04", [2016, 5, 4]),
        ("2009/07/22.", [2009, 7, 22]),
        ("septembre 2014,", [2014, 9]),
        ("(2015b).", [2015]),
    ],
)
def test_date_parts(text: str, parts: list[int]) -> None:
    """Dates in words or numbers give year, month and day as far as they go."""
    assert norm.date_parts(text) == {"date-parts": [parts]}


def test_date_without_a_year_is_none() -> None:
    assert norm.date_parts("n.d.") is None


@pytest.mark.parametrize(
    ("text", "page"),
    [("pp. 33 – 51", "33-51"), ("p. 66-103.", "66-103"), ("176 p.", "176"), ("S. 12–14", "12-14")],
)
def test_pages(text: str, page: str) -> None:
    """Page cues go, dashes become ``-``, a page count stays a number."""
    assert norm.pages(text) == page


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("112 p.", "112"),
        ("307 pp", "307"),
        ("86 S.", "86"),
        ("12 pages.", "12"),
        ("pp. 12-19.", None),  # a range
        ("p. 12", None),  # one page
        ("S. 126-138.", None),
        ("ix, 307 pp.", None),  # more than a count
    ],
)
def test_page_count(text: str, count: str | None) -> None:
    assert norm.page_count(text) == count


def test_page_fields_split_a_volume_written_before_the_pages() -> None:
    assert norm.page_fields("22:25–43.") == {"volume": "22", "page": "25-43"}
    assert norm.page_fields("pp. 7-15") == {"page": "7-15"}
    # and the issue
    assert norm.page_fields("45(2):112-20.") == {"volume": "45", "issue": "2", "page": "112-20"}
    assert norm.page_fields("8(1):e1000368") == {"volume": "8", "issue": "1", "page": "e1000368"}


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("5(1):81–144", {"volume": "5", "issue": "1", "page": "81-144"}),
        ("Vol 4, No. 2:", {"volume": "4", "issue": "2"}),
        ("vol. 3", {"volume": "3"}),
        ("n°94", {"issue": "94"}),
        ("12, 4", {"volume": "12", "issue": "4"}),
        ("2009;108(2):", {"volume": "108", "issue": "2"}),
        ("170, no. 2", {"volume": "170", "issue": "2"}),  # Chicago
        ("v. 170, n. 2,", {"volume": "170", "issue": "2"}),  # ABNT
        ("34 (no. 2)", {"volume": "34", "issue": "2"}),
        ("2019, no. 4", {"issue": "4"}),  # a year is no volume
        ("no. 2", {"issue": "2"}),
    ],
)
def test_volume_issue(text: str, fields: dict[str, str]) -> None:
    """AnyStyle's volume segments hold volume, issue and sometimes pages."""
    assert norm.volume_issue(text) == fields


def test_url_and_doi() -> None:
    assert norm.url("Available at: https://e.org/a.pdf.") == "https://e.org/a.pdf"
    assert norm.url("no link here") is None
    assert norm.doi("https://doi.org/10.1234/ab.c.") == "10.1234/ab.c"
    assert norm.doi("doi:10.1000/182") == "10.1000/182"


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("“Title,”", "Title"),
        ("Body (ACR).", "Body (ACR)"),
        ("(Washington, D.C.:", "Washington, D.C"),
        ("'A  title'.", "A title"),
    ],
)
def test_clean(text: str, clean: str) -> None:
    """Outer punctuation and quotes go; a bracket closed inside stays."""
    assert norm.clean(text) == clean


def test_container_drops_in() -> None:
    assert norm.container("In: Handbook of Labour,") == "Handbook of Labour"
    assert norm.container("Dans Brochure APMEP") == "Brochure APMEP"


def test_edition() -> None:
    assert norm.edition("3rd ed.") == "3"
    assert norm.edition("Rev. ed.") == "Rev. ed"


def test_a_locator_may_date_its_issue_by_a_range_of_months() -> None:
    assert norm.locator("2018 Mar-Apr;45(2):112-20.") == {
        "issued": {"date-parts": [[2018, 3]]},
        "volume": "45",
        "issue": "2",
        "page": "112-20",
    }
    assert norm.is_locator("2018 Mar-Apr;45(2):112-20.") and not norm.is_locator("2018 Mar")


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "2007;357(10):1018-27.",
            {"issued": {"date-parts": [[2007]]}, "volume": "357", "issue": "10", "page": "1018-27"},
        ),
        (
            "2009 Jul 21;6(7):e1000100.",
            {
                "issued": {"date-parts": [[2009, 7, 21]]},
                "volume": "6",
                "issue": "7",
                "page": "e1000100",
            },
        ),
        ("2013;2: 531.", {"issued": {"date-parts": [[2013]]}, "volume": "2", "page": "531"}),
        ("2001;1:1-2", {"issued": {"date-parts": [[2001]]}, "volume": "1", "page": "1-2"}),
        ("2019;14", {"issued": {"date-parts": [[2019]]}, "volume": "14"}),
        (
            "2009;15(1):140-7. Epub 2008/05/17.",
            {"issued": {"date-parts": [[2009]]}, "volume": "15", "issue": "1", "page": "140-7"},
        ),
        (
            "USA. 2008;105: 12271.",
            {"issued": {"date-parts": [[2008]]}, "volume": "105", "page": "12271"},
        ),
        (
            "1970;306-D: 299.",
            {"issued": {"date-parts": [[1970]]}, "volume": "306-D", "page": "299"},
        ),
    ],
)
def test_locator_splits_a_journal_locator_written_as_one_run(
    text: str, fields: dict[str, object]
) -> None:
    assert norm.locator(text) == fields


@pytest.mark.parametrize(
    "text",
    ["357(10):1018-27", "pp. 33-51", "2007", "12;13", "May 2019", "In 2008;105", "2008;105 more"],
)
def test_locator_is_empty_for_what_is_no_such_run(text: str) -> None:
    assert norm.locator(text) == {}


def test_a_locator_date_outranks_a_later_date_in_its_segment() -> None:
    """An NLM date segment holds the issue's date first and an electronic date after it: the
    issue's is the reference's date."""
    from litreview.extract.refparse_fields import Segment, build_fields

    item = build_fields([Segment("date", "2009;15(1):140-7. Epub 2008/05/17.", 0, 34)])
    assert item["issued"] == {"date-parts": [[2009]]}
    assert (item["volume"], item["issue"]) == ("15", "1")


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("PLoS Med. 2009;6(7):e1000097. Epub", "2009;6(7):e1000097. "),
        ("Lancet. 2001 May 5;357(9266):1400-2.", "2001 May 5;357(9266):1400-2."),
        ("Curr Opin HIV AIDS", None),
        ("2019;14(3):153-60.", None),  # the run alone: nothing else to cut it from
        ("Journal of Floods 2008;105 more", None),
    ],
)
def test_locator_span_finds_a_locator_run_after_a_journals_name(
    text: str, piece: str | None
) -> None:
    at = norm.locator_span(text)
    assert (text[at[0] : at[1]] if at else None) == piece


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("Geo-Marine Letters. Epub", "Epub"),
        ("Cereb Cortex: Epub ahead of print", "Epub ahead of print"),
        ("J Hydrol [Epub ahead of print].", "[Epub ahead of print]."),
        ("Sociological Review, in press", "in press"),
        ("Journal of Printing Studies", None),
        ("In press", None),  # nothing but the phrase
        ("Press and Print", None),
    ],
)
def test_status_span_finds_a_publication_status_at_the_end(text: str, piece: str | None) -> None:
    at = norm.status_span(text)
    assert (text[at[0] : at[1]] if at else None) == piece


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("In: Rao, M. (ed.) Law and Society.", "Law and Society."),
        ("in Rao, M. and Li, K. (eds) Law and Society,", "Law and Society,"),
        ("In: Kern, O. (Hrsg.): Handbuch der Häfen", "Handbuch der Häfen"),
        ("In M. Rao (Ed.),", None),  # the role ends the segment: nothing follows
        ("(Ed.) ProQuest (Firm)", None),  # the role before the name
        ("Rao, M. (ed.) 2010", None),  # a year, not a title
    ],
)
def test_editor_tail_span_is_what_follows_the_editors_role(text: str, piece: str | None) -> None:
    at = norm.editor_tail_span(text)
    assert (text[at[0] : at[1]] if at else None) == piece


def test_a_chapter_whose_book_title_follows_its_editors_role() -> None:
    """Harvard's "In: Editor (ed.) Book." with the book's title labelled into the editors:
    the title is the container, and the work a chapter."""
    from litreview.extract.refparse import parse_reference

    item = parse_reference(
        "Bhattacharya, S. (2016) Sex workers and the law in South Asia. In: M. Rao (ed.) "
        "Law and Society. New Delhi: Oxford University Press, pp. 112–140."
    )
    assert item["editor"] == [{"family": "Rao", "given": "M."}]
    assert item["container-title"] == "Law and Society"
    assert item["type"] == "chapter"


@pytest.mark.parametrize(
    ("date", "after", "n"),
    [
        ("(2010 November", "9) Ex-Glaxo executive is charged.", 3),
        ("(2016,", "November 7). Title of the page", 13),
        ("(2014, January", "17th), Title", 7),
        ("(2010 November", "9 new ways to cook) Title", 0),  # words, not a date
        ("(2010) November", "9) Title", 0),  # the bracket is closed
        ("(November", "9) Title", 0),  # no year: not a date yet
        ("2010", "9) Title", 0),
    ],
)
def test_date_close_len_is_the_rest_of_a_bracketed_date(date: str, after: str, n: int) -> None:
    assert norm.date_close_len(date, after) == n


def test_a_date_the_model_cut_before_its_day_is_made_whole() -> None:
    """'(2010 November 9)' labelled date up to the month: the day is not the title's."""
    from litreview.extract.refparse import parse_reference

    item = parse_reference(
        "Wilson D (2010 November 9) Ex-Glaxo executive is charged in drug fraud. NY Times B2."
    )
    assert item["issued"] == {"date-parts": [[2010, 11, 9]]}
    assert item["title"] == "Ex-Glaxo executive is charged in drug fraud"


@pytest.mark.parametrize(
    "run",
    ["1" * 5000, "a" * 5000, " " * 5000, "." * 5000, "a " * 2500],
    ids=["digits", "letters", "spaces", "stops", "words"],
)
def test_locator_and_status_read_long_runs(run: str) -> None:
    """5 KB runs of one kind of character: no locator, no status (and no regex that takes
    time to say so: the locator pattern has no leading run of non-word characters)."""
    assert norm.locator_span(f"Journal {run}") is None
    assert norm.status_span(run) is None
    assert norm.editor_tail_span(f"(ed.) {run}") is None
    assert norm.date_close_len("(2010", run + ")") == 0
    assert norm.locator(run) == {}


def test_a_bracket_a_field_closes_ends_that_field() -> None:
    """APA's '[Doctoral dissertation, University of Leeds]. White Rose eTheses Online.':
    the bracket the genre opens closes the publisher; the archive after it is a note, not
    more of the publisher. A bracket before a colon, or one a link closes, stays."""
    from litreview.extract.refparse_fields import Segment, _bracket_ends

    genre = Segment("genre", "[Doctoral dissertation,", 45, 68)
    publisher = Segment("publisher", "University of Leeds]. White Rose eTheses Online.", 69, 117)
    cut = _bracket_ends([genre, publisher])
    assert [(s.label, s.text) for s in cut] == [
        ("genre", "[Doctoral dissertation,"),
        ("publisher", "University of Leeds]"),
        ("note", ". White Rose eTheses Online."),
    ]
    assert cut[2].start == publisher.start + len("University of Leeds]")
    place = [
        Segment("location", "[place", 0, 6),
        Segment("publisher", "unknown]: Yale Press.", 7, 28),
    ]
    assert _bracket_ends(place) == place
    link = [
        Segment("note", "(available at", 0, 13),
        Segment("url", "https://x.org/a_(b)). Accessed today.", 14, 50),
    ]
    assert _bracket_ends(link) == link


def test_a_bracket_opened_at_a_fields_end_goes_whole_to_the_field_that_closes_it() -> None:
    """APA's 'Title (NBER Working Paper No. 21345).' cut by the model after '(NBER': the
    bracket's words go to the genre that closes it. Not when the bracket is the whole
    segment, opens more than three words before its end, or the next segment is a link."""
    from litreview.extract.refparse import parse_reference
    from litreview.extract.refparse_fields import Segment, _brackets_opened

    title = Segment("title", "Labour markets in transition (NBER", 0, 34)
    genre = Segment("genre", "Working Paper No. 21345).", 35, 60)
    moved = _brackets_opened([title, genre])
    assert [(s.label, s.text, s.start, s.end) for s in moved] == [
        ("title", "Labour markets in transition", 0, 28),
        ("genre", "(NBER Working Paper No. 21345).", 29, 60),
    ]
    long_open = [Segment("title", "A (b c d e", 0, 10), Segment("genre", "f).", 11, 14)]
    assert _brackets_opened(long_open) == long_open
    link = [Segment("note", "see (at", 0, 7), Segment("url", "https://x.org/a).", 8, 25)]
    assert _brackets_opened(link) == link
    item = parse_reference(
        "Ali, R. (2021). Informal finance in Sindh (IDS Working Paper 554). "
        "Institute of Development Studies."
    )
    assert item["title"] == "Informal finance in Sindh"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("No. OIG-15-031-A", "OIG-15-031-A"),
        ("Number OIG-25-025-A,", "OIG-25-025-A"),
        ("Nr. 5", "5"),
        ("GAO-16-629", "GAO-16-629"),
        ("HB-14-286)", "HB-14-286"),
        ("Notes 12", "Notes 12"),
        ("(WP 12)", "WP 12"),
    ],
)
def test_number(text: str, value: str) -> None:
    assert norm.number(text) == value
