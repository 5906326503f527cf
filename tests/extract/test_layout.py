"""Layout read from lines: headings, running heads and feet, back-matter sections."""

from __future__ import annotations

from litreview.extract._text import split_lines
from litreview.extract.layout import back_matter, furniture, heading_text, is_heading


def test_numbered_and_markdown_headings() -> None:
    assert is_heading("1.9 References")
    assert is_heading("## References")
    assert heading_text("**7. References:**") == "References"
    assert heading_text("1.9 References") == "References"


def test_running_feet_are_furniture_but_repeated_sentences_are_not() -> None:
    lines = split_lines(
        "Page 1 Report 26\n\nA.\n\nPage 2 Report 26\n\nB.\n\nPage 3 Report 26\n\n"
        "30 The interval is (37, 56).\n\n31 The interval is (40, 60).\n\n"
        "32 The interval is (41, 61).\n"
    )
    assert sorted(furniture(lines)) == [0, 4, 8]


def test_back_matter_sections_by_their_heading_words() -> None:
    lines = split_lines(
        "Body text.\n\nNotes\n\n1 A note.\n\nReferences\n\nA, B. 2001. Title.\n\n"
        "Appendix I\n\nMore body.\n"
    )
    sections = back_matter(lines)
    assert [(s.kind, s.first, s.last) for s in sections] == [("notes", 3, 5), ("references", 7, 9)]


def test_a_contents_line_with_its_page_number_opens_no_section() -> None:
    text = (
        "Contents\n\nLetter <sup>1</sup>\n\nBibliography <sup>41</sup>\n\n"
        "Results\n\nBody text of the report.\n\nBibliography\n\nAdams, J. Title. 2001.\n"
    )
    sections = back_matter(split_lines(text))
    assert [(s.kind, s.first) for s in sections] == [("references", 11)]


def test_a_heading_set_twice_on_one_line_names_its_section() -> None:
    text = "Body.\n\nBibliography Bibliography\n\nAdams, J. Title. 2001.\n"
    assert [s.kind for s in back_matter(split_lines(text))] == ["references"]
