"""From labelled segments to CSL fields: each label's normaliser, nothing moved between
fields."""

from __future__ import annotations

import pytest

from litreview.extract.refparse_fields import Segment, build_fields


def _segments(*parts: tuple[str, str]) -> list[Segment]:
    """Segments with offsets into the parts joined by spaces."""
    out, pos = [], 0
    for label, text in parts:
        out.append(Segment(label, text, pos, pos + len(text)))
        pos += len(text) + 1
    return out


def test_journal_article() -> None:
    item = build_fields(
        _segments(
            ("author", "Lee, H. and Park, S."),
            ("date", "(2021)."),
            ("title", "Mapping informal credit."),
            ("journal", "Journal of Finance Studies,"),
            ("volume", "12(3),"),
            ("pages", "45-67."),
            ("doi", "https://doi.org/10.1234/jfs.2021.003"),
        )
    )
    assert item == {
        "author": [{"family": "Lee", "given": "H."}, {"family": "Park", "given": "S."}],
        "issued": {"date-parts": [[2021]]},
        "title": "Mapping informal credit",
        "container-title": "Journal of Finance Studies",
        "volume": "12",
        "issue": "3",
        "page": "45-67",
        "DOI": "10.1234/jfs.2021.003",
    }


def test_report_with_number_place_and_a_later_full_date() -> None:
    item = build_fields(
        _segments(
            ("author", "River Board,"),
            ("date", "2019,"),
            ("title", "“Delta Fisheries”,"),
            ("number", "RB-19-04"),
            ("location", "(Lisbon:"),
            ("publisher", "River Board,"),
            ("date", "4 May 2019)."),
        )
    )
    assert item["author"] == [{"literal": "River Board"}]
    assert item["issued"] == {"date-parts": [[2019, 5, 4]]}
    assert (item["title"], item["number"]) == ("Delta Fisheries", "RB-19-04")
    assert (item["publisher-place"], item["publisher"]) == ("Lisbon", "River Board")


def test_access_note_gives_accessed_and_other_notes_stay() -> None:
    item = build_fields(
        _segments(
            ("title", "Harbour statistics."),
            ("note", "Accessed 3 March 2020."),
            ("url", "https://e.org/harbour"),
            ("note", "(site discontinued)."),
        )
    )
    assert item["accessed"] == {"date-parts": [[2020, 3, 3]]}
    assert item["URL"] == "https://e.org/harbour"
    assert item["note"] == "site discontinued"
    assert "issued" not in item


def test_the_first_of_two_segments_wins() -> None:
    item = build_fields(_segments(("publisher", "A Press;"), ("publisher", "B Press.")))
    assert item == {"publisher": "A Press"}


def test_a_vancouver_locator_gives_its_year_whatever_label_it_has() -> None:
    """ "2019;14(3):153-60" labelled volume (or pages, or date) as one run still gives the
    year, volume, issue and pages; a date of its own is kept first."""
    for label in ("volume", "pages", "date"):
        item = build_fields(
            _segments(
                ("author", "Bbosa N, Kaleebu P."),
                ("title", "HIV subtype diversity worldwide."),
                ("journal", "Curr Opin HIV AIDS."),
                (label, "2019;14(3):153-60."),
            )
        )
        assert (item["issued"], item["volume"], item["issue"], item["page"]) == (
            {"date-parts": [[2019]]},
            "14",
            "3",
            "153-60",
        ), label
    item = build_fields(_segments(("date", "2018."), ("volume", "2019;14(3):153-60.")))
    assert item["issued"] == {"date-parts": [[2018]]}


def test_a_locator_run_the_model_cut_after_its_date_is_read_whole() -> None:
    """NLM's ``2011 Jan 4;8(1):e1000368``, the model's date ending before the day (the rest a
    note) or before the month (the rest pages): the date, volume, issue and pages."""
    cuts = [
        (("date", "2011 Jan"), ("note", "4;8(1):e1000368.")),
        (("date", "2011"), ("pages", "Jan 4;8(1):e1000368.")),
    ]
    for cut in cuts:
        item = build_fields(_segments(("journal", "Coast Res."), *cut))
        assert (item["issued"], item["volume"], item["issue"], item["page"]) == (
            {"date-parts": [[2011, 1, 4]]},
            "8",
            "1",
            "e1000368",
        ), cut
    # a date and a segment that make no run together stay apart
    item = build_fields(_segments(("date", "2011."), ("note", "Accessed 4 May 2012.")))
    assert item["issued"] == {"date-parts": [[2011]]}


