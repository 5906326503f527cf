"""Repairs for report, policy-brief, MLA web and notes-style references, on strings and
labels written for these tests: each label rule is fed the mistake it repairs, each field
rule a built item, and whole strings go through the shipped parser. Every rule is also
given the case it must leave alone."""

from __future__ import annotations

import pytest

from litreview.extract.gazetteer import is_place
from litreview.extract.refparse import parse_reference, preprocess
from tests.refparse_helpers import item_of, relabel

# --- report series read as a journal, and a journal read as a series ---------------------


def test_a_numbered_policy_brief_is_a_report_series_not_a_journal() -> None:
    item = item_of(
        [
            ("author", "Tarn, E."),
            ("date", "(2012)"),
            ("title", "Ferry fares and rural incomes."),
            ("journal", "Lakeland Policy Brief"),
            ("volume", "7,"),
            ("location", "Oslo."),
        ]
    )
    assert item.get("container-title") is None
    assert (item["genre"], item["volume"], item["type"]) == ("Lakeland Policy Brief", "7", "report")


def test_a_series_name_and_number_in_one_container_run_are_split() -> None:
    item = item_of(
        [
            ("author", "Fenland Institute."),
            ("title", "“Ferry fares.”"),
            ("container", "FI Policy Brief 52,"),
            ("location", "Oslo,"),
            ("date", "2016."),
        ]
    )
    assert (item.get("genre"), item.get("volume")) == ("FI Policy Brief", "52")
    assert "container-title" not in item


def test_a_journal_with_volume_and_pages_keeps_its_name() -> None:
    item = item_of(
        [
            ("author", "Tarn, E."),
            ("date", "(2012)"),
            ("title", "Ferry fares."),
            ("journal", "Fenland Policy Brief,"),
            ("volume", "7,"),
            ("pages", "12-19."),
        ]
    )
    assert item["container-title"] == "Fenland Policy Brief"
    assert "genre" not in item


def test_a_series_run_before_volume_and_issue_is_a_journal() -> None:
    got = relabel(
        [
            ("author", "Tarn, E."),
            ("date", "(2010)."),
            ("title", "Hope."),
            ("genre", "Millbrook Centre Report,"),
            ("volume", "40(2),"),
            ("pages", "12-15."),
        ]
    )
    assert ("journal", "Millbrook Centre Report,") in got


def test_a_series_run_before_a_number_and_a_page_count_stays_a_series() -> None:
    got = relabel(
        [
            ("author", "Tarn, E."),
            ("date", "2015."),
            ("title", "Informal work."),
            ("genre", "FI Working Paper"),
            ("volume", "412,"),
            ("pages", "45 pp."),
        ]
    )
    assert ("genre", "FI Working Paper") in got


# --- web addresses ------------------------------------------------------------------------


def test_a_web_address_inside_a_place_run_is_the_url() -> None:
    got = relabel(
        [
            ("author", "KFTF"),
            ("date", "(2018),"),
            ("title", "Money trails,"),
            ("location", "KFTF, Paris, France, www.kftf.example.org/pubs/trails.html"),
        ]
    )
    assert got[-1] == ("url", "www.kftf.example.org/pubs/trails.html")


def test_a_bare_domain_with_a_path_is_a_url() -> None:
    item = parse_reference(
        "Tarn, Ella. “Ferry Fares Rise Again.” The Lakeland Courier, "
        "8 Mar. 2018, courier.example.pk/story/1654321."
    )
    assert item["URL"] == "courier.example.pk/story/1654321"
    assert "volume" not in item


def test_abbreviations_with_full_stops_are_not_urls() -> None:
    item = parse_reference(
        "Tarn, E. (2001). Notes on the U.S. ferry fleet, e.g. its costs. Oslo: Hill Press."
    )
    assert "URL" not in item


def test_an_organisation_place_and_country_are_split_at_the_place() -> None:
    item = parse_reference(
        "KFTF (2018), Money Trails in Shipping, KFTF, Paris, France, "
        "www.kftf.example.org/pubs/trails.html"
    )
    assert (item["publisher"], item["publisher-place"]) == ("KFTF", "Paris, France")


# --- titles -------------------------------------------------------------------------------


