"""The reference-string parser on footnote-style strings written for these tests.

Expected values are checked by hand. The shipped model is loaded, never retrained.
"""

from __future__ import annotations

import pytest

from litreview.extract.refparse import parse_many, parse_reference, preprocess, split_access
from litreview.extract.refparse_names import is_organisation, split_names

ZAHID_STYLE = (
    "K. Ahmed (2017), '*Informal Lending Networks in Port Cities*', Journal of Maritime "
    "Studies, Vol 4, No. 2: pp 33 – 51, Centre for Coastal Research; "
    "<https://example.org/papers/lending.pdf>."
)


def test_org_author_with_markdown_title_and_no_url() -> None:
    """``[text](#)`` is the title, not a URL; an acronym author is an organisation."""
    item = parse_reference(
        "WHO (2019), [Global Status Report on Road Safety 2019](#), World Health Organization."
    )
    assert item["author"] == [{"literal": "WHO"}]
    assert item["issued"] == {"date-parts": [[2019]]}
    assert item["title"] == "Global Status Report on Road Safety 2019"
    assert item["publisher"] == "World Health Organization"
    assert "URL" not in item
    assert item["type"] == "report"


def test_journal_article_in_footnote_style() -> None:
    """Quoted italic title, journal, Vol/No, spaced page range and a ``<url>``."""
    item = parse_reference(ZAHID_STYLE)
    assert item["author"] == [{"family": "Ahmed", "given": "K."}]
    assert item["issued"] == {"date-parts": [[2017]]}
    assert item["title"] == "Informal Lending Networks in Port Cities"
    assert item["container-title"] == "Journal of Maritime Studies"
    assert (item["volume"], item["issue"], item["page"]) == ("4", "2", "33-51")
    assert item["URL"] == "https://example.org/papers/lending.pdf"
    assert item["type"] == "article-journal"


def test_named_organisation_and_place() -> None:
    """A multi-word organisation stays one literal name; the title ends at its quote."""
    item = parse_reference(
        "Human Rights Watch (2016), “Locked Out: Access to Justice for "
        "Migrant Workers”, Human Rights Watch, New York."
    )
    assert item["author"] == [{"literal": "Human Rights Watch"}]
    assert item["title"] == "Locked Out: Access to Justice for Migrant Workers"
    assert item["publisher-place"] == "New York"


def test_archived_date_is_accessed_not_issued() -> None:
    """ "Archived on <date>:" gives ``accessed``; the year in brackets is ``issued``."""
    item = parse_reference(
        "Department of Transport (2020). Archived on 12 March 2021: "
        "<https://www.gov.example/transport-strategy>."
    )
    assert item["author"] == [{"literal": "Department of Transport"}]
    assert item["issued"] == {"date-parts": [[2020]]}
    assert item["accessed"] == {"date-parts": [[2021, 3, 12]]}
    assert item["URL"] == "https://www.gov.example/transport-strategy"


def test_bare_url_is_a_webpage_without_a_guessed_year() -> None:
    """A footnote that is only a link: URL, webpage, and no year taken from the path."""
    item = parse_reference("<https://www.example.com/news/2019/05/harbour-report>.")
    assert item == {"URL": "https://www.example.com/news/2019/05/harbour-report", "type": "webpage"}


def test_two_persons_initials_first() -> None:
    """``M. Rossi and L. Bianchi``: two persons, given names first."""
    item = parse_reference(
        "M. Rossi and L. Bianchi (2015), ‘Seasonal Labour and Debt Bondage’, "
        "12 June 2015: The Harbour Times."
    )
    assert item["author"] == [
        {"family": "Rossi", "given": "M."},
        {"family": "Bianchi", "given": "L."},
    ]
    assert item["title"] == "Seasonal Labour and Debt Bondage"
    assert item["issued"]["date-parts"][0][0] == 2015


def test_long_organisation_name_before_year() -> None:
    """Everything before ``(2018)`` is the (corporate) author."""
    item = parse_reference(
        "Global Alliance for Clean Water (2018), "
        "'[Water Access Index 2018](#)', Global Alliance for Clean Water"
    )
    assert item["author"] == [{"literal": "Global Alliance for Clean Water"}]
    assert item["title"] == "Water Access Index 2018"


