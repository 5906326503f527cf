"""Codes a reference manager keeps in a document's properties, cut into numbered parts."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.formats._stored_codes import StoredCodes, custom_properties
from tests.formats.test_cite_fields import custom_xml

NAME = "ZOTERO_BREF_q8Xw2Lk0PzA1"
# Text a property may hold: XML 1.0 characters (control characters left out: XML reads a
# carriage return back as a line feed)
_VALUE = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe"))


def _cut(code: str, cuts: list[int]) -> list[str]:
    """``code`` cut at the sorted, distinct points ``cuts`` (each inside it)."""
    points = [0, *sorted({c % len(code) for c in cuts if c % len(code)}), len(code)]
    return [code[a:b] for a, b in itertools.pairwise(points)]


@given(
    code=_VALUE.filter(bool), cuts=st.lists(st.integers(1, 10_000), max_size=12), seed=st.integers()
)
def test_a_code_cut_anywhere_and_listed_in_any_order_is_joined_back(
    code: str, cuts: list[int], seed: int
) -> None:
    pieces = _cut(code, cuts)
    props = {f"{NAME}_{n}": p for n, p in enumerate(pieces, 1)}
    props |= {"ZOTERO_PREF_1": "<data/>", f"{NAME}x_1": "other", "Title": "t"}
    listed = list(props.items())
    random.Random(seed).shuffle(listed)
    assert StoredCodes.of(dict(listed)).code(NAME) == code
    assert StoredCodes.of(dict(listed)).code(NAME + "12") == code  # a copy LibreOffice renamed


@given(st.dictionaries(st.text(min_size=1, max_size=20).filter(str.isprintable), _VALUE))
def test_custom_properties_read_back_what_was_written(props: dict[str, str]) -> None:
    assert custom_properties(custom_xml(props).encode()) == props


def test_a_missing_part_and_a_code_with_no_parts() -> None:
    codes = StoredCodes.of({f"{NAME}_1": "ZOTERO_", f"{NAME}_3": "}"})
    with pytest.raises(ValueError, match="part 2 of its code"):
        codes.code(NAME)
    assert codes.code("ZOTERO_BREF_other") is None
    assert codes.code(NAME + "1234") is None  # more than three digits added: another name