def test_a_subtitle_before_a_press_after_a_colon_title_joins_the_title() -> None:
    item = parse_reference(
        "KFTF (2019), Ferries at a Glance 2019: KFTF Harbour Indicators, KFTF Publishing, Paris."
    )
    assert item["title"] == "Ferries at a Glance 2019: KFTF Harbour Indicators"
    assert item["publisher"] == "KFTF Publishing"


def test_a_quoted_opening_is_the_title_and_the_names_after_it_the_site() -> None:
    got = relabel(
        [
            ("author", "“Ferry Safety.” Lakeland Maritime Office, Harbour"),
            ("publisher", "Department,"),
            ("date", "5 Feb. 2019,"),
        ]
    )
    assert got[0] == ("title", "“Ferry Safety.”")
    assert got[1] == ("publisher", "Lakeland Maritime Office, Harbour Department,")


def test_a_year_after_a_closed_quoted_title_is_the_date() -> None:
    got = relabel(
        [
            ("title", '"Lakeland: Events of 2019." Harbour Watch, 2020,'),
            ("url", "www.harbourwatch.example.org/2020."),
        ]
    )
    assert got[:3] == [
        ("title", '"Lakeland: Events of 2019."'),
        ("publisher", "Harbour Watch,"),
        ("date", "2020,"),
    ]


def test_a_quoted_word_that_opens_a_longer_title_stays_in_it() -> None:
    got = relabel([("title", "“Ferries” and the tides of trade."), ("date", "2020.")])
    assert got[0] == ("title", "“Ferries” and the tides of trade.")


def test_a_citation_signal_is_not_part_of_the_author() -> None:
    assert preprocess("See also Harbour Watch, Report (2010).") == "Harbour Watch, Report (2010)."
    assert preprocess("See, e.g., Tarn, E. (2001).").startswith("Tarn")
    item = parse_reference(
        "See Harbour Watch, World Ferry Report 2010 (Oslo: Harbour Watch, 2010), 45."
    )
    assert item["author"] == [{"literal": "Harbour Watch"}]
    assert parse_reference("Seeley, J. (2001). Things. Oxford: Hill Press.")["author"] == [
        {"family": "Seeley", "given": "J."}
    ]


def test_a_title_with_a_year_before_a_bracketed_year_is_not_the_author() -> None:
    item = parse_reference("KFTF, World Ferry Report 2019 (2019).")
    assert item["author"] == [{"literal": "KFTF"}]
    assert item["title"] == "World Ferry Report 2019"


# --- places and publishers -----------------------------------------------------------------


def test_a_town_alone_after_a_body_s_report_is_the_place() -> None:
    assert not is_place("Wiesbaden") and is_place("Wiesbaden", towns=True)
    item = item_of(
        [
            ("author", "Lakeland Statistics Office"),
            ("date", "(2009):"),
            ("title", "Ferry passengers."),
            ("publisher", "Wiesbaden."),
        ]
    )
    assert item.get("publisher-place") == "Wiesbaden" and "publisher" not in item


def test_a_town_alone_after_a_person_s_book_may_be_a_publisher() -> None:
    item = item_of(
        [
            ("author", "Tarn, E."),
            ("date", "(1999)."),
            ("title", "Ferries."),
            ("publisher", "Greenwood."),
        ]
    )
    assert item.get("publisher") == "Greenwood"


def test_a_place_inside_a_publisher_run_splits_it() -> None:
    item = item_of(
        [
            ("author", "Lakeland Agency for Ferry Rights"),
            ("date", "(2014),"),
            ("title", "Ferry safety: a survey."),
            ("publisher", "Main results, Luxembourg, Publications Office of Lakeland."),
        ]
    )
    assert item["publisher-place"] == "Luxembourg"
    assert item["publisher"] == "Publications Office of Lakeland"
    assert item["title"] == "Ferry safety: a survey. Main results"


def test_a_publisher_run_naming_a_body_before_the_place_is_left_whole() -> None:
    item = item_of(
        [
            ("author", "Tarn, E."),
            ("date", "(2014),"),
            ("title", "Ferries."),
            ("publisher", "Hill Press, London, and Dale Press."),
        ]
    )
    assert "Hill Press" in item["publisher"]


