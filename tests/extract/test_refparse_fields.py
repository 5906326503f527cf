"""Field building and field-level repairs of the reference parser, on segments written for
these tests (no model involved, so each rule is checked on its own)."""

from __future__ import annotations

import pytest

from litreview.extract.refparse_rules import repair_item, repair_labels
from tests.refparse_helpers import item_of


@pytest.mark.parametrize(
    ("segment", "title", "rest"),
    [
        # A quote of another kind inside the title does not end it.
        ("“Le ‘Marché’ de Lisbonne,”", "Le ‘Marché’ de Lisbonne", None),
        (
            "‘Ports on the Map: “Lines of Trade” as Urban History’.",
            "Ports on the Map: “Lines of Trade” as Urban History",
            None,
        ),
        # An apostrophe is not a closing quote.
        (
            "‘Traders’ and brokers’ networks in the delta’, Harbour Trust",
            "Traders’ and brokers’ networks in the delta",
            "Harbour Trust",
        ),
        # Guillemets quote a title too.
        (
            "« Les marchés du sel ; les routes anciennes », Maison du Sel",
            "Les marchés du sel ; les routes anciennes",
            "Maison du Sel",
        ),
        # Two quoted titles joined by "and", and a subtitle after the closing quote.
        ("“Rivers” and “The Long Road Home.”", "Rivers” and “The Long Road Home", None),
        (
            "“Maps, Again...”: Space, Memory, and the Road”",
            "Maps, Again...”: Space, Memory, and the Road",
            None,
        ),
    ],
)
def test_quoted_title_pairs_its_quotes(segment: str, title: str, rest: str | None) -> None:
    item = item_of([("author", "Ames, R."), ("title", segment), ("date", "2001.")])
    assert item["title"] == title
    assert item.get("publisher") == rest


def test_text_after_a_quoted_title_is_the_container_when_a_volume_follows() -> None:
    item = item_of(
        [
            ("author", "Ames, R."),
            ("title", "“Salt roads of the north,” Field Notes"),
            ("volume", "12(3),"),
            ("pages", "4–9."),
        ]
    )
    assert item["title"] == "Salt roads of the north"
    assert item["container-title"] == "Field Notes"
    assert "publisher" not in item


@pytest.mark.parametrize(
    ("volume", "expected"),
    [
        ("3rd ed.", {"edition": "3"}),
        ("(5.ª ed.).", {"edition": "5"}),
        ("2nd edition,", {"edition": "2"}),
        ("2 vols.", {"number-of-volumes": "2"}),
        ("Vol. 3,", {"volume": "3"}),
        ("Vol. II", {"volume": "II"}),
        ("vol.36, no. 2", {"volume": "36", "issue": "2"}),
        ("12a", {"volume": "12a"}),
    ],
)
def test_volume_segment_edition_and_count(volume: str, expected: dict) -> None:
    item = item_of([("title", "A Book of Salt Roads"), ("volume", volume), ("publisher", "Wexa.")])
    got = {k: item[k] for k in ("volume", "issue", "edition", "number-of-volumes") if k in item}
    assert got == expected


def test_aside_cut_short_by_the_segment_is_dropped() -> None:
    item = item_of(
        [
            ("title", "The Salt Roads of Antiquity (tr"),
            ("location", "Leeds:"),
            ("publisher", "Wexa Books. (Original work published"),
            ("date", "1980."),
        ]
    )
    assert item["title"] == "The Salt Roads of Antiquity"
    assert item["publisher"] == "Wexa Books"


def test_a_closed_bracket_stays_in_the_title() -> None:
    item = item_of([("title", "Salt (and Pepper) in Trade"), ("publisher", "Wexa.")])
    assert item["title"] == "Salt (and Pepper) in Trade"


def test_places_joined_by_and_before_a_location() -> None:
    tokens = ["Salt", "Roads.", "Leeds", "and", "New", "York:", "Wexa", "Press."]
    labels = [
        "title",
        "title",
        "publisher",
        "publisher",
        "location",
        "location",
        "publisher",
        "publisher",
    ]
    assert repair_labels(tokens, labels)[2:6] == ["location"] * 4
    # Not after a run that does not end in "and".
    labels2 = [
        "title",
        "title",
        "publisher",
        "publisher",
        "location",
        "location",
        "publisher",
        "publisher",
    ]
    tokens2 = ["Salt", "Roads.", "Wexa", "Press,", "New", "York:", "Wexa", "Press."]
    assert repair_labels(tokens2, labels2) == labels2


@pytest.mark.parametrize(
    ("title", "field", "value"),
    [
        ("Water, salt and harbour trade. Harbour Watch Trust", "publisher", "Harbour Watch Trust"),
        (
            "Water, salt and harbour trade. Coastal Studies Quarterly",
            "container-title",
            "Coastal Studies Quarterly",
        ),
    ],
)
def test_short_name_after_the_title_is_not_title(title: str, field: str, value: str) -> None:
    item = item_of([("author", "Ames, R."), ("date", "(2009)"), ("title", title)])
    assert item["title"] == "Water, salt and harbour trade"
    assert item[field] == value


@pytest.mark.parametrize(
    "title",
    [
        "Salt roads. The long history of inland trade",  # a subtitle: lower-case words
        "Salt and the city. Part 2",  # a number
        "Ports. Harbour Trust",  # too little before it to be a title
    ],
)
def test_title_sentences_that_stay_title(title: str) -> None:
    item = item_of([("author", "Ames, R."), ("date", "(2009)"), ("title", title)])
    assert item["title"] == title
    assert "publisher" not in item and "container-title" not in item


