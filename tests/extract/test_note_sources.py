"""Sources a note cites besides publications: laws, interviews, correspondence, short forms."""

from __future__ import annotations

import pytest

from litreview.extract.note_sources import (
    attributions,
    communications,
    is_cross_reference,
    legal_citations,
    note_sentences,
    short_forms,
)


def _raw(units: list) -> list[str]:  # type: ignore[type-arg]
    return [u.raw for u in units]


def test_each_law_and_code_section_is_a_source() -> None:
    text = (
        "6 U.S.C. §§ 251, 557; 8 U.S.C. § 1182(d)(5)(A). See Pub. L. No. 117-128, 136 Stat. "
        "1211; 28 C.F.R. § 36.406; Exec. Order 14238, 90 Fed. Reg. 13043 (March 2025)."
    )
    assert _raw(legal_citations(text)) == [
        "6 U.S.C. §§ 251, 557",
        "8 U.S.C. § 1182(d)(5)(A)",
        "Pub. L. No. 117-128, 136 Stat. 1211",
        "28 C.F.R. § 36.406",
        "Exec. Order 14238, 90 Fed. Reg. 13043",  # the order, where it was printed
    ]


def test_a_codification_is_the_same_law() -> None:
    text = "Pub. L. No. 108-81 § 104, 117 Stat. 991, 997 (codified 20 U.S.C. § 9109)."
    assert _raw(legal_citations(text)) == ["Pub. L. No. 108-81"]


def test_cases_and_parliamentary_papers() -> None:
    text = (
        "Memorandum and Order, _Rhode Island v. Trump_, No. 1:25-cv-00128 (D.R.I. Nov. 21, "
        "2025). H.R. Rep. 117-403, at 312."
    )
    assert len(legal_citations(text)) == 2


def test_one_interview_source_per_actor() -> None:
    text = (
        "Rates fell, according to ORR officials. In July, officials said ORR resumed. "
        "DHS officials told us that it was so."
    )
    assert _raw(attributions(text)) == ["ORR officials", "DHS officials"]


def test_generic_officials_count_once_when_no_one_is_named() -> None:
    assert _raw(attributions("Fees rose, according to officials. Officials said so.")) == [
        "officials"
    ]


def test_a_body_alone_counts_only_without_a_document() -> None:
    text = "According to IMLS, the program ended."
    assert _raw(attributions(text)) == ["IMLS"]
    assert attributions(text, documents=True) == []


def test_representatives_from_a_place() -> None:
    text = "Representatives from two Tribes we visited said that storage lacks controls."
    assert len(attributions(text)) == 1


def test_communications_have_their_csl_type() -> None:
    assert communications("Conversation between CRS and A.O. Courts on April 1, 2016.")[
        0
    ].csl_type == ("personal_communication")
    assert communications("07TOKYO1028.")[0].csl_type == "personal_communication"
    assert communications("Interview with a shelter manager, 3 May 2019.")[0].csl_type == (
        "interview"
    )
    assert communications("The survey was long.") == []


@pytest.mark.parametrize(
    "note",
    [
        "Interview, police officer, Lahore, 14 March 2021.",
        "Interview no. 12, shelter manager, 2019.",
        "Author’s interview with a district judge, May 2020.",
        "Key informant interview, NGO worker, Karachi.",
        "Telephone interview, health official, 3 June 2018.",
        "Focus group discussion with women traders, Quetta, 2022.",
    ],
)
def test_interviews_as_qualitative_studies_cite_them(note: str) -> None:
    """The usual shapes of a note citing an interview or a focus group: an interview, not a
    publication to parse."""
    assert [c.csl_type for c in communications(note)] == ["interview"]


@pytest.mark.parametrize(
    "note",
    [
        "Smith, J. (2019) Interviewing victims of crime. London: Sage.",
        "Patel, R. (2020) ‘The focus of group work’, Social Work Review, 4(2), pp. 1–9.",
        "See the interview guide in appendix II.",
    ],
)
def test_works_about_interviews_are_not_interviews(note: str) -> None:
    assert communications(note) == []


