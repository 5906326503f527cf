"""The legal-citation grammar: cases, codes, session laws, registers; other strings left
to the models."""

from __future__ import annotations

import pytest

from litreview.extract.refparse import parse_reference
from litreview.extract.refparse_legal import legal_fields, sources


def test_the_table_holds_the_federal_reporters_codes_and_registers() -> None:
    table = sources()
    for abbreviation, kind in {
        "U.S.": "case",
        "S.Ct.": "case",
        "F.4th": "case",
        "F.Supp.3d": "case",
        "Fed.Reg.": "regulation",
        "C.F.R.": "regulation",
        "U.S.C.": "legislation",
        "Stat.": "legislation",
    }.items():
        assert table[abbreviation] == kind


def test_a_case_gives_its_name_reporter_volume_first_page_court_and_year() -> None:
    item = legal_fields("Brown v. Bd. of Educ., 347 U.S. 483, 495 (1954).")
    assert item == {
        "type": "legal_case",
        "title": "Brown v. Bd. of Educ.",
        "container-title": "U.S.",
        "volume": "347",
        "page": "483",
        "issued": {"date-parts": [[1954]]},
    }
    item = legal_fields("See Doe v. Roe, 12 F. Supp.3d 45, 47 n.2 (S.D.N.Y. 2014) (per curiam)")
    assert item is not None
    assert (item["title"], item["container-title"], item["authority"]) == (
        "Doe v. Roe",
        "F. Supp.3d",
        "S.D.N.Y.",
    )


def test_a_docket_number_and_a_full_date() -> None:
    item = legal_fields("Doe v. Noem, No. 25-CV-10495 (D. Mass. May 28, 2025).")
    assert item is not None
    assert item["number"] == "25-CV-10495"
    assert item["authority"] == "D. Mass."
    assert item["issued"] == {"date-parts": [[2025, 5, 28]]}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "42 U.S.C. § 1983",
            {"type": "legislation", "container-title": "U.S.C.", "volume": "42", "section": "1983"},
        ),
        (
            "21 C.F.R. § 201.57(c)(2) (2024).",
            {
                "type": "regulation",
                "container-title": "C.F.R.",
                "volume": "21",
                "section": "201.57(c)(2)",
                "issued": {"date-parts": [[2024]]},
            },
        ),
        (
            "Infrastructure Investment and Jobs Act, Pub. L. No. 117-58, 135 Stat. 429 (2021)",
            {
                "type": "legislation",
                "title": "Infrastructure Investment and Jobs Act",
                "container-title": "Stat.",
                "volume": "135",
                "page": "429",
                "number": "117-58",
                "issued": {"date-parts": [[2021]]},
            },
        ),
        (
            "86 Fed. Reg. 7009 (Jan. 25, 2021)",
            {
                "type": "regulation",
                "container-title": "Fed. Reg.",
                "volume": "86",
                "page": "7009",
                "issued": {"date-parts": [[2021, 1, 25]]},
            },
        ),
    ],
)
def test_codes_laws_and_registers(raw: str, expected: dict) -> None:
    assert legal_fields(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Smith, J. (2009). Policing in the city. Journal of Law, 12, 100-110.",
        "Brown v. Board of Education at sixty. Harvard Law Review 127 (2014): 1-40.",
        "UNODC (2010) World Drug Report 2010. Vienna: United Nations.",
        "21 U.S.C. § 331 and the cases that followed it, a history, by J. Smith (2001).",
        # a year, then a journal and its volume: the astronomers' order, not a law review's
        "Beck, R., et al., 1996, Ann. Rev. Astron. Astrophys., 34, 155",
        "Bonaldi, A., Battye, R., & Brown, M. L. 2014, Astrophys. J., 786, 88",
        # a journal read by its shape alone needs its year in brackets
        "2011 Eur. J. Phys. 32 1007",
        # a journal's name first, then volume and pages
        "Roe A. A title. J. Law Econ. 2001;14:331-40.",
    ],
)
def test_other_references_are_left_to_the_models(raw: str) -> None:
    assert legal_fields(raw) is None