def test_a_web_address_in_a_title_segment_is_the_works_link() -> None:
    """A title is never a link: the model's title '“Title” https://...' gives the title
    without the address and the address as the URL (the labelled segments are kept)."""
    text = "“Protecting Collections” https://www.imls.gov/pubs/protecting (Washington)"
    segments = [
        Segment("title", text[:61], 0, 61),
        Segment("location", text[61:], 61, len(text)),
    ]
    item = build_fields(segments)
    assert item["title"] == "Protecting Collections"
    assert item["URL"] == "https://www.imls.gov/pubs/protecting"
    plain = build_fields([Segment("title", "Floods of the delta", 0, 19)])
    assert plain["title"] == "Floods of the delta" and "URL" not in plain


def test_a_locator_and_a_status_run_into_a_journal_name_are_cut_out() -> None:
    """A container's name never holds its locator or a publication status: "PLoS Med.
    2009;6(7):e1000097. Epub" labelled journal whole gives the journal, the locator's
    fields, and the status as a note."""
    item = build_fields(
        _segments(
            ("author", "Moher D, Altman DG."),
            ("title", "Preferred reporting items."),
            ("journal", "PLoS Med. 2009;6(7):e1000097. Epub"),
            ("pages", "2009/07/22."),
        )
    )
    assert item["container-title"] == "PLoS Med"
    assert (item["issued"], item["volume"], item["issue"]) == ({"date-parts": [[2009]]}, "6", "7")
    assert item["note"] == "Epub"
    item = build_fields(_segments(("journal", "Geo-Marine Letters. Epub ahead of print.")))
    assert item == {"container-title": "Geo-Marine Letters", "note": "Epub ahead of print"}


def test_a_container_named_after_double_slashes_is_cut_from_the_title() -> None:
    """GOST and other Eastern European styles name the journal or book after ``//``."""
    item = build_fields(
        _segments(
            ("author", "Jones K., Smith J."),
            ("title", "Flood maps for planners // Water Research."),
            ("date", "2020."),
        )
    )
    assert (item["title"], item["container-title"]) == ("Flood maps for planners", "Water Research")
    # a single slash in a title is no container
    item = build_fields(_segments(("title", "Rain and/or snow: a review.")))
    assert item["title"] == "Rain and/or snow: a review" and "container-title" not in item


def test_a_volume_and_issue_in_the_words_of_portuguese_and_spanish_styles() -> None:
    item = build_fields(_segments(("journal", "Water Research,"), ("volume", "v. 170, n. 2,")))
    assert (item["volume"], item["issue"]) == ("170", "2")


def test_a_description_in_brackets_at_a_titles_end_is_its_genre() -> None:
    """APA's ``Title [Blog post]``: the description is the genre, not the title's; a
    translated title or a bracket opening in lower case stays the title's."""
    item = build_fields(_segments(("title", "How floods reshape towns [Blog post].")))
    assert (item["title"], item["genre"]) == ("How floods reshape towns", "Blog post")
    item = build_fields(_segments(("title", "Coastal towns [Unpublished master's thesis].")))
    assert (item["title"], item["genre"]) == ("Coastal towns", "Unpublished master's thesis")
    for title in ("La crue [The flood]", "Vein patterns in plants [and discussion]"):
        item = build_fields(_segments(("title", title + ".")))
        assert item["title"] == title and "genre" not in item


def test_a_publisher_after_its_place_gives_the_place() -> None:
    """``Geneva: World Health Organization`` read whole as the publisher: the place apart
    when the word lists know it; an unknown first part stays the publisher's."""
    item = build_fields(_segments(("publisher", "Geneva: World Health Organization;")))
    assert (item["publisher-place"], item["publisher"]) == ("Geneva", "World Health Organization")
    item = build_fields(_segments(("publisher", "Harbour Books: Tides Series")))
    assert item["publisher"] == "Harbour Books: Tides Series" and "publisher-place" not in item
    item = build_fields(_segments(("location", "Paris:"), ("publisher", "Bristol: Seuil")))
    assert (item["publisher-place"], item["publisher"]) == ("Paris", "Bristol: Seuil")


