"""The object of a gap: what a statement says is missing, in its own words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from litreview.core.model import GapStatement, Mention
from litreview.gaps.attribution import Backing
from litreview.gaps.objects import gap_objects, load_object_rules, object_of, statement_objects

RULES = load_object_rules()


def backing(sentence: str, *words: str) -> Backing:
    """``sentence`` backing a gap whose values are named by ``words`` (in clause 0)."""
    mentions = tuple(
        Mention(
            facet=f"f{i}",
            value=w,
            char_start=sentence.index(w),
            char_end=sentence.index(w) + len(w),
            quote=w,
        )
        for i, w in enumerate(words)
    )
    s = GapStatement(
        doc_id="d",
        char_start=0,
        char_end=len(sentence),
        section="",
        quote=sentence,
        mentions=mentions,
    )
    return Backing(statement=s, clause=0, mentions=mentions)


@pytest.mark.parametrize(
    ("sentence", "words", "found"),
    [
        (
            "It is also apparent that not enough is known about the roles that women play in "
            "criminal groups.",
            ("women",),
            "the roles that women play in criminal groups",
        ),
        (
            "The factors that shape women's leadership of smuggling networks is, however, "
            "poorly understood.",
            ("women", "leadership"),
            "The factors that shape women's leadership of smuggling networks",
        ),
        (
            "Despite evidence on children being trafficked, data on how women are working as "
            "organisers was not available, and nor was a breakdown.",
            ("women", "organisers"),
            "how women are working as organisers",
        ),
        (
            "Few studies have examined the mental health of children after floods.",
            ("children", "floods"),
            "the mental health of children after floods",
        ),
        (
            "There is a lack of data on heat deaths among older people who live alone, and "
            "little research has focused on their care networks.",
            ("heat", "older people"),
            "heat deaths among older people who live alone",
        ),
    ],
)
def test_object_in_the_statements_words(sentence: str, words: tuple[str, ...], found: str) -> None:
    got = object_of(backing(sentence, *words), RULES)
    assert got is not None and got.text == found
    assert sentence[got.char_start : got.char_end].startswith(found[:10])


def test_no_object_without_the_gaps_words_or_after_a_pronoun() -> None:
    assert object_of(backing("Further research on this is required.", "research"), RULES) is None
    assert object_of(backing("Little is known about floods here.", "Little"), RULES) is None


def test_distinct_objects_first_by_words_held() -> None:
    a = backing("Little research covers floods and heat deaths among children.", "heat", "children")
    b = backing("There is no data on heat deaths among children in cities.", "heat", "children")
    objects = gap_objects([a, b], RULES)
    assert [o.text for o in objects] == ["heat deaths among children in cities"]
    assert objects[0].about_data


def test_a_statements_objects_with_or_without_values() -> None:
    named = backing(
        "Few studies have examined the mental health of children after floods.", "children"
    )
    assert statement_objects(named.statement, RULES) == (
        "the mental health of children after floods",
    )
    plain = replace(named.statement, mentions=())  # no value named: every object found
    assert statement_objects(plain, RULES) == ("the mental health of children after floods",)
    two = "Little is known about storm damage, and few studies have examined beach recovery."
    got = statement_objects(backing(two).statement, RULES)
    assert got == ("storm damage", "beach recovery")
    assert (
        statement_objects(backing("Further research on this is required.").statement, RULES) == ()
    )
