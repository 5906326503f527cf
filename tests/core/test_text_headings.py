"""Headings found in plain text: short lines standing alone, never a sentence with its note."""

from __future__ import annotations

import pytest

from litreview.core.text import find_headings, is_table_row, running_lines


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


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Number of awards 169 179 132 121 105", True),
        ("FY2019 FY2020 FY2021 FY2022", True),
        ("Transformation — — — — — — 12 —", True),
        ("All reimbursements** $60,473 $230,763 **$291,236", True),
        ("Updated April 23, 2026", True),
        ("Fiscal Year 2025 and 2026 Appropriations", False),
        ("Appendix 2", False),
        ("Phase 2 (2021-2023)", False),
        ("Costs and benefits of the program", False),
    ],
)
def test_a_row_of_figures_is_a_tables_row_not_a_heading(line: str, row: bool) -> None:
    """Four or more words, two in five of them figures: a table's row (or a date line)."""
    assert is_table_row(line.replace("**", "")) is row
    text = f"# Report\n\n{line}\n\nA long paragraph of the body follows here, as prose does.\n"
    assert (titles(text)[1:] == []) is row


def test_a_pages_running_head_is_no_heading_but_a_repeated_slide_title_is() -> None:
    """'Page 8 GAO-26-107815 Refugee Assistance' on every page, its number changing, is the
    page's running head, not the section the next paragraph is in; a slide's title repeated
    word for word on its slides is a heading each time."""
    body = "Officials said the data were incomplete.\n\n"
    text = "# Refugee Assistance\n\n" + body
    for page in range(8, 11):
        text += f"Page {page} GAO-26-107815 Refugee Assistance\n\n{body}"
        text += f"Formula Marketing Has Increased\n\n{body}"
    titles = [h.title for h in find_headings(text)]
    assert titles == ["Refugee Assistance"] + ["Formula Marketing Has Increased"] * 3
    assert running_lines(["Page 1 Notes", "Page 2 Notes"]) == set()  # twice is no pattern


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        # a report's finding set as its heading, in title case ("against" may stay small)
        (
            "Breastfeeding: Some Strategies Used to Market Infant Formula May Discourage "
            "Breastfeeding; State Contracts Should Better Protect against Misuse of WIC Name",
            True,
        ),
        (
            "Agencies Varied in the Extent to Which They Used Formal Processes and Standards "
            "for Selecting, Conducting, and Reporting on Retrospective Reviews",
            True,
        ),
        # as long, in sentence case: a paragraph's one line, not a heading
        (
            "The agencies varied in the extent to which they used formal processes and "
            "standards for selecting and reporting on their reviews",
            False,
        ),
        # a byline or an addressee's titles: a list of more than two commas
        (
            "Guilherme N. Corte, Thomas A. Schlacher, Helio H. Checon, Carlos A.M. Barboza, "
            "Eduardo Siegle",
            False,
        ),
        # a contents line with its dot leader and a table's row of cells
        ("Regular and Special Elections of the Speaker of the House ............ 1 Size", False),
        ("Source: GAO Analysis of IRS Whistleblower Office Annual Reports | GAO-26-107650", False),
        # more words than any heading has
        (" ".join(["Word"] * 26), False),
    ],
)
def test_a_long_line_in_title_case_is_a_heading(line: str, heading: bool) -> None:
    text = f"# Report\n\n{line}\n\nA long paragraph of the body follows here, as prose does.\n"
    assert titles(text)[1:] == ([line] if heading else [])


def test_figures_in_markdown_emphasis_make_a_tables_row() -> None:
    """A total row with its figures in bold is a row all the same."""
    assert is_table_row("Total** **$3.7 billion** **$6.8 billion** **$10.5 billion")
    assert not is_table_row("Total funds **recovered** for awards **paid** this year")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Costs and benefits<sup>4</sup>", ["Costs and benefits"]),
        ("A claim.<sup>12</sup>", []),
        ("Historical data collected by the surveys suggest:<sup>3</sup>", []),
    ],
)
def test_a_raised_note_marker_as_the_readers_write_it_is_no_part_of_a_heading(
    line: str, expected: list[str]
) -> None:
    """A PDF's raised marker (``<sup>3</sup>``) after a line's end counts as a marker: the
    line before it says whether it is a heading, and the heading's title leaves it out."""
    text = f"# Report\n\n{line}\n\nA long paragraph of the body follows here, as prose does.\n"
    assert titles(text)[1:] == expected