def test_book_with_place_and_publisher() -> None:
    """Inverted names, ``Place: Publisher``."""
    item = parse_reference(
        "Smith, J. and Brown, A. (2010). Networks of trust. Oxford: Oxford University Press."
    )
    assert [a["family"] for a in item["author"]] == ["Smith", "Brown"]
    assert item["title"] == "Networks of trust"
    assert item["publisher-place"] == "Oxford"
    assert item["publisher"] == "Oxford University Press"
    assert item["type"] == "book"


def test_doi_volume_issue_pages() -> None:
    """A doi.org link becomes ``DOI``; ``12(3), 45-67`` is volume, issue and pages."""
    item = parse_reference(
        "Lee, H. (2021). Mapping informal credit. Journal of Finance Studies, "
        "12(3), 45-67. https://doi.org/10.1234/jfs.2021.003"
    )
    assert item["DOI"] == "10.1234/jfs.2021.003"
    assert (item["volume"], item["issue"], item["page"]) == ("12", "3", "45-67")
    assert item["container-title"] == "Journal of Finance Studies"
    assert "URL" not in item


def test_markdown_link_with_target_gives_title_and_url() -> None:
    """``[text](url)``: the text is the title and the target the URL."""
    item = parse_reference(
        "Coastal Watch Network (2021), [Fishing Fleet Labour Survey]"
        "(https://example.net/survey.pdf), Coastal Watch Network, Lisbon."
    )
    assert item["author"] == [{"literal": "Coastal Watch Network"}]
    assert item["title"] == "Fishing Fleet Labour Survey"
    assert item["URL"] == "https://example.net/survey.pdf"


def test_legislation_type() -> None:
    """A statute title gives type ``legislation``."""
    item = parse_reference("Prevention of Smuggling Act 2018, Government of Exampleland.")
    assert item["type"] == "legislation"
    assert item["issued"] == {"date-parts": [[2018]]}


@pytest.mark.parametrize("raw", ["", "   ", "¹ "])
def test_blank_gives_empty_item(raw: str) -> None:
    """Nothing to parse: ``{}``."""
    assert parse_reference(raw) == {}


def test_parse_many_keeps_order_and_matches_single() -> None:
    """``parse_many`` equals ``parse_reference`` item by item."""
    raws = [ZAHID_STYLE, "", "UNHCR (2001). Annual Report. Geneva."]
    assert parse_many(raws) == [parse_reference(r) for r in raws]


def test_preprocess_markdown() -> None:
    """Footnote marker, italics inside quotes, ``[t](#)`` and ``<url>`` are resolved; a link
    is quoted as a title unless a quoted title or a link comes before it."""
    text = preprocess("¹² X (2001), '*A B*', [C D](#); <https://e.org/x>.")
    assert text == "X (2001), 'A B', C D; https://e.org/x."
    assert preprocess("X (2001), [A B](#), [C D](#).") == "X (2001), “A B”, C D."
    assert preprocess("X (2001), [‘A B’](#).") == "X (2001), ‘A B’."


def test_split_access() -> None:
    """The access phrase is cut out and its date returned."""
    text, date = split_access("Index. Archived on 30 May 2022 from: https://e.org")
    assert date == "30 May 2022"
    assert "Archived" not in text and text.endswith("https://e.org")


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        (
            "Bergman, K., Ortiz, L. & Nakamura, T.",
            [
                {"family": "Bergman", "given": "K."},
                {"family": "Ortiz", "given": "L."},
                {"family": "Nakamura", "given": "T."},
            ],
        ),
        (
            "Okafor CN, Lindqvist B",
            [{"family": "Okafor", "given": "CN"}, {"family": "Lindqvist", "given": "B"}],
        ),
        ("Partner Aid Foundation", [{"literal": "Partner Aid Foundation"}]),
        (
            "Mendes, Carla, and Yusuf Bello",
            [{"family": "Mendes", "given": "Carla"}, {"family": "Bello", "given": "Yusuf"}],
        ),
    ],
)
def test_split_names(segment: str, expected: list[dict[str, str]]) -> None:
    """Name lists in the usual styles."""
    assert split_names(segment) == expected


def test_is_organisation() -> None:
    """Acronyms and institution words read as organisations; plain names do not."""
    assert is_organisation("UNESCO")
    assert is_organisation("Centre for Policy Research")
    assert not is_organisation("Maria Keller")
