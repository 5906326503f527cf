"""Which lines start a note: labels weighed by layout, chosen as numbered runs."""

from __future__ import annotations

from litreview.extract._text import split_lines
from litreview.extract.footnotes import find_footnotes
from litreview.extract.note_starts import candidates, choose_starts, label_at
from tests.conftest import DATA

DOCS = DATA / "docs"


def _numbers(text: str) -> list[tuple[int, int]]:
    return [(f.run, f.number) for f in find_footnotes(text).footnotes]


def test_labels_of_every_style() -> None:
    assert label_at("¹² Text") == (12, 3, "sup")
    assert label_at("[^3]: Text") == (3, 6, "fn")
    assert label_at("<sup>4</sup> Text") == (4, 13, "html")
    assert label_at("[5] Text") == (5, 4, "br")
    assert label_at("12. Text") == (12, 4, "list")
    assert label_at("12) Text") == (12, 4, "list")
    assert label_at("(7) Text") == (7, 4, "paren")
    assert label_at("7 Text") == (7, 2, "bare")
    assert label_at("Text 7") is None


def test_bare_numbers_are_notes_only_after_their_marker() -> None:
    text = (
        "Claims are made here. [1] And here. [2]\n\n"
        "1 Lima, A., River Survey (Lagos: Board, 2019).\n\n"
        "2 Osei, B., Market Prices (Accra: Press, 2018).\n\n"
        "3 We counted boats in three districts.\n"
    )
    assert _numbers(text) == [(0, 1), (0, 2)]


def test_table_rows_and_lower_case_lines_are_body() -> None:
    text = (
        "Body with a marker. [1]\n\n"
        "1 The interval for this estimate is (37, 56).\n\n"
        "2 Art museum 3,255 38 13\n\n"
        "3 percent of museums were closed.\n"
    )
    assert _numbers(text) == [(0, 1)]


def test_numbered_headings_are_not_notes() -> None:
    text = "Intro with a citation [1] and another [2].\n\n1. Introduction\n\n2. Methods\n"
    assert _numbers(text) == []


def test_numbering_that_starts_again_makes_a_new_run() -> None:
    text = (
        "Letter text.¹\n\n¹ First note.\n\n"
        "Appendix text.¹ More.²\n\n¹ Appendix note one.\n\n² Appendix note two.\n"
    )
    scan = find_footnotes(text)
    assert [(f.run, f.number) for f in scan.footnotes] == [(0, 1), (1, 1), (1, 2)]
    assert [f.marker.line for f in scan.footnotes if f.marker] == [1, 5, 5]
    assert scan.problems == ()


def test_gao_numbered_paragraph_notes_with_a_table_and_an_appendix() -> None:
    """Notes 29-31 as paragraphs opening with their number, a table whose rows open with
    numbers, then appendix notes 7 and 8 (an excerpt: numbering starts again below)."""
    text = (DOCS / "numbered_paragraph_notes.md").read_text(encoding="utf-8")
    scan = find_footnotes(text)
    assert [(f.run, f.number) for f in scan.footnotes] == [
        (0, 29),
        (0, 30),
        (0, 31),
        (1, 7),
        (1, 8),
    ]
    assert all(f.marker is not None for f in scan.footnotes)
    seven = scan.footnotes[3]
    assert seven.text.startswith("We included museum disciplines")
    assert seven.text.endswith("These museums are not listed in table 1 counts.")


def test_endnote_list_after_the_body() -> None:
    text = (DOCS / "endnote_list_report.md").read_text(encoding="utf-8")
    scan = find_footnotes(text)
    assert [f.number for f in scan.footnotes] == [1, 2, 3, 4, 5, 6]
    one = scan.footnotes[0]
    assert "U.S.C. § 1182(d)(5)(A)" in one.text  # joined across the page break
    assert one.text.endswith("national of the U.S.”).")
    assert one.context.endswith("significant public benefit. [1]")


def test_choose_starts_keeps_nothing_below_zero() -> None:
    lines = split_lines("1 lower case start without any marker\n")
    assert choose_starts(candidates(lines, {})) == []


def test_bracketed_number_markers_in_a_document_without_other_markers() -> None:
    text = (
        "Victims were counted in 2015 (1). Courts saw few cases (2).\n\nNotes\n\n"
        "(1) DOJ, Data Collection Activities, 2016.\n(2) Conversation with court staff, 2016.\n"
    )
    scan = find_footnotes(text)
    assert [(f.number, f.context) for f in scan.footnotes] == [
        (1, "Victims were counted in 2015 (1)."),
        (2, "Courts saw few cases (2)."),
    ]


def test_bracketed_numbers_are_not_markers_beside_superscripts() -> None:
    text = "We do (1) this and (2) that.¹\n\n¹ Lima, A. (2019), 'Survey', Lagos.\n"
    scan = find_footnotes(text)
    assert [m.number for m in scan.markers] == [1]
    assert scan.problems == ()


def _marked_on(text: str) -> list[tuple[int, int | None]]:
    """Each note's number and the line of its marker (``None``: no marker)."""
    return [(f.number, f.marker.line if f.marker else None) for f in find_footnotes(text).footnotes]


def test_numbers_glued_to_words_are_markers_in_text_taken_from_a_pdf() -> None:
    """Text copied from a PDF loses its superscripts: ``Medicare.1``, ``work,2``."""
    text = (
        "The account funds activities related to Medicare.1 The metric includes reimbursable\n"
        "work,2 and special workloads.3 The data are estimates. CO2 rose.\n\n"
        "1 See CRS Report R47097, Trends in the Appropriation.\n"
        "2 Reimbursable work is work that SSA performs on behalf of another entity.\n"
        "3 Examples of special temporary workloads include Medicare reform.\n"
    )
    assert _marked_on(text) == [
        (1, 1),
        (2, 2),
        (3, 2),
    ]


