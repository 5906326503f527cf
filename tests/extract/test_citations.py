"""Footnote classification, splitting into works, and back-reference resolution."""

from __future__ import annotations

import pytest

from litreview.extract.citations import (
    Reference,
    classify,
    looks_like_reference,
    note_references,
    references,
    split_works,
)
from litreview.extract.footnotes import Footnote


def _notes(*texts: str) -> list[Footnote]:
    return [
        Footnote(number=i, text=t, spans=((0, 0),), line=i) for i, t in enumerate(texts, start=1)
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ibid.", "ibid"),
        ("ibid., p. 4", "ibid"),
        ("12 in Smith (2010) report cited above.", "ibid"),
        ("Smith, op. cit., p. 9.", "ibid"),
        ("*Id*.", "ibid"),  # in Markdown emphasis
        ("_See id._ at 5.", "ibid"),
        ("Idaho Code § 5-101 (2020).", "citation"),
        ("<https://example.org/a>.", "url"),
        ("https://example.org/a.pdf.", "url"),
        ("Aside from other rules, the country signed the convention in 2000.", "note"),
        ("It is possible that a closer review would find more provisions.", "note"),
        ("Smith (2010) argues that boats were lost. Smith (2010) Boats: A Survey.", "note"),
        ("River Board (2013), 'Annual Review', City Press.", "citation"),
        ("[World Catch Report 2018](#) (United Nations publication).", "citation"),
        ("Basel Index, 2021 <https://example.org/ranking>.", "citation"),
        ("See River Board (2012) [Catch data](#).", "citation"),
        ("Lake Institute (K4D helpdesk) (2019), '[Gender and Fishing](#)', pp. 6.", "citation"),
    ],
)
def test_classify(text: str, kind: str) -> None:
    assert classify(text) == kind


def test_semicolon_between_works_splits() -> None:
    text = (
        "A. Lee (2017), '[Nets are no longer cheap](#)', Herald, 27 April 2017; "
        "IANS (2022), '[Boats seized](#)', CNBC; River Board (2012), 'Flows', Vienna."
    )
    assert len(split_works(text)) == 3


def test_semicolon_inside_a_reference_does_not_split() -> None:
    crisis = (
        "Crisis Group (2015), '*Water and Conflict*', Asia Report No 265; Crisis Group; Brussels."
    )
    assert split_works(crisis) == [crisis.rstrip(";")]
    doi = (
        "K. Faris, “Translucent Lives”, *Journal* 20, 2019. URL: <http://x.org/5>; "
        "DOI: <https://doi.org/10.4000/x.5>."
    )
    assert len(split_works(doi)) == 1
    tail_url = "F. Zahid (2018), '*Nexus*', Centre; <https://www.example.org/26487541.pdf>."
    assert len(split_works(tail_url)) == 1


def test_a_semicolon_inside_a_law_review_article_s_title_does_not_split() -> None:
    """The half of a title after its semicolon reads as an article of a law journal, but one
    with no byline: no work of its own. A whole citation after the semicolon is one."""
    one = (
        "*See* A. Roe, *Trade Secrets and the Roman Law; The Actio Servi Corrupti*, "
        "30 COLUM. L. REV. 837, 838-39 (1930) (describing a cause of action)."
    )
    assert split_works(one) == [one]
    two = "Ann Roe, Secrets, 30 COLUM. L. REV. 837 (1930); Bo Li, Rules, 42 Duke L.J. 557 (1992)."
    assert len(split_works(two)) == 2


def test_semicolon_inside_parentheses_or_quotes_does_not_split() -> None:
    assert len(split_works("Bank (2018), ‘Journeys; the case of X’, Report.")) == 1
    assert len(split_works("Bank (2018), Journeys (vol. 1; part 2), Report.")) == 1


def test_a_comma_and_inside_straight_quotes_joins_no_two_works() -> None:
    """ ", and" inside a title in straight quotes that pair up in the note is no cut between
    works, whatever the quotes before it ("Research, Development, Test, and Evaluation")."""
    note = (
        'According to OMB, "the Board assumes $37 billion for research." See OMB, "Research, '
        'Development, Test, and Evaluation," in Technical Supplement, p. 65, https://e.gov/b.'
    )
    assert split_works(note) == [note]
    two = 'Roe, "Tides," Harbour News, 2019, p. 4, and Doe, "Ebb," Coast Review, 2020.'
    assert len(split_works(two)) == 2


