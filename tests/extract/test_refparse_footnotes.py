"""Footnote shapes from Markdown report exports: escapes, body names, page titles, archive notes.

The unit tests use strings written for them (invented bodies and titles) in the shapes of
real footnotes; expected values are checked by hand. The last test parses six real footnotes
of the seed reports. The shipped model is loaded, never retrained.
"""

from __future__ import annotations

import pytest

from litreview.extract.refparse import parse_reference, preprocess, split_access, split_archive
from litreview.extract.refparse_names import is_organisation, split_names, strip_outer
from litreview.extract.refparse_rules import link_title, repair_labels

# --- Markdown escapes and italics inside quoted titles -------------------------------------


def test_markdown_backslash_escapes_are_unescaped() -> None:
    """``\\(`` ``\\)`` ``\\[`` ``\\]`` ``\\*`` ``\\_`` ``\\#`` ``\\.`` ``\\-`` ``\\!`` ``\\\\``
    become the plain character, and an escaped ``*`` or ``[`` is never markup."""
    text = preprocess(
        r"Tide Watch \(TW\), \[draft\] \*not italic\* snake\_case \#4 3\. a\-b "
        r"wow\! back\\slash"
    )
    assert text == r"Tide Watch (TW), [draft] *not italic* snake_case #4 3. a-b wow! back\slash"


def test_escaped_parentheses_inside_a_link_title_are_kept_whole() -> None:
    """``‘[Title \\(ACR\\)](#)’``: the title keeps its bracketed acronym and closing bracket."""
    item = parse_reference(
        r"Delta Water Board (2017), ‘[Flood Levies and Local Budgets "
        r"\(FLLB\)](#)’, Delta Water Board."
    )
    assert item["title"] == "Flood Levies and Local Budgets (FLLB)"


def test_italics_inside_a_quoted_title_are_dropped_not_requoted() -> None:
    """``“Title: *Term* more”``: the whole quoted span is the title, asterisks dropped."""
    assert preprocess("“Shared Wells: *Ayllu* Committees”, *Andean Journal*") == (
        "“Shared Wells: Ayllu Committees”, “Andean Journal”"
    )


def test_quoted_title_with_italic_word_then_italic_journal() -> None:
    """OpenEdition shape: quoted title with an italic word, italic journal ``[Online]``,
    ``volume | year``, online and connection dates, URL and DOI."""
    item = parse_reference(
        "Maria L. Ortega, “Shared Wells: *Ayllu* Water Committees and Rural Governance in "
        "Bolivia”, *Andean Development Studies Journal* [Online], 14 | 2018, Online since 3 "
        "April 2018, connection on 2 June 2021. URL: <https://journals.example.org/adsj/412>; "
        "DOI: <https://doi.org/10.9999/adsj.412>."
    )
    assert item["author"] == [{"family": "Ortega", "given": "Maria L."}]
    assert item["title"] == ("Shared Wells: Ayllu Water Committees and Rural Governance in Bolivia")
    assert item["container-title"] == "Andean Development Studies Journal"
    assert item["volume"] == "14"
    assert item["issued"] == {"date-parts": [[2018, 4, 3]]}  # "Online since": published online
    assert item["accessed"] == {"date-parts": [[2021, 6, 2]]}
    assert item["DOI"] == "10.9999/adsj.412"
    assert item["URL"] == "https://journals.example.org/adsj/412"
    assert item["type"] == "article-journal"
    assert "publisher" not in item


def test_second_quoted_span_is_the_container() -> None:
    """Rule level: ``“Title”, “Journal” 14 | 2018`` tagged one title is title + journal."""
    tokens = ["“Wells”,", "“Water", "Journal”", "14", "|", "2018,"]
    labels = repair_labels(tokens, ["title"] * 3 + ["note"] * 3)
    assert labels == ["title", "journal", "journal", "volume", "volume", "date"]
    tokens = ["“Wells”,", "“Water", "Book”,", "Lakeside", "Press."]
    labels = repair_labels(tokens, ["title"] * 3 + ["publisher"] * 2)
    assert labels == ["title", "container", "container", "publisher", "publisher"]