def test_the_parser_reads_a_case_by_the_grammar() -> None:
    item = parse_reference("Medtronic, Inc. v. Lohr, 518 U.S. 470, 486 (1996)")
    assert item["type"] == "legal_case"
    assert item["title"] == "Medtronic, Inc. v. Lohr"
    assert (item["container-title"], item["volume"], item["page"]) == ("U.S.", "518", "470")


@pytest.mark.parametrize(
    "tail",
    [
        ' (explaining that "the statute as a whole" (citation omitted).',
        ' (Kagan, J., concurring) (reading the law\'s "text (and structure").',
    ],
)
def test_a_case_whose_explanatory_parenthetical_is_left_open_is_a_case(tail: str) -> None:
    """A note's text that lost a closing parenthesis (a page break, a copy) still gives the
    case: the parenthetical left open runs to the end as its notes."""
    item = legal_fields("Medtronic, Inc. v. Lohr, 518 U.S. 470, 486 (1996)" + tail)
    assert item is not None
    assert (item["title"], item["container-title"], item["volume"], item["page"]) == (
        "Medtronic, Inc. v. Lohr",
        "U.S.",
        "518",
        "470",
    )


def test_a_note_that_goes_on_after_the_citation_keeps_the_citation() -> None:
    item = legal_fields("42 U.S.C. § 1983 (2018). The section gives a remedy against officials.")
    assert item is not None
    assert (item["container-title"], item["section"]) == ("U.S.C.", "1983")


def test_a_note_that_leads_in_with_prose_and_a_signal_names_the_cited_case() -> None:
    item = legal_fields(
        "Courts have read the clause narrowly. See also Roe v. Doe, 410 F.3d 1, 5 (1st Cir. "
        "2005). Later courts followed it."
    )
    assert item is not None
    assert (item["title"], item["volume"], item["page"]) == ("Roe v. Doe", "410", "1")


def test_prose_before_a_citation_without_a_signal_is_no_name() -> None:
    raw = (
        "The agency has long held that the clause reaches every claim that a state court"
        " might hear about the labelling of a product sold across state lines, whatever its"
        " form, Roe v. Doe, 410 F.3d 1, 5 (1st Cir. 2005)."
    )
    assert legal_fields(raw) is None


def test_the_first_citation_of_a_string_of_them_is_the_work() -> None:
    item = legal_fields("Roe v. Doe, 410 F.3d 1, 5 (1st Cir. 2005); see also 21 U.S.C. § 331.")
    assert item is not None
    assert (item["title"], item["container-title"], item["authority"]) == (
        "Roe v. Doe",
        "F.3d",
        "1st Cir.",
    )


def test_a_docket_citation_after_long_prose_is_no_name() -> None:
    raw = (
        "Courts have long held that a claim which turned on whether the drugs the defendant"
        " sold qualified for an exception from approval was preempted, as the court did in"
        " Doe v. Poe, No. 21-1234 (D. Mass. Jan. 5, 2022)."
    )
    assert legal_fields(raw) is None