def test_a_gbt_type_code_is_no_part_of_the_title() -> None:
    """China's GB/T 7714 closes a title with the work's type code (``[J]``, ``[EB/OL]``)."""
    for code in ("[J]", "[M]", "[EB/OL]"):
        item = build_fields(_segments(("title", f"Urban flood risk{code}.")))
        assert item["title"] == "Urban flood risk", code
    assert build_fields(_segments(("title", "Floods [K2]")))["title"] == "Floods [K2]"


def test_a_place_after_its_publisher_and_a_publisher_after_its_place() -> None:
    """``Harbour Books, London`` read as the publisher, ``Issy-les-Moulineaux: Masson`` as
    the place: each field gets its own part."""
    item = build_fields(_segments(("publisher", "Harbour Books, London,")))
    assert (item["publisher"], item["publisher-place"]) == ("Harbour Books", "London")
    item = build_fields(_segments(("location", "Issy-les-Moulineaux: Masson,")))
    assert (item["publisher-place"], item["publisher"]) == ("Issy-les-Moulineaux", "Masson")
    # a comma inside a publisher's name, and a place of digits only, stay as they are
    item = build_fields(_segments(("publisher", "Smith, Elder and Co.")))
    assert item["publisher"] == "Smith, Elder and Co" and "publisher-place" not in item


def test_a_title_keeps_the_marks_of_a_quotation_it_opens_or_closes_with() -> None:
    for title in ('"They Took Everything": Forced Evictions', "“Tides” and “Towns”"):
        assert build_fields(_segments(("title", title + ",")))["title"] == title
    assert build_fields(_segments(("title", "“Flood Maps,”")))["title"] == "Flood Maps"
    assert build_fields(_segments(("title", "Towns of the ’90s.")))["title"] == "Towns of the ’90s"


def test_which_editions_are_meant_and_a_year_leave_the_title() -> None:
    """``Annual Report of the Agency, 1952, and earlier editions``: the phrase is a note (the
    phrases are data) and the year the date, when the work has no date of its own."""
    item = build_fields(
        _segments(("title", "Annual Report of the Harbour Board, 1952, and earlier editions."))
    )
    assert item["title"] == "Annual Report of the Harbour Board"
    assert item["issued"] == {"date-parts": [[1952]]} and item["note"] == "and earlier editions"
    item = build_fields(_segments(("title", "Tide Tables, various issues.")))
    assert (item["title"], item["note"]) == ("Tide Tables", "various issues")
    # a work dated elsewhere keeps the year of its title
    item = build_fields(_segments(("title", "Census of Harbours, 1951."), ("date", "1953.")))
    assert item["title"] == "Census of Harbours, 1951" and item["issued"] == {
        "date-parts": [[1953]]
    }


def test_a_reports_series_and_number_read_as_a_journal_and_its_issue() -> None:
    """``Harbour Research Report No. 13`` labelled a journal and an issue: the series and the
    number; a document number read as a volume in a work with no journal is its number; a
    link read into a number is the work's link."""
    item = build_fields(
        _segments(("title", "Tides."), ("journal", "Harbour Research Report"), ("volume", "No. 13"))
    )
    assert (item["collection-title"], item["number"]) == ("Harbour Research Report", "13")
    assert "container-title" not in item and "issue" not in item
    item = build_fields(_segments(("title", "Tides."), ("volume", "PL 23-05")))
    assert item["number"] == "PL 23-05" and "volume" not in item
    item = build_fields(_segments(("number", "HB-26-107 https://example.org/hb-26-107")))
    assert (item["number"], item["URL"]) == ("HB-26-107", "https://example.org/hb-26-107")
    # a journal's issue stays one
    item = build_fields(
        _segments(("journal", "Coast Research"), ("volume", "12, no. 3"), ("pages", "1-9"))
    )
    assert (item["container-title"], item["volume"], item["issue"]) == ("Coast Research", "12", "3")