def test_connection_date_is_an_access_date() -> None:
    """``connection on DATE.`` (OpenEdition) is cut out as the access date."""
    assert split_access("Journal, 2019, connection on 28 May 2021. URL: x") == (
        "Journal, 2019 URL: x",
        "28 May 2021",
    )


def test_closing_bracket_kept_when_its_opening_one_is() -> None:
    """Outer punctuation is stripped, but a balanced closing bracket stays."""
    chars = " ,;:()[]"
    assert strip_outer("Lake Board (LB)), ", chars) == "Lake Board (LB)"
    assert strip_outer("(Lake Board", chars) == "Lake Board"
    assert strip_outer("[draft]", chars) == "draft"


# --- bodies' names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "RWC Regional Water Standards Working Group",
        "NCA Coastal Research Group",
        "RRI Research, policy and practice for Rural Water (W4R desk)",
        "WPX Helpdesk",
    ],
)
def test_acronym_led_body_is_an_organisation(name: str) -> None:
    """An all-caps acronym then capitalised words naming a body (organisation word, or a
    lower-case word inside): one organisation, never ``Family, G. G.``."""
    assert is_organisation(name)
    assert split_names(name) == [{"literal": name}]


@pytest.mark.parametrize("name", ["LEE Min Jun", "Smith JA", "WANG Li"])
def test_capitalised_surname_before_given_names_stays_a_person(name: str) -> None:
    """A surname in capitals, or Vancouver initials, is still a person."""
    assert not is_organisation(name)
    assert "literal" not in split_names(name)[0]


def test_acronym_working_group_with_series_note_number_and_funders() -> None:
    """``ACR ... Working Group (year), ‘[Title \\(X\\)](#)’, Guidance Note No. 12:March,
    Funders.``: organisation author, whole title, series, number and publisher."""
    item = parse_reference(
        r"RWC Regional Water Standards Working Group (2019), ‘[Metering Rules for Shared "
        r"Boreholes \(SB/MR\)](#)’, Guidance Note No. 12:March, Lakeside Water Alliance and "
        r"Harbour Development Fund."
    )
    assert item["author"] == [{"literal": "RWC Regional Water Standards Working Group"}]
    assert item["issued"] == {"date-parts": [[2019]]}
    assert item["title"] == "Metering Rules for Shared Boreholes (SB/MR)"
    assert item["genre"] == "Guidance Note"
    assert item["issue"] == "12"
    assert item["publisher"] == "Lakeside Water Alliance and Harbour Development Fund"
    assert item["type"] == "report"
    assert "container-title" not in item


def test_body_name_with_lowercase_words_and_acronym_before_year() -> None:
    """Everything before ``(year)`` that reads as a body is one organisation, its
    parenthesised acronym included; a dash aside after the page is a note."""
    item = parse_reference(
        "RRI Research, policy and practice for Rural Water (W4R desk) (2020), '[Women and "
        "Informal Water Markets](#)', pp. 9 – Diagram adapted from Eastland Ministry of Water "
        "– a Field Guide (2016)."
    )
    assert item["author"] == [
        {"literal": "RRI Research, policy and practice for Rural Water (W4R desk)"}
    ]
    assert item["issued"] == {"date-parts": [[2020]]}
    assert item["title"] == "Women and Informal Water Markets"
    assert item["page"] == "9"
    assert item["note"].startswith("Diagram adapted from Eastland Ministry of Water")
    assert "publisher" not in item and "container-title" not in item


def test_dash_inside_one_field_is_not_an_aside() -> None:
    """Rule level: ``March – December 1994`` and ``Press – State University`` stay whole."""
    tokens = ["“Wells”,", "Water", "Journal,", "March", "–", "December", "1994."]
    labels = ["title", "journal", "journal", "date", "date", "date", "date"]
    assert repair_labels(tokens, labels) == labels
    tokens = ["“Wells”,", "pp.", "9", "–", "Diagram", "adapted", "from", "Eastland."]
    labels = [
        "title",
        "pages",
        "pages",
        "container",
        "container",
        "container",
        "container",
        "container",
    ]
    assert repair_labels(tokens, labels) == ["title", "pages", "pages"] + ["note"] * 5


