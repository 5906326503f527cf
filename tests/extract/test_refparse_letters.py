"""Correspondence cited by its parties: who wrote to whom and when, the offices left out.

Every string here was written for these tests, in the shapes government and legal notes
cite letters in."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core.texmarkup import plain_work
from litreview.corpus.ingest import Source, ingest
from litreview.extract.refparse import ReferenceParser, parse_reference
from litreview.extract.refparse_letters import letter_fields
from litreview.formats.bibtex import read_bibtex, write_bibtex


def _names(item: dict[str, Any], role: str) -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in item.get(role, [])]


@pytest.mark.parametrize(
    ("raw", "authors", "recipients", "date"),
    [
        pytest.param(
            "Letter from Ana M. Reyes, Ranking Member, House Committee on Natural Resources, "
            "and Jared Holt, Ranking Member, House Subcommittee on Water, Wildlife, and "
            "Fisheries, to The Honorable Gina Lowell, Secretary of Commerce, Ms. Janet Vale, "
            "Assistant Administrator for Fisheries, and Richard W. Sand, Ph.D., Under Secretary "
            "of Commerce, October 20, 2023, https://example.gov/docs/letter.pdf.",
            ["Reyes", "Holt"],
            ["Lowell", "Vale", "Sand"],
            [2023, 10, 20],
            id="people_and_their_offices",
        ),
        pytest.param(
            "Letter from Representatives Reyes and Holt, October 2023.",
            ["Reyes", "Holt"],
            [],
            [2023, 10],
            id="a_plural_title_names_each",
        ),
        pytest.param(
            "Letter from Sen. Marsh et al. to Chairman Swan of the Commission, November 13, "
            "2025, https://example.gov/marsh.pdf",
            ["Marsh"],
            ["Swan"],
            [2025, 11, 13],
            id="a_title_then_a_family_name_and_the_body_it_heads",
        ),
        pytest.param(
            "Letter from Luis Ortega, Member of Congress, and Frank Pell, Jr., Member of "
            "Congress, et al. to The Honorable Maria Quinn, President of the Board, "
            "March 11, 2024.",
            ["Ortega", "Pell"],
            ["Quinn"],
            [2024, 3, 11],
            id="a_suffix_stays_with_its_name",
        ),
        pytest.param(
            "Memorandum from the General Counsel to the Board, May 1, 2019.",
            ["General Counsel"],
            ["Board"],
            [2019, 5, 1],
            id="offices_when_no_one_is_named",
        ),
        pytest.param(
            "Letter from Gaylord Nelson, U.S. Senator, to Speaker Nancy Pelosi and Leader "
            "Kevin Marsh, April 7, 1971.",
            ["Nelson"],
            ["Pelosi", "Marsh"],
            [1971, 4, 7],
            id="an_office_that_is_a_title_alone_and_titles_of_any_case",
        ),
        pytest.param(
            "Letter from the Education Fund to Senate Committees on Banking and Agriculture, "
            "August 27, 2025.",
            ["Education Fund"],
            ["Senate Committees on Banking and Agriculture"],
            [2025, 8, 27],
            id="bodies_whose_names_hold_and",
        ),
        pytest.param(
            "Letter from The Honorable Senator Jane Roe to Ann Poe, May 1, 2019.",
            ["Roe"],
            ["Poe"],
            [2019, 5, 1],
            id="titles_one_after_another_and_a_given_name_journals_abbreviate",
        ),
        pytest.param(
            "Letter from Mrs. Jane Roe, Director, Office of Water, and Dr. Luis Ortega, "
            "Director, to Sens. Marsh and Vale, Members, May 1, 2019.",
            ["Roe", "Ortega"],
            ["Marsh", "Vale"],
            [2019, 5, 1],
            id="a_plural_title_and_one_that_only_ends_in_s",
        ),
        pytest.param(
            "Letter from Jane Roe, Director, Office of Water, to the House Committee on Rules, "
            "May 1, 2019.",
            ["Roe"],
            ["House Committee on Rules"],
            [2019, 5, 1],
            id="a_body_as_the_recipient",
        ),
        pytest.param(
            "Email from Jane Stone, program officer, to the Agency, 3 June 2021.",
            ["Stone"],
            ["Agency"],
            [2021, 6, 3],
            id="an_e_mail_dated_day_first",
        ),
    ],
)
def test_a_letter_is_read_by_its_parties(
    raw: str, authors: list[str], recipients: list[str], date: list[int]
) -> None:
    item = parse_reference(raw)
    assert item["type"] == "personal_communication"
    assert _names(item, "author") == authors
    assert _names(item, "recipient") == recipients
    assert item["issued"] == {"date-parts": [date]}
    assert "title" not in item


def test_a_memorandum_keeps_the_subject_in_quotes_as_its_title() -> None:
    item = letter_fields(
        "Memorandum from Lloyd Vance, Secretary of Defense, to senior leadership, "
        "“Guidance on Records of Service Members,” August 24, 2021, at "
        "https://example.gov/memo.pdf."
    )
    assert item is not None
    assert item["title"] == "Guidance on Records of Service Members"
    assert (item["genre"], item["URL"]) == ("Memorandum", "https://example.gov/memo.pdf")
    assert _names(item, "author") == ["Vance"] and "recipient" not in item


def test_a_party_whose_first_name_is_not_known_is_the_name_it_opens_with() -> None:
    """Where no part of a side reads as a person's name, the side is what it opens with, not
    the name and the office run together."""
    item = letter_fields(
        "Letter from Goran Marby, the Board's President, to Mykhailo Fedorov, Minister, "
        "March 2, 2022."
    )
    assert item is not None
    assert (item["author"], item["recipient"]) == (
        [{"literal": "Goran Marby"}],
        [{"literal": "Mykhailo Fedorov"}],
    )


def test_the_second_of_two_letters_joined_by_and_is_a_letter() -> None:
    item = letter_fields("and Letter from Jane Stone to Sen. Marsh, April 2, 2020.")
    assert item is not None and _names(item, "recipient") == ["Marsh"]


def test_the_grammar_can_be_left_out_to_measure_the_models_alone() -> None:
    raw = "Letter from Jane Stone, Director, to Sen. Marsh, April 9, 2026."
    data = resources.files("litreview").joinpath("data")
    with resources.as_file(data / "refparse.npz") as model:
        assert "recipient" in ReferenceParser(model).parse(raw)
        assert "recipient" not in ReferenceParser(model, letters=False).parse(raw)


def test_a_letter_keeps_its_link_and_its_genre() -> None:
    item = letter_fields(
        "Letter from Jane Stone, Director, to Sen. Marsh, April 9, 2026, "
        "https://example.gov/a.pdf (site discontinued)."
    )
    assert item is not None
    assert (item["URL"], item["genre"]) == ("https://example.gov/a.pdf", "Letter")
    assert item["author"] == [{"family": "Stone", "given": "Jane"}]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("Letters from the Front: Essays on War. New York: Penguin, 2003.", id="book"),
        pytest.param("Letter to the editor, The Times, May 3, 2020.", id="newspaper_letter"),
        pytest.param("Letter from Jane Stone to John Wells.", id="undated"),
        pytest.param("Letter from Jane Stone to John Wells, May 1, 2019, p. 3.", id="pinpoint"),
        pytest.param(
            "Letter from Jane Stone to John Wells, May 1, 2019, https://example.gov/a; "
            "Letter from John Wells to Jane Stone, May 9, 2019, https://example.gov/b.",
            id="two_letters",
        ),
        pytest.param("Roe, J. Letter from Jane Stone. London: Ink, 2019.", id="not_at_the_start"),
        pytest.param("Letter from the field, May 1, 2019.", id="no_one_named"),
    ],
)
def test_what_is_not_one_letter_is_left_to_the_model(raw: str) -> None:
    assert letter_fields(raw) is None


_PIECES = st.sampled_from(
    [
        "Letter from ",
        "Memorandum to ",
        " to ",
        " from ",
        "Jane Stone",
        "Sen. Marsh",
        "Representatives Reyes and Holt",
        ", Director of the Office",
        ", Jr.",
        " et al.",
        " and ",
        "the Board",
        ", “Guidance on Records,”",
        " at ",
        ", May 1, 2019",
        ", 2020",
        ", https://example.gov/a",
        " (site discontinued)",
        "; ",
        ": ",
        ". ",
        "Chairman ",
        "X",
    ]
)


@given(st.lists(_PIECES, max_size=14).map("".join))
def test_a_letter_read_names_only_people_and_bodies_its_text_names(text: str) -> None:
    """Whatever the string, a letter read from it is dated and names at least one party,
    and every name it gives is words of the string."""
    item = letter_fields(text)
    if item is None:
        return
    assert item["type"] == "personal_communication" and item["issued"]["date-parts"]
    names = item.get("author", []) + item.get("recipient", [])
    assert names
    for name in names:
        for part in name.values():
            assert part in text
    assert item.get("title", "") in text


def test_a_note_of_letters_cites_each_and_a_letter_has_no_title_to_miss() -> None:
    """A note of letters joined by ``;`` cites each letter; each keeps its parties and link,
    takes no site as its container, and is written to BibTeX and read back without a
    warning that it has no title (correspondence has none)."""
    text = (
        "Title\n\nThe commission was asked to act.¹\n\n"
        "¹ Letter from Sen. Marsh et al. to Chairman Swan of the Commission, November 13, "
        "2025, https://example.gov/marsh.pdf; Letter from Reps. Reyes and Holt to the "
        "Commissioners of the Commission, December 5, 2025, https://example.gov/reyes.pdf.\n"
    )
    result = ingest([Source(doc_id="d", path="d.txt", text=text)], parse=parse_reference)
    letters = sorted(
        (w for w in result.works if w.type == "personal_communication"), key=lambda w: w.issued
    )
    assert [[p.family for p in w.authors] for w in letters] == [["Marsh"], ["Reyes", "Holt"]]
    assert [w.extra_value("recipient") for w in letters] == [
        "Swan",
        "{Commissioners of the Commission}",
    ]
    assert [(w.url, w.container, w.title) for w in letters] == [
        ("https://example.gov/marsh.pdf", "", ""),
        ("https://example.gov/reyes.pdf", "", ""),
    ]
    back, problems = read_bibtex(write_bibtex(letters))
    assert [plain_work(w) for w in back] == letters
    assert problems == []