def test_long_runs_after_a_citation_are_no_citation() -> None:
    """A run of digits after a register's page (once one reading per way of cutting it:
    30 digits took 2.5 s; the time is measured by benchmarks/bench_hostile.py), a string of
    public laws in prose, and a string longer than any citation are left to the models."""
    from litreview.extract.refparse_legal import MAX_LEGAL_CHARS

    assert legal_fields("85 Fed. Reg. 1" + "1" * 60 + " x") is None
    assert legal_fields(" ".join(["Pub. L. No. 1-1 x."] * 2_000)) is None
    case = "Medtronic, Inc. v. Lohr, 518 U.S. 470 (1996)"
    assert legal_fields(case + " (quoting a brief)") is not None
    assert legal_fields(case + " (" + "quoting " * (MAX_LEGAL_CHARS // 8) + ")") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Clean Air Act Amendments of 1990, Pub L. No. 101-549, 104 Stat. 2399.",
            {
                "type": "legislation",
                "title": "Clean Air Act Amendments of 1990",
                "container-title": "Stat.",
                "volume": "104",
                "page": "2399",
                "number": "101-549",
            },
        ),
        ("P.L. 116-260 (2020).", {"number": "116-260", "issued": {"date-parts": [[2020]]}}),
        (
            "Pub. L. No. 117-169, tit. I, § 13101 (2022).",
            {"number": "117-169", "issued": {"date-parts": [[2022]]}},
        ),
        (
            "Federal Water Pollution Control Act Amendments (1972) Public Law 92–500.",
            {
                "title": "Federal Water Pollution Control Act Amendments",
                "number": "92–500",
                "issued": {"date-parts": [[1972]]},
            },
        ),
    ],
)
def test_a_public_law_however_spelled_and_with_its_parts(raw: str, expected: dict) -> None:
    """ "Pub L." without its point, "P.L.", "Public Law"; divisions, titles and sections
    after the number (pinpoints: no field of the work); a name's bracketed year."""
    item = legal_fields(raw)
    assert item is not None
    assert item["type"] == "legislation"
    assert {k: item.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Junk Fee Prevention Act, H.R. 6430, 118th Cong. (2023).",
            {
                "title": "Junk Fee Prevention Act",
                "number": "H.R. 6430",
                "chapter-number": "118th Cong.",
                "issued": {"date-parts": [[2023]]},
            },
        ),
        (
            "S. 430, 119th Cong., 1st Sess. (2025).",
            {"number": "S. 430", "chapter-number": "119th Cong., 1st Sess."},
        ),
        (
            "Clean Water Restoration Act (2009) H.R. 5088 § 4.",
            {"title": "Clean Water Restoration Act", "number": "H.R. 5088"},
        ),
    ],
)
def test_a_bill_gives_its_number_congress_and_year(raw: str, expected: dict) -> None:
    item = legal_fields(raw)
    assert item is not None
    assert item["type"] == "bill"
    assert {k: item.get(k) for k in expected} == expected


def test_a_one_letter_bill_prefix_needs_its_congress() -> None:
    """ "S. 2019" after a name is as often an initial and a year as a bill."""
    assert legal_fields("Smith, J. and Brown, S. 2019.") is None
    assert legal_fields("Brown, S. 281 (2019).") is None
    item = legal_fields("Brown Act, S. 281, 116th Cong. (2019).")
    assert item is not None and item["number"] == "S. 281"


def test_a_uk_act_gives_its_name_year_and_chapter() -> None:
    item = legal_fields("Human Rights Act 1998, c. 42, s. 3 (UK).")
    assert item == {
        "type": "legislation",
        "title": "Human Rights Act 1998",
        "number": "c. 42",
        "issued": {"date-parts": [[1998]]},
    }
    assert legal_fields("Equality Act 2010, c. 15. A law of the United Kingdom.") is None


def test_the_kind_of_court_document_before_a_case_is_its_genre() -> None:
    item = legal_fields(
        "Order, Alpha Corp. v. Beta LLC, No. 3:21-cv-01234 (N.D. Cal. Mar. 3, 2022)."
    )
    assert item is not None
    assert (item["genre"], item["title"], item["number"]) == (
        "Order",
        "Alpha Corp. v. Beta LLC",
        "3:21-cv-01234",
    )
    plain = legal_fields("Order of Friars v. Beta LLC, No. 21-1 (D. Mass. 2022).")
    assert plain is not None and "genre" not in plain
    assert plain["title"] == "Order of Friars v. Beta LLC"


@pytest.mark.parametrize(
    "run",
    ["1" * 3900, "a" * 3900, " " * 3900, ". " * 1950],
    ids=["digits", "letters", "spaces", "stops"],
)
@pytest.mark.parametrize(
    ("shape", "key", "value"),
    [
        ("H.R. 1234{}, 118th Cong. (2023).", "number", "H.R. 1234"),
        ("Name Act {}(1962) Public Law 87-781.", "number", "87-781"),
        ("Order, {}Doe v. Roe, No. 1 (2020).", "genre", "Order"),
        ("Modern Act 2015, c. 30{}.", "number", "c. 30"),
        ("Pub. L. 119-75, div. B{} (2026).", "number", "119-75"),
    ],
)
def test_bills_acts_and_documents_with_long_runs_are_read(
    shape: str, key: str, value: str, run: str
) -> None:
    """Each new form is read; broken by a 4 KB run it is read in time linear in the run (no
    pattern of these forms has nested runs over the same characters; bench_hostile.py
    times such strings): a citation or none, never an error."""
    plain = legal_fields(shape.format(""))
    assert plain is not None and plain[key] == value
    item = legal_fields(shape.format(run))
    assert item is None or item["type"] in {"bill", "legislation", "legal_case"}