def test_an_author_repeated_as_publisher_is_a_body() -> None:
    item = parse_reference("Harbour Gallup (2017). Survey on ferry use. Oslo: Harbour Gallup.")
    assert item["author"] == [{"literal": "Harbour Gallup"}]


def test_a_person_whose_name_is_a_firm_stays_a_person() -> None:
    item = parse_reference("John Tarnby (1850). Memoirs. London: John Tarnby & Sons.")
    assert item["author"] == [{"family": "Tarnby", "given": "John"}]


# --- APA report numbers and theses ----------------------------------------------------------


def test_an_agency_report_number_leaves_the_title() -> None:
    item = parse_reference(
        "Lakeland Centre for Ferry Statistics. (2019). The condition of "
        "ferries 2019 (LCFS 2019-144). Oslo: Harbour Department."
    )
    assert item["title"] == "The condition of ferries 2019"
    assert (item["number"], item["type"]) == ("LCFS 2019-144", "report")


def test_a_bracketed_year_is_not_a_report_number() -> None:
    item = parse_reference("Tarn, J. (2019). A history of ferries (KFTF 2019). Oslo: Hill Press.")
    assert item["title"] == "A history of ferries (KFTF 2019)"


@pytest.mark.parametrize(
    "tail, archive", [("", None), (" Lakeland Repository.", "Lakeland Repository")]
)
def test_a_thesis_bracket_names_the_university(tail: str, archive: str | None) -> None:
    item = parse_reference(
        f"Tarn, S. (2020). Ferry work in Lakeland [Master's thesis, University of Lakeland].{tail}"
    )
    assert (item["genre"], item["publisher"], item["type"]) == (
        "Master's thesis",
        "University of Lakeland",
        "thesis",
    )
    assert item["title"] == "Ferry work in Lakeland"
    assert item.get("archive") == archive


# --- authors that open author-date references -----------------------------------------------


def test_an_acronym_and_its_bracketed_expansion_are_one_author() -> None:
    got = relabel(
        [
            ("author", "LFPS (Society"),
            ("title", "for the Protection of Ferries)."),
            ("date", "2019."),
            ("title", "Ferries in 2018."),
        ]
    )
    assert got[0] == ("author", "LFPS (Society for the Protection of Ferries).")


def test_a_bracketed_acronym_alone_is_left_to_the_crf() -> None:
    got = relabel([("author", "LFPS"), ("title", "(2019) Ferries in 2018.")])
    assert got[0] == ("author", "LFPS")


def test_the_first_of_two_titles_around_a_year_is_the_author() -> None:
    got = relabel(
        [
            ("title", "Lakeland Commission on the Status of Ferries."),
            ("date", "2018."),
            ("title", "Ferry Parity Report 2018."),
            ("location", "Oslo:"),
            ("publisher", "LCSF."),
        ]
    )
    assert got[0] == ("author", "Lakeland Commission on the Status of Ferries.")
    assert got[2] == ("title", "Ferry Parity Report 2018.")


def test_a_title_followed_by_a_year_and_a_container_keeps_its_label() -> None:
    got = relabel(
        [("title", "Ferry Parity Report."), ("date", "2018."), ("container", "Lakeland Papers.")]
    )
    assert got[0] == ("title", "Ferry Parity Report.")


def test_a_title_stopping_on_a_bare_word_goes_on_into_the_container() -> None:
    got = relabel(
        [
            ("author", "Lakeland Ferry Commission,"),
            ("title", "Peril or Safety: Tides and Gender-based"),
            ("container", "Risk in Harbour Settings"),
            ("date", "(Nov. 2011)."),
        ]
    )
    assert got[1] == ("title", "Peril or Safety: Tides and Gender-based Risk in Harbour Settings")


def test_a_journal_after_an_unpunctuated_title_stays_when_a_volume_follows() -> None:
    got = relabel(
        [
            ("author", "Tarn E"),
            ("title", "Ferry safety"),
            ("journal", "Harbour Studies"),
            ("date", "(2001)"),
            ("volume", "12"),
            ("pages", "3-9"),
        ]
    )
    assert ("journal", "Harbour Studies") in got


# --- document symbols ----------------------------------------------------------------------