@pytest.mark.parametrize(
    ("publisher", "place", "want_publisher", "want_place"),
    [
        ("Karsa, Ruritania", None, "Karsa, Ruritania", None),  # unknown names: left alone
        ("Islamabad, Pakistan", None, None, "Islamabad, Pakistan"),
        ("Pakistan", "Islamabad", None, "Islamabad, Pakistan"),
        ("Harbour Watch Trust; Brussels", None, "Harbour Watch Trust", "Brussels"),
        ("Harbour Watch Trust", "Geneva", "Harbour Watch Trust", "Geneva"),
        ("Pakistan", "Blog", "Pakistan", "Blog"),  # the place field is not a place: unsure
    ],
)
def test_places_read_as_publisher(
    publisher: str, place: str | None, want_publisher: str | None, want_place: str | None
) -> None:
    item = {"title": "Salt roads", "publisher": publisher, "type": "report"}
    if place:
        item["publisher-place"] = place
    repair_item(item, "")
    assert item.get("publisher") == want_publisher
    assert item.get("publisher-place") == want_place


def test_date_and_place_around_a_news_container() -> None:
    item = {
        "title": "Salt prices",
        "container-title": "2021: Harbour Times, Pakistan",
        "issued": {"date-parts": [[2021, 12, 4]]},
        "type": "article-newspaper",
    }
    repair_item(item, "")
    assert item["container-title"] == "Harbour Times"
    assert item["publisher-place"] == "Pakistan"
    # A name that is a place on its own is not cut.
    item = {"title": "Salt prices", "container-title": "Harbour Times, London Edition"}
    repair_item(item, "")
    assert item["container-title"] == "Harbour Times, London Edition"


def test_a_known_place_wins_over_a_first_location_that_is_not() -> None:
    item = item_of(
        [
            ("author", "Ames, R."),
            ("title", "“Salt roads of the north”,"),
            ("location", "Blog:"),
            ("date", "19 March 2015,"),
            ("publisher", "Harbour Trust,"),
            ("location", "London."),
        ]
    )
    assert item["publisher-place"] == "London"
    assert item["publisher"] == "Harbour Trust"


def test_report_series_read_as_a_journal_is_the_genre_of_a_report() -> None:
    item = item_of(
        [
            ("author", "Harbour Watch Trust"),
            ("date", "(2015),"),
            ("title", "'Salt roads of the north',"),
            ("journal", "Delta Policy Report"),
            ("volume", "No 265;"),
            ("publisher", "Harbour Watch Trust."),
        ]
    )
    assert item["type"] == "report"
    assert item["genre"] == "Delta Policy Report"
    assert item["issue"] == "265"
    assert "container-title" not in item
    # A journal with a volume stays a journal.
    item = item_of(
        [
            ("author", "Ames, R."),
            ("title", "“Salt roads,”"),
            ("journal", "Delta Policy Report"),
            ("volume", "12(3),"),
            ("pages", "4–9."),
        ]
    )
    assert item["type"] == "article-journal"
    assert item["container-title"] == "Delta Policy Report"


@pytest.mark.parametrize(
    ("segments", "kind"),
    [
        ([("publisher", "Harbour Press,")], "report"),
        ([("location", "Leeds.")], "report"),
        ([("location", "Leeds:"), ("publisher", "Harbour Press.")], "book"),
    ],
)
def test_organisation_authored_work_is_a_report_unless_published_and_placed(
    segments: list[tuple[str, str]], kind: str
) -> None:
    item = item_of(
        [
            ("author", "Harbour Watch Trust"),
            ("date", "(2015)."),
            ("title", "Salt roads of the north."),
            *segments,
        ]
    )
    assert item["type"] == kind


def test_publication_in_brackets_gives_place_publisher_and_genre() -> None:
    text = (
        "Ames et al., (2012), “Salt roads of the north”, Briefing Paper (London, Harbour "
        "Watch Trust, 2012)."
    )
    item = item_of(
        [
            ("author", "Ames et al.,"),
            ("date", "(2012),"),
            ("title", "“Salt roads of the north”,"),
            ("note", "Briefing Paper (London, Harbour Watch Trust, 2012)."),
        ]
    )
    repair_item(item, text)
    assert item["publisher"] == "Harbour Watch Trust"
    assert item["publisher-place"] == "London"
    assert item["genre"] == "Briefing Paper"
    assert item["type"] == "report"
    # Brackets whose first part is not a known place are left alone.
    item = {"title": "Salt roads", "type": "document"}
    repair_item(item, "Salt roads (Karsa, Harbour Watch Trust, 2012).")
    assert "publisher" not in item


def test_dated_piece_in_an_outlet_after_a_quoted_title() -> None:
    tokens = [
        "Ames",
        "(2014),",
        "‘Salt",
        "roads",
        "today’,",
        "24",
        "March",
        "2014:",
        "Harbour",
        "Times.",
    ]
    labels = ["author", "date", "title", "title", "title", "date", "date", "date", "title", "title"]
    labels = repair_labels(tokens, labels)
    assert labels[-2:] == ["container", "container"]
    item = item_of(
        [
            ("author", "Ames"),
            ("date", "(2014),"),
            ("title", "‘Salt roads today’,"),
            ("date", "24 March 2014:"),
            ("container", "Harbour Times."),
        ]
    )
    assert item["issued"] == {"date-parts": [[2014, 3, 24]]}  # the full date refines the year
    assert item["container-title"] == "Harbour Times"
    assert item["type"] == "article-newspaper"
