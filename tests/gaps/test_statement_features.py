"""Chains of word lists as features: order, distance, value, and lists read by chains only;
the shipped chains and lists on sentences of their kind."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from litreview.gaps.cues import (
    _FOLDS_TO_ASCII,
    Chain,
    Cues,
    Leads,
    default_cues,
    load_cues,
    text_leads,
    word_leads,
    words_pattern,
)
from litreview.gaps.statement_features import _chained, analyse, sentence_features

CUES = """
lexicon:
  topic: [harvest*, yield*]
chain_lists:
  fault: [unreliable, patchy]
  be: [is, are]
  called: [needed, wanted]
chains:
  - {id: topic_fault, steps: [topic, fault], within: [3], value: 4}
  - {id: topic_is_called, steps: [topic, be, called], within: [0, 1]}
"""


@pytest.fixture(scope="module")
def cues() -> Cues:
    return load_cues(CUES, "cues.yaml")


def chains(text: str, cues: Cues) -> dict[str, float]:
    return analyse(text, cues).chains


def test_a_chain_fires_in_order_within_its_distance(cues: Cues) -> None:
    """Within three words, in the listed order only."""
    assert chains("Harvest records are unreliable.", cues) == {"topic_fault": 4.0}
    assert chains("Harvest records for the upland farms are unreliable.", cues) == {}
    assert chains("Unreliable harvest records.", cues) == {}


def test_a_step_within_zero_reaches_any_distance(cues: Cues) -> None:
    """'Yield studies ... are needed' however long the subject; the last two steps adjacent."""
    long = "Yield trials that follow farms across many seasons and regions are needed."
    assert "topic_is_called" in chains(long, cues)
    assert "topic_is_called" not in chains("Yield trials are, we think, needed.", cues)
    assert "topic_is_called" not in chains("Are needed yields here?", cues)


def test_chain_features_carry_their_value_and_chain_lists_give_none(cues: Cues) -> None:
    """The feature is the chain's value; words of chain-only lists add no list counts."""
    text = "Yield figures are patchy and needed."
    feats = sentence_features(text, analyse(text, cues))
    assert feats["chain:topic_fault"] == 4.0
    assert "chain:topic_is_called" not in feats
    assert {k for k in feats if k.startswith(("lex:", "pair:"))} == {"lex:topic"}


def _chained_by_definition(steps: list[list[int]], within: list[int]) -> bool:
    reach = steps[0]
    for later, w in zip(steps[1:], within, strict=True):
        reach = [t for t in later if any(t - f > 0 and (w <= 0 or t - f <= w) for f in reach)]
    return bool(reach)


@given(
    st.lists(st.lists(st.integers(0, 40), max_size=8), min_size=2, max_size=4).flatmap(
        lambda steps: st.tuples(
            st.just(steps),
            st.lists(st.integers(-1, 6), min_size=len(steps) - 1, max_size=len(steps) - 1),
        )
    )
)
def test_a_chain_fires_exactly_when_its_definition_says(case: tuple) -> None:
    steps, within = case
    chain = Chain(id="c", steps=tuple(f"s{i}" for i in range(len(steps))), within=tuple(within))
    positions = {f"s{i}": p for i, p in enumerate(steps)}
    assert _chained(chain, positions.__getitem__) == _chained_by_definition(steps, within)


@pytest.mark.parametrize(
    ("text", "fired"),
    [
        (
            "Rural wages after the reform of the grain board remain poorly understood.",
            {"is_unknown"},
        ),
        ("Its long-run cost is largely unquantified.", {"is_unknown"}),
        (
            "Whether the scheme changed how often farms were inspected is open to debate.",
            {"is_unknown", "open_question_is_unknown"},
        ),
        (
            "The extent to which the grants reached small towns is unclear.",
            {"is_unknown", "open_question_is_unknown"},
        ),
        ("The scheme is unclear to many farmers who applied.", {"is_unknown"}),
        ("The reform was popular, and its cost is well known.", set()),
        ("Unclear rules are a problem for the scheme.", set()),
    ],
)
def test_the_shipped_chains_read_not_knowing_after_any_subject(text: str, fired: set) -> None:
    """A predicate of not knowing or of dispute after a verb of being, whatever the subject
    and however long it is ('... remain poorly understood', 'whether ... is open to debate');
    not before the verb, nor when what follows is known."""
    found = set(analyse(text, default_cues()).chains)
    assert found & {"is_unknown", "open_question_is_unknown"} == fired


def test_the_shipped_lists_hold_words_of_doubt_and_of_distorted_figures() -> None:
    """Refuted findings count as contested; inflated or misclassified figures as a quality
    problem and, after a data noun, as a data problem."""
    found = analyse(
        "Official estimates of seizures were inflated by misclassification; "
        "the earlier findings were later refuted.",
        default_cues(),
    )
    assert found.counts.get("contested") == 1
    assert found.counts.get("quality", 0) >= 2
    assert "data_problem" in found.chains


