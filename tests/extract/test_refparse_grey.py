"""Grey-literature footnote patterns, the note detector, and the synthetic training data.

Strings are written for these tests; expected values are checked by hand. The shipped
model is loaded, never retrained.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from litreview.extract.refparse import NOTE_BELOW, looks_like_reference, parse_reference
from litreview.extract.refparse_names import is_organisation
from litreview.extract.refparse_rules import repair_item, repair_labels
from tests.conftest import ROOT


def test_untitled_index_page_is_a_title_not_a_person() -> None:
    """No author and no year: the leading capitalised phrase is the title."""
    item = parse_reference(
        "Urban Water Access Tracker Kenya. Archived on 4 June 2021 from: "
        "https://example.org/tracker/kenya"
    )
    assert "author" not in item
    assert item["title"] == "Urban Water Access Tracker Kenya"
    assert item["URL"] == "https://example.org/tracker/kenya"
    assert item["accessed"] == {"date-parts": [[2021, 6, 4]]}
    assert "issued" not in item


def test_organisation_with_lowercase_word_before_year() -> None:
    """``Name with lowercase word (year), “Title”, ACRONYM Org.`` -> organisation, publisher."""
    item = parse_reference(
        "Friends of the Coast (2018), “2018 Survey of shoreline erosion claims”, UN ESCAP."
    )
    assert item["author"] == [{"literal": "Friends of the Coast"}]
    assert item["issued"] == {"date-parts": [[2018]]}
    assert item["title"] == "2018 Survey of shoreline erosion claims"
    assert item["publisher"] == "UN ESCAP"
    assert "publisher-place" not in item


def test_publisher_place_then_month_year() -> None:
    """``..., UNDP, Geneva: April 2020`` -> publisher, place and a dated issue, not 'April'."""
    item = parse_reference("UNDP, “Informal Credit and Small Traders”, UNDP, Geneva: April 2020")
    assert item["author"] == [{"literal": "UNDP"}]
    assert item["title"] == "Informal Credit and Small Traders"
    assert item["publisher"] == "UNDP"
    assert item["publisher-place"] == "Geneva"
    assert item["issued"] == {"date-parts": [[2020, 4]]}


def test_trailing_publisher_without_full_stop_is_kept_whole() -> None:
    """A publisher at the very end with no final stop is the whole publisher, not a journal."""
    item = parse_reference(
        "Harbour Workers Union, ‘Shifts without End’, Lakeside Institute for Labour Studies"
    )
    assert item["author"] == [{"literal": "Harbour Workers Union"}]
    assert item["title"] == "Shifts without End"
    assert item["publisher"] == "Lakeside Institute for Labour Studies"
    assert "container-title" not in item


def test_newspaper_article_outlet_and_full_date() -> None:
    """Person, quoted headline, outlet, day-month-year."""
    item = parse_reference("Mensah, K. “Tenants Win Appeal”, Evening Courier, 9 October 2017.")
    assert item["author"] == [{"family": "Mensah", "given": "K."}]
    assert item["title"] == "Tenants Win Appeal"
    assert item["container-title"] == "Evening Courier"
    assert item["issued"] == {"date-parts": [[2017, 10, 9]]}


@pytest.mark.parametrize(
    "note",
    [
        "The survey was repeated in the following year, but the sample was smaller and the "
        "results are therefore not strictly comparable with those reported here.",
        "We are grateful to the officials who agreed to be interviewed; their names are withheld "
        "at their request.",
    ],
)
def test_explanatory_notes_are_not_references(note: str) -> None:
    """Prose notes score low and parse to a note, never a long title."""
    assert looks_like_reference(note) < NOTE_BELOW
    item = parse_reference(note)
    assert "title" not in item
    assert item["note"] == note


@pytest.mark.parametrize(
    "ref",
    [
        "Ministry of Housing (2016), National Shelter Policy, Capital City: Government Press.",
        "Silva, R. and T. Novak. 2009. Rivers and Rights. Journal of Water Law 12(3): 45-67.",
        "Open Budget Watch, Budget Transparency Scores, https://example.net/scores",
    ],
)
def test_references_score_high(ref: str) -> None:
    """Ordinary references score well above the note threshold."""
    assert looks_like_reference(ref) > 0.6


def test_looks_like_reference_bounds() -> None:
    """Blank is 0; scores stay in [0, 1]."""
    assert looks_like_reference("") == 0.0
    assert 0.0 <= looks_like_reference("x " * 200) <= 1.0


def test_repair_labels_month_before_year_is_date() -> None:
    """A month word the CRF tagged publisher, followed by a year, becomes date."""
    tokens = ["Org,", "Rome:", "May", "2011"]
    labels = repair_labels(tokens, ["author", "location", "publisher", "date"])
    assert labels == ["author", "location", "date", "date"]


def test_repair_item_splits_org_from_place() -> None:
    """``Org, Place`` read as one place becomes publisher + place; a plain place stays."""
    item = repair_item({"publisher-place": "World Bank, Manila"})
    assert (item["publisher"], item["publisher-place"]) == ("World Bank", "Manila")
    assert repair_item({"publisher-place": "Washington, DC"}) == {
        "publisher-place": "Washington, DC"
    }


def test_lowercase_word_inside_name_means_organisation() -> None:
    """'of'/'off' inside a name: organisation; name particles ('van') stay persons."""
    assert is_organisation("Friends of the Coast")
    assert not is_organisation("Maria van Dijk")


def _synth_module():
    """Import benchmarks/refparse_synth.py (not a package)."""
    spec = importlib.util.spec_from_file_location(
        "refparse_synth", ROOT / "benchmarks" / "refparse_synth.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("refparse_synth", module)
    spec.loader.exec_module(module)
    return module


def test_synthetic_records_are_deterministic_and_consistent() -> None:
    """Same seed, same records; each raw string is exactly its labelled segments joined."""
    synth = _synth_module()
    first, again = synth.synthetic_records(50, seed=3), synth.synthetic_records(50, seed=3)
    assert first == again
    assert first != synth.synthetic_records(50, seed=4)
    for rec in first:
        assert rec["raw"] == " ".join(text for _, text in rec["labels"])
        assert {tag for tag, _ in rec["labels"]} <= {
            "author",
            "date",
            "title",
            "container-title",
            "publisher",
            "location",
            "note",
            "url",
            "pages",
            "genre",
            "volume",
            "editor",
        }
    assert any(tag == "author" for rec in first for tag, _ in rec["labels"])


def test_page_count_of_a_report_is_the_number() -> None:
    """``112 p.`` / ``84 pp.`` at the end of a report is a page count: just the number."""
    from litreview.extract.refparse_fields import _pages

    assert _pages("112 p.") == "112"
    assert _pages("84 pp.") == "84"
    assert _pages("pp. 33–51") == "33-51"


def test_press_read_as_container_becomes_publisher_and_place() -> None:
    """A press/organisation 'container' with no volume or pages is the publisher."""
    item = repair_item(
        {
            "title": "Tides of the Northern Shelf",
            "type": "chapter",
            "container-title": "Eastford: Lakeside Academic Press",
        }
    )
    assert "container-title" not in item
    assert item["publisher"] == "Lakeside Academic Press"
    assert item["publisher-place"] == "Eastford"
    assert item["type"] == "book"
    journal = {"container-title": "Journal of Coastal Policy", "type": "article-journal"}
    assert repair_item(dict(journal)) == journal
    with_volume = {"container-title": "Harbour Institute Bulletin", "volume": "4"}
    assert repair_item(dict(with_volume)) == with_volume


def test_publisher_and_place_read_as_one_publisher_are_split() -> None:
    """``Org, Place`` / ``Press, City, State`` in the publisher field: the place is split off."""
    item = repair_item({"publisher": "Westmoor Water Authority, Crestmoor"})
    assert (item["publisher"], item["publisher-place"]) == ("Westmoor Water Authority", "Crestmoor")
    item = repair_item({"publisher": "Lakeside Press, Upper Millbrook, N.J."})
    assert (item["publisher"], item["publisher-place"]) == (
        "Lakeside Press",
        "Upper Millbrook, N.J.",
    )
    two_orgs = {"publisher": "Institute for Rural Studies, University of Westmoor"}
    assert repair_item(dict(two_orgs)) == two_orgs


def test_title_tail_spilled_into_location_goes_back_to_title() -> None:
    """``Title: Land, Sea, Air. New York:`` — the tail before the place is title."""
    tokens = ["Fields:", "Land,", "Sea,", "Air.", "New", "York:", "Harbour", "Press."]
    labels = [
        "title",
        "title",
        "location",
        "location",
        "location",
        "location",
        "publisher",
        "publisher",
    ]
    assert repair_labels(tokens, labels) == ["title"] * 4 + ["location"] * 2 + ["publisher"] * 2
    tokens = ["Rivers", "(Eastford:", "Harbour", "Press)"]
    labels = ["title", "location", "publisher", "publisher"]
    assert repair_labels(tokens, labels) == labels


def test_report_series_number_and_page_count() -> None:
    """``Working Paper No. 45`` is a series and number; ``84 pp.`` a page count (shipped model)."""
    item = parse_reference(
        "Okoro, L. and Brandt, S. (2014). Measuring rural poverty. Working "
        "Paper No. 45, Institute for Upland Studies."
    )
    assert [a["family"] for a in item["author"]] == ["Okoro", "Brandt"]
    assert item["title"] == "Measuring rural poverty"
    assert item["issue"] == "45"
    assert item["publisher"] == "Institute for Upland Studies"
    assert "container-title" not in item
