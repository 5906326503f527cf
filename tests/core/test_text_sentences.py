"""Sentence ends after a note or citation marker: a sentence closed by ``[^1]``, ``[12]``,
``<sup>3,4</sup>`` or ``^5^`` (as Markdown, DOCX, ODT and HTML text carries its markers)
ends there; before, it ran on into the next, and a gap statement came with its
neighbours."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.core.text import sentences

MARKERS = ("[^1]", "[^note-2]", "[12]", "[3, 4-6]", "<sup>3,4</sup>", "^5^", "¹²", "”[^7]")


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


def test_a_sentence_ends_after_its_marker() -> None:
    for mark in MARKERS:
        text = f"Floods grew in the delta.{mark} Little is known about the north."
        assert _texts(text) == [
            f"Floods grew in the delta.{mark}",
            "Little is known about the north.",
        ]


def test_a_marker_inside_a_sentence_does_not_end_it() -> None:
    text = "Floods[^1] grew in the delta [12] and rivers^3^ rose. Then dams fell."
    assert _texts(text) == [
        "Floods[^1] grew in the delta [12] and rivers^3^ rose.",
        "Then dams fell.",
    ]


@given(st.lists(st.sampled_from(MARKERS), min_size=1, max_size=5))
def test_markers_in_a_row_stay_with_the_sentence(marks: list[str]) -> None:
    text = "Data are missing." + "".join(marks) + " Next one."
    assert _texts(text)[0] == "Data are missing." + "".join(marks)


def test_an_abbreviated_capital_before_a_word_in_lower_case_ends_no_sentence() -> None:
    """A genus cut to its capital ("E. coli") and an abbreviation in capitals ("the E.O.
    was") run on: no English sentence starts in lower case. A capital before a capital is
    an initial, as before; a sentence ending in a word still ends there."""
    text = (
        "Farmers treat L. hesperus (ca. 2%) with insecticides. "
        "Little is known about M. tuberculosis here. Since the E.O. was issued, data are "
        "scarce. It was read by J. Smith. Data end. then"
    )
    assert _texts(text) == [
        "Farmers treat L. hesperus (ca. 2%) with insecticides.",
        "Little is known about M. tuberculosis here.",
        "Since the E.O. was issued, data are scarce.",
        "It was read by J. Smith.",
        "Data end.",
        "then",
    ]


def test_a_table_cells_bar_is_no_part_of_its_sentence() -> None:
    # a web page's notes kept as a table ("| 84. | The use of ... debated."): the statement
    # quoted from it began "| The use"
    text = "| 84. | The use of chains has been debated for some time. Little is known.\n"
    assert _texts(text) == ["The use of chains has been debated for some time.", "Little is known."]
    assert _texts("A | B is a choice. | Next one.") == ["A | B is a choice.", "Next one."]


@given(st.text(alphabet="ab\n", max_size=60), st.lists(st.integers(0, 60), max_size=8))
def test_line_numbers_are_the_lines_counted_from_the_start(text: str, offsets: list[int]) -> None:
    from litreview.core.text import line_numbers

    offsets = [min(o, len(text)) for o in offsets]
    assert line_numbers(text, offsets) == [text.count("\n", 0, o) + 1 for o in offsets]


@pytest.mark.parametrize(
    "text",
    [
        # a journal's name in small capitals, abbreviated word by word, then its page
        "See Ann Roe, Privacy, 52 STAN. L. REV. 1049, 1050-51 (2000) (arguing so).",
        # a law's or a bill's number after its abbreviation in capitals
        "The credits were repealed by P.L. 119-21 in July.",
        "Congress passed H.R. 1234 and the President signed it.",
    ],
)
def test_an_abbreviation_in_capitals_before_a_number_ends_no_sentence(text: str) -> None:
    assert [text[s.start : s.end] for s in sentences(text)] == [text]


def test_a_word_in_capitals_still_ends_a_sentence_before_a_name_or_a_word() -> None:
    text = "It was in the USA. J. Smith said so. Funding rose in the UK. In 2020 it fell."
    assert len(sentences(text)) == 4