def test_numbers_with_thousands_separated_are_read_whole() -> None:
    """The Federal Register's pages and executive orders' numbers print a comma in their
    thousands ("15,621", "No. 14,265"): read whole, never cut at it; a pinpoint after a
    comma and a space stays a pinpoint."""
    from litreview.extract.note_sources import legal_citations
    from litreview.extract.refparse import parse_reference

    item = parse_reference("90 Fed. Reg. 15,621 (Apr. 9, 2025)")
    assert (item["volume"], item["page"]) == ("90", "15,621")
    assert parse_reference("Doe v. Roe, 518 U.S. 470, 486 (1996)")["page"] == "470"
    found = legal_citations("Exec. Order No. 14,265, 90 Fed. Reg. 15,621 (Apr. 9, 2025).")
    assert [u.raw for u in found] == ["Exec. Order No. 14,265, 90 Fed. Reg. 15,621"]
    apart = legal_citations("Exec. Order No. 14,265 and 90 Fed. Reg. 15,621.")
    assert [u.raw for u in apart] == ["Exec. Order No. 14,265", "90 Fed. Reg. 15,621"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Conn. Gen. Stat. §29-319, https://www.cga.ct.gov/2025/pub/chap_541.htm#sec_29-319",
            {"container-title": "Conn. Gen. Stat.", "section": "29-319"},
        ),
        (
            "42 U.S.C. § 1983, <https://www.law.cornell.edu/uscode/text/42/1983> (accessed "
            "May 1, 2020).",
            {"container-title": "U.S.C.", "volume": "42", "section": "1983"},
        ),
        (
            "Roe v. Doe, 410 F.3d 1 (1st Cir. 2005), https://example.org/roe.pdf.",
            {"title": "Roe v. Doe", "volume": "410", "page": "1"},
        ),
    ],
)
def test_a_link_after_a_citation_is_its_url(raw: str, expected: dict) -> None:
    item = legal_fields(raw)
    assert item is not None
    assert {k: item.get(k) for k in expected} == expected
    assert item["URL"].startswith(("https://www.cga", "https://www.law", "https://example"))
    assert item["URL"][-1] not in ".>)"