@pytest.mark.parametrize("symbol", ["S/2019/280", "A/HRC/20/16/Add.3"])
def test_a_document_symbol_is_the_number(symbol: str) -> None:
    item = parse_reference(
        f"Lakeland Ferry Council, Report of the Harbour Master on ferry "
        f"safety, {symbol} (29 March 2019)."
    )
    assert item["number"] == symbol
    assert item["issued"] == {"date-parts": [[2019, 3, 29]]}
    assert "container-title" not in item and item["type"] == "report"


def test_a_web_address_is_not_a_document_symbol() -> None:
    got = relabel([("title", "Ferries."), ("url", "www.ferries.example.org/a/b/c")])
    assert got[-1][0] == "url"


def test_a_document_symbol_inside_a_title_stays_there() -> None:
    got = relabel([("title", "Ferry Safety – Phase 2 (LFS/IFS/2). Overview of the Harbours.")])
    assert got == [("title", "Ferry Safety – Phase 2 (LFS/IFS/2). Overview of the Harbours.")]


# --- dates, names and series after the title -------------------------------------------------


def test_a_day_range_before_a_month_is_the_date() -> None:
    got = relabel(
        [
            ("author", "Tarn, M."),
            ("date", "2012."),
            ("title", "“Ferry routes.”"),
            ("container", "Paper presented at the Harbour Conference, Oslo,"),
            ("pages", "12–14"),
            ("date", "March."),
        ]
    )
    assert got[-1] == ("date", "12–14 March.")


@pytest.mark.parametrize(
    "parts",
    [
        [("volume", "29(2),"), ("pages", "18-28"), ("date", "February 1996")],
        [("pages", "pp. 18-28,"), ("date", "February 1996")],
        [("volume", "29(2)"), ("pages", "5-44"), ("date", "March 1992")],
    ],
)
def test_a_page_range_before_a_month_stays_pages(parts: list[tuple[str, str]]) -> None:
    got = relabel(
        [
            ("author", "Tarn, M."),
            ("title", "Ferry routes."),
            ("journal", "Harbour Computing,"),
            *parts,
        ]
    )
    assert any(lab == "pages" for lab, _ in got)


def test_a_lone_closing_year_is_the_date_when_none_was_found() -> None:
    got = relabel(
        [
            ("author", "Lakeland Statistics Office,"),
            ("title", "Ferry Survey 2018-19,"),
            ("note", "Provincial (Social Report), Oslo, 2020."),
        ]
    )
    assert got[-1] == ("date", "2020.")
    got = relabel(
        [
            ("author", "Lakeland Statistics Office,"),
            ("date", "(2019)"),
            ("title", "Ferry Survey,"),
            ("note", "Oslo, 2020."),
        ]
    )
    assert got[-1] == ("note", "Oslo, 2020.")


def test_the_title_s_tail_after_a_comma_opens_the_publisher_cut_inside_its_name() -> None:
    got = relabel(
        [
            ("author", "Tarn, S."),
            ("date", "(2017)"),
            ("title", "Ferries and tides in Oslo, Collective for Social"),
            ("publisher", "Science Research, Oslo."),
        ]
    )
    assert got[2] == ("title", "Ferries and tides in Oslo,")
    assert got[3] == ("publisher", "Collective for Social Science Research, Oslo.")


def test_a_title_closed_by_punctuation_keeps_its_words_before_a_publisher() -> None:
    got = relabel(
        [
            ("author", "Tarn, S."),
            ("date", "(2017)"),
            ("title", "Ferries, Tides and Trade."),
            ("publisher", "Hill Press."),
        ]
    )
    assert got[2] == ("title", "Ferries, Tides and Trade.")


def test_a_series_and_number_leading_a_publisher_leave_it() -> None:
    item = item_of(
        [
            ("author", "Tarn, A."),
            ("date", "(2016),"),
            ("title", "'Ferry fares',"),
            ("publisher", "Working Paper.158: Lakeland Policy Institute, Norway."),
        ]
    )
    assert (item["genre"], item["number"], item["type"]) == ("Working Paper", "158", "report")
    assert item["publisher"] == "Lakeland Policy Institute"


def test_a_series_named_with_a_year_is_not_a_series_number() -> None:
    item = item_of(
        [
            ("author", "Harbour Watch,"),
            ("title", "“Lakeland: Events of 2020,”"),
            ("container", "in World Ferry Report 2021"),
            ("location", "(Oslo:"),
            ("publisher", "Harbour Watch,"),
            ("date", "2021)."),
        ]
    )
    assert item["container-title"] == "World Ferry Report 2021"
    assert "genre" not in item


