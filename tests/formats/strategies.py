"""Hypothesis strategies the format readers' property tests share."""

from __future__ import annotations

from hypothesis import strategies as st

Record = tuple[str, list[tuple[str, str]], int]


def words(categories: list[str]) -> st.SearchStrategy[str]:
    """Text of the given Unicode categories, one space between words, never empty."""
    return (
        st.text(
            alphabet=st.characters(codec="utf-8", categories=categories), min_size=1, max_size=30
        )
        .map(lambda s: " ".join(s.split()))
        .filter(bool)
    )


def records(text: st.SearchStrategy[str], most: int = 5) -> st.SearchStrategy[list[Record]]:
    """One to ``most`` records: a title, up to three people as (family, given), a year."""
    person = st.tuples(text, text)
    one = st.tuples(text, st.lists(person, max_size=3), st.integers(1500, 2099))
    return st.lists(one, min_size=1, max_size=most)
