"""A heading set in a large font over several lines stays one paragraph: lines are joined
when their gap is the usual one for their font size, whatever the body's size."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from litreview.formats._pdf_layout import _Line, _paragraphs


def _line(text: str, y: float, size: float) -> _Line:
    return _Line(text=text, y=y, size=size, page_height=792.0, x=72.0)


def _body(top: float, n: int) -> list[_Line]:
    """``n`` lines of 11-point body text, 13 points apart."""
    return [_line(f"body {k}", top - 13 * k, 11.0) for k in range(n)]


def test_a_heading_in_a_large_font_over_three_lines_is_one_paragraph() -> None:
    # a real report's slide title: 14.9-point lines 18 points apart over 13.5-point text
    head = [
        _line("Impact of Marketing: Majority of Studies Found", 593.0, 14.9),
        _line("Lower Breastfeeding Rates Among Women", 575.0, 14.9),
        _line("Receiving Formula Samples in Discharge Packs", 557.0, 14.9),
    ]
    got = _paragraphs(head + _body(523.0, 6))
    assert got[0] == (
        "Impact of Marketing: Majority of Studies Found Lower Breastfeeding Rates Among "
        "Women Receiving Formula Samples in Discharge Packs"
    )
    assert got[1] == " ".join(f"body {k}" for k in range(6))


def test_headings_a_wider_gap_apart_stay_apart() -> None:
    # side headings of 17 points, 20 apart within one, 30 between two
    lines = [
        _line("To Report Fraud,", 249.0, 17.0),
        _line("Waste, and Abuse in", 229.0, 17.0),
        _line("Federal Programs", 210.0, 17.0),
        _line("Congressional", 179.0, 17.0),
        _line("Relations", 159.0, 17.0),
        *_body(140.0, 12),
    ]
    assert _paragraphs(lines)[:2] == [
        "To Report Fraud, Waste, and Abuse in Federal Programs",
        "Congressional Relations",
    ]


def test_small_lines_a_body_gap_apart_are_separate_paragraphs() -> None:
    """A gap usual for the body is a paragraph's break for lines half its size."""
    small = [_line(f"cell {k}", 400.0 - 13 * k, 8.0) for k in range(3)]
    got = _paragraphs(_body(600.0, 8) + small)
    assert got[1:] == ["cell 0", "cell 1", "cell 2"]


@given(
    st.lists(
        st.tuples(st.sampled_from([8.0, 11.0, 17.0]), st.floats(min_value=1.0, max_value=40.0)),
        min_size=1,
        max_size=25,
    )
)
def test_joining_keeps_every_line_in_order(spec: list[tuple[float, float]]) -> None:
    y, lines = 700.0, []
    for k, (size, gap) in enumerate(spec):
        lines.append(_line(f"w{k}", y, size))
        y -= gap
    assert " ".join(_paragraphs(lines)).split() == [ln.text for ln in lines]
