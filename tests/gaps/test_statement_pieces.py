"""The pieces of a sentence that the gap detector scores too: which pieces, their bounds, and
a gap stated in one part of a long sentence found, with the part named in ``why``."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.gaps.cues import Cues, default_cues, default_cues_text, load_cues, review_cues
from litreview.gaps.statement_model import default_model
from litreview.gaps.statement_pieces import MAX_PIECES, Piece, best_pieces, pieces
from litreview.gaps.statements import find_statements, score_sentences
from litreview.taxonomy.facets import load_taxonomy

# Written for these tests: a gap stated in one part, the rest naming shortfalls of policy,
# whose words the model has learnt are no gap.
AFTER_CONCESSION = (
    "Although the ministry has adopted a policy, issued guidance, trained its staff and funded "
    "the programme, little is known about its effects on rural households."
)
BEFORE_EXAMPLES = (
    "Little is known about how brokers recruit boys, including through the provision of "
    "services, funding, staff training, policy implementation and enforcement capacity."
)


@pytest.fixture(scope="module")
def cues() -> Cues:
    return default_cues()


def test_the_pieces_of_a_sentence(cues: Cues) -> None:
    assert pieces(AFTER_CONCESSION, cues) == [
        "issued guidance, trained its staff and funded the programme, little is known about its "
        "effects on rural households.",
        "trained its staff and funded the programme, little is known about its effects on rural "
        "households.",
        "little is known about its effects on rural households.",
    ]
    assert pieces(BEFORE_EXAMPLES, cues) == ["Little is known about how brokers recruit boys."]
    clauses = "Data on A are thin; evidence on B is missing, but work on C has begun."
    assert pieces(clauses, cues) == [
        "Data on A are thin;",
        "evidence on B is missing,",
        "but work on C has begun.",
    ]
    aside = "No studies (to our knowledge) have measured the effect."
    assert pieces(aside, cues) == ["No studies have measured the effect."]


def test_no_pieces_of_a_plain_sentence_or_when_switched_off(cues: Cues) -> None:
    assert pieces("Little is known about the effects on rural households.", cues) == []
    assert pieces(AFTER_CONCESSION, replace(cues, read_pieces=False)) == []


@given(st.lists(st.sampled_from(["Although a", "b,", "c;", "(d)", "but e", "including f"])))
def test_pieces_are_few_shorter_and_distinct(words: list[str]) -> None:
    text = " ".join(words)
    found = pieces(text, default_cues())
    assert len(found) <= MAX_PIECES
    assert len(set(found)) == len(found)
    assert all(p != text.strip() and len(p) <= len(text) + 1 for p in found)


def test_many_commas_give_few_pieces(cues: Cues) -> None:
    text = "Although " + ", ".join(["the ministry has acted"] * 5000) + ", little is known."
    assert len(pieces(text, cues)) <= MAX_PIECES


def test_best_pieces_raises_a_sentence_to_its_best_piece() -> None:
    found = [
        Piece(sentence=0, text="a", features={}),
        Piece(sentence=0, text="b", features={}),
        Piece(sentence=2, text="c", features={}),
    ]
    gap, winner = best_pieces(np.array([0.1, 0.5, 0.9]), found, np.array([0.3, 0.6, 0.2]))
    assert gap.tolist() == [0.6, 0.5, 0.9]
    assert winner == {0: found[1]}


@pytest.mark.parametrize("sentence", [AFTER_CONCESSION, BEFORE_EXAMPLES])
def test_a_gap_in_one_part_of_a_sentence_is_found(cues: Cues, sentence: str) -> None:
    model = default_model()
    whole = score_sentences(sentence, replace(cues, read_pieces=False), model)[2].gap[0]
    assert whole < cues.threshold
    taxonomy = load_taxonomy("facets:\n  - id: topic\n    values:\n      - {id: x}\n", "t.yaml")
    (found,) = find_statements("d", sentence, cues, taxonomy, model=model)
    assert found.quote == sentence  # the statement is the whole sentence
    assert found.score >= cues.threshold
    assert 'the word model read the part "' in found.why
    assert "little is known" in found.why.lower()


def test_the_settings_are_read_and_checked() -> None:
    text = default_cues_text()
    assert load_cues(text).read_pieces
    off = text.replace("read_pieces: true", "read_pieces: false")
    assert not load_cues(off).read_pieces
    broken = text.replace("read_pieces: true", "read_pieces: sometimes")
    line = next(i for i, t in enumerate(broken.splitlines(), 1) if t.startswith("read_pieces"))
    with pytest.raises(InputError, match="expected true or false") as err:
        load_cues(broken, "cues.yaml")
    assert err.value.line == line
    none = text.replace("read_pieces: true", "")
    assert not load_cues(none).read_pieces


def test_a_review_may_score_sentences_whole() -> None:
    assert review_cues(("read_pieces: false\n", "gap_cues.yaml")).read_pieces is False
    assert review_cues(("threshold: 0.5\n", "gap_cues.yaml")).read_pieces is True
    with pytest.raises(InputError, match="expected true or false") as info:
        review_cues(("threshold: 0.5\nread_pieces: 0.5\n", "gap_cues.yaml"))
    assert (info.value.path, info.value.line) == ("gap_cues.yaml", 2)


def test_why_names_its_cues_in_words(cues: Cues) -> None:
    """The cues of ``why`` are words, never feature ids ("chain:is_unknown")."""
    text = (
        "The functional consequences of altered storm regimes for coastal ecosystems are "
        "largely unknown, including the provision of services such as coastal protection."
    )
    taxonomy = load_taxonomy("facets:\n  - id: topic\n    values:\n      - {id: x}\n", "t.yaml")
    (found,) = find_statements("d", text, cues, taxonomy)
    assert "is unknown" in found.why
    assert ":" not in found.why.split("): ", 1)[1]
