"""Field building and field-level repairs of the reference parser, on segments written for
these tests (no model involved, so each rule is checked on its own)."""

from __future__ import annotations

import pytest

from litreview.extract.refparse_fields import build_item
from litreview.extract.refparse_rules import repair_item, repair_labels


def _item(segments: list[tuple[str, str]]) -> dict:
    raw = " ".join(text for _, text in segments)
    return repair_item(build_item(segments, raw), raw)


@pytest.mark.parametrize(
    ("segment", "title", "rest"),
    [
        # A quote of another kind inside the title does not end it.
        ("“Le ‘Marché’ de Lisbonne,”", "Le ‘Marché’ de Lisbonne", None),
        ("‘Ports on the Map: “Lines of Trade” as Urban History’.",
         "Ports on the Map: “Lines of Trade” as Urban History", None),
        # An apostrophe is not a closing quote.
        ("‘Traders’ and brokers’ networks in the delta’, Harbour Trust",
         "Traders’ and brokers’ networks in the delta", "Harbour Trust"),
        # Guillemets quote a title too.
        ("« Les marchés du sel ; les routes anciennes », Salinas",
         "Les marchés du sel ; les routes anciennes", "Salinas"),
        # Two quoted titles joined by "and", and a subtitle after the closing quote.
        ("“Rivers” and “The Long Road Home.”", "Rivers” and “The Long Road Home", None),
        ("“Maps, Again...”: Space, Memory, and the Road”", "Maps, Again...”: Space, Memory, "
         "and the Road", None),
    ],
)
def test_quoted_title_pairs_its_quotes(segment: str, title: str, rest: str | None) -> None:
    item = _item([("author", "Ames, R."), ("title", segment), ("date", "2001.")])
    assert item["title"] == title
    assert item.get("publisher") == rest


def test_text_after_a_quoted_title_is_the_container_when_a_volume_follows() -> None:
    item = _item([("author", "Ames, R."), ("title", "“Salt roads of the north,” Field Notes"),
                  ("volume", "12(3),"), ("pages", "4–9.")])
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
    item = _item([("title", "A Book of Salt Roads"), ("volume", volume), ("publisher", "Wexa.")])
    got = {k: item[k] for k in ("volume", "issue", "edition", "number-of-volumes") if k in item}
    assert got == expected


def test_aside_cut_short_by_the_segment_is_dropped() -> None:
    item = _item([("title", "The Salt Roads of Antiquity (tr"), ("location", "Leeds:"),
                  ("publisher", "Wexa Books. (Original work published"), ("date", "1980.")])
    assert item["title"] == "The Salt Roads of Antiquity"
    assert item["publisher"] == "Wexa Books"


def test_a_closed_bracket_stays_in_the_title() -> None:
    item = _item([("title", "Salt (and Pepper) in Trade"), ("publisher", "Wexa.")])
    assert item["title"] == "Salt (and Pepper) in Trade"


def test_places_joined_by_and_before_a_location() -> None:
    tokens = ["Salt", "Roads.", "Leeds", "and", "New", "York:", "Wexa", "Press."]
    labels = ["title", "title", "publisher", "publisher", "location", "location",
              "publisher", "publisher"]
    assert repair_labels(tokens, labels)[2:6] == ["location"] * 4
    # Not after a run that does not end in "and".
    labels2 = ["title", "title", "publisher", "publisher", "location", "location",
               "publisher", "publisher"]
    tokens2 = ["Salt", "Roads.", "Wexa", "Press,", "New", "York:", "Wexa", "Press."]
    assert repair_labels(tokens2, labels2) == labels2


@pytest.mark.parametrize(
    ("title", "field", "value"),
    [
        ("Water, salt and harbour trade. Harbour Watch Trust", "publisher",
         "Harbour Watch Trust"),
        ("Water, salt and harbour trade. Coastal Studies Quarterly", "container-title",
         "Coastal Studies Quarterly"),
    ],
)
def test_short_name_after_the_title_is_not_title(title: str, field: str, value: str) -> None:
    item = _item([("author", "Ames, R."), ("date", "(2009)"), ("title", title)])
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
    item = _item([("author", "Ames, R."), ("date", "(2009)"), ("title", title)])
    assert item["title"] == title
    assert "publisher" not in item and "container-title" not in item