def test_a_link_running_over_the_semicolon_between_works_ends_there() -> None:
    """A PDF converted to Markdown ran a link over the ';' between two reports; the link is
    the first report's (its address names it), the second starts after the ';'."""
    note = (
        "GAO, _Executive Guide: Implementing the Results Act,_ [GAO/GGD-96-118 (Washington, "
        "D.C.: June 1996); and GAO,](http://www.gao.gov/cgi-bin/getrpt?GAO/GGD-96-118) "
        "_Results-Oriented Cultures: Creating a Clear Linkage_, GAO-03-488 (Washington, "
        "D.C.: Mar. 14, 2003)."
    )
    first, second = split_works(note)
    assert first.endswith(
        "[GAO/GGD-96-118 (Washington, D.C.: June 1996)](http://www.gao.gov/"
        "cgi-bin/getrpt?GAO/GGD-96-118)"
    )
    assert second.startswith("GAO, _Results-Oriented Cultures")
    # a link whose text holds no ';' between works, or one inside brackets, is left whole
    assert split_works("[Report (vol. 1; part 2)](https://x.org/r), Agency, 2020.") == [
        "[Report (vol. 1; part 2)](https://x.org/r), Agency, 2020."
    ]


def test_and_inside_an_emphasised_title_joins_no_two_works() -> None:
    """'_Agencies: Causes, Risks, and Policy Options_' is one title, not two works."""
    note = (
        "Congressional Research Service, _Deferred Maintenance and Repair at Civilian_ "
        "_Agencies: Causes, Risks, and Policy Options_, R48211 (Washington, D.C.: Oct. 4, 2024)."
    )
    assert split_works(note) == [note]


def test_cited_in_splits_two_works() -> None:
    parts = split_works(
        "Security Policy 2022, <https://x.org/p.pdf> - cited in Desk (2022) Conflict Analysis."
    )
    assert parts == [
        "Security Policy 2022, <https://x.org/p.pdf>",
        "Desk (2022) Conflict Analysis.",
    ]


def test_the_and_joining_two_works_is_in_neither() -> None:
    # a real CRS note: the second work's author was read as "and Gemini Trust"
    parts = split_works(
        'Nat Eliason, "Field Guide to the Curve Wars," Newsletter, February 17, 2022, '
        "https://crypto.example.com/p/curve-wars; and Gemini Trust, "
        '"How Liquidity Provider (LP) Tokens Work," February 26, 2025, https://www.example.com/lp.'
    )
    assert [p[:12] for p in parts] == ["Nat Eliason,", "Gemini Trust"]
    assert split_works("GAO, Sales, pp. 42-45, and Hannah Karp, “Title,” Journal, 2014")[1] == (
        "Hannah Karp, “Title,” Journal, 2014"
    )
    assert (
        split_works("Roe, Title, 2001; & Doe, Other Title, 2002.")[1] == "Doe, Other Title, 2002."
    )


def test_the_and_of_a_list_of_authors_after_a_see_also_sentence_splits_nothing() -> None:
    # a real GAO endnote's shape: a work, then a sentence opening "See also" whose three
    # authors are joined by ", and": the left of that "and" is names, not a work; neither is
    # a title's "Past, Present, and Future" after a "See" sentence
    note = (
        "See Ann Roe and Ben Doe, “Tides and Towns,” _Coastal Journal_, vol. 17 (2024). See "
        "also Jose Ignacio Cuesta, Carlos Noton, and Benjamin Vatter, “Levees Between "
        "Rivers,” Working Paper No. 4001, Harbour School of Business (2019); and Dee Fox, "
        "_Flood Rules_ (Washington, D.C.: Dec. 18, 2023)."
    )
    parts = split_works(note)
    assert len(parts) == 2 and parts[0].endswith("Harbour School of Business (2019)")
    assert "Carlos Noton, and Benjamin Vatter, “Levees" in parts[0]
    prose = (
        "Ann Roe, Floods, 1980, https://x.org/a. Roe does not recall it. See Cal Poe, The "
        "Curve: Past, Present, and Future, June 1, 2004, Tide Foundation, https://x.org/b."
    )
    assert not any(p.startswith("Future") for p in split_works(prose))


def test_looks_like_reference() -> None:
    assert looks_like_reference("Aurat Board (2016), 'Silent', Islamabad")
    assert looks_like_reference("The News, *629 boats sold in 18 months*, 5 December 2019.")
    assert not looks_like_reference("Brussels.")
    assert not looks_like_reference("DOI: <https://doi.org/10.1/x>")