# --- notes and Vancouver styles --------------------------------------------------------------


def test_in_after_a_closed_quoted_title_opens_the_container() -> None:
    got = relabel(
        [
            ("author", "Harbour Watch,"),
            ("title", "“Lakeland: Events of 2020,” in World Ferry Report 2021"),
            ("location", "(Oslo:"),
            ("publisher", "Harbour Watch,"),
            ("date", "2021),"),
        ]
    )
    assert got[1:3] == [
        ("title", "“Lakeland: Events of 2020,”"),
        ("container", "in World Ferry Report 2021"),
    ]


def test_a_quoted_title_with_in_inside_it_stays_whole() -> None:
    got = relabel(
        [
            ("author", "Tarn, E.,"),
            ("title", "“Life in the harbour,”"),
            ("journal", "Ferry Studies"),
            ("volume", "4"),
        ]
    )
    assert got[1] == ("title", "“Life in the harbour,”")


def test_bracketed_codes_stay_with_their_place_and_body() -> None:
    got = relabel(
        [
            ("author", "Department of Ferries (LK)."),
            ("title", "Preventing ferry delays: a report. Atlanta"),
            ("location", "(GA):"),
            ("publisher", "Harbour Control Centre"),
            ("date", "(LK); 2012."),
        ]
    )
    assert ("location", "Atlanta (GA):") in got
    assert ("publisher", "Harbour Control Centre (LK);") in got
    assert got[-1] == ("date", "2012.")


def test_a_body_before_a_bare_year_and_comma_is_the_author() -> None:
    got = relabel(
        [
            ("author", "Lakeland Bureau"),
            ("title", "of Statistics 2016, Ferry Safety"),
            ("journal", "Survey,"),
            ("volume", "cat. no. 4906.0,"),
            ("publisher", "LBS,"),
            ("location", "Oslo."),
        ]
    )
    assert got[:4] == [
        ("author", "Lakeland Bureau of Statistics"),
        ("date", "2016,"),
        ("title", "Ferry Safety Survey,"),
        ("number", "cat. no. 4906.0,"),
    ]


def test_a_work_before_a_bare_year_and_comma_stays_the_title() -> None:
    got = relabel(
        [("title", "World Ferry Report 2016,"), ("publisher", "LBS,"), ("location", "Oslo.")]
    )
    assert got[0] == ("title", "World Ferry Report 2016,")


def test_a_statute_before_a_bare_year_and_comma_stays_the_title() -> None:
    got = relabel(
        [
            ("title", "Prevention of Ferry Smuggling Act 2018,"),
            ("publisher", "Government of Lakeland."),
        ]
    )
    assert got[0] == ("title", "Prevention of Ferry Smuggling Act 2018,")


# --- bodies named in other languages, places and numbers after the title ----------------------


@pytest.mark.parametrize(
    "name",
    [
        "Ministerio de Transportes",
        "Conseil de l'Europe",
        "Defensoría del Pueblo",
        "Istituto Nazionale di Statistica",
    ],
)
def test_bodies_named_in_other_languages_are_organisations(name: str) -> None:
    item = parse_reference(f"{name} (2010). Guía de los puertos. Lima: MT.")
    assert item["author"] == [{"literal": name}]


def test_a_capitalised_word_after_the_place_s_comma_opens_the_publisher() -> None:
    got = relabel(
        [
            ("author", "LSTAT"),
            ("date", "(2015),"),
            ("title", "La vita dei porti,"),
            ("location", "Roma, Istituto"),
            ("publisher", "Nazionale dei Porti."),
        ]
    )
    assert got[-2:] == [("location", "Roma,"), ("publisher", "Istituto Nazionale dei Porti.")]


def test_a_first_sentence_ending_in_a_body_s_acronym_is_the_author() -> None:
    got = relabel(
        [
            ("title", "Lakeland Commission on Ferry Safety (LCFS). Annual report 2009."),
            ("location", "Oslo:"),
            ("publisher", "LCFS,"),
            ("date", "2010."),
        ]
    )
    assert got[:2] == [
        ("author", "Lakeland Commission on Ferry Safety (LCFS)."),
        ("title", "Annual report 2009."),
    ]


