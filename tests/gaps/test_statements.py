"""Gap statements: cue loading, finding, offsets, strength, sections and facet resolution."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.core.text import find_headings, section_at, sentences
from litreview.gaps.statements import Cues, default_cues, find_statements, load_cues, review_cues
from litreview.review import Review
from litreview.taxonomy.facets import Taxonomy, load_taxonomy

TAXONOMY = """
facets:
  - id: crime_type
    values:
      - {id: fraud, synonyms: [fraud, scam]}
      - {id: smuggling, synonyms: [smuggling]}
  - id: group
    values:
      - {id: elders, synonyms: [older people, elders]}
      - {id: youth, synonyms: [young people, youth]}
  - id: gender_dimension
    values:
      - {id: roles, synonyms: [roles, leadership]}
"""


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    """A tiny taxonomy on a subject unrelated to the default review."""
    return load_taxonomy(TAXONOMY, "t.yaml")


@pytest.fixture(scope="module")
def cues() -> Cues:
    """The shipped cues."""
    return default_cues()


DOC = """Fraud in the region

Scams against older people have grown.
There is a lack of official data on fraud against elders.¹ Police say that reform is needed.

Leadership

Some young people take leadership roles in smuggling groups. Further research on this is required.
The agencies suffer from a lack of coordination among agencies.