def test_note_references_are_found() -> None:
    text = (
        "A study places the numbers at 300,000 (World Bank, 2018, Journeys; the case of X), "
        "although others refrain. According to the Agency, the protocol is “the key "
        "instrument” Agency (2014) [Instruments on Fishing](#)."
    )
    assert note_references(text) == [
        "World Bank, 2018, Journeys; the case of X",
        "Agency (2014) [Instruments on Fishing](#).",
    ]


def test_ibid_resolves_to_previous_footnote_works() -> None:
    rows, problems = references(
        _notes("A. Lee (2017), 'One'; B. Kay (2018), 'Two'.", "Ibid.", "Ibid.")
    )
    ibids = [r for r in rows if r.kind == "ibid"]
    assert [(r.footnote, r.target) for r in ibids] == [
        (2, (1, 1)),
        (2, (1, 2)),
        (3, (1, 1)),
        (3, (1, 2)),
    ]
    assert problems == []


def test_a_signal_before_id_or_ibid_is_still_a_back_reference() -> None:
    rows, _ = references(
        _notes("A. Lee (2017), 'One'.", "See id. at 4.", "Cf. ibid.", "See Idaho Code 12.")
    )
    assert [(r.footnote, r.kind, r.target) for r in rows[1:3]] == [
        (2, "ibid", (1, 1)),
        (3, "ibid", (1, 1)),
    ]
    assert rows[3].kind != "ibid"


def test_an_id_inside_a_note_points_at_the_work_cited_just_before() -> None:
    """'Id. at 9' in an explanatory note is the work cited just before it (in the note, else
    in the note before), not a work named 'Id'; 'Id. § 9105a(c)' cites another section of
    the code: a work of its own (the shared annotations count such sections apart)."""
    rows, _ = references(
        _notes(
            "B. Kay (2018), 'Two'.",
            "Most agencies agreed. Id. at 9.",
            "The board advises. 20 U.S.C. § 9103(a). Members serve 5 years. Id. at 5.",
            "The board advises. 20 U.S.C. § 9103(a). Members serve 5 years. _Id._ § 9105a(c).",
        )
    )
    got = [(r.footnote, r.position, r.kind, r.target) for r in rows if r.kind != "note"]
    assert got == [
        (1, 1, "citation", None),
        (2, 2, "ibid", (1, 1)),
        (3, 2, "citation", None),
        (3, 3, "ibid", (3, 2)),
        (4, 2, "citation", None),
        (4, 3, "citation", None),
    ]


def test_ibid_after_url_resolves_to_it() -> None:
    rows, _ = references(_notes("<https://x.org/a>.", "Ibid."))
    assert rows[1] == Reference(footnote=2, position=1, raw="Ibid.", kind="ibid", target=(1, 1))


def test_ibid_without_a_work_is_a_problem() -> None:
    rows, problems = references(_notes("It is possible that the numbers are wrong.", "Ibid."))
    assert rows[1].target is None
    assert len(problems) == 1 and "Ibid." in problems[0].message and problems[0].line == 2


def test_cited_above_resolves_to_named_earlier_work() -> None:
    rows, problems = references(
        _notes(
            "Board (2018), 'Global Report', United Nations.",
            "Lee (2019), 'Other', Press.",
            "42 in Board (2018) report cited above.",
        )
    )
    assert rows[2].kind == "ibid" and rows[2].target == (1, 1)
    assert problems == []


def test_unresolvable_op_cit_is_a_problem() -> None:
    rows, problems = references(_notes("Lee (2019), 'Other', Press.", "Nobody, op. cit."))
    assert rows[1].target is None and "earlier work" in problems[0].message


def test_short_form_points_at_fuller_reference() -> None:
    rows, _ = references(
        _notes(
            "Aurat Board (2016) [‘Silent no More’](#), Islamabad.",
            "Aurat Board and Partners (2016), ‘Other Study’.",
            "Aurat Board (2016).",
        )
    )
    assert rows[2].kind == "citation" and rows[2].target == (1, 1) and not rows[2].parse


def test_note_rows() -> None:
    rows, _ = references(
        _notes(
            "It is beyond the scope of this analysis to review every law.",
            "Smith (2010) points to the case of two boats. Smith (2010) Boats: A Survey.",
        )
    )
    assert [(r.footnote, r.position, r.kind, r.parse) for r in rows] == [
        (1, 1, "note", False),
        (2, 1, "note", False),
        (2, 2, "citation", True),
    ]
    assert rows[2].raw == "Smith (2010) Boats: A Survey."


