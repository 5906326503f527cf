"""Distinctive terms: phrases over their words, never a number, a stop word or a word every
cluster shares."""

from __future__ import annotations

import doctest

import pytest

from litreview.gaps import cluster_terms
from litreview.gaps.cluster_terms import (
    TermRules,
    candidate_terms,
    cue_words,
    distinctive_terms,
    generic_words,
    stop_words,
    term_scores,
)

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
    assert "heatrelated death" in found  # plural and hyphen folded for counting
    assert found["heatrelated death"] == "heat-related deaths"  # written form kept
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


def test_hyphen_variants_are_one_term() -> None:
    texts = ["breast-feeding rates", "breastfeeding rates at discharge", "storm waves", "storms"]
    terms = distinctive_terms(texts, [0, 0, 1, 1])
    assert terms[0] == ("breast-feeding rates",) or terms[0][0] in {
        "breastfeeding rates",
        "breast-feeding rates",
    }
    assert not ({"breastfeeding", "breast-feeding"} <= set(terms[0]))


# Three clusters of gap statements; "Freedonia" (the place the corpus is about) is in every
# cluster, most often in the first, so its lift there passes the floor.
PLANTED = [
    "little research on crop yields in Freedonia",
    "no data on crop yields of Freedonia",
    "crop yields in Freedonia remain unknown despite surveys",
    "cases of crop yields in Freedonia",
    "lack of evidence on river silt",
    "river silt in Freedonia is poorly understood",
    "river silt and groups of farmers",
    "few studies of locust swarms",
    "locust swarms in Freedonia are not documented",
    "locust swarms and factors",
]
PLANTED_LABELS = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_a_word_every_cluster_uses_names_none_however_lifted() -> None:
    terms = distinctive_terms(PLANTED, PLANTED_LABELS)
    assert terms[0][0] == "crop yields" and terms[1][0] == "river silt"
    assert not any("freedonia" in t.lower() for ts in terms for t in ts)
    off, _ = term_scores(PLANTED, PLANTED_LABELS, rules=TermRules(spread=2.0))
    lifted = {s.term: s.lift for s in off[0]}
    assert lifted["freedonia"] >= TermRules().min_lift  # the rule, not the lift, removes it
    on, _ = term_scores(PLANTED, PLANTED_LABELS)
    assert not any("freedonia" in s.term for ss in on.values() for s in ss)


def test_the_words_clusters_use_may_come_from_other_texts() -> None:
    objects = ["Freedonia harvests", "Freedonia harvests", "river silt", "river silt"]
    objects += ["locusts", "locusts"]
    labels = [0, 0, 1, 1, 2, 2]
    assert distinctive_terms(objects, labels)[0] == ("freedonia harvests",)
    quotes = [f"{o} in Freedonia" for o in objects]
    terms = distinctive_terms(objects, labels, background=quotes)
    assert terms[0] == ("harvests",)


def test_cue_words_and_generic_nouns_are_no_terms_for_statements() -> None:
    terms = distinctive_terms(PLANTED, PLANTED_LABELS, rules=TermRules(cue_words=True))
    flat = {w for ts in terms for t in ts for w in t.lower().split()}
    words, prefixes = cue_words()
    assert not flat & (words | {"despite", "lack", "data", "evidence", "unknown"})
    assert not any(w.startswith(prefixes) for w in flat)  # "surveys": survey*
    assert not {t for ts in terms for t in ts} & {"cases", "groups", "factors"}
    assert {"research", "data", "despite", "gaps"} <= words


def test_a_generic_noun_may_head_a_phrase() -> None:
    texts = ["minority groups", "minority groups in cities", "storm waves", "storm waves again"]
    terms = distinctive_terms(texts, [0, 0, 1, 1])
    assert terms[0] == ("minority groups",)
    assert "group" in generic_words()
    assert distinctive_terms(["groups", "groups", "waves", "waves"], [0, 0, 1, 1])[0] == ()
    # a word saying how good evidence is: no term alone, though it may begin one
    texts = ["older people", "older people alone", "incomplete", "incomplete again"]
    terms = distinctive_terms(texts, [0, 0, 1, 1], rules=TermRules(cue_words=True))
    assert terms == [("older people",), ()]


def test_a_terms_own_capitals_are_kept_and_title_capitals_dropped() -> None:
    """'miRNAs' and 'uORFs' are written so in any text; 'Storms' is a title's capital."""
    texts = [
        "miRNAs direct decay of uORFs in Storms",
        "miRNAs and uORFs regulate Storms of decay",
        "coastal birds",
        "coastal birds nest",
    ]
    terms = distinctive_terms(texts, [0, 0, 1, 1])
    assert {"miRNAs", "uORFs"} <= set(terms[0])
    assert "storms" in terms[0] or "Storms" not in terms[0]


def test_a_legal_abbreviation_names_no_cluster() -> None:
    """'US ex rel. Westlock' in the titles of a cluster of cases: 'rel' is no theme."""
    texts = [
        "US ex rel. Westlock v. Pfizer off-label promotion",
        "US ex rel. Franklin v. Parke-Davis off-label promotion",
        "coastal birds",
        "coastal birds nest",
    ]
    terms = distinctive_terms(texts, [0, 0, 1, 1])
    assert not {"rel", "ex"} & {w for t in terms[0] for w in t.split()}
    assert "off-label promotion" in terms[0]