def test_a_link_after_prose_or_a_next_citation_is_not_the_citations() -> None:
    """ "15 U.S.C. §3722. See also EDA, "Build to Scale," https://...": the link is the next
    work's, and a link alone is no legal citation."""
    item = legal_fields('15 U.S.C. §3722. See also EDA, "Build to Scale," https://eda.gov/bts.')
    assert item is not None and item["section"] == "3722" and "URL" not in item
    item = legal_fields("Roe v. Doe, 410 F.3d 1 (2005); 21 U.S.C. § 331, https://x.org/331.")
    assert item is not None and item["title"] == "Roe v. Doe" and "URL" not in item
    assert legal_fields("https://www.law.cornell.edu/uscode/text/42/1983") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # OSCOLA: "v" with no full stop, the year in square brackets before the volume
        (
            "R v Brown [1994] 1 AC 212 (HL).",
            {"title": "R v Brown", "container-title": "AC", "volume": "1", "page": "212",
             "issued": {"date-parts": [[1994]]}, "authority": "HL"},
        ),
        # a series numbered by year alone: no volume
        (
            "Donoghue v Stevenson [1932] AC 562.",
            {"title": "Donoghue v Stevenson", "container-title": "AC", "page": "562",
             "issued": {"date-parts": [[1932]]}},
        ),
        # a neutral citation: the court's own number of its judgment
        (
            "R (Miller) v Secretary of State for Exiting the European Union [2017] UKSC 5.",
            {"title": "R (Miller) v Secretary of State for Exiting the European Union",
             "container-title": "UKSC", "number": "5", "issued": {"date-parts": [[2017]]}},
        ),
        (
            "R (Oceana) v Upper Tribunal [2023] EWHC 791 (Admin).",
            {"container-title": "EWHC", "number": "791", "authority": "Admin"},
        ),
        # the year in round brackets before a volume
        (
            "Re Jones Ltd (1987) 3 BCC 200.",
            {"title": "Re Jones Ltd", "container-title": "BCC", "volume": "3", "page": "200",
             "issued": {"date-parts": [[1987]]}},
        ),
        # year, court and page after the series; a series numbered by year
        (
            "Khan v Rao, PLD 2009 SC 1.",
            {"title": "Khan v Rao", "container-title": "PLD", "page": "1", "authority": "SC",
             "issued": {"date-parts": [[2009]]}},
        ),
        (
            "Ahmed v Federation, 1988 SCMR 123.",
            {"container-title": "SCMR", "volume": "1988", "page": "123",
             "issued": {"date-parts": [[1988]]}},
        ),
    ],
)  # fmt: skip
def test_cases_of_the_uk_and_the_commonwealth(raw: str, expected: dict) -> None:
    item = legal_fields(raw)
    assert item is not None and item["type"] == "legal_case"
    assert {k: item.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("raw", "title", "year"),
    [
        ("Human Rights Act 1998, s 3.", "Human Rights Act 1998", 1998),
        ("Equality Act 2010, s 149(1).", "Equality Act 2010", 2010),
        ("Companies Act, 2017, section 9.", "Companies Act, 2017", 2017),
        ("Modern Slavery Act 2015, c. 30, s. 54.", "Modern Slavery Act 2015", 2015),
        ("Housing Act 1988, sch 2.", "Housing Act 1988", 1988),
    ],
)
def test_an_act_cited_with_a_provision_is_the_act(raw: str, title: str, year: int) -> None:
    """The provision is a pinpoint in the act (no field of the work, as a public law's
    parts): every provision of one act cites the same work."""
    item = legal_fields(raw)
    assert item is not None
    assert (item["type"], item["title"], item["issued"]) == (
        "legislation",
        title,
        {"date-parts": [[year]]},
    )
    assert "section" not in item


def test_an_act_named_with_its_year_alone_or_in_prose_is_left_to_the_models() -> None:
    assert legal_fields("Equality Act 2010.") is None
    assert legal_fields("The Equality Act 2010, s 149 sets a duty. It binds bodies.") is None
    assert legal_fields("In 2010 the parties met in court v Smith 12.") is None


def test_a_year_court_and_page_follow_only_a_series_cited_so() -> None:
    """ "PLD 2009 SC 1" is read for the series cited by year, court and page; after any
    other abbreviation of the tables (the Atlantic Reporter's "A." is a person's initial
    too) the same shape is no citation."""
    assert legal_fields("Jones, A. 2019 Report 5.") is None
    item = legal_fields("State v Sharma, AIR 1973 SC 1461.")
    assert item is not None and (item["container-title"], item["page"]) == ("AIR", "1461")


def test_a_judges_name_after_a_pinpoint_is_no_court() -> None:
    """OSCOLA names the judge in brackets after a pinpoint: no authority of the case."""
    item = legal_fields("R v Brown [1994] 1 AC 212, 235 (Lord Templeman).")
    assert item is not None and item["page"] == "212" and "authority" not in item
    item = legal_fields("Re Jones [1990] Ch 1 (Ch D).")
    assert item is not None and item["authority"] == "Ch D"


