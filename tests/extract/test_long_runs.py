"""Patterns of the note and reference readers on long runs of one shape: the answers they
gave before they were made linear (bounded name words, runs taken whole, starts only where
a word or a run starts), and none at all on the runs. Their speed is measured by
``benchmarks/bench_hostile.py`` (60 KB runs of 8 shapes, which each took over a minute)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litreview.extract.backrefs import MAX_SHORT, short_match
from litreview.extract.citations import _url_aside
from litreview.extract.note_text import _NAME_YEAR, short_form_list, split_works
from litreview.extract.refparse_features import _RANGE
from litreview.extract.refparse_text import split_related


def test_names_before_a_year_start_where_a_word_starts() -> None:
    found = [m.group("name") for m in _NAME_YEAR.finditer("Cohen R, ben-Avraham D (2003) X")]
    assert found == ["Avraham D"]  # after a hyphen, as before; "ben" is no name word
    long_list = "Simeral J. D, Kim S. P, Black M. J, Donoghue J. P, Hochberg L. R (2011) T"
    assert _NAME_YEAR.search(long_list).start() == 0  # type: ignore[union-attr]
    assert _NAME_YEAR.search("eLife (2014)") is None  # not from inside a word


def test_short_forms_and_cited_in_split_as_before() -> None:
    assert short_form_list("Butcher 2003, Weitzer 2005, Masenior and Beyrer 2007.") == [
        "Butcher 2003",
        "Weitzer 2005",
        "Masenior and Beyrer 2007",
    ]
    assert split_works("Smith, A. Title, cited in Jones, B. Other (2001)") == [
        "Smith, A. Title",
        "Jones, B. Other (2001)",
    ]
    related = split_related("A. Smith, Title (2001), cited in B. Jones, Book, 2010")
    assert related[0] == "A. Smith, Title (2001)"
    assert related[1] is not None and related[1].text == "B. Jones, Book, 2010"


def test_a_short_form_is_short() -> None:
    assert short_match("Smith (2010)") is not None
    assert short_match("Smith" + " " * MAX_SHORT + "(2010)") is None


def test_a_url_aside_is_one_sentence_before_the_url() -> None:
    part = (
        "Roe, J., Wheat in the Delta (2001). More recent data on the harvest can be found "
        "here: https://example.org/harvest."
    )
    assert _url_aside(part) == [
        "Roe, J., Wheat in the Delta (2001).",
        "https://example.org/harvest",
    ]
    assert _url_aside("Roe, J., Wheat. https://example.org/a") == [
        "Roe, J., Wheat. https://example.org/a"
    ]


@pytest.mark.parametrize("token", ["12-34", "pp.12–34.", "123456789012-3"])
def test_a_page_range_is_a_range(token: str) -> None:
    assert _RANGE.search(token)


@pytest.mark.parametrize("token", ["2009;6(7):e1000097.", "1-", "a-1", "7" * 20_000 + "."])
def test_other_tokens_are_no_range(token: str) -> None:
    assert not _RANGE.search(token)


@pytest.mark.parametrize("unit", ["A", ".", ",", " ", "(", "A. ", "A-", "Ab, "])
def test_runs_of_one_shape_give_no_name_short_form_or_relation(unit: str) -> None:
    run = unit * (20_000 // len(unit))
    assert _NAME_YEAR.search(run) is None
    assert short_form_list(run) == []
    assert short_match(run) is None
    assert split_related(f"Roe, J. {run}")[1] is None
    assert _url_aside(run) == [run]


def test_a_run_of_superscript_digits_is_no_marker_and_no_error() -> None:
    """A marker is at most four superscript digits: a run of 20,000 is no note number (its
    int() refused more than 4,300 digits: the document raised), and a note marked by a
    real one is still found beside it."""
    from litreview.extract.document import scan_text

    run = "¹" * 20_000
    text = f"# R\n\nA claim {run} here.¹² Another claim.\n\n¹² Roe, J. (2001) Title.\n"
    scan = scan_text(text, "r.md")
    assert [(n.number, n.text) for n in scan.notes.footnotes] == [(12, "Roe, J. (2001) Title.")]


def test_markdown_links_read_as_before_and_never_across_brackets() -> None:
    """A link's text holds brackets one level deep at most and its target none (so a run of
    '[' or '[a](' costs linear time: each had taken a scan to the end of the text from every
    bracket)."""
    from litreview.extract.note_text import _LINK as NOTE_LINK
    from litreview.extract.refparse_text import _MD_LINK
    from litreview.gaps.statement_scope import _LINK

    text = "See [the report](https://e.org/a_(b)) and [a](b [c](http://d.org/e) now"
    assert _LINK.sub(r"\1", text) == "See the report) and [a](b c now"
    assert _MD_LINK.sub(r"\1", text) == "See the report) and [a](b c now"
    assert NOTE_LINK.sub("", text) == "See ) and [a](b  now"


def test_a_name_word_is_at_most_41_characters() -> None:
    """A citation's names are words of at most 41 characters, so a word of 40,000 capitals
    beside a reference list is read in linear time (its last 41 letters an unlinked name,
    as the whole word was before); a real name links as before."""
    from litreview.extract.intext import in_text_citations
    from litreview.extract.reflist import RefEntry

    entry = RefEntry(
        index=1, label=None, raw="Featherstonehaugh J. 2016. T.", start=0, end=0, line=1
    )
    text = f"{'A' * 40_000} (2016). As Featherstonehaugh (2016) shows."
    found = [(c.text, [w.entry for w in c.works]) for c in in_text_citations(text, [entry])]
    assert found == [("A" * 41 + " (2016)", [None]), ("Featherstonehaugh (2016)", [1])]


def test_works_joined_by_and_are_cut_as_before_on_long_runs() -> None:
    """The ", and" between works is read in one pass (which quotes and emphasis each comma
    is inside is found once for the piece, and the work before a cut read from at most 1,000
    characters back): two works stay two, a title in emphasis one, and a run of 4,000 pieces
    too short to be references stays one piece (it took 19 s)."""
    two = 'Roe, "Tides," Harbour News, 2019, p. 4, and Doe, "Ebb," Coast Review, 2020.'
    assert len(split_works(two)) == 2
    emphasised = "Roe, _Causes, Risks, and Policy Options_, 2019, p. 4."
    assert split_works(emphasised) == [emphasised]
    run = 'Roe, "T," 2001' + ', and Xy, "T," 2001' * 4000
    assert split_works(run) == [run]


def test_each_of_thousands_of_laws_is_found_once() -> None:
    """Whether a law's match overlaps one found before is one look-up (the found ones never
    overlap): 20,000 back-references are 20,000 sources (it took minutes), and a shape's
    match inside another's is still none."""
    from litreview.extract.note_sources import legal_citations

    assert len(legal_citations("Id. at 5. " * 20_000)) == 20_000
    found = legal_citations("Pub. L. No. 111-31, 123 Stat. 1776; 21 U.S.C. § 387.")
    assert [u.raw for u in found] == ["Pub. L. No. 111-31, 123 Stat. 1776", "21 U.S.C. § 387"]