def test_prose_pointer_to_a_url_is_its_own_work() -> None:
    rows, _ = references(
        _notes(
            "Board (2012), [Catch Report 2012](#), United Nations. A more "
            "recent data can be found here: <https://x.org/brief.pdf>"
        )
    )
    assert [(r.kind, r.raw) for r in rows] == [
        ("citation", "Board (2012), [Catch Report 2012](#), United Nations."),
        ("url", "https://x.org/brief.pdf"),
    ]


def test_short_form_links_by_initials_forwards_and_backwards() -> None:
    rows, _ = references(
        _notes(
            "River Basin Fishing Council, 2021.",
            "Ibid.",
            "RBFC (2021), 'Catch Index 2021', River Basin Fishing Council.",
            "Lake Board (2019), 'Nets', Press.",
            "LB, 2019.",
        )
    )
    assert [(r.footnote, r.parse, r.target) for r in rows] == [
        (1, False, (3, 1)),
        (2, False, (3, 1)),
        (3, True, None),
        (4, True, None),
        (5, False, (4, 1)),
    ]


def test_short_forms_with_bracketed_years_are_one_row_each() -> None:
    """ "Smith (2019) and Jones (2020)" cites two works, each pointing at its full reference;
    a page may follow the year, inside or after the brackets."""
    rows, _ = references(
        _notes(
            "Reed, A. (2019) Boats of the Delta. London: River Press.",
            "Lowe, K. and Shah, R. (2020) 'Nets and debt', Fisheries Review, 12(3), pp. 45–67.",
            "See, for example, Reed (2019) and Lowe and Shah (2020).",
            "Reed (2019, p. 4), Lowe and Shah (2020), p. 50.",
        )
    )
    assert [(r.footnote, r.target) for r in rows if r.footnote > 2] == [
        (3, (1, 1)),
        (3, (2, 1)),
        (4, (1, 1)),
        (4, (2, 1)),
    ]


def test_short_form_without_a_full_reference_stays_a_work() -> None:
    rows, _ = references(_notes("Reynolds and McKee, 2010."))
    assert rows[0].parse and rows[0].target is None


def test_a_link_whose_text_holds_brackets_is_one_cited_work() -> None:
    """A note of a search engine's link (``[[HTML] Title](url)``) cites that work, as the
    note of the plain link does; it is no explanatory note whose URL ends in ')'."""
    rows, problems = references(
        _notes(
            "[[HTML] Boats and harbours in 2019](https://e.org/boats.html)",
            "Smith, J. 2010. [[PDF] Ferry routes; a survey](https://e.org/f.pdf); Roe, A. "
            "2011. [Delta boats](https://e.org/d).",
        )
    )
    assert not problems
    assert [(r.footnote, r.kind, r.parse, r.raw) for r in rows] == [
        (1, "citation", True, "[[HTML] Boats and harbours in 2019](https://e.org/boats.html)"),
        (
            2,
            "citation",
            True,
            "Smith, J. 2010. [[PDF] Ferry routes; a survey](https://e.org/f.pdf)",
        ),
        (2, "citation", True, "Roe, A. 2011. [Delta boats](https://e.org/d)."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "See supra note 389 and accompanying text.",
        "See infra notes 246-251 and accompanying text.",
        "See, e.g., infra “Case Law on the Scope of Section 521.”",
        "See supra “Case Law on Food”; “Case Law on Section 752.”",
    ],
)
def test_supra_or_infra_pointing_inside_the_document_cites_nothing(text: str) -> None:
    rows, problems = references(
        _notes("A. Lee, Title, 4 J. Law 1 (2019).", text, "Lee, supra note 1, at 3.")
    )
    assert [(r.kind, r.target) for r in rows[1:]] == [("xref", None), ("ibid", (1, 1))]
    assert problems == []


@pytest.mark.parametrize(
    "text",
    [
        "See footnote 1.",
        "See footnotes 1 and 2.",
        "See text accompanying note 1.",
        "See app. I.",
        "See appendix II for more information on our methodology.",
        "See Table A-1 in the Appendix for full results.",
        "See figures 2 and 3.",
        "See the section entitled “Funding Sources.”",
        'See the "Character of Service Categories" section of this report.',
    ],
)
def test_a_note_pointing_to_a_part_of_the_document_by_its_own_numbers_cites_nothing(
    text: str,
) -> None:
    rows, problems = references(_notes("A. Lee, Title, 4 J. Law 1 (2019).", text))
    assert [(r.kind, r.parse) for r in rows[1:]] == [("xref", False)]
    assert problems == []


