"""The object of a gap: what a statement says is missing, in its own words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from litreview.core.model import GapStatement, Mention
from litreview.gaps.attribution import Backing
from litreview.gaps.objects import (
    find_objects,
    gap_objects,
    load_object_rules,
    object_of,
    statement_objects,
)

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


def test_an_objects_clause_ends_where_the_next_main_clause_begins() -> None:
    """A value named only in the main clause after a comma ("it is reasonable to infer that
    ... women ...") does not stretch the object of the clause before it, nor make it about
    data through a word of that clause."""
    sentence = (
        "Although there are no specific studies on the cost of flooding in the delta (to our "
        "knowledge from a review of secondary data), it is reasonable to infer that the losses "
        "fall on women more than on men."
    )
    got = object_of(backing(sentence, "flooding", "women"), RULES)
    assert got is not None and got.text == "the cost of flooding in the delta"
    assert not got.about_data
    # without the comma and pronoun there is one clause, and the object may hold both values
    one = "There are no studies on how the cost of flooding falls on women."
    got = object_of(backing(one, "flooding", "women"), RULES)
    assert got is not None and got.text == "how the cost of flooding falls on women"


def test_no_object_without_the_gaps_words_or_after_a_pronoun() -> None:
    assert object_of(backing("Further research on this is required.", "research"), RULES) is None
    assert object_of(backing("Little is known about floods here.", "Little"), RULES) is None
    # a clause opened by a subordinator is no object ("studies say about while ...")
    sub = backing("Little is known about while conducting flood drills.", "flood")
    assert object_of(sub, RULES) is None


def test_distinct_objects_first_by_words_held() -> None:
    a = backing("Little research covers floods and heat deaths among children.", "heat", "children")
    b = backing("There is no data on heat deaths among children in cities.", "heat", "children")
    objects = gap_objects([a, b], RULES)
    assert [o.text for o in objects] == ["heat deaths among children in cities"]
    assert objects[0].about_data


def test_an_object_naming_none_of_the_values_yields_to_one_that_does() -> None:
    # the clause names the group, the object ("patterns and trends") does not
    vague = backing(
        "Understanding patterns and trends could show which groups of women are most affected.",
        "women",
    )
    named = backing("Little is known about the roles women play in smuggling.", "women")
    assert object_of(vague, RULES) is not None
    assert [o.text for o in gap_objects([vague, named], RULES)] == [
        "the roles women play in smuggling"
    ]
    # alone, it is still asked about: better than no question from the statements
    assert [o.text for o in gap_objects([vague], RULES)] == ["patterns and trends"]


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


@pytest.mark.parametrize(
    ("sentence", "found", "pattern"),
    [
        # each of these found nothing, or a worse cut, before the patterns were measured
        ("The survey does not account for seasonal workers.", "seasonal workers", "not telling"),
        (
            "It is unknown whether flood insurance reduces migration.",
            "whether flood insurance reduces migration",
            "it is unknown wh-",
        ),
        (
            "Cohort studies are needed to quantify relapse rates in adults.",
            "relapse rates in adults",
            "verb of study",
        ),
        ("There is a paucity of data from rural clinics.", "data from rural clinics", "lack of"),
        ("Little attention has been paid to rural clinics.", "rural clinics", "attention to"),
        (
            "Western analysts have debated the credibility of the threats.",
            "the credibility of the threats",
            "verb of study",
        ),
        (
            "Heat stress in older workers should be investigated.",
            "Heat stress in older workers",
            "subject",
        ),
        (
            "Because the archive is closed, the cost of repairs is unknown.",
            "the cost of repairs",
            "subject",
        ),
        (
            "We conclude that most flood records are essentially lost.",
            "most flood records",
            "subject",
        ),
        ("The timing of the peak remains a matter of debate.", "The timing of the peak", "subject"),
    ],
)
def test_patterns_of_the_data_find_the_object(sentence: str, found: str, pattern: str) -> None:
    got = find_objects(sentence, RULES)
    assert got and (got[0].text, got[0].pattern) == (found, pattern)
    assert sentence[got[0].start : got[0].end] == found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (
            "Little is known about how farmers are paid.",
            "how farmers are paid",
        ),  # "how" takes "are"
        ("Little is known about reef recovery [12].", "reef recovery"),  # a citation ends it
        (
            "We need research on storm damage and (in part) recovery.",
            "storm damage",
        ),  # "and" trimmed
    ],
)
def test_cuts_keep_a_clauses_own_verb_and_drop_citations_and_dangling_words(
    sentence: str, found: str
) -> None:
    assert [o.text for o in find_objects(sentence, RULES)][:1] == [found]


def test_a_noun_is_not_taken_for_a_verb_of_study() -> None:
    # "studies" and "measures" are nouns here: no object opens with "have" or "of"
    assert find_objects("Recent studies have revealed new sites.", RULES) == ()
    assert find_objects("The design uses measures of stress.", RULES) == ()


def test_lists_of_the_data_fill_the_patterns() -> None:
    rules = load_object_rules(
        {
            "lists": {"gap": ["unknown", "unclear"]},
            "subjects": [{"name": "s", "rx": r"^(?P<object>.+?) is (?:{gap})"}],
        }
    )
    assert [(o.text, o.pattern) for o in find_objects("The cost is unclear.", rules)] == [
        ("The cost", "s")
    ]
    assert find_objects("The cost is high.", rules) == ()


GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "statements" / "objects_gold.yaml"


def test_the_gold_objects_are_spans_of_their_sentences_split_by_document() -> None:
    items = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["statements"]
    assert len(items) >= 150
    halves: dict[str, set[str]] = {}
    for item in items:
        assert set(item) == {"doc", "half", "kind", "sentence", "object"}
        assert item["object"] is None or item["object"] in item["sentence"], item
        halves.setdefault(item["doc"], set()).add(item["half"])
    assert all(h in ({"dev"}, {"test"}) for h in halves.values())  # a document in one half
    assert {h for hs in halves.values() for h in hs} == {"dev", "test"}
    assert sum(item["object"] is not None for item in items) >= 100


def test_only_the_first_max_chars_of_a_statement_are_read() -> None:
    sentence = "A table run together " * 3 + "with little research on flood insurance."
    assert [o.text for o in find_objects(sentence, RULES)] == ["flood insurance"]
    assert find_objects(sentence, replace(RULES, max_chars=40)) == ()
    assert load_object_rules({"max_chars": 123}).max_chars == 123
