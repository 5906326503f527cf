"""Helpers of BibTeX syntax against plain reference versions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from litreview.core.model import Person
from litreview.formats._bibtex_syntax import balanced, format_names, split_names


def _balanced_by_counting(text: str) -> bool:
    """Braces counted one at a time (a backslash escapes the next character)."""
    depth, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0 and not (len(text) - len(text.rstrip("\\"))) % 2


@given(st.text(alphabet="{}{}ab \\"))
def test_balanced_as_counting_the_braces(text: str) -> None:
    assert balanced(text) == _balanced_by_counting(text)


def test_balanced_deep_nesting() -> None:
    assert balanced("{" * 50 + "x" + "}" * 50)
    assert not balanced("{" * 50 + "x" + "}" * 49)
    assert not balanced("{" * 10 + "}" * 11 + "{")


def test_format_names_dropping_particle_after_the_given_name() -> None:
    people = (
        Person(family="Beethoven", given="Ludwig", dropping_particle="van"),
        Person(family="Gogh", dropping_particle="van"),
        Person(family="Smith", given="Ann"),
    )
    assert format_names(people) == "Beethoven, Ludwig van and Gogh, van and Smith, Ann"


def test_a_name_part_holding_and_or_a_comma_is_braced_so_it_reads_back_as_one_person() -> None:
    """Word's list of sources from JabRef's export has a person whose middle name is
    "and Or{\\l}owski, Cezary": written bare, it came back from corpus.bib as two people."""
    people = (Person(family="Czarnecki", given="Adam and Orlowski, Cezary"), Person(family="Roe"))
    text = format_names(people)
    assert text == "Czarnecki, {Adam and Orlowski, Cezary} and Roe"
    assert [p.family for p in split_names(text)] == ["Czarnecki", "Roe"]