def test_words_weigh_less_than_the_cues(cues: Cues) -> None:
    """Word and bigram features are worth less than a cue feature of the same count, so the
    model's penalty falls harder on a document's topic words than on its cues."""
    text = "Harvest records are unreliable."
    feats = sentence_features(text, analyse(text, cues))
    assert 0 < feats["w:harvest"] == feats["b:<s> harvest"] < feats["lex:topic"] == 1.0


_ENTRIES = ["lack", "lacking", "lack of", "data", "data set*", "dataset*", "little", "Kin", "no"]


@given(st.text(alphabet="lackingdtsetoKIN -'ſK", max_size=40))
def test_a_word_list_grouped_by_first_letter_finds_what_one_alternation_finds(text: str) -> None:
    grouped = words_pattern(_ENTRIES)
    assert "l(?:" in grouped.pattern
    body = []
    for word in sorted(set(_ENTRIES), key=lambda w: (-len(w), w)):
        parts = re.split(r"[\s\-]+", word.rstrip("*"))
        alt = r"[\s\-]+".join(map(re.escape, parts))
        body.append(alt + (r"[\w\-]*" if word.endswith("*") else ""))
    plain = re.compile(r"(?<![\w\-])(?:" + "|".join(body) + r")(?![\w\-])", re.IGNORECASE)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


_LEAD_CUES = """
lexicon:
  gap: [lack*, "lack of", little, no, "e.g.", un*, "don't", Kin, "so-called"]
  data: [data, "data set*", estimate*]
chain_lists:
  need: [need*, required]
chains:
  - {id: data_need, steps: [data, need], within: [0]}
"""
_LEAD_TEXT = st.lists(
    st.sampled_from(
        [*"lackoftieungdsmrqKN -'’_.,1é", "\u0130", "\u0131", "\u017f", "\u212a", "no ", "data "]
    ),
    max_size=40,
).map("".join)


@given(_LEAD_TEXT)
@example("Unknown data are needed")
@example("lacking data-sets, lack-of data")
@example("\u212ain little \u017fo-called data")
@example("l\u0131ttle \u0130 data")
def test_passing_over_texts_by_their_leads_finds_what_searching_every_text_finds(
    text: str,
) -> None:
    """A list is not searched in a text none of whose words starts as its entries do: the
    counts, constructions and chains are those of searching every text, whatever the case,
    the marks between words, or letters that fold to ASCII ones (ſ, K, İ, ı)."""
    cues = load_cues(_LEAD_CUES, "cues.yaml")
    searched = Cues(
        **{
            **{f: getattr(cues, f) for f in cues.__dataclass_fields__},
            "lexicon": tuple(replace(w, leads=None) for w in cues.lexicon),
            "chain_lists": tuple(replace(w, leads=None) for w in cues.chain_lists),
        }
    )
    assert all(w.leads is not None for w in (*cues.lexicon, *cues.chain_lists))
    assert analyse(text, cues) == analyse(text, searched)


def test_the_leads_of_a_list_and_of_a_text() -> None:
    # a first word of letters alone, then another word or nothing, is the run a match
    # begins; a first word with a wildcard or with marks is only what that run begins with
    assert word_leads(["Lack of", "un*", "e.g.", "data set*", "absent"]) == Leads(
        words=frozenset({"lack", "data", "absent"}), stems=frozenset({"un", "e"})
    )
    # an entry that does not open with a letter cannot be passed over by its start
    assert word_leads(["data", "1990s"]) is None
    assert text_leads("Data, un-known") == Leads(
        words=frozenset({"data", "un", "known"}),
        stems=frozenset({"d", "da", "dat", "data", "u", "un", "k", "kn", "kno", "know", "known"}),
    )
    assert text_leads("\u017fome data") is None
    entries, lacking, unknown = (
        word_leads(["lack of", "un*"]),
        text_leads("lacking evidence"),
        text_leads("Unknown"),
    )
    assert entries is not None and lacking is not None and unknown is not None
    # "lacking" is not the run "lack of" begins; "unknown" begins as "un*" does
    assert not lacking.may_hold(entries)
    assert unknown.may_hold(entries)


def test_every_letter_that_folds_to_an_ascii_one_is_known() -> None:
    """The characters outside ASCII that a case-blind pattern reads as an ASCII letter, or
    that lower-case to one, are the ones the leads do not trust."""
    folding = {
        chr(i)
        for i in range(128, 0x110000)
        if re.match("[a-z]", chr(i), re.IGNORECASE)
        or (chr(i).lower().isascii() and chr(i).lower().isalpha())
    }
    distrusted = {chr(i) for i in range(128, 0x110000) if _FOLDS_TO_ASCII.fullmatch(chr(i))}
    assert folding == distrusted