def test_a_name_before_a_year_and_works_joined_by_semicolons_read_as_before() -> None:
    """A name before ", 2001" is taken whole up to its comma (at most 120 characters), so a
    note of document numbers with no comma is read in linear time; works that a ";" joins
    are put together once, not copied again for each piece (each took seconds on 60 KB)."""
    from litreview.extract.note_text import _NAME_COMMA_YEAR

    found = _NAME_COMMA_YEAR.search("see World Health Organization, 2019 report")
    assert found is not None and found.group(0) == "World Health Organization, 2019"
    assert _NAME_COMMA_YEAR.search("See GAO-12-345. " * 4000) is None
    assert split_works("Roe, A.; Lee, B. Tides (2001); Doe, C. Ebb (2002).") == [
        "Roe, A.; Lee, B. Tides (2001)",
        "Doe, C. Ebb (2002).",
    ]


@given(st.text(alphabet='ab ,“”‘’"()[]', max_size=30), st.integers(min_value=0, max_value=30))
def test_an_offset_is_top_level_where_a_semicolon_would_split(text: str, at: int) -> None:
    """The one-pass mask of the ", and" reader and the ";" splitter read quotes and brackets
    alike: an offset is top level exactly where a ";" put there would end the first piece."""
    from litreview.extract.note_text import _top_level, _top_level_split

    at = min(at, len(text))
    cut = _top_level_split(text[:at] + ";" + text[at:])[0] == text[:at]
    assert bool(_top_level(text)[at]) == cut


def _states_by_characters(text: str) -> list[tuple[str, int]]:
    """The open quote and bracket depth before each character of ``text`` and at its end,
    read character by character: the oracle of the reader that skips to the quotes,
    brackets and semicolons."""
    pairs = {"‘": "’", "“": "”"}
    if text.count('"') % 2 == 0:
        pairs['"'] = '"'
    out, depth, quote = [], 0, ""
    for ch in text:
        out.append((quote, depth))
        if quote:
            quote = "" if ch == quote else quote
        elif ch in pairs:
            quote = pairs[ch]
        elif ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return [*out, (quote, depth)]


@given(st.text(alphabet='ab ;,“”‘’"()[]\n', max_size=60))
def test_the_reader_skipping_to_marks_reads_as_every_character(text: str) -> None:
    from litreview.extract.note_text import _top_level, _top_level_split

    states = _states_by_characters(text)
    assert _top_level(text) == bytearray(not q and d == 0 for q, d in states)
    pieces, start = [], 0
    for i, ch in enumerate(text):
        if ch != ";" or i < start:
            continue
        quote, depth = states[i]
        if not quote and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
        elif quote and text[i + 1 : i + 2] == quote:
            pieces.append(text[start : i + 2])
            start = i + 2
    assert _top_level_split(text) == [*pieces, text[start:]]