def test_the_table_holds_law_journals_in_their_own_case_and_in_capitals() -> None:
    table = sources()
    assert table["DukeL.J."] == "journal"
    assert table["STAN.L.REV."] == "journal"  # small capitals, as law reviews print them
    assert table["U.S."] == "case"  # a reporter spelt as a journal stays a reporter


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Louis Kaplow, Rules Versus Standards: An Economic Analysis, 42 Duke L.J. 557 (1992).",
            {
                "type": "article-journal",
                "author": [{"family": "Kaplow", "given": "Louis"}],
                "title": "Rules Versus Standards: An Economic Analysis",
                "container-title": "Duke L.J.",
                "volume": "42",
                "page": "557",
                "issued": {"date-parts": [[1992]]},
            },
        ),
        (  # a signal, two authors, a year as the volume, a journal the table lacks
            "See, e.g., Ann Roe & Bo Li, Markets, Prices, and Rules, 2017 ILL. L. REV. 1775, "
            '1780 (2017) ("quoted words").',
            {
                "type": "article-journal",
                "author": [{"family": "Roe", "given": "Ann"}, {"family": "Li", "given": "Bo"}],
                "title": "Markets, Prices, and Rules",
                "container-title": "ILL. L. REV.",
                "volume": "2017",
                "page": "1775",
                "issued": {"date-parts": [[2017]]},
            },
        ),
        (  # a journal read by its shape: a reporter "J." inside its name does not stop it
            "Joseph E. Harrington, Collusion by Agents, 14 J. COMPETITION L. & ECON. 331, 341 "
            "(2018).",
            {
                "type": "article-journal",
                "author": [{"family": "Harrington", "given": "Joseph E."}],
                "title": "Collusion by Agents",
                "container-title": "J. COMPETITION L. & ECON.",
                "volume": "14",
                "page": "331",
                "issued": {"date-parts": [[2018]]},
            },
        ),
        (  # three authors, and a suffix
            "Ann Roe, Jr., Bo Li & Cy Yu, A Title, 103 Harv. L. Rev. 829 (1990)",
            {
                "type": "article-journal",
                "author": [
                    {"family": "Roe", "given": "Ann", "suffix": "Jr."},
                    {"family": "Li", "given": "Bo"},
                    {"family": "Yu", "given": "Cy"},
                ],
                "title": "A Title",
                "container-title": "Harv. L. Rev.",
                "volume": "103",
                "page": "829",
                "issued": {"date-parts": [[1990]]},
            },
        ),
        (  # a student's note: the designation is no author
            "Note, Protecting Victims, 120 Harv. L. Rev. 1000 (2007).",
            {
                "type": "article-journal",
                "genre": "Note",
                "title": "Protecting Victims",
                "container-title": "Harv. L. Rev.",
                "volume": "120",
                "page": "1000",
                "issued": {"date-parts": [[2007]]},
            },
        ),
    ],
)
def test_a_law_review_article_gives_its_authors_title_journal_volume_and_page(
    raw: str, expected: dict
) -> None:
    assert legal_fields(raw) == expected
    assert parse_reference(raw) == expected


@pytest.mark.parametrize(
    ("raw", "number", "year"),
    [
        ("H.R. Rep. No. 111-58, pt. 1, at 4 (2009).", "H.R. Rep. No. 111-58", 2009),
        ("S. Rep. No. 108-226, pp. 4, 14 (2004).", "S. Rep. No. 108-226", 2004),
        ("H.R. REP. NO. 114-529, at 4 (2016).", "H.R. REP. NO. 114-529", 2016),
        ("S.Rept. 119-44, p. 141.", "S.Rept. 119-44", None),
        ("See H.Doc. 118-187.", "H.Doc. 118-187", None),
    ],
)
def test_a_committee_report_gives_its_number_and_year(
    raw: str, number: str, year: int | None
) -> None:
    item = legal_fields(raw)
    assert item is not None
    assert (item["type"], item["number"]) == ("report", number)
    assert item.get("issued") == ({"date-parts": [[year]]} if year else None)
    assert "author" not in parse_reference(raw)


def test_a_committee_report_after_a_name_or_in_prose_is_left_to_the_models() -> None:
    assert legal_fields("Brown, H. R. Smith 2020 report 111-58") is None
    assert legal_fields("The committee said so in S. Rept. 113-181. It was adopted.") is None


def test_italics_run_into_a_journal_s_name_do_not_hide_it() -> None:
    """Text read from a PDF sets a signal, a title and part of a journal's name in one run of
    italics, which become quotes: the quotes are no part of the abbreviation."""
    item = parse_reference(
        "_See, e.g., Andrew Tutt, An FDA for Algorithms, 69 ADMIN._ L. REV. 83, 115 (2017)."
    )
    assert (item["type"], item["container-title"], item["volume"], item["page"]) == (
        "article-journal",
        "ADMIN. L. REV.",
        "69",
        "83",
    )
    assert item["author"] == [{"family": "Tutt", "given": "Andrew"}]
    item = parse_reference("See 54 _Fed. Reg_ . 15383 (1989).")
    assert (item["type"], item["container-title"]) == ("regulation", "Fed. Reg.")
