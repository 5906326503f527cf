"""Study briefs: questions from what the statements say, sources by title, works with the
evidence that places them, and what would move the rank."""

from __future__ import annotations

from dataclasses import replace

from litreview.gaps.objects import GapObject
from litreview.gaps.sensitivity import rank_moves
from litreview.render.briefs import _questions, brief_name, render_briefs
from tests.gap_fakes import CLIMATE, climate

EVIL = " <script>alert(1)</script>"


def briefs(**kw: str) -> tuple[dict[str, str], list]:
    c = climate(**kw)
    moves = {
        g.id: rank_moves(g, c["gaps"], CLIMATE, c["settings"]) for g in c["gaps"] if g.statements
    }
    return render_briefs(c["gaps"], c["ctx"], top=2, moves=moves), c["gaps"]


def test_named_for_the_top_gaps_with_every_section() -> None:
    out, gaps = briefs()
    assert sorted(out) == sorted(f"briefs/{brief_name(g, n)}" for n, g in enumerate(gaps[:2], 1))
    first = out[f"briefs/{brief_name(gaps[0], 1)}"]
    for heading in (
        "## The gap",
        "## What the documents say",
        "## What evidence exists",
        "## Suggested research questions",
        "## What kind of study",
        "## What would change this rank",
    ):
        assert heading in first


def test_questions_come_from_what_the_statements_say() -> None:
    out, _ = briefs()
    heat = next(t for name, t in out.items() if "heat-older-people" in name)
    questions = heat.split("## Suggested research questions")[1].split("##")[0]
    assert "What is known about heat deaths among older people" in questions
    assert "Heat and Older people" not in questions  # not a template over the labels
    # the object is plural ("deaths"): the question names it once, with no pronoun after it
    assert " of it " not in questions and "a first study need to ask, and of whom?" in questions


def test_sources_by_title_and_section_works_by_citation_with_evidence() -> None:
    out, _ = briefs()
    heat = next(t for name, t in out.items() if "heat-older-people" in name)
    assert "— Urban Heat and Health, section “Heat and older people”." in heat
    evidence = heat.split("## What evidence exists")[1].split("##")[0]
    assert (
        "- Heatwaves and mortality in older adults (2021). — Heat: “Heat” (its title)" in evidence
    )
    assert "wws2021" not in evidence and "mendes2018" not in evidence  # never bare citekeys


def test_what_would_change_the_rank_is_computed() -> None:
    out, _ = briefs()
    heat = next(t for name, t in out.items() if "heat-older-people" in name)
    moves = heat.split("## What would change this rank")[1].split("##")[0]
    assert "more works covering Heat and Older people and Mortality would make the cell" in moves
    assert "One more explicit statement" in moves


def test_statement_text_stays_text() -> None:
    out, _ = briefs(evil=EVIL)
    text = "\n".join(out.values())
    assert "alert(1)" in text and "<script" not in text


def test_a_data_statement_on_a_gap_where_studies_exist_is_asked_about_its_data() -> None:
    c = climate()
    gap = replace(c["gaps"][0], kind="synthesis")
    templates = {
        "questions": {
            "synthesis": "Studies of {object}?",
            "synthesis_data": "Data on {object}?",
            "missing": "Known about {object}?",
        }
    }

    def obj(text: str, about_data: bool) -> GapObject:
        return GapObject(
            text=text, doc_id="d", char_start=0, char_end=1, n_words=1, about_data=about_data
        )

    lines = _questions(gap, c["ctx"], templates, [obj("heat deaths", True), obj("care", False)])
    assert lines[:2] == ["1. Data on heat deaths?", "2. Studies of care?"]
    # a review whose templates have no data form for studies keeps the plain one
    plain = {"questions": {"synthesis": "Studies of {object}?"}}
    assert _questions(gap, c["ctx"], plain, [obj("heat deaths", True)])[0] == (
        "1. Studies of heat deaths?"
    )


def test_an_objects_capital_is_kept_unless_it_opens_the_sentence() -> None:
    """'... data on Ukrainian beneficiaries' asks about Ukrainian beneficiaries; an object
    that opens its statement ('Heat deaths ... are poorly counted') loses the sentence's
    capital."""
    c = climate()
    gap = c["gaps"][0]
    first = gap.backing[0].statement
    templates = {"questions": {"missing": "Known about {object}?"}}

    def obj(text: str, at: int) -> GapObject:
        return GapObject(
            text=text,
            doc_id=first.doc_id,
            char_start=at,
            char_end=at + len(text),
            n_words=1,
            about_data=False,
        )

    inside = _questions(
        gap, c["ctx"], templates, [obj("Ukrainian beneficiaries", first.char_start + 9)]
    )
    opening = _questions(gap, c["ctx"], templates, [obj("Heat deaths", first.char_start)])
    assert inside[0] == "1. Known about Ukrainian beneficiaries?"
    assert opening[0] == "1. Known about heat deaths?"