def test_a_first_sentence_ending_in_a_topic_s_acronym_stays_the_title() -> None:
    got = relabel(
        [
            ("title", "Magnetic resonance imaging (MRI). A primer."),
            ("location", "Oxford:"),
            ("publisher", "Hill Press,"),
            ("date", "2010."),
        ]
    )
    assert got[0] == ("title", "Magnetic resonance imaging (MRI). A primer.")


def test_a_later_title_run_naming_a_town_is_the_place() -> None:
    got = relabel(
        [
            ("author", "Lakeland Ferry Office"),
            ("date", "(2019):"),
            ("title", "Ferries and tides."),
            ("journal", "Ferry Review"),
            ("date", "2018."),
            ("title", "Wiesbaden."),
        ]
    )
    assert got[-1] == ("location", "Wiesbaden.")


def test_a_number_cue_read_as_pages_is_the_series_number() -> None:
    got = relabel(
        [
            ("title", "Convention sur les ports."),
            ("container", "Série des Traités de Lakeland"),
            ("volume", "n°"),
            ("pages", "210."),
            ("publisher", "Oslo."),
        ]
    )
    assert ("volume", "n° 210.") in got


def test_a_body_named_as_a_container_with_no_number_is_the_publisher() -> None:
    item = item_of(
        [
            ("author", "Ferry Safety Now."),
            ("title", '"Harbour Deaths."'),
            ("container", "The Advocates for Ferry Rights,"),
            ("date", "2009."),
        ]
    )
    assert item.get("publisher") == "The Advocates for Ferry Rights"
    assert "container-title" not in item


@pytest.mark.parametrize(
    "container",
    ["8th Lakeland National Conference on Ferries", "Monographs of the Society for Ferry Research"],
)
def test_a_meeting_or_monograph_series_stays_the_container(container: str) -> None:
    item = item_of(
        [
            ("author", "Tarn, E."),
            ("date", "(2006)."),
            ("title", "Ferry loads."),
            ("container", f"In {container},"),
            ("location", "Oslo."),
        ]
    )
    assert item.get("container-title") == container


def test_a_bare_word_after_the_author_s_comma_opens_the_title() -> None:
    got = relabel(
        [
            ("author", "LNDP, Ferry"),
            ("title", "Development Report 2016"),
            ("location", "(Oslo:"),
            ("publisher", "LNDP,"),
            ("date", "2016),"),
        ]
    )
    assert got[:2] == [("author", "LNDP,"), ("title", "Ferry Development Report 2016")]


def test_given_initials_after_the_author_s_comma_stay_in_the_author() -> None:
    got = relabel([("author", "Tarn, EJ"), ("title", "Ferry loads"), ("date", "2016")])
    assert got[0] == ("author", "Tarn, EJ")


def test_a_social_media_handle_is_not_part_of_the_author() -> None:
    item = item_of(
        [
            ("author", "LFPS [@LFPS]."),
            ("date", "(2020, July 30)."),
            ("title", "Today is Ferry Day."),
            ("url", "https://social.example/LFPS/1"),
        ]
    )
    assert item["author"] == [{"literal": "LFPS"}]


def test_a_descriptor_read_as_publisher_is_the_genre() -> None:
    item = item_of(
        [
            ("author", "Lakeland Statistics Office."),
            ("date", "2019."),
            ("title", "“Ferry Survey 2017-18.”"),
            ("publisher", "Dataset."),
            ("location", "Oslo:"),
            ("publisher", "LSO."),
        ]
    )
    assert item["genre"] == "Dataset"
    assert item["publisher"] == "LSO"


def test_a_known_place_before_a_colon_in_the_publisher_is_the_place() -> None:
    item = item_of(
        [
            ("author", "Harbourwatch."),
            ("title", "Cruel Tides 2019."),
            ("publisher", "Islamabad: Harbourwatch,"),
            ("date", "2020."),
        ]
    )
    assert (item["publisher-place"], item["publisher"]) == ("Islamabad", "Harbourwatch")


def test_un_doc_before_a_symbol_is_part_of_the_number() -> None:
    item = parse_reference(
        "Report of the Special Rapporteur on ferry safety. UN Doc. A/HRC/44/45. 2020."
    )
    assert item["number"] == "UN Doc. A/HRC/44/45"
    assert "container-title" not in item


