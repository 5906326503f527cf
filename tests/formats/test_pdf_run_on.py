"""A sentence that runs over a PDF page break is read whole: the page's last paragraph,
stopped mid-sentence, is joined with the next page's first, which opens in lower case; the
paragraph made whole stands after the page's notes, where its second half stood."""

from __future__ import annotations

from pathlib import Path

import pytest

from litreview.formats import _pdf_layout
from litreview.formats._pdf_layout import _Line, _pages_read, _run_on

BODY, NOTE, HEIGHT = 11.0, 9.0, 792.0
DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"


def _page(body: list[str], notes: list[str]) -> list[_Line]:
    """Paragraphs one line each (a paragraph's gap between them), then the notes below."""
    lines = [
        _Line(text=t, y=700.0 - 30 * k, size=BODY, page_height=HEIGHT, x=72.0)
        for k, t in enumerate(body)
    ]
    lines += [
        _Line(text=t, y=120.0 - 11 * k, size=NOTE, page_height=HEIGHT, x=72.0)
        for k, t in enumerate(notes)
    ]
    return lines


def _text(pages: list[list[_Line]]) -> list[str]:
    read = _pages_read(pages)
    _run_on(read)
    return [p for page in read for p in page.paragraphs + page.notes]


FIRST = "A first paragraph of the report states what it found, as its note says.<sup>1</sup>"
HALF = "Researchers said that data on how the networks organise their finances were"
REST = "not available for most of the countries they studied in the years reviewed."
NEXT = "Then the report goes on with another paragraph of its own.<sup>2</sup>"
NOTE_1 = "<sup>1</sup> A note at the foot of the first page, which the marker names."


def test_a_sentence_over_a_page_break_is_joined_after_the_notes() -> None:
    pages = [_page([FIRST, HALF], [NOTE_1]), _page([REST, NEXT], [])]
    assert _text(pages) == [FIRST, NOTE_1, f"{HALF} {REST}", NEXT]


def test_a_half_with_the_notes_marker_is_joined_before_the_notes() -> None:
    """The first half carries a marker: after the notes it would leave the paragraphs before
    them with none (read then as the note's continuation); the second half goes up."""
    first = FIRST.removesuffix("<sup>1</sup>")
    pages = [_page([first, HALF + "<sup>1</sup>"], [NOTE_1]), _page([REST, NEXT], [])]
    assert _text(pages) == [first, f"{HALF}<sup>1</sup> {REST}", NOTE_1, NEXT]


def test_halves_whose_move_would_change_what_follows_a_note_stay_apart() -> None:
    """Both halves carry a marker and no other paragraph does: moving either would leave the
    paragraphs on one side of the notes without a marker."""
    first = FIRST.removesuffix("<sup>1</sup>")
    nxt = NEXT.removesuffix("<sup>2</sup>")
    half, rest = HALF + "<sup>1</sup>", REST + "<sup>2</sup>"
    pages = [_page([first, half], [NOTE_1]), _page([rest, nxt], [])]
    assert _text(pages) == [first, half, NOTE_1, rest, nxt]


@pytest.mark.parametrize(
    ("last", "first"),
    [
        (FIRST, REST),  # the page's last paragraph ends its sentence (then its marker)
        (HALF, "Not available, said the next page, opening a sentence of its own here."),
        ("Short heading", REST),  # too short to be a sentence cut by the page
    ],
)
def test_paragraphs_that_do_not_run_on_stay_apart(last: str, first: str) -> None:
    pages = [_page([last], []), _page([first], [])]
    assert _text(pages) == [last, first]


def test_a_sentence_over_two_page_breaks_is_joined_once() -> None:
    middle = "and the paragraph goes on over the whole of the next page without an end"
    pages = [_page([HALF], []), _page([middle], []), _page([REST], [])]
    assert _text(pages) == [f"{HALF} {middle} {REST}"]


def test_a_word_broken_over_the_page_is_made_whole() -> None:
    broken = HALF.removesuffix(" were") + " unavail" + _pdf_layout._SOFT_HYPHEN
    pages = [_page([broken], []), _page(["able for most of the countries studied."], [])]
    assert _text(pages) == [broken + "able for most of the countries studied."]


def test_a_rendered_sentence_over_a_page_break_is_one_statement() -> None:
    """``page_run_on_report.pdf``: pdfLaTeX breaks the page inside a gap statement, with the
    page's two notes between its halves; read whole, the detector finds it, its quote the
    text between its offsets, and the notes are read as they were."""
    pytest.importorskip("pypdfium2")
    from litreview.extract.document import scan_text
    from litreview.formats.documents import read_document
    from litreview.gaps.cues import default_cues
    from litreview.gaps.statement_scope import read_sentences

    text = read_document(DOCS / "page_run_on_report.pdf")
    sentence = (
        "Officials told us that reliable data on how much of the catch is sold outside the "
        "licensed markets were not available for most of the river ports"
    )
    read = [s for s in read_sentences(text, default_cues()) if "reliable data" in s.flat]
    assert len(read) == 1 and sentence in read[0].flat
    assert "Survey Office" not in text[read[0].start : read[0].end]  # no note inside
    notes = scan_text(text).notes.footnotes
    assert [(n.number, n.text[:20]) for n in notes] == [
        (1, "Survey Office, Annua"),
        (2, "The office counts a "),
        (3, "Survey Office, Metho"),
    ]


@pytest.mark.parametrize(
    "name", ["footnoted_report", "numeric_paper", "author_year_paper", "page_run_on_report"]
)
def test_the_rendered_fixtures_read_as_before(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The notes of the rendered fixtures are what they were without the join (no sentence
    of the first three crosses a page: their text is the same)."""
    pytest.importorskip("pypdfium2")
    from litreview.extract.document import scan_text
    from litreview.formats.documents import read_document

    joined = read_document(DOCS / f"{name}.pdf")
    monkeypatch.setattr(_pdf_layout, "_run_on", lambda read: None)
    apart = read_document(DOCS / f"{name}.pdf")
    assert joined == apart or name == "page_run_on_report"
    assert [(n.number, n.text) for n in scan_text(joined).notes.footnotes] == [
        (n.number, n.text) for n in scan_text(apart).notes.footnotes
    ]