def test_named_markdown_footnotes_are_numbered_as_a_reader_sees_them() -> None:
    text = (
        "Kramdown supports footnotes.[^kd] Also named ones.[^foobar] Again.[^kd]\n\n"
        "[^foobar]: Okafor, C. (2015), 'Notes on Notation', Press House.\n\n"
        "[^kd]: <https://kramdown.example.org/quickref.html#footnotes>\n"
    )
    scan = find_footnotes(text)
    assert [(f.number, f.text[:6]) for f in scan.footnotes] == [(2, "Okafor"), (1, "<https")]
    assert [m.number for m in scan.markers] == [1, 2, 1]
    assert scan.footnotes[1].context == "Kramdown supports footnotes.[^kd]"


def test_numbers_between_sentences_are_markers_when_they_pair_with_notes() -> None:
    """Some converters write a superscript as a number standing between two sentences."""
    text = (
        "World consumption reached 84 million barrels in 2005. 1 EIA also projects that\n"
        "consumption will grow by 2030. 2 About 43 percent of it will come from Asia. We\n"
        "do (1) this and (2) that.\n\n"
        "1 This number comes from EIA's Monthly Energy Review (December 2006), table 11.2.\n\n"
        "2 This projection comes from EIA's International Energy Outlook 2006.\n"
    )
    assert _marked_on(text) == [
        (1, 1),
        (2, 2),
    ]


def test_a_number_ending_a_line_after_a_sentence_is_a_marker() -> None:
    """The converter's number of a superscript may be the last thing on its line,
    after a full stop or a closing bracket."""
    text = (
        "Shortages would bring economic hardship. 1\n"
        "Agencies share data on the market. (See fig. 7.) 2\n"
        "Prices rose in 2005. 3 Demand fell.\n\n"
        "1 Lima, A., River Survey (Lagos: Board, 2019).\n\n"
        "2 Osei, B., Market Prices (Accra: Press, 2018).\n\n"
        "3 Ode, C., Oil Demand (Abuja: Press, 2017).\n"
    )
    assert _marked_on(text) == [
        (1, 1),
        (2, 2),
        (3, 3),
    ]


def test_plain_numbers_are_no_markers_in_a_document_without_notes() -> None:
    scan = find_footnotes("It rose in 2005. 1 EIA said so. We do (1) this and (2) that.\n")
    assert (scan.footnotes, scan.markers, scan.problems) == ((), (), ())


def test_notes_in_a_table_under_a_notes_heading_without_markers() -> None:
    """A web page's notes as a table of number and text under "Footnotes", the markers in
    the text lost; numbered items, an equation and a table row elsewhere are no notes."""
    text = (
        "# A report\n\nThe kinds of boat:\n\n"
        "- 1. **Canoes.** Boats of one trunk.\n"
        "- 2. **Dhows.** Boats with a lateen sail.\n\n"
        "The model is\n\n(1) B = A t\n\n"
        "| 1 | 01005 | Lagos | 25.0 | 26.8 |\n\n"
        "# Footnotes\n\n"
        "| 1. | Lima, A., River Survey (Lagos: Board, 2019). \n"
        "| 2. | van Dijk, B., Market Prices (Accra: Press, 2018), p. 4. |\n"
        "| 3. | Lima, River Survey. \n"
        "| 4. | Lima, River Survey. \n"
        "| 5. | Lima, River Survey. \n"
    )
    scan = find_footnotes(text)
    assert [(f.run, f.number) for f in scan.footnotes] == [(0, n) for n in range(1, 6)]
    assert scan.footnotes[1].text == "van Dijk, B., Market Prices (Accra: Press, 2018), p. 4."
    assert scan.footnotes[4].text == "Lima, River Survey."


def test_a_chart_axis_after_a_marker_is_no_note() -> None:
    """A PDF chart's axis figures read line by line ('8 1', '9 2 0 0') after the markers 8
    and 9: a label followed by no word starts no note, a marker before it or not."""
    lines = split_lines("Budget authority fell.8 It rose.9\n\n8 1\n\n9 2 0 0 2\n")
    assert choose_starts(candidates(lines, {8: [0], 9: [0]})) == []
    lines = split_lines("It rose.9\n\n9 The credit is $3 per barrel.\n")
    assert [s.number for s in choose_starts(candidates(lines, {9: [0]}))] == [9]


def test_a_note_number_alone_on_its_line_or_in_italics() -> None:
    """A converter may set a note's number on a line of its own, its text below, or in
    the italics of the note's first words ('_2_ _See, e.g_.')."""
    text = (
        "Employers settle claims.[1] Some wait 210 days.[2]\n\n"
        "1\nSecurities and Exchange Commission, Examining Rule Compliance (2016).\n\n"
        "_2_ _See, e.g_., 49 U.S.C. § 20109(d)(3).\n"
    )
    scan = find_footnotes(text)
    assert [f.text for f in scan.footnotes] == [
        "Securities and Exchange Commission, Examining Rule Compliance (2016).",
        "_See, e.g_., 49 U.S.C. § 20109(d)(3).",
    ]
    assert scan.problems == ()
    assert label_at("_2_ _See, e.g_., 49 U.S.C.") == (2, 4, "bare")
