"""Gap statements: the detector's settings, what it reads, what it finds, and the fields of
each statement (offsets, kind, strength, score, why)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.core.model import GapStatement
from litreview.core.schema import STATEMENT_KINDS
from litreview.gaps.statement_scope import read_sentences
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
    """The shipped cues and settings."""
    return default_cues()


def _found(text: str, tax: Taxonomy, cues: Cues) -> list[GapStatement]:
    return find_statements("d", text, cues, tax)


def _quotes(text: str, tax: Taxonomy, cues: Cues) -> list[str]:
    return [s.quote for s in _found(text, tax, cues)]


# Written for these tests (not from any labelled document): plain gap statements of each kind.
@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Little is known about how scams reach older people.", "missing"),
        ("There is a lack of reliable data on fraud against elders.", "data"),
        (
            "Further research on the roles of young people in smuggling is needed.",
            "research_needed",
        ),
        ("Official figures on online fraud are unreliable and several years out of date.", "data"),
        ("No study has examined the leadership of smuggling groups.", "missing"),
    ],
)
def test_plain_gap_statements_are_found(
    sentence: str, kind: str, tax: Taxonomy, cues: Cues
) -> None:
    """Each sentence is found, alone in a paragraph of ordinary text, with its kind."""
    text = f"Fraud in the region\n\nScams cost households a great deal. {sentence}\n"
    (s,) = _found(text, tax, cues)
    assert (s.quote, s.kind) == (sentence, kind)


# Hard negatives: shortfalls of policy, capacity, funding or awareness, and scope remarks.
@pytest.mark.parametrize(
    "sentence",
    [
        "There is a lack of coordination among the agencies that handle fraud.",
        "The lack of human and financial resources is another challenge for the police.",
        "Urgent action is needed to protect older people from scams.",
        "These debates are left outside the scope of this book but are treated elsewhere.",
        "Many older people are not aware of the support services available to them.",
        "The new law does not include any provisions for young people.",
    ],
)
def test_shortfalls_and_scope_remarks_are_not_statements(
    sentence: str, tax: Taxonomy, cues: Cues
) -> None:
    """None of these is a statement that knowledge is missing."""
    text = f"Fraud in the region\n\nScams cost households a great deal. {sentence}\n"
    assert _quotes(text, tax, cues) == []


def test_headings_reference_lists_and_captions_are_never_read(tax: Taxonomy, cues: Cues) -> None:
    """Gap words in a heading, a caption or a reference-list entry make no statement."""
    text = (
        "Little is known about fraud\n\n"
        "Scams cost households a great deal.\n\n"
        "Figure 2: Little is known about fraud against elders\n\n"
        "References\n\n"
        "Smith J (2010) Little is known: the lack of data on fraud. J Crime Stud 3: 1–5.\n"
    )
    assert _quotes(text, tax, cues) == []


def test_a_list_of_studies_under_its_own_heading_is_never_read(cues: Cues) -> None:
    """Entries of a reference list that ingest finds by their shape (no "References" heading)
    are apparatus: the detector never reads them, while the body above is read."""
    text = (
        "Fraud in the region\n\nLittle is known about fraud against elders.\n\n"
        "Studies we reviewed\n\n"
        "Smith, J. (2010). Little is known: the lack of data on fraud. J Crime Stud 3: 1–5.\n\n"
        "Jones, K. (2012). Further research on scams is needed. Fraud Review 8: 10–20.\n"
    )
    read = {s.flat: s.excluded for s in read_sentences(text, cues)}
    assert read["Little is known about fraud against elders."] == ""
    entries = [e for f, e in read.items() if f.startswith(("Smith", "Jones"))]
    assert entries and set(entries) == {"reference list"}


def test_fields_of_a_statement(tax: Taxonomy, cues: Cues) -> None:
    """Offsets are exact; kind, strength, score and why are filled; the section is the
    heading above."""
    text = "Fraud against elders\n\nScams are common. Little is known about fraud against elders.\n"
    (s,) = _found(text, tax, cues)
    assert text[s.char_start : s.char_end] == s.quote
    assert s.section == "Fraud against elders"
    assert s.kind in STATEMENT_KINDS and s.strength in ("explicit", "implicit")
    assert cues.threshold <= s.score <= 1
    head = f"score {s.score:.2f} (threshold {cues.threshold:.2f}"
    assert s.why.startswith(head)
    if cues.encoder_share:  # the blend's parts, which give the score
        m = re.match(re.escape(head) + r"; sentence encoder (\S+), word model (\S+)\): ", s.why)
        assert m, s.why
        enc, lin = float(m[1]), float(m[2])
        assert abs(cues.encoder_share * enc + (1 - cues.encoder_share) * lin - s.score) < 0.0125


def test_a_hedge_makes_a_statement_implicit(tax: Taxonomy, cues: Cues) -> None:
    """'There appears to be little research' is implicit; without the hedge, explicit."""
    hedged, plain = (
        _found(f"Intro\n\nScams are common. {s}\n", tax, cues)[0]
        for s in (
            "It may be that the official figures on fraud are an underestimate.",
            "There is no research on fraud against elders.",
        )
    )
    assert (hedged.strength, plain.strength) == ("implicit", "explicit")


def test_the_same_text_gives_the_same_statements(tax: Taxonomy, cues: Cues) -> None:
    """Deterministic: two runs agree field for field."""
    text = "Intro\n\nLittle is known about scams. More research on smuggling is needed.\n"
    assert _found(text, tax, cues) == _found(text, tax, cues)


_TAX = load_taxonomy(TAXONOMY, "t.yaml")
_CUES = default_cues()
_VOCABULARY = (
    "fraud data is lacking little research on elders remains poorly understood Police act "
    "¹ *x* e.g. Dr. further study needed - 1. : References Figure"
)
WORDS = st.sampled_from([*_VOCABULARY.split(" "), "\n", "\n\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=60), st.lists(st.sampled_from([". ", "? ", " "]), max_size=60))
def test_every_quote_is_the_text_at_its_offsets(words: list[str], seps: list[str]) -> None:
    """Property: text[char_start:char_end] == quote for every statement, in order, no overlap."""
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    found = find_statements("d", text, _CUES, _TAX)
    for s in found:
        assert text[s.char_start : s.char_end] == s.quote
        assert s.quote == s.quote.strip() and s.quote
        assert all(text[m.char_start : m.char_end] == m.quote for m in s.mentions)
    ends = [(s.char_start, s.char_end) for s in found]
    assert all(a[1] <= b[0] for a, b in pairwise(ends))


# -- settings --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("lexicon:\n  a: [x]\ncaption: '(unclosed'\n", 3, "bad pattern"),
        ("lexicon:\n  a: [x]\nthreshold: high\n", 3, "expected a number"),
        ("lexicon:\n  a: [x]\nlexcon: {}\n", 3, "unknown key 'lexcon'"),
        ("lexicon:\n  a: []\n", 2, "non-empty list"),
        ("lexicon:\n  a: [x]\nconstructions:\n  - {id: c, first: a, then: b}\n", 4, "'b'"),
        ("lexicon: [\n", 2, "bad YAML"),
        ("lexicon:\n  a: [x]\nchains:\n  - {id: c, steps: [a, b], within: [2]}\n", 4, "'b'"),
        ("lexicon:\n  a: [x]\nchains:\n  - {id: c, steps: [a, a]}\n", 4, "needs 1 'within'"),
        ("lexicon:\n  a: [x]\nchain_lists:\n  a: [y]\n", 4, "also a lexicon list"),
        ("lexicon:\n  a: [x]\ncovered:\n  verbs: [focus on]\n  unless: [b]\n", 5, "'b'"),
        ("lexicon:\n  a: [x]\ncovered:\n  unless: [a]\n", 4, "needs 'verbs'"),
        ("lexicon:\n  a: [x]\ncovered:\n  verbs: [v]\n  until: [x]\n", 5, "'until'"),
    ],
)
def test_bad_cue_files_name_the_line(text: str, line: int, message: str) -> None:
    """A broken cue file is an InputError with its path and line."""
    with pytest.raises(InputError, match=message) as info:
        load_cues(text, "cues.yaml")
    assert (info.value.path, info.value.line) == ("cues.yaml", line)


def test_a_review_sets_its_threshold_and_patterns(tmp_path: Path, tax: Taxonomy) -> None:
    """bibliography/gap_cues.yaml changes the threshold and adds include/exclude patterns; the
    older keys positive/negative are read as include/exclude."""
    review = Review.at(tmp_path)
    assert review_cues(review.read_gap_cues()).threshold == default_cues().threshold
    review.gap_cues_path.parent.mkdir(parents=True)
    text = "Intro\n\nNobody can say how many scams there are. Little is known about fraud.\n"
    review.gap_cues_path.write_text(
        "threshold: 0.99999\ninclude: ['nobody can say']\n", encoding="utf-8"
    )
    cues = review_cues(review.read_gap_cues())
    assert cues.threshold == 0.99999
    assert _quotes(text, tax, cues) == ["Nobody can say how many scams there are."]
    review.gap_cues_path.write_text(
        "negative:\n  - {id: n, pattern: 'little is known'}\n", encoding="utf-8"
    )
    assert _quotes(text, tax, review_cues(review.read_gap_cues())) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("threshold: 2\n", "from 0 to 1"),
        ("threshold: -0.1\n", "from 0 to 1"),
        ("threshold: inf\n", "from 0 to 1"),
        ("context_sentences: inf\n", "whole number"),
        ("context_sentences: 1e400\n", "whole number"),
        ("context_sentences: -2\n", "whole number"),
        ("context_sentences: 2.5\n", "whole number"),
    ],
)
def test_a_review_setting_out_of_its_range_names_the_line(text: str, message: str) -> None:
    """A threshold outside 0 to 1 (no statement, or every sentence, without a word) and a
    context that is no small whole number (infinity escaped as an OverflowError) are errors."""
    with pytest.raises(InputError, match=message) as info:
        review_cues(("encoder_share: 0.4\n" + text, "gap_cues.yaml"))
    assert (info.value.path, info.value.line) == ("gap_cues.yaml", 2)


def test_a_review_file_with_an_unknown_key_names_the_line(tmp_path: Path) -> None:
    """The review's settings file is checked like the shipped one."""
    path = tmp_path / "gap_cues.yaml"
    with pytest.raises(InputError, match="unknown key 'lexicon'") as info:
        review_cues(("threshold: 0.5\nlexicon: {}\n", str(path)))
    assert info.value.line == 2