def test_a_title_before_the_date_of_a_work_naming_nobody_is_its_author() -> None:
    """``Body (2000). Title.`` read as two titles: the first is the author, the second the
    work's title (before, the second was dropped)."""
    item = build_fields(
        _segments(
            ("title", "Agence des rivières du nord"),
            ("date", "(2014)."),
            ("title", "Crues et villes riveraines."),
            ("location", "Lyon:"),
            ("publisher", "Presses du fleuve."),
        )
    )
    assert item["author"] == [{"literal": "Agence des rivières du nord"}]
    assert item["title"] == "Crues et villes riveraines"
    assert item["issued"] == {"date-parts": [[2014]]}
    numbered = build_fields(
        _segments(
            ("citation-number", "4."),
            ("title", "Tide Board"),
            ("date", "2019."),
            ("title", "Harbour levels."),
        )
    )
    assert numbered["title"] == "Harbour levels" and "author" in numbered


def test_two_titles_stay_titles_when_a_person_is_named_or_no_date_stands_between() -> None:
    signed = build_fields(
        _segments(
            ("author", "Roe, A."),
            ("title", "Tide Board"),
            ("date", "2019."),
            ("title", "Harbour levels."),
        )
    )
    assert signed["title"] == "Tide Board" and signed["author"] == [
        {"family": "Roe", "given": "A."}
    ]
    undated = build_fields(_segments(("title", "Harbour levels."), ("title", "Second part.")))
    assert undated == {"title": "Harbour levels"}


def test_a_quoted_title_takes_back_a_year_or_place_read_inside_it() -> None:
    item = build_fields(
        _segments(
            ("author", "A. Roe,"),
            ("title", "« Les crues de la Loire avant"),
            ("date", "1914 :"),
            ("title", "un fleuve sans digues »,"),
            ("journal", "Revue des rivières,"),
            ("date", "mars 2007,"),
            ("pages", "p. 29-44."),
        )
    )
    assert item["title"] == "Les crues de la Loire avant 1914 : un fleuve sans digues"
    assert item["container-title"] == "Revue des rivières"
    assert item["issued"] == {"date-parts": [[2007, 3]]}
    place = build_fields(
        _segments(
            ("title", "“Tide Tables for the Port of"),
            ("location", "Harwich, Essex,”"),
            ("publisher", "Harbour Board."),
        )
    )
    assert place["title"] == "Tide Tables for the Port of Harwich, Essex"
    assert place["publisher"] == "Harbour Board" and "publisher-place" not in place
    # straight quotes, as CRS and GAO notes write them: the mark that opens also closes
    straight = build_fields(
        _segments(
            ("author", "Ann Roe,"),
            ("title", '"Who Pays for Tides? Costs'),
            ("author", 'and Prices," Harbour Board'),
            ("date", "2014,"),
        )
    )
    assert straight["title"] == "Who Pays for Tides? Costs and Prices"
    assert straight["author"][-1] == {"literal": "Harbour Board"}
    closed = build_fields(_segments(("title", '"Tides," and'), ("author", "Roe, A.")))
    assert closed["author"] == [{"family": "Roe", "given": "A."}]


def test_a_quotation_closing_in_a_journal_or_an_edition_leaves_it_there() -> None:
    item = build_fields(
        _segments(
            ("title", "“Tides and towns."),
            ("journal", "Coastal Review”."),
            ("pages", "1932;40(4):635-36."),
        )
    )
    assert item["container-title"].startswith("Coastal Review")
    edition = build_fields(_segments(("title", "“Flood tables,"), ("edition", "2nd ed.”")))
    assert edition["title"].startswith("Flood tables") and "2nd" not in edition["title"]


