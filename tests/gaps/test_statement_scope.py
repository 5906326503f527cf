"""What the gap-statement detector reads: body text and explanatory notes, never reference
strings, reference lists, headings, contents lines or titles, known by their shape alone.

Every document here was written for these tests."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.gaps.cues import Cues, default_cues
from litreview.gaps.statement_scope import _inside, _merged, image_spans, read_sentences

GAP = "Little is known about how scams reach older people in rural districts."


@pytest.fixture(scope="module")
def cues() -> Cues:
    """The shipped cues."""
    return default_cues()


def _scope(text: str, cues: Cues) -> dict[str, str]:
    """Each sentence's text -> why it is never read ("" when it is read)."""
    return {s.flat: s.excluded for s in read_sentences(text, cues)}


def _unread(scope: dict[str, str], starts: tuple[str, ...]) -> None:
    """Some sentence starts with one of ``starts``, and every such sentence is unread."""
    found = {f: e for f, e in scope.items() if f.startswith(starts)}
    assert found and all(found.values()), found


def test_a_reference_list_without_a_heading_is_never_read(cues: Cues) -> None:
    """Endnote-style entries after the body, with no heading over them: each reads as a
    reference (authors, year, title, container), so none is read; the gap above is."""
    text = (
        "Fraud against elders\n\n"
        f"Scams cost households a great deal. {GAP}\n\n"
        "Smith, J. and Brown, K. (2010) 'The lack of data on fraud', Journal of Crime "
        "Studies, 3(1), pp. 1-5.\n\n"
        "Jones, A. (2012) Further research on scams is needed. London: Policy Press.\n\n"
        "Lee, M. (2019) 'Unknown victims: measuring fraud', Fraud Review, 8, pp. 10-20. "
        "Available at: https://example.org/fraud.\n"
    )
    scope = _scope(text, cues)
    assert scope[GAP] == ""
    assert scope["Scams cost households a great deal."] == ""
    _unread(scope, ("Smith", "Jones", "Lee", "Further"))


def test_a_related_products_list_is_never_read(cues: Cues) -> None:
    """A list of an agency's own reports (italic title, report number, place and date) under
    a heading that is not a references heading."""
    text = (
        "Oversight of grants\n\n"
        f"The agency reviewed its grants in 2024. {GAP}\n\n"
        "Related Products\n\n"
        "_Grant Oversight: Agencies Should Assess Fraud Risks in Small Programs._ "
        "XYZ-24-1001. (Capital City, D.C.: March 4, 2024).\n\n"
        "_Fraud Risk: Better Data Needed to Estimate Losses to Scams._ XYZ-23-2002. "
        "(Capital City, D.C.: May 9, 2023).\n"
    )
    scope = _scope(text, cues)
    assert scope[GAP] == ""
    _unread(scope, ("_Grant", "_Fraud", "XYZ", "("))


def test_a_table_of_contents_is_never_read(cues: Cues) -> None:
    """Dot leaders mark a contents line wherever the sentence splitter cut it; the entries
    of a contents list without leaders are titles."""
    text = (
        "Contents of the report Introduction ........................... 1 "
        "Scams and Older People ......................... 4 Data on Fraud .......... 9\n\n"
        "1 Background\n2 Scams and Older People\n3 What We Did\n\n"
        f"Scams cost households a great deal. {GAP}\n"
    )
    scope = _scope(text, cues)
    assert scope[GAP] == ""
    contents = {f: e for f, e in scope.items() if f != GAP and not f.startswith("Scams cost")}
    assert contents and all(contents.values()), contents


def test_the_rows_of_a_table_are_never_read_nor_headings(cues: Cues) -> None:
    """A line of figures (a table's row as a PDF or Markdown reader gives it) is neither a
    heading that names the section of the sentences after it nor a sentence that is read; a
    sentence with figures that ends like one is read."""
    text = (
        "# Awards\n\nNumber of awards 169 179 132 121 105\n\n"
        "Charter school 0.72 (0.59, 0.89)\n\n$42.4 million $1.6 billion $ 1.6 billion\n\n"
        f"In 2021, 2022 and 2023 the office paid 12, 15 and 18 awards. {GAP}\n"
    )
    sents = read_sentences(text, cues)
    scope = {s.flat: s.excluded for s in sents}
    _unread(scope, ("Number of awards", "Charter school", "$42.4"))
    assert {s.excluded for s in sents if s.flat.startswith(("Number", "Charter", "$"))} == {"table"}
    assert scope["In 2021, 2022 and 2023 the office paid 12, 15 and 18 awards."] == ""
    assert {s.section for s in sents if not s.excluded} == {"Awards"}


def test_a_run_in_title_is_not_read_but_its_paragraph_is(cues: Cues) -> None:
    """A bold title at the head of a paragraph is a title; the sentences after it are body."""
    text = f"**Reliance on Local Partners.** Partners deliver most of the aid. {GAP}\n"
    scope = _scope(text, cues)
    assert scope["Reliance on Local Partners."] == "title"
    assert scope["Partners deliver most of the aid."] == ""
    assert scope[GAP] == ""