# --- a thing named before the year is a page title -----------------------------------------


@pytest.mark.parametrize(
    ("ref", "title"),
    [
        (
            "Coastal Flood Risk Index, 2020 <https://example.org/flood-index>.",
            "Coastal Flood Risk Index",
        ),
        (
            "Open Water Budget Tracker, 2019 <https://example.net/tracker>.",
            "Open Water Budget Tracker",
        ),
    ],
)
def test_thing_named_before_year_and_url_is_a_page_title(ref: str, title: str) -> None:
    """``Phrase ending in Index/Tracker/..., YEAR <url>`` with no quoted title: a web page."""
    item = parse_reference(ref)
    assert "author" not in item
    assert item["title"] == title
    assert item["type"] == "webpage"
    assert "issued" in item and "URL" in item


def test_body_named_before_year_and_url_stays_author() -> None:
    """Rule level: an organisation phrase (no thing word at its end) is left as author."""
    tokens = ["Harbour", "Research", "Institute,", "2020", "https://example.org/hri"]
    labels = ["author"] * 3 + ["date", "url"]
    assert repair_labels(tokens, labels) == labels
    tokens = ["Coastal", "Flood", "Risk", "Index,", "2020", "https://example.org/x"]
    assert repair_labels(tokens, ["author"] * 4 + ["date", "url"])[:4] == ["title"] * 4


# --- archive notes --------------------------------------------------------------------------


def test_archived_from_tail_is_an_archive_note_not_publisher() -> None:
    """``Press. Archived from Site, DATE, ‘Page’, <url>``: publisher stops at the press; the
    site is the archive, with its URL and date."""
    item = parse_reference(
        "Lakeside Arms Monitor, Institute of Regional Studies. 2014. Chapter 3: Close quarters "
        "– Weapons at home, regional monitor 2014. Eastford University Press. Archived from "
        "Peace Forum, 9 June 2017, ‘Weapons in the Home’, "
        "<https://www.example.org/weapons-home/>."
    )
    assert item["publisher"] == "Eastford University Press"
    assert item["archive"] == "Peace Forum"
    assert item["URL"] == "https://www.example.org/weapons-home/"
    assert item["accessed"] == {"date-parts": [[2017, 6, 9]]}
    assert item["issued"] == {"date-parts": [[2014]]}
    assert item["note"].startswith("Archived from Peace Forum")


def test_split_archive_leaves_archived_on_date_from_url_alone() -> None:
    """``Archived on DATE from: <url>`` names no archive: left to :func:`split_access`."""
    text = "Tracker. Archived on 4 June 2021 from: https://example.org/t"
    assert split_archive(text) == (text, {})


# --- a link after the author/series is the title ---------------------------------------------


def test_link_after_series_name_is_the_title() -> None:
    """``Programme Name: [Title](#) (pg. 12).``: link text title, programme author, page."""
    item = parse_reference(
        "Coastal Livelihoods Programme Westland: [Fishing Rights and "
        "Seasonal Migration in Westland](#) (pg. 12)."
    )
    assert item["author"] == [{"literal": "Coastal Livelihoods Programme Westland"}]
    assert item["title"] == "Fishing Rights and Seasonal Migration in Westland"
    assert item["page"] == "12"


def test_link_is_not_forced_when_another_title_was_found() -> None:
    """A link after a quoted title (an outlet or site) does not take the title over."""
    tokens = ["J.", "Mensah", "(2018),", "‘Wells", "and", "Wages’,", "“The", "Courier”"]
    labels = ["author", "author", "date", "title", "title", "title", "journal", "journal"]
    assert link_title(tokens, labels, "The Courier") == labels
    item = parse_reference(
        "J. Mensah (2018), ‘Wells and Wages’, [The Evening Courier]"
        "(https://example.com/courier), 3 May 2018."
    )
    assert item["title"] == "Wells and Wages"


# --- the seed footnotes these rules were written for ------------------------------------------