def test_a_title_after_editors_introduced_by_in_is_the_book() -> None:
    item = build_fields(
        _segments(
            ("author", "Roe A."),
            ("date", "2013."),
            ("title", "Tides of the estuary."),
            ("editor", "In: Doe B, Poe C, editors."),
            ("title", "Rivers and their towns."),
            ("location", "Cambridge:"),
            ("publisher", "Harbour Press."),
        )
    )
    assert item["title"] == "Tides of the estuary"
    assert item["container-title"] == "Rivers and their towns"
    assert [e["family"] for e in item["editor"]] == ["Doe", "Poe"]
    named = build_fields(
        _segments(
            ("title", "Tides."),
            ("editor", "In: Doe B, editor."),
            ("title", "Second."),
            ("journal", "Coastal Review."),
        )
    )
    assert named["container-title"] == "Coastal Review" and named["title"] == "Tides"


def test_a_year_opening_a_subtitle_stays_in_the_title() -> None:
    item = build_fields(
        _segments(
            ("author", "River Panel"),
            ("date", "(2007)"),
            ("title", "Floods"),
            ("date", "2007:"),
            ("title", "Towns on the Water."),
            ("location", "Cambridge:"),
            ("publisher", "Harbour Press."),
        )
    )
    assert item["title"] == "Floods 2007: Towns on the Water"
    assert item["issued"] == {"date-parts": [[2007]]}
    dated = build_fields(
        _segments(("author", "Roe A."), ("title", "Floods."), ("date", "2007."), ("title", "T."))
    )
    assert dated["title"] == "Floods" and dated["issued"] == {"date-parts": [[2007]]}


def test_a_lower_case_in_after_a_title_word_stays_in_the_title() -> None:
    joined = build_fields(
        _segments(
            ("author", "Roe, A."),
            ("date", "(2003)."),
            ("title", "Floods and Farming"),
            ("container", "in the Delta. A survey,"),
            ("url", "http://example.org/d.pdf"),
        )
    )
    assert joined["title"] == "Floods and Farming in the Delta. A survey"
    assert "container-title" not in joined
    for title, container in (("Floods and Farming.", "in Delta Studies."), ("Floods,", "in B.")):
        apart = build_fields(_segments(("title", title), ("container", container)))
        assert apart["title"] == title.rstrip(".,"), apart
        assert apart["container-title"] == container.removeprefix("in ").rstrip("."), apart
    upper = build_fields(_segments(("title", "Floods"), ("container", "In Delta Studies")))
    assert upper["container-title"] == "Delta Studies"


def test_a_title_cut_inside_a_phrase_takes_back_the_words_before_the_next_mark() -> None:
    item = build_fields(
        _segments(
            ("author", "Harbour Board."),
            ("date", "2005."),
            ("title", "Siting of a Municipal Solid"),
            ("publisher", "Waste Landfill Facility, Solid Waste Division."),
        )
    )
    assert item["title"] == "Siting of a Municipal Solid Waste Landfill Facility"
    assert item["publisher"] == "Solid Waste Division"
    whole = build_fields(_segments(("title", "A Talk at the Victoria"), ("note", "University.")))
    assert whole["title"] == "A Talk at the Victoria University" and "note" not in whole
    for label, text in (("journal", "Coastal Care,"), ("publisher", "(London:"), ("note", "2014.")):
        kept = build_fields(_segments(("title", "A randomized study"), (label, text)))
        assert kept["title"] == "A randomized study", kept
    marked = build_fields(_segments(("title", "Floods."), ("publisher", "Harbour Press.")))
    assert marked == {"title": "Floods", "publisher": "Harbour Press"}


def test_persons_brought_in_by_by_after_a_title_are_its_authors() -> None:
    """ "Title, by Ann Roe": at the end of the title, after a title that ends in ", by", or
    read as editors; a "by" before anything but persons' names stays in the title."""
    people = [{"family": "Roe", "given": "Ann B."}, {"family": "Lee", "given": "Mary"}]
    in_title = build_fields(
        _segments(("number", "R4100,"), ("title", "Tides in Brief, by Ann B. Roe and Mary Lee."))
    )
    assert in_title["title"] == "Tides in Brief" and in_title["author"] == people
    after = build_fields(
        _segments(("title", "Tides in Brief, by"), ("publisher", "Ann B. Roe and Mary Lee."))
    )
    assert after["title"] == "Tides in Brief" and after["author"] == people
    assert "publisher" not in after
    editors = build_fields(_segments(("title", "Tides,"), ("editor", "by Ann B. Roe.")))
    assert editors["author"] == people[:1] and "editor" not in editors
    for title in ("Crime Rates, by State", "Museums Built, by Time Period"):
        kept = build_fields(_segments(("title", title + ","), ("date", "2019.")))
        assert kept["title"] == title, kept
    signed = build_fields(
        _segments(("author", "Doe, J."), ("title", "Tides, by Ann B. Roe")),
    )
    assert signed["author"] == [{"family": "Doe", "given": "J."}]


