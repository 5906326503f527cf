"""The words that name a statement's facet values: its own (by clause), what it refers back
to, and its heading."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.gaps.cues import default_cues
from litreview.gaps.mentions import clauses, compared, covered
from litreview.gaps.statements import find_statements
from litreview.taxonomy.facets import Taxonomy, load_taxonomy

TAXONOMY = """
facets:
  - id: hazard
    values:
      - {id: heat, synonyms: [heat, heatwave]}
      - {id: flood, synonyms: [flood, flooding]}
  - id: population
    values:
      - {id: older_people, synonyms: [older people]}
      - {id: children, synonyms: [children]}
"""


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return load_taxonomy(TAXONOMY, "t.yaml")


def _mentions(text: str, tax: Taxonomy) -> list[tuple[str, str, str, int]]:
    (s,) = find_statements("d", text, default_cues(), tax)
    for m in s.mentions:
        assert text[m.char_start : m.char_end] == m.quote
    return [(m.facet, m.value, m.source, m.clause) for m in s.mentions]


def test_the_heading_names_what_the_statement_does_not(tax: Taxonomy) -> None:
    """The statement names a population; the hazard comes from its heading, for every clause."""
    text = "Heatwaves\n\nCities are warming. Little is known about the health of older people.\n"
    assert sorted(_mentions(text, tax)) == [
        ("hazard", "heat", "heading", -1),
        ("population", "older_people", "statement", 0),
    ]


def test_this_refers_back_to_the_sentence_before(tax: Taxonomy) -> None:
    """'this' takes the values of the sentence before, before the heading is asked."""
    text = "Weather\n\nFlooding harms children in many ways. Further research on this is needed.\n"
    assert sorted(_mentions(text, tax)) == [
        ("hazard", "flood", "antecedent", -1),
        ("population", "children", "antecedent", -1),
    ]


def test_a_statement_that_names_its_values_does_not_borrow(tax: Taxonomy) -> None:
    """A statement naming both facets takes nothing from its heading."""
    text = "Flooding\n\nIntro text here. There is no research on heat and older people.\n"
    assert {m[2] for m in _mentions(text, tax)} == {"statement"}


def test_two_gaps_in_one_sentence_are_two_clauses() -> None:
    """Each piece that states a gap by itself is a clause; a piece that does not joins one."""
    cues = default_cues()
    sentence = "Data on heat deaths are unreliable, and little is known about flooding."
    pieces, opener = clauses(sentence, lambda piece: True, cues)
    assert opener is None
    assert [sentence[a:b] for a, b in pieces] == [
        "Data on heat deaths are unreliable, ",
        "and little is known about flooding.",
    ]
    assert clauses(sentence, lambda piece: "little" in piece, cues)[0] == [(0, len(sentence))]
    three = "Heat kills; data are thin; little is known about floods."
    spans, _ = clauses(three, lambda piece: "Heat" not in piece, cues)
    assert [three[a:b] for a, b in spans] == [
        "Heat kills; data are thin; ",
        "little is known about floods.",
    ]


def test_a_concessive_opener_states_no_gap() -> None:
    """'Despite evidence on A, data on B is missing': A is no part of the gap clause."""
    sentence = "Despite evidence on children being plentiful, data on heat deaths are missing."
    spans, opener = clauses(sentence, lambda piece: "missing" in piece, default_cues())
    assert opener is not None
    assert sentence[: opener[1]] == "Despite evidence on children being plentiful,"
    assert [sentence[a:b] for a, b in spans] == [" data on heat deaths are missing."]


def test_a_concessive_opener_names_only_what_the_rest_leaves_open(tax: Taxonomy) -> None:
    """The opener's children do not join the gap on older people; its hazard fills the open
    facet, for every clause."""
    text = (
        "Despite evidence on flooding and children being widely available, there is no "
        "research on the health of older people."
    )
    assert sorted(_mentions(text, tax)) == [
        ("hazard", "flood", "statement", -1),
        ("population", "older_people", "statement", 0),
    ]


def test_a_standard_of_comparison_names_only_what_the_rest_leaves_open(tax: Taxonomy) -> None:
    """'... affect older people more than children': children are what the gap is measured
    against, not its subject; a hazard named only there fills the open facet."""
    text = "Little is known about how heat affects older people more than children."
    assert sorted(_mentions(text, tax)) == [
        ("hazard", "heat", "statement", 0),
        ("population", "older_people", "statement", 0),
    ]
    text = "Compared with flooding, little is known about the health of older people."
    assert sorted(_mentions(text, tax)) == [
        ("hazard", "flood", "statement", -1),
        ("population", "older_people", "statement", 0),
    ]


@pytest.mark.parametrize(
    ("sentence", "standards"),
    [
        ("Women are hit harder than men.", ["than men"]),
        ("Women are hit harder than men but data on girls are thin.", ["than men"]),
        ("Compared with boys, girls are missing; data are thin.", ["Compared with boys"]),
        ("Studies treat women as victims rather than as organisers.", []),
        ("Nothing other than men is studied.", []),
        (
            "Unlike heat, floods are studied, and more than 10 studies exist",
            ["Unlike heat", "than 10 studies exist"],
        ),
    ],
)
def test_the_standards_of_comparison_of_a_sentence(sentence: str, standards: list[str]) -> None:
    """From a comparison word to the next comma, semicolon, full stop or clause break; never
    after 'rather' or 'other'."""
    found = compared(sentence, default_cues())
    assert [sentence[a:b] for a, b in found] == standards


@pytest.mark.parametrize(
    ("sentence", "studied"),
    [
        (
            "Most studies focus on the experiences of men, by men, and tend to explore their "
            "role as leaders.",
            [" the experiences of men, by men, ", " their role as leaders."],
        ),
        (
            "Recent studies have mostly focused on high-income settings.",
            [" high-income settings."],
        ),
        (
            "The review focused on total episodes, the main outcome, rather than first episodes.",
            [" total episodes, the main outcome, "],
        ),
        ("Few studies have focused on older people.", []),
        ("There are gaps in research focused on older people.", []),
        ("Future research should focus on older people.", []),
        ("Studies could concentrate on older people.", []),
        ("In a review of heat, no studies focussed on older people.", []),
    ],
)
def test_what_research_already_covers(sentence: str, studied: list[str]) -> None:
    """From a verb of focus to the end of its clause, unless scarcity, negation, need, the
    future or a modal comes before the verb: there what follows is the gap."""
    assert [sentence[a:b] for a, b in covered(sentence, default_cues())] == studied


def test_what_research_already_covers_names_no_value_of_the_gap(tax: Taxonomy) -> None:
    """'Studies of flooding focus on children; little is known about older people': children
    are what is studied, not part of the gap; where research is scarce, the value counts."""
    text = "Studies of flooding focus on children; little is known about older people."
    assert sorted(_mentions(text, tax)) == [
        ("hazard", "flood", "statement", 0),
        ("population", "older_people", "statement", 0),
    ]
    text = "Little research has focused on children in floods."
    assert ("population", "children", "statement", 0) in _mentions(text, tax)


_CUES = default_cues()


@given(
    st.lists(
        st.sampled_from(
            [
                "studies",
                "focus on",
                "few",
                "men",
                "than",
                "compared with",
                ",",
                ";",
                ".",
                "rather than",
                "and",
                "should",
                "data",
            ]
        ),
        max_size=40,
    )
)
def test_standards_and_covered_spans_lie_inside_the_sentence_in_order(words: list[str]) -> None:
    """Every span of compared() and covered() is inside the sentence, not empty, and they
    come in the order of the words that open them."""
    sentence = " ".join(words)
    cues = _CUES
    for found in (compared(sentence, cues), covered(sentence, cues)):
        assert all(0 <= a < b <= len(sentence) for a, b in found)
        assert [a for a, _ in found] == sorted(a for a, _ in found)


def test_compound_statement_numbers_its_clauses(tax: Taxonomy) -> None:
    """Values named in each gap clause carry that clause's number."""
    text = (
        "Weather\n\nCities are warming. There is no research on heat and older people, "
        "and little is known about flooding and children.\n"
    )
    found = _mentions(text, tax)
    own = sorted(m for m in found if m[2] == "statement")
    assert own == [
        ("hazard", "flood", "statement", 1),
        ("hazard", "heat", "statement", 0),
        ("population", "children", "statement", 1),
        ("population", "older_people", "statement", 0),
    ]


class _Many:
    """A gap test that answers for a list of pieces at once, and counts its calls."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, piece: str) -> bool:
        return self.many([piece])[0]

    def many(self, pieces: list[str]) -> list[bool]:
        self.calls.append(pieces)
        return ["missing" in p or "unknown" in p for p in pieces]


def test_a_gap_test_that_answers_for_a_list_is_asked_once_for_all_pieces() -> None:
    sentence = "Data on A are missing; the effects of B are unknown; C is well studied."
    many = _Many()
    one_by_one = clauses(sentence, lambda p: "missing" in p or "unknown" in p, default_cues())
    assert clauses(sentence, many, default_cues()) == one_by_one
    assert len(one_by_one[0]) == 2
    assert len(many.calls) == 1 and len(many.calls[0]) == 3
