"""A PDF page's characters are grouped into lines by baseline: the row keeps its largest size
and commonest baseline as characters come (a line of n characters in n steps), and groups
exactly as the definition does, re-reading the whole row for each character."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.formats._pdf_layout import _SUP_RATIO, _Char, _group_lines, _line


def _by_definition(chars: list[_Char]) -> list[list[_Char]]:
    """Rows as the definition reads them: for each character, the row's largest size and
    the commonest rounded baseline of the characters of that size (the first seen on a tie)."""
    rows: list[list[_Char]] = []
    for c in chars:
        if rows:
            row = rows[-1]
            size = max(r.size for r in row)
            base = Counter(round(r.y) for r in row if r.size == size).most_common(1)[0][0]
            if (
                abs(c.y - base) <= 0.3 * max(size, c.size)
                or (c.size < _SUP_RATIO * size and 0 < c.y - base < 0.8 * size)
                or (size < _SUP_RATIO * c.size and 0 < base - c.y < 0.8 * c.size)
            ):
                row.append(c)
                continue
        rows.append([c])
    return rows


_chars = st.lists(
    st.builds(
        _Char,
        text=st.sampled_from("ab 1"),
        x=st.floats(0, 600, allow_nan=False),
        y=st.sampled_from([696.0, 698.5, 700.0, 702.0, 704.5, 706.0, 709.0])
        | st.floats(690, 720, allow_nan=False),
        size=st.sampled_from([6.0, 8.0, 9.5, 10.0, 12.0, 14.0]),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_chars)
def test_lines_are_grouped_as_the_definition_groups_them(chars: list[_Char]) -> None:
    got = [ln.text for ln in _group_lines(chars, 792.0)]
    want = [
        _line(row, 792.0).text
        for row in _by_definition(chars)
        if "".join(c.text for c in row).strip()
    ]
    assert got == want


def test_a_tie_of_baselines_keeps_the_one_seen_first() -> None:
    """Two characters on 702 and two on 700 (size 10), 702 seen first: the line stands on
    702, so a character on 704.5 (2.5 points off 702, 4.5 off 700) continues it."""
    ys = [702.0, 700.0, 700.0, 702.0, 704.5]
    chars = [
        _Char(text=t, x=float(i), y=y, size=10.0)
        for i, (t, y) in enumerate(zip("abcde", ys, strict=True))
    ]
    assert [ln.text for ln in _group_lines(chars, 792.0)] == ["abcde"]