def test_a_pointer_inside_a_prose_note_is_not_a_work() -> None:
    rows, _ = references(
        _notes(
            "38 U.S.C. §101(2). Notably, the agency does not use the term when it decides. "
            'See the "Character of Service Categories" section of this report. Instead, '
            "Congress chose the term."
        )
    )
    assert [r.raw for r in rows if r.parse] == ["38 U.S.C. §101(2)"]


@pytest.mark.parametrize(
    "text",
    [
        "See ch. 675, 52 Stat. 1040 (1938).",
        "See Table 3 of GAO-12-345 (Washington, D.C.: 2012).",
        "See app. I in GAO-20-123, *Title* (Washington, D.C.: 2020).",
        "See A. Lee, Appendix A, in Title, 4 J. Law 1 (2019).",
        "See Table 3 for details, in A. Lee, Title, 2019.",
    ],
)
def test_a_pointer_to_a_part_of_another_work_is_a_citation(text: str) -> None:
    rows, _ = references(_notes(text))
    assert [r.parse for r in rows] == [True]


def test_publication_facts_in_brackets_are_not_a_work() -> None:
    text = (
        "As the editors note, the letter was printed in *The Papers of George Washington*, "
        "Vol. 9 (Charlottesville, Virginia: University Press of Virginia, 2000), p. 274, as "
        "others argued (Smith, 2019: 45)."
    )
    assert note_references(text) == ["Smith, 2019: 45"]


def test_dated_letters_and_memoranda_are_works() -> None:
    rows, _ = references(
        _notes(
            "Hanna memorandum of April 3, 1907 and covering note to Adee, April 4, 1907; "
            "Adee to Bacon, April 4, 1907; Bacon to Adee, April 5, 1907.",
            "Fish to Grant, December 14, 1869, p. 208 in NARA, RG 59, Report Book 10.",
        )
    )
    assert [(r.footnote, r.kind) for r in rows] == [
        (1, "citation"),
        (1, "citation"),
        (1, "citation"),
        (2, "citation"),
    ]


def test_an_id_note_goes_on_to_cite_more() -> None:
    rows, _ = references(
        _notes(
            "21 C.F.R. § 101.2 (2025).",
            "Id. § 101.72. The Act also imposes requirements on claims. 21 U.S.C. § 343(r).",
        )
    )
    assert [(r.kind, r.target) for r in rows if r.footnote == 2] == [
        ("ibid", (1, 1)),
        ("citation", None),
    ]
    assert rows[1].raw == "Id. § 101.72."


def test_id_is_the_one_authority_cited_just_before_and_ibid_every_work() -> None:
    rows, _ = references(
        _notes(
            "Lee v. Roe, 5 U.S. 1 (1990); Kay v. Ray, 6 U.S. 2 (1991).",
            "Id. at 4.",
            "A. Lee (2017), 'One'; B. Kay (2018), 'Two'.",
            "Ibid.",
        )
    )
    assert [r.target for r in rows if r.footnote == 2] == [(1, 2)]
    assert [r.target for r in rows if r.footnote == 4] == [(3, 1), (3, 2)]


def test_a_sentence_leading_into_another_work_makes_it_a_work_of_the_note() -> None:
    rows, _ = references(
        _notes(
            "See Riegel v. Medtronic, 552 U.S. 312 (2008). For more information about "
            "preemption, see CRS Report R45825, Federal Preemption: A Legal Primer, by Bryan L. "
            "Adkins (2023).",
            "FTC, “Trade Regulation Rule on Unfair Fees,” December 17, 2024. For more "
            "information about the rule, see “Selected Actions by the Federal Trade Commission.”",
        )
    )
    assert [(r.footnote, r.raw[:14]) for r in rows if r.kind == "citation"] == [
        (1, "Riegel v. Medt"),
        (1, "CRS Report R45"),
        (2, "FTC, “Trade Re"),
    ]