SEED_FOOTNOTES = [
    r"AFI Global Standards Proportionality Working Group (2018), ‘[Gender Considerations in "
    r"Balancing Financial Inclusion and Anti-Money Laundering and Countering The Financing of "
    r"Terrorism \(AML/CFT\)](#)’, Guideline Note No. 31:November, Alliance for Financial "
    r"Inclusion and UN Capital Development Fund.",
    "IDS Knowledge, evidence and learning for Development (K4D helpdesk) (2019), '[Gender and "
    "Serious Organised Crime](#)', pp. 6 – Framework figure sourced from HM Government – a "
    "Prevent Guide (2015).",
    "Faris A. Khan, “Translucent Citizenship: *Khawaja Sira* Activism and Alternatives to "
    "Dissent in Pakistan”, *South Asia Multidisciplinary Academic Journal* [Online], 20 | "
    "2019, Online since 12 March 2019, connection on 28 May 2022. URL: "
    "<http://journals.openedition.org/samaj/5034>; DOI: "
    "<https://doi.org/10.4000/samaj.5034>.",
    "Basel AML Governance Index, 2021 <https://index.baselgovernance.org/ranking>.",
    "Small Arms Survey, Graduate Institute of International and Development Studies. 2013. "
    "Chapter 2: Too close to home – Everyday dangers, small arms survey 2013. Cambridge "
    "University Press. Archived from WILPF, 4 May 2016, ‘The Impact of Firearms on Women’, "
    "<https://www.wilpf.org/the-impact-of-firearms-on-women/>.",
    "National Initiative against Organised Crime Pakistan: [Human Smuggling and Trafficking "
    "in Pakistan](#) (pg. 6).",
]


def test_seed_footnotes_parse_to_hand_checked_values() -> None:
    """Six footnotes of the seed reports (bibliography/citations.csv), checked by hand."""
    afi, ids, khan, basel, sas, noc = (parse_reference(r) for r in SEED_FOOTNOTES)

    assert afi["author"] == [{"literal": "AFI Global Standards Proportionality Working Group"}]
    assert afi["title"] == (
        "Gender Considerations in Balancing Financial Inclusion and "
        "Anti-Money Laundering and Countering The Financing of Terrorism "
        "(AML/CFT)"
    )
    assert afi["issued"] == {"date-parts": [[2018]]}

    assert ids["author"] == [
        {"literal": "IDS Knowledge, evidence and learning for Development (K4D helpdesk)"}
    ]
    assert ids["title"] == "Gender and Serious Organised Crime"
    assert ids["issued"] == {"date-parts": [[2019]]}
    assert "container-title" not in ids and "publisher" not in ids
    assert ids["note"].startswith("Framework figure sourced from")

    assert khan["author"] == [{"family": "Khan", "given": "Faris A."}]
    assert khan["title"] == (
        "Translucent Citizenship: Khawaja Sira Activism and Alternatives to Dissent in Pakistan"
    )
    assert khan["container-title"] == "South Asia Multidisciplinary Academic Journal"
    assert khan["issued"] == {"date-parts": [[2019, 3, 12]]}  # "Online since 12 March 2019"
    assert khan["volume"] == "20"
    assert khan["DOI"] == "10.4000/samaj.5034"
    assert khan["URL"] == "http://journals.openedition.org/samaj/5034"

    assert "author" not in basel
    assert basel["title"] == "Basel AML Governance Index"
    assert basel["issued"] == {"date-parts": [[2021]]}
    assert basel["URL"] == "https://index.baselgovernance.org/ranking"
    assert basel["type"] == "webpage"

    assert sas["publisher"] == "Cambridge University Press"
    assert sas["archive"] == "WILPF"
    assert sas["URL"] == "https://www.wilpf.org/the-impact-of-firearms-on-women/"
    assert sas["accessed"] == {"date-parts": [[2016, 5, 4]]}
    assert sas["issued"] == {"date-parts": [[2013]]}

    assert noc["author"] == [{"literal": "National Initiative against Organised Crime Pakistan"}]
    assert noc["title"] == "Human Smuggling and Trafficking in Pakistan"
    assert noc["page"] == "6"