@pytest.mark.parametrize(
    "sentence",
    [
        "Little Is Known, and Less Is Measured, about Fraud Against Elders in the Region?",
        "Data are lacking.",
        "In the United States and",
        "Evidence on Fraud Against Elders Remains Thin in Every Region That We Studied Closely "
        "Over the Last Decade.",
    ],
)
def test_a_sentence_that_is_no_short_title_is_read(cues: Cues, sentence: str) -> None:
    """A question, a lower-case sentence, a piece cut by a page break and a long capitalised
    sentence are not titles."""
    text = f"Scams cost households a great deal.\nMost go unreported. {sentence}\n\nAnd more.\n"
    assert _scope(text, cues)[sentence] == ""


def test_a_long_heading_on_its_own_line_is_a_heading_but_a_sentence_is_not(cues: Cues) -> None:
    """A capitalised line of 15 words standing alone with no closing punctuation (a slide's
    or a section's heading a PDF gives as a paragraph) is a heading, not read; the same
    words closed by a full stop, or run on after a sentence of its paragraph, are read."""
    head = (
        "Formula Marketing: Extent of Marketing Difficult to Quantify; Data Show Mass Media "
        "Advertising Has Increased"
    )
    sents = read_sentences(f"Scams cost households a great deal.\n\n{head}\n\nAnd more.\n", cues)
    assert {s.flat: s.excluded for s in sents}[head] == "heading"
    assert sents[-1].section == head
    scope = _scope(f"Scams cost households a great deal.\n\n{head}.\n\nAnd more.\n", cues)
    assert scope[head + "."] == ""
    scope = _scope(f"Scams cost households a great deal. {head}\n\nAnd more.\n", cues)
    assert scope[head] == ""


def test_explanatory_notes_are_read_and_their_reference_strings_are_not(cues: Cues) -> None:
    """A note that explains is read, but a bare link or a reference in it is not; a note that
    only cites is never read."""
    text = (
        "Fraud against elders\n\n"
        f"Scams cost households a great deal.¹ {GAP}²\n\n"
        "¹ We counted only the scams that were reported to the police, so the true number "
        "is higher. https://example.org/fraud-counts.pdf\n\n"
        "² Smith, J. (2010) 'The lack of data on fraud', Journal of Crime Studies, 3(1), "
        "pp. 1-5.\n"
    )
    scope = {f.rstrip("¹²"): e for f, e in _scope(text, cues).items()}
    assert scope[GAP] == ""
    explained = [f for f in scope if f.startswith("We counted")]
    assert explained and scope[explained[0]] == ""
    assert scope["https://example.org/fraud-counts.pdf"] == "reference"
    cited = [e for f, e in scope.items() if f.startswith("Smith")]
    assert cited and all(cited)


def test_a_hard_wrapped_list_of_studies_is_never_read(cues: Cues) -> None:
    """A list of studies extracted from a PDF: one paragraph longer than any one reference,
    no blank line between entries, each wrapped over lines, one with a remark in brackets."""
    text = (
        f"Fraud against elders\n\nScams cost households a great deal. {GAP}\n\n"
        "Bliss, Mary, and Joy Wilkie. “The Effect of Phone Scams on Older\n"
        "Households.” Crime Review 24:2 (June 1997): 90-97. (This study was\n"
        "supported by a bank.)\n"
        "Caulfield, Laura E., and Susan M. Gross. “Postal Fraud in Rural\n"
        "Districts: Effects on Savings.” Journal of Fraud 14:1 (1998): 15-22.\n"
        "Dungy, Claire I., and Mary E. Losch. “Do Warnings Reduce the\n"
        "Losses of Older People?” Fraud Studies 151 (July 1997): 724-729.\n"
        "Evans, Cynthia J., and Nancy B. Lyons. “Scam Calls and Their Victims\n"
        "in Three Towns.” Journal of Social Research (1986): 401-405.\n"
        "Frank, Deborah A., and Stephen J. Wirtz. “Commercial Scams and Counselling:\n"
        "Effects on Savings in a Randomized Trial.” Fraud Review 80:6 (1987): 845-854.\n"
        "Neifert, Marianne, and Jane Gray. “Two Types of Warning Letters and the\n"
        "Duration of Losses.” Journal of Elder Care 9:5 (1988): 411-413.\n"
    )
    scope = _scope(text, cues)
    assert scope[GAP] == ""
    listed = {f: e for f, e in scope.items() if f not in (GAP, "Fraud against elders")}
    listed.pop("Scams cost households a great deal.")
    assert listed and all(listed.values()), listed


def test_a_figures_caption_written_as_an_image_is_never_read() -> None:
    """Pandoc writes a figure as an image whose text is its caption (a JATS article's
    figures, a DOCX's): no sentence of it is read; the text around it is."""
    text = (
        "Floods grew in the delta.\n\n"
        "![Floods by year. Little is known about floods before 1900 [@smith2019].\\\n"
        "Bars show [totals](#t1).](fig1.png)\n\n"
        "Little is known about floods in the north.\n"
    )
    sents = read_sentences(text, default_cues())
    said = {text[s.start : s.end].strip(): s.excluded for s in sents}
    assert said["Little is known about floods in the north."] == ""
    caption = [k for k in said if "before 1900" in k]
    assert caption and all(said[k] == "caption" for k in caption)
    assert image_spans("![" * 100_000) == [] and image_spans("a ![b](c) d") == [(2, 6)]


