"""Distinctive terms: phrases over their words, never a number, a stop word or a word every
cluster shares."""

from __future__ import annotations

import doctest

import pytest

from litreview.gaps import cluster_terms
from litreview.gaps.cluster_terms import candidate_terms, distinctive_terms, stop_words

FLOOD = [
    "Organised crime and river flooding in 2013",
    "organised crime networks after the flood",
    "Organised crime: flood relief fraud",
    "organised crime and flood insurance",
]
HEAT = [
    "Heat stroke among older people 2019",
    "heat stroke deaths in cities",
    "Heat stroke and older people: a review",
    "cooling centres against heat stroke",
]


def test_doctests() -> None:
    assert doctest.testmod(cluster_terms).failed == 0


def test_candidates_skip_numbers_stop_words_and_punctuation() -> None:
    found = candidate_terms("The 2013 UNODC report: heat-related deaths³ in cities, and floods")
    assert "unodc" in found and found["unodc"] == "UNODC"
    assert "heat-related death" in found  # plural folded for counting, written form kept
    assert found["heat-related death"] == "heat-related deaths"
    assert not any(ch.isdigit() for term in found for ch in term)
    assert "report" not in found and "the" not in found  # stop-like words never stand alone
    assert "city flood" not in found and "unodc report" not in found  # no phrase over "," or ":"


def test_phrases_replace_the_words_they_contain() -> None:
    terms = distinctive_terms(FLOOD + HEAT, [0] * 4 + [1] * 4)
    assert terms[0][0] == "organised crime" and "organised" not in terms[0]
    assert terms[1][0] == "heat stroke" and "heat" not in terms[1]
    assert all(not any(ch.isdigit() for ch in t) for ts in terms for t in ts)


def test_a_word_used_everywhere_describes_no_cluster() -> None:
    texts = [f"{t} in the region" for t in FLOOD + HEAT]
    terms = distinctive_terms(texts, [0] * 4 + [1] * 4)
    assert not any("region" in t for ts in terms for t in ts)


@pytest.mark.parametrize("word", ["report", "study", "better", "https"])
def test_packaged_stop_words_are_read(word: str) -> None:
    assert word in stop_words()


def test_a_term_needs_two_texts_in_a_cluster_of_two_or_more() -> None:
    texts = ["flood levee", "flood barrier", "heat wave", "heat dome"]
    terms = distinctive_terms(texts, [0, 0, 1, 1])
    assert terms == [("flood",), ("heat",)]