¹ Detailed analysis of court statistics was beyond the scope of this note.
"""


def _quotes(text: str, tax: Taxonomy, cues: Cues) -> list[str]:
    """The quotes of the statements found in ``text``."""
    return [s.quote for s in find_statements("d", text, cues, tax)]


def test_finds_body_and_footnote_statements_not_capacity(tax: Taxonomy, cues: Cues) -> None:
    """Missing data and a call for research are found; a lack of coordination is not."""
    quotes = _quotes(DOC, tax, cues)
    assert quotes == [
        "There is a lack of official data on fraud against elders.¹",
        "Further research on this is required.",
        "Detailed analysis of court statistics was beyond the scope of this note.",
    ]


def test_offsets_section_strength_and_facets(tax: Taxonomy, cues: Cues) -> None:
    """Offsets are exact; sections come from headings; "this" resolves to the sentence before."""
    found = find_statements("d", DOC, cues, tax)
    for s in found:
        assert DOC[s.char_start : s.char_end] == s.quote
    data, research, scope = found
    assert (data.section, data.strength, data.values("crime_type"), data.values("group")) == (
        "Fraud in the region",
        "explicit",
        ("fraud",),
        ("elders",),
    )
    assert research.section == "Leadership"
    assert tuple(research.values(f) for f in ("crime_type", "group", "gender_dimension")) == (
        ("smuggling",),
        ("youth",),
        ("roles",),
    )
    assert scope.strength == "implicit"
    assert (scope.section, scope.cue) == ("Leadership", "beyond_scope")


def test_heading_gives_the_crime_type_when_the_sentence_does_not() -> None:
    """A statement without a crime type takes it from its section heading."""
    tax = load_taxonomy(TAXONOMY, "t.yaml")
    text = "Smuggling\n\nLittle is known about the older people involved.\n"
    (s,) = find_statements("d", text, default_cues(), tax)
    assert (s.values("crime_type"), s.values("group"), s.section) == (
        ("smuggling",),
        ("elders",),
        "Smuggling",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Evidence on the scale of online scams remains scarce.",
        "The topic remains underexplored in the regional literature.",
        "Youth are largely absent from the research on fraud.",
        "We could find no studies of fraud against elders.",
        "How scams reach older people is poorly understood.",
        "Such losses are under-reported, so the figures understate the problem.",
        "Whether elders are targeted more often is not clearcut.",
        "A brief review did not unearth any research on this.",
        "Evidence gaps include the roles of youth in smuggling.",
    ],
)
def test_unseen_phrasings_are_found(sentence: str, tax: Taxonomy, cues: Cues) -> None:
    """Phrasings written for this test (not from the seeds) are found."""
    assert _quotes(f"Intro\n\n{sentence}\n", tax, cues) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Urgent action is needed to protect older people.",
        "The Act has no gender provisions.",
        "There is a lack of coordination among agencies.",
        "The lack of human and financial resources is another challenge.",
        "According to research by the bank, fraud is rising.",
        "There is a large body of evidence on youth and smuggling.",
    ],
)
def test_shortfalls_of_policy_or_capacity_are_not_gaps(
    sentence: str, tax: Taxonomy, cues: Cues
) -> None:
    """Negative cues and cue-free sentences give nothing."""
    assert _quotes(f"Intro\n\n{sentence}\n", tax, cues) == []


def test_hedge_makes_a_statement_implicit(tax: Taxonomy, cues: Cues) -> None:
    """'There appears to be little research' is implicit; without the hedge, explicit."""
    hedged, plain = (
        find_statements("d", f"{s}\n", cues, tax)[0]
        for s in (
            "There appears to be little research on fraud.",
            "There is little research on fraud.",
        )
    )
    assert (hedged.strength, plain.strength) == ("implicit", "explicit")


def test_list_items_after_a_gap_statement_are_statements(tax: Taxonomy, cues: Cues) -> None:
    """'Evidence gaps include:' followed by bullets gives one statement per bullet."""
    text = (
        "Evidence gaps include:\n- the roles of youth in smuggling\n- fraud against elders\n\n"
        "Other text.\n"
    )
    found = find_statements("d", text, cues, tax)
    assert [s.quote for s in found] == [
        "Evidence gaps include:",
        "the roles of youth in smuggling",
        "fraud against elders",
    ]
    assert found[2].values("crime_type") == ("fraud",)


def test_these_gaps_needs_a_gap_before_it(tax: Taxonomy, cues: Cues) -> None:
    """'These gaps' counts only after a gap statement."""
    assert _quotes("The road has gaps. These gaps are dangerous.\n", tax, cues) == []
    assert len(_quotes("There are gaps in the research. These gaps matter.\n", tax, cues)) == 2


_TAX = load_taxonomy(TAXONOMY, "t.yaml")
_CUES = default_cues()
WORDS = st.sampled_from(
    [
        "fraud",
        "data",
        "is",
        "lacking",
        "little",
        "research",
        "on",
        "elders",
        "remains",
        "poorly",
        "understood",
        "Police",
        "act",
        "¹",
        "*x*",
        "e.g.",
        "Dr.",
        "further",
        "study",
        "needed",
        "\n",
        "\n\n",
        "-",
        "1.",
        ":",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60), st.lists(st.sampled_from([". ", "? ", " "]), max_size=60))
def test_every_quote_is_the_text_at_its_offsets(words: list[str], seps: list[str]) -> None:
    """Property: text[char_start:char_end] == quote for every statement, in order, no overlap."""
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    found = find_statements("d", text, _CUES, _TAX)
    for s in found:
        assert text[s.char_start : s.char_end] == s.quote
        assert s.quote == s.quote.strip() and s.quote
    ends = [(s.char_start, s.char_end) for s in found]
    assert all(a[1] <= b[0] for a, b in pairwise(ends))


def test_sentences_and_headings() -> None:
    """Abbreviations and initials do not end sentences; headings are short standalone lines."""
    text = "Intro\n\nSee e.g. Dr. Smith and J. Bloggs on this. Next one.\n\n² A footnote.\n"
    quotes = [text[s.start : s.end] for s in sentences(text)]
    assert quotes == [
        "Intro",
        "See e.g. Dr. Smith and J. Bloggs on this.",
        "Next one.",
        "A footnote.",
    ]
    heads = find_headings(text)
    assert [h.title for h in heads] == ["Intro"]
    assert section_at(heads, text.index("Next")) == "Intro" and section_at(heads, 0) == "Intro"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("positive:\n  - id: a\n    pattern: '(unclosed'\n", 3, "bad pattern"),
        ("positive:\n  - id: a\n    pattern: x\n    strength: strong\n", 4, "strength"),
        ("positive:\n  - id: a\n    pattern: x\nnegtive: []\n", 4, "unknown key 'negtive'"),
        ("positive: []\n", 1, "non-empty list"),
        ("positive: [\n", 2, "bad YAML"),
    ],
)
def test_bad_cue_files_name_the_line(text: str, line: int, message: str) -> None:
    """A broken cue file is an InputError with its path and line."""
    with pytest.raises(InputError, match=message) as info:
        load_cues(text, "cues.yaml")
    assert (info.value.path, info.value.line) == ("cues.yaml", line)


def test_a_review_may_override_the_cues(tmp_path: Path, tax: Taxonomy) -> None:
    """bibliography/gap_cues.yaml replaces the shipped cues for that review."""
    review = Review.at(tmp_path)
    assert len(review_cues(review.read_gap_cues()).positive) == len(default_cues().positive)
    review.gap_cues_path.parent.mkdir(parents=True)
    review.gap_cues_path.write_text(
        "positive:\n  - id: gaps\n    pattern: 'nobody knows'\n", encoding="utf-8"
    )
    cues = review_cues(review.read_gap_cues())
    assert _quotes("Nobody knows the scale of fraud. Data is lacking.\n", tax, cues) == [
        "Nobody knows the scale of fraud."
    ]


def test_a_footnote_does_not_borrow_facets_from_the_note_before(tax: Taxonomy, cues: Cues) -> None:
    """'this' in a footnote looks back within its own note only, not into another note."""
    text = (
        "Intro\n\nBody text on scams.¹ More.²\n\n¹ A survey of young people.\n\n"
        "² Analysis of this was beyond the scope of this note.\n"
    )
    (s,) = find_statements("d", text, cues, tax)
    assert s.quote.startswith("Analysis of this") and s.values("group") == ()