def test_a_link_whose_text_holds_a_search_engines_tag_reads_as_any_link(cues: Cues) -> None:
    """``[[PDF] Title](url)`` is a link as ``[Title](url)`` is: a paragraph holding one is
    read or left unread as the same paragraph with the plain link."""
    shape = (
        f"Fraud against elders\n\nScams cost households a great deal. {GAP}\n\n"
        "Smith, J. (2010) {link}. Journal of Crime Studies, 3(1), pp. 1-5.\n\n"
        "Roe, A. and Poe, B. (2012) {link}, report for the fraud office of the county which "
        "is the best source we have on this question.\n"
    )
    title = "The lack of data on fraud in rural districts"
    tagged = shape.replace("{link}", f"[[PDF] {title}](https://e.org/x.pdf)")
    plain = shape.replace("{link}", f"[{title}](https://e.org/x.pdf)")
    assert list(_scope(tagged, cues).values()) == list(_scope(plain, cues).values())


@pytest.mark.parametrize("mark", ["[^2]: ", "2 ", "2. "])
def test_a_notes_first_sentence_belongs_to_its_note(cues: Cues, mark: str) -> None:
    """The first sentence of a note starts at its number or marker, before the note's own
    text: it is the note's all the same, as the sentences after it are."""
    call = "[^2]" if mark.startswith("[") else "²"
    text = (
        f"Fraud against elders\n\nScams cost households a great deal. {GAP}{call}\n\n"
        f"Notes\n\n{mark}We counted only the scams reported to the police. The true number "
        "is higher.\n"
    )
    notes = {s.flat: s.note for s in read_sentences(text, cues)}
    first = [n for f, n in notes.items() if "We counted" in f]
    assert first and first[0] >= 0
    assert first[0] == notes["The true number is higher."]


def test_a_sentence_opening_with_a_notes_marker_begins_after_it(cues: Cues) -> None:
    """Text made from a PDF leaves a note's number after the sentence it marks ("... the
    requirements. 36 According to ..."): the next sentence is read from its first word."""
    text = (
        "Agencies reviewed rules.1 They found few data on costs. 2 Data on benefits were not "
        "collected either.\n\n1 GAO, Reviews, GAO-07-791 (Washington, D.C.: 2007).\n\n"
        "2 See the appendix.\n"
    )
    quotes = [text[s.start : s.end] for s in read_sentences(text, cues) if not s.excluded]
    assert "Data on benefits were not collected either." in quotes
    assert not any(q.startswith("2 Data") for q in quotes)


def test_a_caption_on_its_own_line_names_no_section(cues: Cues) -> None:
    """A figure's caption or a table's title standing as a line of its own is not read and
    is not the section of the sentences after it; a box the text marks as a heading is one
    ("#### Box 1. Challenges and Limitations")."""
    text = (
        "# Findings\n\nThe office paid awards to most claimants in every year we reviewed.\n\n"
        "Figure 2: Museums by Region\n\n"
        f"{GAP}\n\n#### Box 1. Challenges and Limitations\n\n"
        "Estimates of the numbers of museums are uncertain.\n"
    )
    sents = read_sentences(text, cues)
    # a caption, not a heading
    assert [s.excluded for s in sents if s.flat.startswith("Figure 2")] == ["caption"]
    assert {s.flat: s.section for s in sents if not s.excluded} == {
        "The office paid awards to most claimants in every year we reviewed.": "Findings",
        GAP: "Findings",
        "Estimates of the numbers of museums are uncertain.": "Box 1. Challenges and Limitations",
    }


def test_a_figures_source_line_is_not_read_and_names_no_section(cues: Cues) -> None:
    """A figure's source line ("Source: GAO analysis of ... data.") is apparatus: not read,
    and the sentences after it stay in the section they are in."""
    text = (
        "# Findings\n\nThe office paid awards to most claimants in every year we reviewed.\n\n"
        "Source: National Survey of Claims\n\n"
        f"{GAP}\n"
    )
    sents = read_sentences(text, cues)
    assert [s.excluded for s in sents if s.flat.startswith("Source")] == ["caption"]
    assert [s.section for s in sents if s.flat == GAP] == ["Findings"]


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=8),
    st.integers(-2, 85),
)
def test_joined_spans_hold_the_offsets_the_spans_hold(
    spans: list[tuple[int, int]], offset: int
) -> None:
    """Spans sorted and joined where they overlap or touch, then found by bisection, hold
    exactly the offsets that the spans, searched one by one, hold."""
    given_spans = [(a, a + n) for a, n in spans]
    joined = _merged(given_spans)
    assert all(a < b < c for (a, b), (c, _) in pairwise(joined))
    expected = any(a <= offset < b for a, b in given_spans)
    assert _inside(joined, [a for a, _ in joined], offset) == expected
