"""The type model's features and the plain field guess."""

from __future__ import annotations

from pathlib import Path

import pytest

import litreview
from litreview.extract.refparse import ReferenceParser, parse_reference
from litreview.extract.refparse_fields import Segment
from litreview.extract.refparse_norm import communication_type, genre_type, is_journal
from litreview.extract.refparse_type import fallback_type, type_features


def test_features_name_labels_word_tags_and_field_shapes() -> None:
    segments = [
        Segment("author", "River Board,", 0, 12),
        Segment("title", "“Delta Fisheries”,", 13, 31),
        Segment("genre", "Working Paper", 32, 45),
        Segment("journal", "Daily Herald", 46, 58),
    ]
    item = {
        "author": [{"literal": "River Board"}],
        "issued": {"date-parts": [[2019, 5, 4]]},
        "URL": "https://e.org",
    }
    feats = type_features(segments, item)
    assert {"has:author", "has:genre", "has:journal", "title:quoted"} <= set(feats)
    assert {"genre:lex:genre", "journal:lex:news", "genre:w:paper"} <= set(feats)
    assert {"date:3", "author:body", "field:URL"} <= set(feats)
    assert feats == sorted(feats)


def test_features_give_the_words_of_title_container_and_publisher_without_numbers() -> None:
    segments = [
        Segment("title", "World Drug Report 2023,", 0, 23),
        Segment("container", "New York Times", 24, 38),
        Segment("publisher", "University Press", 39, 55),
    ]
    feats = set(type_features(segments, {}))
    assert {"title:w:world", "title:w:report", "container:w:times"} <= feats
    assert "publisher:w:university" in feats
    assert not any(f.endswith(":w:2023") for f in feats)


@pytest.mark.parametrize(
    ("pages", "item", "shapes"),
    [
        ("pp. 12–19.", {"page": "12-19"}, {"page:range"}),
        ("p. 12.", {"page": "12"}, {"page:one"}),
        ("112 p.", {"page": "112"}, {"page:one", "page:count"}),  # a report's length
        ("307 pp.", {"page": "307"}, {"page:one", "page:count"}),
        ("S. 126-138.", {"page": "126-138"}, {"page:range"}),
        ("", {"number": "GAO-20-448"}, {"number:A-9-9"}),
        ("", {"number": "164"}, {"number:9"}),
    ],
)
def test_features_give_the_shape_of_pages_and_number(
    pages: str, item: dict[str, str], shapes: set[str]
) -> None:
    segments = [Segment("pages", pages, 0, len(pages))] if pages else []
    feats = {f for f in type_features(segments, item) if f.startswith(("page:", "number:"))}
    assert feats == shapes


# References of the shared development documents whose type the title's and container's words
# settle (the model read only the word lists' tags of those words before: a newspaper was
# an article, a report a web page).
@pytest.mark.parametrize(
    ("raw", "csl_type"),
    [
        (
            "Wilson D (2010 November 9) Ex-Glaxo executive is charged in drug fraud. NY Times B2.",
            "article-newspaper",
        ),
        (
            "Department of Homeland Security, Office of Strategy, Policy, and Plans _, Uniting "
            "for Ukraine: Process Overview_ _and Assessment: Fiscal Year 2023 Report to "
            "Congress_ (Nov. 4, 2024).",
            "report",
        ),
        (
            "“Switchboard,” International Rescue Committee, accessed February 26, 2026, "
            "https://www.switchboardta.org/.",
            "webpage",
        ),
    ],
)
def test_the_type_of_development_documents_references(raw: str, csl_type: str) -> None:
    assert parse_reference(raw)["type"] == csl_type


def test_fallback_type() -> None:
    assert fallback_type({"container-title": "J", "volume": "3"}) == "article-journal"
    assert fallback_type({"container-title": "Handbook"}) == "chapter"
    assert fallback_type({"publisher": "Press"}) == "book"
    assert fallback_type({"URL": "https://e.org"}) == "webpage"
    assert fallback_type({}) == "document"


@pytest.mark.parametrize(
    ("genre", "csl_type"),
    [
        ("press release", "report"),
        ("News Release", "report"),
        ("Ph.D. dissertation", "thesis"),
        ("Unpublished master's thesis", "thesis"),
        ("GIGA Working Paper No. 33", "report"),
        ("Working-paper series", "report"),
        ("CRS In Focus", "report"),
        ("MSc report diss", "thesis"),  # the phrase that ends last
        ("policy brief", "report"),
        ("E-mail", "personal_communication"),
        ("US Patent 3,712,959", "patent"),
        ("Submission", None),
        ("Briefly noted", None),  # whole words only
        ("", None),
    ],
)
def test_the_genre_names_the_type(genre: str, csl_type: str | None) -> None:
    assert genre_type(genre) == csl_type