def test_a_name_holding_a_year_before_a_bracketed_year_is_the_title() -> None:
    item = parse_reference("Ferry Safety Strategy 2020-2022 (2020). Oslo: LFO.")
    assert item["title"] == "Ferry Safety Strategy 2020-2022"
    assert "author" not in item
    assert parse_reference("Lakeland Ferry Office (2020). Ferry plans. Oslo: LFO.")["author"] == [
        {"literal": "Lakeland Ferry Office"}
    ]


def test_a_bare_number_closing_a_journal_name_is_its_volume() -> None:
    item = item_of(
        [
            ("author", "Tarn, Z."),
            ("date", "2019."),
            ("title", "“Ferry Lives.”"),
            ("container", "Lakeland Multidisciplinary Academic Journal 20."),
        ]
    )
    assert (item["container-title"], item["volume"]) == (
        "Lakeland Multidisciplinary Academic Journal",
        "20",
    )


@pytest.mark.parametrize("container", ["Lakeland Ferry Conference 2019", "Ferry Notes 20"])
def test_a_year_or_a_non_journal_name_keeps_its_number(container: str) -> None:
    item = item_of(
        [
            ("author", "Tarn, Z."),
            ("date", "2019."),
            ("title", "“Ferry Lives.”"),
            ("container", f"In {container}."),
        ]
    )
    assert item.get("container-title", item.get("genre")) == container


# --- notes-style web references: body, title, date, link -------------------------------------


def test_a_body_and_a_bare_year_with_a_full_stop_open_the_reference() -> None:
    got = relabel(
        [
            ("title", "Harbour Rights Watch 2019. World Ferry Report 2019: Lakeland."),
            ("note", "URL:"),
            ("url", "https://hrw.example.org/2019"),
        ]
    )
    assert got[:3] == [
        ("author", "Harbour Rights Watch"),
        ("date", "2019."),
        ("title", "World Ferry Report 2019: Lakeland."),
    ]


def test_an_acronym_and_a_colon_opening_the_reference_are_its_author() -> None:
    got = relabel([("title", "LFO: Forced labour on ferries,"), ("url", "http://lfo.example/x")])
    assert got[:2] == [("author", "LFO:"), ("title", "Forced labour on ferries,")]


def test_a_publisher_run_before_only_a_link_is_the_missing_title() -> None:
    got = relabel(
        [
            ("author", "Walk Safe Foundation"),
            ("date", "(2018),"),
            ("publisher", "Global Ferry Index,"),
            ("url", "www.ferryindex.example.org"),
        ]
    )
    assert got[2] == ("title", "Global Ferry Index,")


def test_a_publisher_run_naming_a_body_stays_when_no_title_was_found() -> None:
    got = relabel(
        [
            ("author", "Walk Safe Foundation"),
            ("date", "(2018),"),
            ("publisher", "Harbour Press,"),
            ("url", "www.ferryindex.example.org"),
        ]
    )
    assert got[2] == ("publisher", "Harbour Press,")


def test_a_body_then_a_title_in_one_author_run_are_split() -> None:
    got = relabel(
        [
            ("author", "The Ferry Bank Group, Lakeland Overview,"),
            ("url", "https://ferrybank.example.org/lakeland"),
        ]
    )
    assert got[:2] == [("author", "The Ferry Bank Group,"), ("title", "Lakeland Overview,")]


@pytest.mark.parametrize(
    "author",
    ["Government of Lakeland, Ministry of Ferries,", "Lakeland Ferry Office, Tarn, J. A.,"],
)
def test_an_author_run_of_bodies_or_names_is_not_split(author: str) -> None:
    got = relabel([("author", author), ("date", "2019.")])
    assert got[0] == ("author", author)


def test_a_question_mark_inside_a_place_run_closes_the_title() -> None:
    got = relabel(
        [
            ("author", "Tarn, K."),
            ("date", "(1987)"),
            ("title", "Ferries of Lakeland: Two Steps Forward,"),
            ("location", "One Step Back? London:"),
            ("publisher", "Hill Books."),
        ]
    )
    assert got[2:4] == [
        ("title", "Ferries of Lakeland: Two Steps Forward, One Step Back?"),
        ("location", "London:"),
    ]