def test_words_before_by_give_the_persons_their_role() -> None:
    """ "Title, coordinated by Ann Roe" (authors), "translated by" (translators), in the
    title or closing it before a segment "by Ann Roe"; a translator comes out of the title
    of a work that names its author, an author brought in by "by" does not."""
    roe = [{"family": "Roe", "given": "Ann B."}]
    in_title = build_fields(_segments(("title", "Tides in Brief, coordinated by Ann B. Roe.")))
    assert in_title["title"] == "Tides in Brief" and in_title["author"] == roe
    closing = build_fields(
        _segments(("title", "Tides in Brief, coordinated"), ("editor", "by Ann B. Roe."))
    )
    assert closing["title"] == "Tides in Brief" and closing["author"] == roe
    assert "editor" not in closing
    signed = build_fields(
        _segments(("author", "Doe, J."), ("title", "Tides, translated by Ann B. Roe."))
    )
    assert signed["title"] == "Tides" and signed["translator"] == roe
    assert signed["author"] == [{"family": "Doe", "given": "J."}]
    kept = build_fields(_segments(("title", "Tides, coordinated by State Agencies,")))
    assert kept["title"] == "Tides, coordinated by State Agencies"


def test_a_number_opening_the_title_of_a_work_a_genre_names_is_its_number() -> None:
    item = build_fields(_segments(("genre", "Harbour Brief"), ("title", "HB1203, Tides in Brief,")))
    assert item["number"] == "HB1203" and item["title"] == "Tides in Brief"
    coded = build_fields(_segments(("title", "COVID-19, Schools and Tides."), ("date", "2021.")))
    assert coded["title"] == "COVID-19, Schools and Tides" and "number" not in coded


def test_a_report_imprint_date_read_as_a_note_is_the_date() -> None:
    item = build_fields(
        _segments(
            ("author", "Harbour Board,"),
            ("title", "Tides in Brief,"),
            ("number", "HB-14-286"),
            ("location", "(Washington, D.C.:"),
            ("note", "Mar. 19, 2014)."),
        )
    )
    assert item["issued"] == {"date-parts": [[2014, 3, 19]]} and "note" not in item
    dated = build_fields(
        _segments(("title", "Tides,"), ("date", "2019,"), ("note", "Mar. 19, 2014).")),
    )
    assert dated["issued"] == {"date-parts": [[2019]]} and dated["note"] == "Mar. 19, 2014"
    worded = build_fields(_segments(("title", "Tides,"), ("note", "revised Mar. 19, 2014.")))
    assert "issued" not in worded


def test_a_date_closing_a_note_is_the_date_of_a_work_with_none() -> None:
    """ "Title," | Outlet, April 3, 2025: the date is cut off the note; the words before it
    are the outlet of a work cited by its quoted title, a genre in lower case, else a note.
    Not an access date, not a date the match would cut in two, not when a date was read."""
    news = build_fields(
        _segments(
            ("author", "Ann Roe,"),
            ("title", "“Tides Turn,”"),
            ("note", "Harbour Times, April 3, 2025,"),
        )
    )
    assert news["container-title"] == "Harbour Times" and "note" not in news
    assert news["issued"] == {"date-parts": [[2025, 4, 3]]}
    release = build_fields(
        _segments(("title", "“Tides Turn,”"), ("note", "press release, November 20, 2024."))
    )
    assert release["genre"] == "press release" and release["issued"] == {
        "date-parts": [[2024, 11, 20]]
    }
    numbered = build_fields(
        _segments(("title", "Tides,"), ("note", "Notice N 45.8, April 8, 2022"))
    )
    assert numbered["note"] == "Notice N 45.8" and numbered["issued"]["date-parts"] == [
        [2022, 4, 8]
    ]
    for note in ("accessed May 19, 2013.", "Review of tides, 2014 draft"):
        kept = build_fields(_segments(("title", "Tides,"), ("note", note)))
        assert "issued" not in kept, kept
    dated = build_fields(
        _segments(("title", "“Tides,”"), ("date", "2019,"), ("note", "Harbour Times, May 2, 2020"))
    )
    assert (
        dated["issued"] == {"date-parts": [[2019]]}
        and dated["note"] == "Harbour Times, May 2, 2020"
    )