def test_every_sentence_leading_into_a_work_makes_it_a_work_of_its_own() -> None:
    """A topic clause ("For an analysis of X from USASpending.gov, with Y,") before the signal
    may hold commas, dots inside words and brackets; each such sentence is one more work, and
    a lead-in clause opening the note is no part of its first work."""
    rows, _ = references(
        _notes(
            "For more on the EAVS, see CRS In Focus IF13056, The Election Administration and "
            "Voting Survey (EAVS): Overview, by Karen L. Shanton.",
            "CRS Report R48059, Areas of Distress, by Joseph Dalaker, Julie M. Lawhorn, and "
            "Lisa S. Benson. For a geographic analysis of spending data from USASpending.gov, "
            "see GAO, Targeting Federal Funds, GAO-20-518, July 2020, https://www.gao.gov/a.pdf. "
            "For an evaluation of programs (P.L. 117-2), with recommendations, see GAO, Areas "
            "with High Poverty, GAO-21-470, May 2021, https://www.gao.gov/b.pdf.",
            "USDA, “Grain Standards,” https://www.ams.usda.gov/g. For background on grain "
            "standards, see CRS Report R48577, U.S. Grain Standards Act, by Stephanie Rosch.",
        )
    )
    assert [(r.footnote, r.raw[:18]) for r in rows if r.kind == "citation"] == [
        (1, "CRS In Focus IF130"),
        (2, "CRS Report R48059,"),
        (2, "GAO, Targeting Fed"),
        (2, "GAO, Areas with Hi"),
        (3, "USDA, “Grain Stand"),
        (3, "CRS Report R48577,"),
    ]
    assert next(r.raw for r in rows if r.footnote == 2).endswith("Lisa S. Benson.")


def test_a_prose_note_finds_the_work_its_lead_in_clause_points_to() -> None:
    rows, _ = references(
        _notes(
            "The agency was created in 1965. For information on its statutory history, see "
            "CRS Report R41241, Economic Development Administration: A Review, by Julie M. "
            "Lawhorn."
        )
    )
    assert [(r.kind, r.raw[:18]) for r in rows] == [
        ("note", "The agency was cre"),
        ("citation", "CRS Report R41241,"),
    ]


def test_a_signal_after_a_law_or_a_remark_leads_into_a_work_of_its_own() -> None:
    """ "15 U.S.C. §3722. See also EDA, ..." and a reference, a remark, then "See also Doe":
    two works each; not after a part that opens in prose (it is no work of its own)."""
    rows, _ = references(
        _notes(
            "15 U.S.C. §3722. See also EDA, “Build to Scale,” https://e.gov/b.",
            "Phill Powell and Ian Smalley, “What Is A Hyperscale Data Center?,” IBM, "
            "https://e.com/h. Roughly, 100 megawatts of electric power are sufficient to "
            "support the needs of 80,000 households. See also OpenAI, “Expanding Stargate,” "
            "October 30, 2025, https://e.com/s.",
            "According to the Board, “tides rise and fall twice a day in the harbour.” See "
            "Harbour Board, “Tide Tables,” 2019, p. 4.",
        )
    )
    cited = [(r.footnote, r.raw[:12]) for r in rows if r.kind in ("citation", "url")]
    assert cited[:4] == [
        (1, "15 U.S.C. §3"),
        (1, "EDA, “Build "),
        (2, "Phill Powell"),
        (2, "OpenAI, “Exp"),
    ]
    assert len([c for c in cited if c[0] == 3]) == 1


def test_a_link_s_aside_is_a_whole_sentence_and_never_the_work_itself() -> None:
    """A URL after a prose sentence is a source of its own, the sentence cut where a
    sentence ends (never at "U.S." or an initial, as ``references`` cuts a citation note's
    parts); a link's target keeps the URL with the work."""
    from litreview.extract.citations import _url_aside

    for whole in (
        "Letter from Robert C. Goodwin, DOL administrator, to all state employment security "
        "agencies, October 2, 1964, https://e.gov/uipl.",
        "Department of the Treasury, “Statement from U.S. Secretary of the Treasury on the "
        "Act,” press release, July 18, 2025, https://e.gov/sb0197.",
        "Smith, J. 2010. [[PDF] Ferry routes; a survey](https://e.org/f.pdf)",
    ):
        assert _url_aside(whole) == [whole]
    aside = (
        "CRS In Focus IF12633, Unemployment Compensation, Labor Disputes, and Strikes. "
        "Additionally, in May 2025 the state passed legislation that would allow striking "
        "workers to be eligible for benefits after a waiting period. See https://e.gov/bill."
    )
    assert _url_aside(aside) == [
        "CRS In Focus IF12633, Unemployment Compensation, Labor Disputes, and Strikes.",
        "https://e.gov/bill",
    ]
    # the link of a reference the aside leads into, or is, stands with that reference
    led = (
        "Harbour Board, Tide Tables (2019). The scope of the rules varies among the ports "
        "of the coast. See Nat'l Harbour Ctr., Ports in the States 1–3 (2018), "
        "https://e.org/ports.pdf"
    )
    assert _url_aside(led)[1] == "Nat'l Harbour Ctr., Ports in the States 1–3 (2018), " + (
        "https://e.org/ports.pdf"
    )
    named = (
        "Harbour Board, Tide Tables (2019). Michael P. Devereux, Developments in the Taxation "
        "of Harbours since 1965, May 2006, presented at a conference, https://e.org/d.pdf"
    )
    assert _url_aside(named)[1].startswith("Michael P. Devereux, Developments")