def test_cross_references_point_inside_the_document() -> None:
    assert is_cross_reference("See appendix IV for information on these studies.")
    assert is_cross_reference("See app. I for our methods.")
    assert not is_cross_reference("We counted boats.")


def test_short_forms_name_a_document_by_its_number() -> None:
    assert _raw(short_forms("GAO-23-106124.")) == ["GAO-23-106124"]
    assert _raw(short_forms("FNS Instruction 800-2. FNS considers them makers.")) == [
        "FNS Instruction 800-2"
    ]
    assert short_forms("In 2019 the survey closed.") == []


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = "See Pub. L. No. 117-128, 136 Stat. 1211. We reported it. J. Smith agreed."
    assert [text[a:b] for a, b in note_sentences(text)] == [
        "See Pub. L. No. 117-128, 136 Stat. 1211.",
        "We reported it.",
        "J. Smith agreed.",
    ]


def test_a_law_keeps_its_pinpoints_and_ids_count_apart() -> None:
    text = (
        "Pub. L. 119-75, div. B, tit. IV (2026). The Director serves 4 years. 20 U.S.C. § "
        "9103(a). The Board advises. _Id._ § 9105a(b)(1). Members serve 5 years. _Id._ § 9105a(c)."
    )
    assert _raw(legal_citations(text)) == [
        "Pub. L. 119-75, div. B, tit. IV (2026)",
        "20 U.S.C. § 9103(a)",
        "Id. § 9105a(b)(1)",
        "Id. § 9105a(c)",
    ]


def test_a_list_of_sections_stops_before_another_code() -> None:
    assert _raw(legal_citations("See 20 U.S.C. § 9172(1), 2 C.F.R. § 3187.3.")) == [
        "20 U.S.C. § 9172(1)",
        "2 C.F.R. § 3187.3",
    ]


def test_other_forms_of_laws_cases_and_state_codes() -> None:
    text = (
        "P.L. 114-274; 47 U.S.C.§161 (Prometheus Radio vs. F.C.C., 373 F.3d 372 (3rd Cir. "
        "2004)). See Maryland Commercial Law Code §13-310.1 and Georgia Code Annotated "
        "§43-4B-28(a)(3)."
    )
    assert _raw(legal_citations(text)) == [
        "P.L. 114-274",
        "47 U.S.C.§161",
        "Prometheus Radio vs. F.C.C., 373 F.3d 372 (3rd Cir. 2004)",
        "Maryland Commercial Law Code §13-310.1",
        "Georgia Code Annotated §43-4B-28(a)(3)",
    ]


def test_a_case_by_its_name_and_year_with_the_paper_cited() -> None:
    text = (
        "United States v. Live Nation (2024) complaint, pp. 102-104; United States v. Live "
        "Nation (2024) amended complaint, pp. 137-139. In Louisiana v. Callais (2025) it held."
    )
    assert _raw(legal_citations(text)) == [
        "United States v. Live Nation (2024) complaint",
        "United States v. Live Nation (2024) amended complaint",
        "Louisiana v. Callais (2025)",
    ]


def test_a_case_by_its_docket_number_with_a_database_citation_and_pin_page() -> None:
    """Bluebook's form of a case reported only in a database (Westlaw, Lexis): the docket
    number, the database's citation and a starred pin page before the court and date, in a
    note of prose; a signal before a case (``E.g.,``, ``See also``) is not its name."""
    text = (
        "Reviews may not be sought concurrently. 38 U.S.C. §5104C(a)(2); Hundley v. "
        "McDonough, No. 21-2419, 2022 WL 593766, at *2 (Vet. App. February 28, 2022) "
        '("Because the veteran is barred ..."). E.g., Van Loon v. Dep\'t of Treasury, 688 '
        "F. Supp. 3d 454, 470–71 (W.D. Tex. 2023); see also Hughes v. Talen Energy Mktg., "
        "LLC, 578 U.S. 150, 162–63 (2016)."
    )
    assert _raw(legal_citations(text)) == [
        "38 U.S.C. §5104C(a)(2)",
        "Hundley v. McDonough, No. 21-2419, 2022 WL 593766, at *2 (Vet. App. February 28, 2022)",
        "Van Loon v. Dep't of Treasury, 688 F. Supp. 3d 454, 470–71 (W.D. Tex. 2023)",
        "Hughes v. Talen Energy Mktg., LLC, 578 U.S. 150, 162–63 (2016)",
    ]