def test_a_month_read_alone_takes_its_day_and_year_back() -> None:
    item = build_fields(
        _segments(("title", "Tides,"), ("date", "(Sept."), ("note", "29, 2022). See p. 4."))
    )
    assert item["issued"] == {"date-parts": [[2022, 9, 29]]}
    assert item["note"] == "See p. 4"


def test_names_give_back_the_opening_words_of_a_quoted_title() -> None:
    item = build_fields(
        _segments(("author", "Harbour Board, “Tide"), ("title", "Tables for the Port,”"))
    )
    assert item["author"] == [{"literal": "Harbour Board"}]
    assert item["title"] == "Tide Tables for the Port"
    straight = build_fields(_segments(("author", 'Ann Roe, "Tide'), ("title", 'Tables,"')))
    assert straight["title"] == "Tide Tables" and straight["author"][0]["family"] == "Roe"
    closed = build_fields(_segments(("author", "“Roe A”."), ("title", "Tides.")))
    assert closed["title"] == "Tides"


@pytest.mark.parametrize(
    "run",
    [
        "Title, by " + ", ".join(["Ann Roe"] * 3000) + " (x",
        "Title" + ", by Ann" * 3000,
        "Roe, “" * 3000,
        "Sept. " * 3000 + "29, 2022",
        "a " * 10000,
        '"' + 'a "b ' * 5000,
    ],
    ids=["by-names", "by-runs", "open-quotes", "months", "words", "opening-quote"],
)
def test_the_normalisers_read_long_runs(run: str) -> None:
    """Long runs through every pair of fields the normalisers join or cut: fields come out
    (a pattern with nested runs over commas took minutes on the first of these; none is
    left: bench_hostile.py times such strings)."""
    for first, second in [("title", "note"), ("author", "title"), ("date", "note")]:
        item = build_fields(_segments((first, run), (second, run)))
        assert item
    item = build_fields(_segments(("title", run), ("publisher", "Harbour Press.")))
    assert item["title"]


def test_a_reference_that_opens_with_a_quotation_opens_with_its_title() -> None:
    """Whatever the model read the quoted words as: the title; what follows the closing
    mark in a segment read as the title is where the work appeared."""
    item = build_fields(
        _segments(
            ("author", "“Tide Tables,” Harbour Board"),
            ("title", "of Essex,"),
            ("note", "accessed March 3, 2025,"),
            ("url", "https://e.org/t."),
        )
    )
    assert item["title"] == "Tide Tables" and item["author"] == [{"literal": "Harbour Board"}]
    run_on = build_fields(_segments(("title", "“Tide Tables,” Coastal Works,"), ("date", "2014.")))
    assert run_on["title"] == "Tide Tables" and run_on["container-title"] == "Coastal Works"
    nested = build_fields(
        _segments(
            ("title", '"Rules for "Harbour" Status."'),
        )
    )
    assert nested["title"] == 'Rules for "Harbour" Status'
    numbered = build_fields(
        _segments(("author", "“1”. “Roe A”."), ("date", "1977."), ("title", "Tides."))
    )
    assert numbered["title"] == "Tides"


def test_a_name_cut_after_a_word_no_name_ends_with_runs_on() -> None:
    item = build_fields(
        _segments(
            ("author", "National Institute for Tides and"),
            ("title", "Harbour Excellence. Evidence Update 65."),
        )
    )
    assert item["author"] == [{"literal": "National Institute for Tides and Harbour Excellence"}]
    assert item["title"] == "Evidence Update 65"
    kept = build_fields(_segments(("author", "Roe, A. and"), ("title", "tides of the port.")))
    assert kept["title"] == "tides of the port"