def test_sentences_leading_into_works_are_read_in_linear_time() -> None:
    """A note of thousands of "For X, see Ref." sentences is cut into its works in one pass
    (each sentence judged on its own words, never on the rest of the note)."""
    from litreview.extract.note_parts import see_aside

    many = " ".join(f"For topic {i}, see Doe, B., “Title {i},” 2002." for i in range(2000))
    works = see_aside(f"Roe, A., “Tides,” 2001. {many}")
    assert len(works) == 2001
    assert works[:2] == ["Roe, A., “Tides,” 2001.", "Doe, B., “Title 0,” 2002."]


def test_works_cut_at_semicolons_are_a_citation_note_whatever_the_first_opens_with() -> None:
    """A note of one-sentence works cut at ``;`` is a citation note even when its first
    work opens like prose to the classifier ("Roe et al., v. ...", a body's untitled
    decision): each work is a row. A note whose first piece holds prose sentences before
    its citation stays an explanatory note, its citations found inside it (the laws)."""
    case = (
        "State of New York et al., v. Live Nation Entertainment Inc., and Ticketmaster LLC, "
        "civil no. 1:24-cv-3973-AS, April 15, 2026, verdict form; and Isabella Sarmiento, "
        "“Jury Finds that Live Nation Acted as a Monopoly,” National Public Radio, updated "
        "April 15, 2026, https://www.npr.org/2026/04/15/verdict."
    )
    assert classify(case) == "citation"
    rows, _ = references(_notes(case))
    assert [r.raw[:22] for r in rows] == ["State of New York et a", "Isabella Sarmiento, “J"]
    articles = (
        'Andrew L. Gulley et al., "China Cobalt Supply Chain," Resources Policy, vol. 62 '
        '(2019), pp. 317-323; and Eric Lipton and Dionne Searcey, "Chinese Company Removed," '
        "New York Times, February 28, 2022."
    )
    assert classify(articles) == "citation"
    prose = (
        "SEC enforces whistleblower protections pursuant to the Securities and Exchange Act "
        "of 1934. Pub. L. No. 73-291 (1934); Pub. L. No. 111-203, § 922 (2010), codified at "
        "15 U.S.C. § 78u-6. For SEC actions, a whistleblower is any individual who provides "
        "information."
    )
    assert classify(prose) == "note"


def test_a_link_named_in_prose_leaves_the_brackets_and_stops_around_it() -> None:
    """A Markdown link's target, or a link in brackets, loses the bracket that closes it
    (which it does not open) and the stop or comma after it."""
    assert note_references("See the guidance (https://x.org/a). More: https://x.org/b,") == [
        "https://x.org/a",
        "https://x.org/b",
    ]
    assert note_references("Read it [here](https://x.org/p_(1)).") == ["https://x.org/p_(1)"]


def test_et_al_after_a_name_is_part_of_the_name() -> None:
    """ "Gulley et al.," opens a citation as "Gulley," does: not a sentence's lower-case
    words."""
    note = 'Andrew L. Gulley et al., "China Cobalt," Resources Policy, vol. 62 (2019), p. 317.'
    assert classify(note) == "citation"
    assert classify("We interviewed officials and staff et al. in the field offices.") == "note"


def test_a_note_of_names_going_on_in_prose_is_explanatory() -> None:
    """A first sentence heavy with bodies' names, then prose: an explanatory note. A
    reference that opens with its authors and ends with a remark stays a citation."""
    note = (
        "The DOT includes the Office of the Secretary (OST) and the following operating "
        "administrations: Federal Aviation Administration (FAA); Federal Highway "
        "Administration (FHWA); Federal Railroad Administration (FRA); Maritime "
        "Administration (MARAD); and St. Lawrence Seaway Development Corporation (SLSDC). "
        "The components of DOT have changed since 2001."
    )
    assert classify(note) == "note"
    cited = (
        "Nazli Baydar, Margaret McCann, Rick Williams, Final Report: WIC Infant Feeding "
        "Practices Study (Alexandria, VA: U.S. Department of Agriculture, Office of Analysis "
        "and Evaluation, Food and Consumer Service, November 1997). Study covered the 48 "
        "contiguous states."
    )
    assert classify(cited) == "citation"
    titled = (  # a second sentence in title case is a title, not prose
        "Fight Against Trafficking in Human Beings – Phase 2 (THB/IFS/2). Overview of the "
        "Referral, Assistance and Protection Systems for Victims of Trafficking in Pakistan."
    )
    assert classify(titled) == "citation"