def test_a_news_outlet_with_a_month_date_is_the_container() -> None:
    item = item_of(
        [
            ("author", "Tarn, Zia."),
            ("title", "“Harbour Gangs.”"),
            ("publisher", "Lakeland Herald,"),
            ("date", "December 2013."),
        ]
    )
    assert item.get("container-title") == "Lakeland Herald"
    assert item["type"] == "article-newspaper"


def test_a_title_with_a_small_word_after_the_body_s_comma_is_split_off() -> None:
    got = relabel(
        [
            ("author", "Harbour Watch and Ferry International, Joint Statement on Lakeland,"),
            ("date", "12 May 2019."),
        ]
    )
    assert got[:2] == [
        ("author", "Harbour Watch and Ferry International,"),
        ("title", "Joint Statement on Lakeland,"),
    ]


def test_a_note_opening_with_in_after_the_title_is_the_container() -> None:
    got = relabel(
        [
            ("author", "Tarn, R."),
            ("date", "2012."),
            ("title", "Women at sea."),
            ("note", "In: Lakeland Ferry Report 2011."),
            ("location", "Oslo:"),
            ("publisher", "LFO,"),
            ("pages", "55-70."),
        ]
    )
    assert got[3] == ("container", "In: Lakeland Ferry Report 2011.")


def test_a_note_naming_editors_after_in_is_left_to_the_crf() -> None:
    got = relabel(
        [
            ("author", "Tarn, R."),
            ("date", "2012."),
            ("title", "Women at sea."),
            ("note", "In: Ella Moss (eds) Ferry Voices."),
            ("location", "Oslo."),
        ]
    )
    assert got[3][0] == "note"


def test_the_container_is_the_first_journal_or_container_run() -> None:
    item = item_of(
        [
            ("author", "LFO"),
            ("date", "(2019)"),
            ("title", "‘Ferries and age’,"),
            ("container", "in World Ferry Report 2019,"),
            ("journal", "Booklet"),
            ("volume", "4."),
            ("location", "Oslo:"),
            ("publisher", "Lakeland Press."),
        ]
    )
    assert item["container-title"] == "World Ferry Report 2019"


def test_a_language_note_after_the_title_stays_in_it() -> None:
    item = parse_reference(
        "Ministry of Ferries (2018). National Policy on Ferry Access (in Urdu). Islamabad."
    )
    assert item["title"] == "National Policy on Ferry Access (in Urdu)"
    assert item["publisher-place"] == "Islamabad"
    assert "container-title" not in item


def test_a_trailing_medium_leaves_the_publisher() -> None:
    item = item_of(
        [
            ("author", "Ferry Bank"),
            ("date", "(2017)."),
            ("title", "Ferry Update."),
            ("location", "Oslo:"),
            ("publisher", "Ferry Bank. [PDF]"),
        ]
    )
    assert (item["publisher"], item["medium"]) == ("Ferry Bank", "PDF")


def test_a_closing_note_s_first_sentence_is_the_missing_title() -> None:
    got = relabel(
        [
            ("author", "Ministry of Ferries"),
            ("date", "(2018)."),
            ("note", "National Ferry Policy (in Urdu). Islamabad."),
        ]
    )
    assert got[2:] == [("title", "National Ferry Policy (in Urdu)."), ("location", "Islamabad.")]


@pytest.mark.parametrize(
    "note", ["Unpublished manuscript. Personal files of the author.", "Accessed 3 March 2020."]
)
def test_a_closing_note_that_is_no_title_stays_a_note(note: str) -> None:
    got = relabel([("author", "Tarn, E."), ("date", "(2018)."), ("note", note)])
    assert got[-1][0] == "note"


def test_known_places_joined_by_and_before_a_place_are_one_place() -> None:
    got = relabel(
        [
            ("title", "Lakeland Ferry Survey 2017-18."),
            ("publisher", "Islamabad, Pakistan, and Rockville,"),
            ("location", "Maryland, USA:"),
            ("publisher", "LFS and ICF,"),
            ("date", "2019."),
        ]
    )
    assert got[1] == ("location", "Islamabad, Pakistan, and Rockville, Maryland, USA:")
    assert got[2] == ("publisher", "LFS and ICF,")
