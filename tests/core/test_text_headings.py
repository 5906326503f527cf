"""Headings found in plain text: short lines standing alone, never a sentence with its note."""

from __future__ import annotations

import pytest

from litreview.core.text import find_headings


def titles(text: str) -> list[str]:
    return [h.title for h in find_headings(text)]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Intro text.¹", False),  # a sentence, its note marker after the full stop
        ("A claim.[3]", False),
        ("A claim.[4-6]", False),
        ("Costs and benefits", True),
        ("Costs and benefits²", True),  # a heading may carry a note marker
        ("Costs and benefits [7]", True),
    ],
)
def test_a_line_ending_like_a_sentence_before_its_note_marker_is_no_heading(
    line: str, heading: bool
) -> None:
    text = f"# Report\n\n{line}\n\nA long paragraph of the body follows here, as prose does.\n"
    assert titles(text)[1:] == ([line.rstrip("²").removesuffix(" [7]")] if heading else [])
