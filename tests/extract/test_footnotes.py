"""Footnote finding and pairing on small fixtures, one layout quirk each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.errors import InputError
from litreview.extract import footnotes
from litreview.extract.footnotes import find_footnotes, is_heading
from litreview.formats.documents import read_document
from tests.conftest import DATA

DOCS = DATA / "docs"


def _scan(name: str):  # type: ignore[no-untyped-def]
    path = DOCS / name
    text = read_document(path)
    return text, find_footnotes(text, str(path))


def test_every_footnote_is_paired_with_its_marker() -> None:
    text, scan = _scan("paged_report.txt")
    assert [f.number for f in scan.footnotes] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [m.number for m in scan.markers] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert scan.problems == ()
    for f in scan.footnotes:
        assert f.marker is not None
        assert text[f.marker.start : f.marker.end] in "¹²³⁴⁵⁶⁷⁸"


def test_context_offsets_locate_the_citing_sentence() -> None:
    text, scan = _scan("paged_report.txt")
    by = {f.number: f for f in scan.footnotes}
    for f in scan.footnotes:
        assert text[f.context_start : f.context_end] == f.context
    assert by[1].context == "Catches have fallen in most districts since the dam was built.¹"
    assert by[4].context.startswith("Prices rose by a third in two years,⁴ and women")


def test_sentence_interrupted_by_footnote_block_resumes_as_body() -> None:
    _, scan = _scan("paged_report.txt")
    by = {f.number: f for f in scan.footnotes}
    assert by[5].context == "loss fell on stall holders rather than wholesalers.⁵"
    assert "loss fell" not in by[4].text


def test_footnote_continued_after_page_break_is_joined() -> None:
    text, scan = _scan("paged_report.txt")
    four = {f.number: f for f in scan.footnotes}[4]
    assert len(four.spans) == 2
    assert four.text.endswith(
        "'Market Prices and gender in river towns', Journal of Rivers 4(2), pp. 10-22."
    )
    assert [text[s:e] for s, e in four.spans][1].startswith("gender in river towns")


def test_sections_come_from_layout() -> None:
    _, scan = _scan("paged_report.txt")
    sections = {f.number: f.section for f in scan.footnotes}
    assert sections == {
        1: "Introduction",
        2: "Introduction",
        3: "Introduction",
        4: "Markets",
        5: "Markets",
        6: "Cold storage",
        7: "Cold storage",
        8: "Cold storage",
    }


def test_marker_styles_brackets_caret_html() -> None:
    text, scan = _scan("markers.md")
    assert [f.number for f in scan.footnotes] == [1, 2, 3]
    assert scan.problems == ()
    assert [text[m.start : m.end] for m in scan.markers] == ["[1]", "^2", "<sup>3</sup>"]
    assert scan.footnotes[0].context == "Bracketed markers are common in Markdown.[1]"
    assert scan.footnotes[0].section == "Survey of marker styles"
    assert scan.footnotes[1].text == "<https://example.net/caret>"


def test_multi_digit_superscripts() -> None:
    _, scan = _scan("multi_digit.txt")
    assert [(f.number, f.marker.number if f.marker else None) for f in scan.footnotes] == [
        (99, 99),
        (100, 100),
    ]


def test_problems_are_data_with_lines() -> None:
    _, scan = _scan("problems.txt")
    messages = [(p.line, p.message) for p in scan.problems]
    assert (3, "footnote marker 3 has no footnote text") in messages
    assert (3, "footnote marker 2 jumps back (after 3)") in messages
    assert (9, "footnote 4 has no marker in the text") in messages
    assert all(p.path.endswith("problems.txt") for p in scan.problems)
    four = {f.number: f for f in scan.footnotes}[4]
    assert four.marker is None and four.context == "" and four.context_start is None


def test_no_footnotes() -> None:
    _, scan = _scan("no_footnotes.txt")
    assert scan.footnotes == () and scan.markers == () and scan.problems == ()


def test_plain_number_before_url_is_a_footnote() -> None:
    text = "Intro\n\nA claim.¹ Another.²\n\n- 1 <https://a.example/x>\n2 https://b.example/y\n"
    scan = find_footnotes(text)
    assert [(f.number, f.text) for f in scan.footnotes] == [
        (1, "<https://a.example/x>"),
        (2, "https://b.example/y"),
    ]


def test_numbered_list_is_not_footnotes() -> None:
    scan = find_footnotes("Steps\n\n1. Wash the nets.\n2. Dry them.\n")
    assert scan.footnotes == ()


def test_heading_shape() -> None:
    assert is_heading("The illicit trade in timber")
    assert is_heading("Challenges:")
    assert is_heading("## Methods")
    assert not is_heading("This sentence ends with a full stop.")
    assert not is_heading("- a list item")
    assert not is_heading("lower case start")
    assert not is_heading("Figure 2: a photograph of the river")


def test_page_debris_inside_a_sentence_is_not_a_heading() -> None:
    text = (
        "Real Heading\n\n"
        "People are moved from one district to another by brokers when they are\n\n"
        "LOGO\n\n"
        "paid to work.¹\n\n¹ Adams, J. (2001), 'First', Press.\n"
    )
    scan = find_footnotes(text)
    assert [h for _, h in scan.headings] == ["Real Heading"]
    assert scan.footnotes[0].section == "Real Heading"


_SUPS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_STYLES = {
    "sup": (lambda n: str(n).translate(_SUPS), lambda n: str(n).translate(_SUPS)),
    "bracket": (lambda n: f"[{n}]", lambda n: f"[{n}]"),
    "caret": (lambda n: f"^{n}", lambda n: f"^{n}"),
    "html": (lambda n: f"<sup>{n}</sup>", lambda n: f"<sup>{n}</sup>"),
}


@settings(max_examples=40, deadline=None)
@given(
    sentences=st.lists(
        st.lists(st.text("bfghjkmqwxyz", min_size=1, max_size=8), min_size=2, max_size=9),
        min_size=1,
        max_size=15,
    ),
    style=st.sampled_from(sorted(_STYLES)),
    per_line=st.integers(1, 4),
)
def test_generated_documents_pair_every_footnote(
    sentences: list[list[str]], style: str, per_line: int
) -> None:
    """Letters that cannot spell an abbreviation ("ed.", "no.") keep every full stop a break."""
    mark, start = _STYLES[style]
    body = [
        " ".join(words).capitalize() + "." + mark(i) for i, words in enumerate(sentences, start=1)
    ]
    paragraphs = [" ".join(body[i : i + per_line]) for i in range(0, len(body), per_line)]
    notes = [
        f"{start(i)} Author{i}, A. (2000), 'Title {i}', Press." for i in range(1, len(body) + 1)
    ]
    text = "Generated Heading\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n\n".join(notes) + "\n"
    scan = find_footnotes(text)
    assert scan.problems == ()
    assert [f.number for f in scan.footnotes] == list(range(1, len(body) + 1))
    for f, sentence in zip(scan.footnotes, body, strict=True):
        assert f.context == sentence
        assert text[f.context_start : f.context_end] == f.context
        assert f.text == f"Author{f.number}, A. (2000), 'Title {f.number}', Press."
        assert f.section == "Generated Heading"


def test_a_number_beyond_the_notes_marks_no_note() -> None:
    text = (
        "Report, June <sup>2006</sup>\n\nThe Office, <sup>441</sup> G Street, found it.<sup>1</sup>"
        " More was found.<sup>2</sup> And more.<sup>4</sup>\n\n"
        "<sup>1</sup>First source, 2001.\n\n<sup>2</sup>Second source, 2002.\n"
    )
    messages = [p.message for p in find_footnotes(text).problems]
    assert messages == []
    lost = text.replace("<sup>4</sup>", "<sup>3</sup> Then.<sup>4</sup>")  # notes 3, 4 lost
    assert [p.message for p in find_footnotes(lost).problems] == [
        "footnote marker 3 has no footnote text",
        "footnote marker 4 has no footnote text",
    ]


def test_a_number_of_another_kind_is_not_the_marker_of_a_note_that_has_one() -> None:
    text = (
        "Quoted: “a standard under section [2] of this title.”<sup>1</sup>\n\n"
        "It applies.<sup>2</sup> Then more.<sup>3</sup>\n\n"
        "<sup>1</sup>First source, 2001.\n\n<sup>2</sup>Second source, 2002.\n\n"
        "<sup>3</sup>Third source, 2003.\n"
    )
    scan = find_footnotes(text)
    assert scan.problems == ()
    two = {f.number: f for f in scan.footnotes}[2]
    assert two.context == "It applies.<sup>2</sup>"


def test_a_power_of_a_unit_is_not_a_marker() -> None:
    text = (
        "Areas may not exceed 75,000 square kilometers (km<sup>2</sup>) or 100 m<sup>3</sup>"
        " of fill.<sup>1</sup> More.<sup>2</sup>\n\n"
        "<sup>1</sup>First source, 2001.\n\n<sup>2</sup>Second source, 2002.\n"
    )
    scan = find_footnotes(text)
    assert scan.problems == ()
    assert [text[m.start : m.end] for m in scan.markers] == ["<sup>1</sup>", "<sup>2</sup>"]


def test_a_power_is_read_from_the_word_before_only() -> None:
    """The unit is the whole word before the small number, read from a bounded stretch of
    the line: a long word ending in a unit's letters is not a unit, nor a unit before a
    space."""
    from litreview.extract.footnotes import _a_power

    far = "x" * 100_000
    assert _a_power(f"{far} of (km<sup>2</sup>)", len(far) + 7, 2)
    assert not _a_power(f"{far}km<sup>2</sup>", len(far) + 2, 2)
    assert not _a_power("the km <sup>2</sup>", 7, 2)
    assert not _a_power("a km<sup>4</sup>", 4, 4)


def test_a_document_of_more_notes_than_the_limit_is_refused_at_the_first_past_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(footnotes, "MAX_DOCUMENT_NOTES", 3)
    text = "# R\n\nText.[^1]\n\n" + "".join(f"[^{i}]: Roe {i} (2001).\n" for i in range(1, 5))
    with pytest.raises(InputError, match="more than 3 notes") as err:
        find_footnotes(text, "n.md")
    assert err.value.path == "n.md" and err.value.line == 8
    assert len(find_footnotes(text.replace("[^4]: Roe 4 (2001).\n", ""), "n.md").footnotes) == 3


def test_a_note_marked_continued_takes_its_rest_from_the_next_page() -> None:
    """A PDF's page-foot note ending '(continued...)' goes on at the foot of the next page,
    which the text gives after that page's body; its rest may open in lower case or with a
    figure ('533 of P.L. ...') right after the note."""
    text = (
        "Counties were studied.<sup>1</sup>\n\n"
        "<sup>1</sup> See Lima, A., River Survey, Board of (continued...)\n\n"
        "Body of the next page goes on here.<sup>2</sup>\n\n"
        "of Fisheries, 2019, p. 4.\n\n"
        "<sup>2</sup> Counted by the census of\n\n"
        "533 of P.L. 117-328 (2023).\n\n"
        "Another Heading\n\n"
        "More body of the page.<sup>3</sup>\n\n"
        "<sup>3</sup> Osei, B., Market Prices (Accra: Press, 2018).\n"
    )
    scan = find_footnotes(text)
    assert [f.text for f in scan.footnotes] == [
        "See Lima, A., River Survey, Board of of Fisheries, 2019, p. 4.",
        "Counted by the census of 533 of P.L. 117-328 (2023).",
        "Osei, B., Market Prices (Accra: Press, 2018).",
    ]


def test_a_year_in_brackets_is_no_marker_in_a_document_without_notes() -> None:
    scan = find_footnotes("Trials run at the training center through March [2027].\n")
    assert scan.problems == ()
    scan = find_footnotes("A claim.[1] Another.[2]\n")
    assert [p.message for p in scan.problems] == [
        "footnote marker 1 has no footnote text",
        "footnote marker 2 has no footnote text",
    ]


def test_an_unfinished_note_goes_on_with_a_figure_after_the_page_break() -> None:
    text = (
        "States may not regulate.<sup>1</sup>\n\n"
        "<sup>1</sup> See Gade v. Nat'l Solid Wastes Mgmt. Ass'n,\n\n"
        "505 U.S. 88, 108 (1992).\n\n"
        "preemption: express and implied preemption. Federal law preempts.\n"
    )
    assert [f.text for f in find_footnotes(text).footnotes] == [
        "See Gade v. Nat'l Solid Wastes Mgmt. Ass'n, 505 U.S. 88, 108 (1992)."
    ]


def test_a_kramdown_attribute_list_after_a_note_is_no_text() -> None:
    text = (
        "Rivers changed course.<sup>1</sup> Towns moved.<sup>2</sup>\n\n***\n"
        "<sup>1</sup> Ann Roe, *River Towns*, 52 VAND. L. REV. 1609, 1658 (1999).\n"
        "{: .fs-2}\n"
        "<sup>2</sup> Bo Li, *Moving Towns* (2001). {: .fs-2 #n2}\n"
        "{: .fs-2}\n"
        "***\n"  # a thematic break after the last note: no text of it either
    )
    scan = find_footnotes(text, "<jekyll>")
    assert [f.text for f in scan.footnotes] == [
        "Ann Roe, *River Towns*, 52 VAND. L. REV. 1609, 1658 (1999).",
        "Bo Li, *Moving Towns* (2001).",
    ]
    for f in scan.footnotes:
        assert all("{:" not in text[s:e] for s, e in f.spans)