def test_parliamentary_records_rules_and_documents() -> None:
    text = (
        "Pursuant to House Rule I, clause 8(b)(3). See Congressional Record, daily edition, "
        "vol. 169 (October 3, 2023), p. H4978; H.Doc. No. 115-62."
    )
    assert _raw(legal_citations(text)) == [
        "House Rule I, clause 8(b)(3)",
        "Congressional Record, daily edition, vol. 169 (October 3, 2023), p. H4978",
        "H.Doc. No. 115-62",
    ]


def test_a_number_with_publication_facts_is_a_work_and_a_link_around_it_the_whole() -> None:
    from litreview.extract.note_sources import numbered_in_prose

    prose = "In our report, Title, ABC-04-657 (Washington, D.C.: June 1, 2004) we discuss it."
    assert [u.raw for u in numbered_in_prose(prose)] == [
        "ABC-04-657 (Washington, D.C.: June 1, 2004)"
    ]
    linked = "ABC, _Title_ [, ABC-23-106124 (Washington, D.C.: Oct. 28, 2022).](https://x.org/a)"
    (unit,) = numbered_in_prose(linked)
    assert unit.raw.startswith("[, ABC-23") and unit.raw.endswith("(https://x.org/a)")
    assert numbered_in_prose("See ABC-04-657 and table 3 (2004 data).") == []


def test_a_congressional_record_citation_keeps_its_date_and_page() -> None:
    """Its date and page say which issue and debate: they are the citation's, so two
    citations of one volume are two sources, not one 'vol. 169'."""
    from litreview.extract.note_sources import legal_citations

    text = "See Congressional Record, daily edition, vol. 169 (October 3, 2023), p. H4978. See"
    assert [u.raw for u in legal_citations(text)] == [
        "Congressional Record, daily edition, vol. 169 (October 3, 2023), p. H4978"
    ]
    other = "Cong. Rec. vol. 170, no. 39 (March 5, 2024), pp. S1399-S1400."
    assert [u.raw for u in legal_citations(other)] == [other.rstrip(".")]


def test_records_cited_by_their_archive_and_place_in_it() -> None:
    """Archives' citation shapes (data/note_sources.yaml: the U.S. National Archives by
    record group, the UK's by department and piece, a manuscript division): each a source
    from the archive's name to the end of its sentence; initials do not end it."""
    from litreview.extract.note_parts import explanatory_parts
    from litreview.extract.note_sources import archival_citations

    text = (
        "Telegram 123 from London, May 2, 1951; TNA, FO 371/90123. See also records on "
        "printing in NARA, RG 59, Numerical and Minor Files, 1906–1910, M862, Roll 211. "
        "Compare Library of Congress, Manuscript Division, Papers of W. A. Harriman, Box 3."
    )
    assert _raw(archival_citations(text)) == [
        "TNA, FO 371/90123",
        "NARA, RG 59, Numerical and Minor Files, 1906–1910, M862, Roll 211",
        "Library of Congress, Manuscript Division, Papers of W. A. Harriman, Box 3",
    ]
    note = (
        "34 Stat. 697, June 30, 1906, p. 762. See also records concerning printing in NARA, "
        "RG 59, Numerical and Minor Files of the Department of State, M862, Roll 211."
    )
    parts, kind = explanatory_parts(note)
    assert kind == "note" and len(parts) == 2
    assert parts[1].raw.startswith("NARA, RG 59, Numerical and Minor Files")