def test_a_sentence_opening_with_a_signal_after_a_reference_cites_another_work() -> None:
    """ "... “Lawn Dart.” See also ABC Report R48215, Title, by Author." is two works; not
    after prose (a quoted phrase in a sentence), nor after laws (cut into them later)."""
    rows, _ = references(
        _notes(
            "Cheney, “What Is the Program?,” 2022; and National Fisheries Institute, "
            "“Modern-Day Lawn Dart.” See also ABC Report R48215, Illegal Fishing: Frequently "
            "Asked Questions, by Ann Roe.",
            "“The usual number” varied depending on the type of publication, and that number "
            "might change. See also Tyler Dennett, “Office of the Historical Adviser,” p. 295.",
        )
    )
    first = [r.raw for r in rows if r.footnote == 1]
    assert first[1] == "National Fisheries Institute, “Modern-Day Lawn Dart.”"
    assert first[2].startswith("ABC Report R48215") and len(first) == 3
    assert len([r for r in rows if r.footnote == 2]) == 1  # not cut after the prose


def test_names_joined_by_semicolons_are_one_works_authors() -> None:
    """Wikipedia's citations join authors with ';' ("Khan, Ayesha; Ali, Sara (2019)."): a
    piece that is only people's names is no work, but the authors of the next; a body and a
    title ("FHWA, Funding Federal-aid Highways") are no person's name."""
    from litreview.extract.note_text import split_works

    assert split_works(
        'Khan, Ayesha; Ali, Sara; Roe, J. P. (2019). "Counting victims". Journal. 5 (3): '
        "201–219; UNODC, World Drug Report 2020 (Vienna, 2020)."
    ) == [
        'Khan, Ayesha; Ali, Sara; Roe, J. P. (2019). "Counting victims". Journal. 5 (3): 201–219',
        "UNODC, World Drug Report 2020 (Vienna, 2020).",
    ]
    assert (
        len(
            split_works(
                "FHWA, Funding Federal-aid Highways; Appendix K, Historical Fuel Tax Rates, last "
                "modified January 2017, at https://www.fhwa.dot.gov/policy/k.cfm."
            )
        )
        == 2
    )


def test_a_parenthetical_quoting_another_work_cites_it_and_id_means_the_quoting_one() -> None:
    """Bluebook's "(quoting X)", "(citing X)": X is a work of the note, cut out of the text
    that quoted it; "Id." in the next note is that text's authority, not X; "(citing cases)"
    cites no work."""
    rows, problems = references(
        _notes(
            "See FDA v. Brown & Williamson Tobacco Corp., 529 U.S. 120, 143 (2000).",
            "Brown & Williamson Tobacco Corp., 529 U.S. at 127 (quoting 60 Fed. Reg. 44396, "
            "44397 (Aug. 28, 1996)).",
            "Id. at 142.",
            "In re Tepezza, No. 23 C 3568, 2023 WL 7281665, at *2 (N.D. Ill. 2023) (citing cases).",
        )
    )
    assert problems == []
    second = [r.raw for r in rows if r.footnote == 2]
    assert second == [
        "Brown & Williamson Tobacco Corp., 529 U.S. at 127.",
        "60 Fed. Reg. 44396, 44397 (Aug. 28, 1996)",
    ]
    (ibid,) = [r for r in rows if r.footnote == 3]
    # the case of note 2, itself a short form of note 1's case: followed to its full citation
    assert ibid.kind == "ibid" and ibid.target == (1, 1)
    assert len([r for r in rows if r.footnote == 4]) == 1


def test_a_string_of_legal_citations_is_one_work_each() -> None:
    """A note citing cases one after another, "v" written without a full stop as OSCOLA
    has it, cites each: a piece the legal grammar reads as a citation is a work."""
    note = (
        "See R (Miller) v Secretary of State for Exiting the European Union [2017] UKSC 5; "
        "Donoghue v Stevenson [1932] AC 562."
    )
    assert split_works(note) == [
        "See R (Miller) v Secretary of State for Exiting the European Union [2017] UKSC 5",
        "Donoghue v Stevenson [1932] AC 562.",
    ]
