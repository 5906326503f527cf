"""Chains of word lists as features: order, distance, value, and lists read by chains only."""

from __future__ import annotations

import pytest

from litreview.gaps.cues import Cues, load_cues
from litreview.gaps.statement_features import analyse, sentence_features

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