@pytest.mark.parametrize(
    ("title", "csl_type"),
    [
        ("Interview with a police official", "interview"),
        ("Author interview with a lawyer", "interview"),  # one word before the kind
        ("email communication with author", "personal_communication"),
        ("DOL-ETA email communication with CRS", "personal_communication"),
        ("Email from Judith Whitlow, development program manager", "personal_communication"),
        ("Email correspondence between CRS and TMC", "personal_communication"),
        ("Letter to the Minister of Finance", "personal_communication"),
        ("The email gap in hospitals", None),  # the kind does not open it
        ("Interviews", None),  # no parties
        ("Letters of Note", None),
        ("Report to Congress on trafficking", None),  # a report is no communication
        ("", None),
    ],
)
def test_a_title_that_describes_a_communication(title: str, csl_type: str | None) -> None:
    assert communication_type(title) == csl_type


# Notes of CRS reports (github.com/ProfAmiot/crs-reports, markdown of R48694, R45741 and
# R47324; public domain); each was typed report, web page or thesis before.
@pytest.mark.parametrize(
    "raw",
    [
        "OMB, email communication with author, July 7, 2025.",
        "NASA, email communication with CRS, August 15, 2025.",
        "Email from Judith Whitlow, development program manager, National Fallen Firefighters "
        "Foundation, September 27, 2018.",
        "Email correspondence between CRS and TMC, December 30, 2025.",
    ],
)
def test_a_cited_communication_is_typed_so(raw: str) -> None:
    assert parse_reference(raw)["type"] == "personal_communication"


def test_a_communication_published_in_a_journal_keeps_the_models_type() -> None:
    item = parse_reference("Smith, J. (2019). Letter to the editor. The Lancet, 393, 12.")
    assert item["container-title"] == "The Lancet"
    assert item["type"] == "article-journal"


@pytest.mark.parametrize(
    "raw",
    [
        "Harris, S. (2006). Letter to a Christian Nation. New York: Knopf.",
        "Rice, A. (1976). Interview with the Vampire. New York: Knopf.",
    ],
)
def test_a_book_titled_as_a_communication_is_no_communication(raw: str) -> None:
    item = parse_reference(raw)
    assert item["publisher"] == "Knopf"
    assert item["type"] not in ("interview", "personal_communication")


def test_a_genre_decides_the_type_over_the_model() -> None:
    raw = (  # a note of a CRS report
        'Department of the Treasury, "Tornado Cash Delisting," press release, March 21, 2025, '
        "https://home.treasury.gov/news/press-releases/sb0057."
    )
    item = parse_reference(raw)
    assert item["genre"] == "press release"
    assert item["type"] == "report"
    models = Path(litreview.__file__).parent / "data"
    unsaid = ReferenceParser(
        models / "refparse.npz", models / "refparse_type.crfsuite", genres=False
    ).parse(raw)
    assert unsaid["genre"] == "press release"
    assert unsaid["type"] != "report"  # what the type model alone says


@pytest.mark.parametrize(
    ("title", "journal"),
    [
        ("Proceedings of the National Academy of Sciences", True),
        ("The Lancet Infectious Diseases", True),
        ("Journal of Economic Perspectives,", True),
        ("Trends in Ecology & Evolution", True),
        ("Science", False),  # one word says too little
        ("Annual Review", False),
        ("Proceedings of the 5th Workshop on Delta Fisheries", False),
    ],
)
def test_a_container_is_the_full_title_of_a_journal(title: str, journal: bool) -> None:
    """``journals.txt`` (JabRef's lists, CC0): full titles of two words or more, keyed
    without case, punctuation, '&' or a leading 'the'."""
    assert is_journal(title) is journal


def test_a_journals_title_decides_a_conference_paper_is_an_article() -> None:
    """The type model reads "Proceedings of the National Academy of Sciences" as a
    conference's: with a volume and pages and no editor or publisher it is the journal; a
    book series of the lists (Lecture Notes in ...) with its publisher stays a chapter."""
    raw = (  # a note of a CRS report
        'Craig R. McClain et al., "Energetics of Life on the Deep Seafloor," Proceedings of '
        "the National Academy of Sciences, vol. 109, no. 38 (2012), pp. 15366-15371."
    )
    assert parse_reference(raw)["type"] == "article-journal"
    models = Path(litreview.__file__).parent / "data"
    unsaid = ReferenceParser(
        models / "refparse.npz", models / "refparse_type.crfsuite", journals=False
    ).parse(raw)
    assert unsaid["type"] == "paper-conference"  # what the type model alone says
    series = (
        "Smith, J.: A method. In: Lecture Notes in Computer Science, vol. 1234, pp. 1-10. "
        "Springer, Berlin (2020)"
    )
    assert parse_reference(series)["type"] != "article-journal"
