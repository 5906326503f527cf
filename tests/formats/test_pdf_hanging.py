"""Lines of a PDF page set with a hanging indent (a reference list whose entries stand on
the margin and run on indented, with no space between them) are cut into one paragraph an
entry; paragraphs whose first line is indented, and block quotes, are left as they were."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from litreview.formats._pdf_layout import _Line, _paragraphs

SIZE, MARGIN, INDENT = 10.0, 72.0, 12.0


def _lines(xs: list[float]) -> list[_Line]:
    """One line at each left edge, 13 points apart (the usual gap)."""
    return [
        _Line(text=f"line {k}", y=700.0 - 13 * k, size=SIZE, page_height=792.0, x=x)
        for k, x in enumerate(xs)
    ]


def test_a_reference_list_with_a_hanging_indent_is_cut_before_each_entry() -> None:
    # from a real journal's list (entries 1 to 3 lines, 1.2 em indent, no space between)
    m, i = MARGIN, MARGIN + INDENT
    got = _paragraphs(_lines([m, i, i, m, i, m, m, i, i, m, i]))
    assert got == [
        "line 0 line 1 line 2",
        "line 3 line 4",
        "line 5",
        "line 6 line 7 line 8",
        "line 9 line 10",
    ]


def test_paragraphs_with_an_indented_first_line_are_not_cut() -> None:
    m, i = MARGIN, MARGIN + INDENT
    for xs in ([i, m, m, m, i, m, m, i, m], [i, m, i, m, i, m, i, m], [m, i, m, i, m]):
        assert len(_paragraphs(_lines(xs))) == 1, xs


def test_a_block_quote_or_a_centred_line_is_no_hanging_indent() -> None:
    m = MARGIN
    # body on the margin, a quote set 3 ems in, body again: one run as before
    assert len(_paragraphs(_lines([m, m, m + 30, m + 30, m + 30, m + 30, m]))) == 1
    # lines in at two different places (a centred line among them)
    assert len(_paragraphs(_lines([m, m + 12, m, m + 12, m + 40, m, m + 12]))) == 1


@given(st.lists(st.sampled_from([0.0, INDENT, 2 * INDENT, 45.0]), min_size=1, max_size=30))
def test_cutting_keeps_every_line_in_order(offsets: list[float]) -> None:
    lines = _lines([MARGIN + x for x in offsets])
    assert " ".join(_paragraphs(lines)).split(" line ") == " ".join(ln.text for ln in lines).split(
        " line "
    )
