"""Running heads and feet of a PDF's pages are left out of its text."""

from __future__ import annotations

from pathlib import Path

from litreview.formats._pdf_layout import _furniture, _Line, _page_text
from tests.conftest import require_module


def _page(number: int, foot: str) -> list[_Line]:
    return [
        _Line(text=f"Body text of page {number} reads on.", y=700.0, size=11.0, page_height=792.0),
        _Line(text=foot, y=38.0, size=9.0, page_height=792.0),
    ]


def test_a_last_page_foot_that_adds_to_the_usual_one_is_left_out() -> None:
    """Every page's foot reads 'Congressional Research Service N' but the last page's adds
    the report's number and version after the same words."""
    pages = [_page(n, f"Congressional Research Service {n}") for n in range(1, 5)]
    pages.append(_page(5, "Congressional Research Service R48906 · VERSION 2 · NEW 5"))
    furniture = _furniture(pages)
    texts = [_page_text(lines, 11.0, furniture) for lines in pages]
    assert texts == [f"Body text of page {n} reads on." for n in range(1, 6)]


def test_a_page_with_no_body_line_has_no_page_foot_notes() -> None:
    """A reference list set smaller than the body fills the page: a line of it opening with
    a volume number ('149 (2019), 485–510.') is no note label, and its two columns are not
    read as one note block sorted by height (entries of both ran together)."""

    def small(text: str, y: float, x: float) -> _Line:
        return _Line(text=text, y=y, size=7.0, page_height=792.0, x=x)

    left = [
        small("[64] Raatikainen. 2019. Study. Journal", 356, 54),
        small("149 (2019), 485–510.", 348, 69),
    ]
    right = [
        small("[81] Ommering. 2005. Reuse. IEEE Trans.", 356, 318),
        small("Soft. Eng. 31, 7.", 348, 333),
    ]
    text = _page_text(left + right, 9.0, frozenset())
    assert "<sup>" not in text and text.index("149 (2019)") < text.index("[81]")


def test_a_note_label_raised_at_085_of_its_text_is_its_notes_label() -> None:
    """A Springer page foot: the label '7' at 6.8 points raised 3 points beside its 8-point
    note (6.8 / 8 = 0.85 exactly) was a line of its own, and the note had no label."""
    from litreview.formats._pdf_layout import _Char, _group_lines

    chars = [_Char(text="7", x=47.0, y=78.0, size=6.8)]
    chars += [_Char(text=ch, x=54.0 + 4 * k, y=75.0, size=8.0) for k, ch in enumerate("https")]
    (line,) = _group_lines(chars, 792.0)
    assert line.text == "<sup>7</sup>https"


def test_a_numbered_reference_list_set_small_below_the_body_is_no_note_block() -> None:
    """Entries '[9] ...' below the page's last body line, one run on '30 (3) (1982) ...':
    that line opened a 'note' 30 that swallowed entries 10 to 12 (and the list ended)."""
    body = _Line(text="The body of the page ends here.", y=300.0, size=10.0, page_height=792.0)
    refs = [
        _Line(text=text, y=y, size=8.0, page_height=792.0, x=x)
        for text, y, x in (
            ("[9] S. Rao, Scattering by surfaces, IEEE Trans. Anten. Prop.", 153, 110),
            ("30 (3) (1982) 409–418.", 144, 125),
            ("[10] K. Umashankar, Scattering by objects, IEEE Trans. 34 (1986).", 134, 106),
        )
    ]
    text = _page_text([body, *refs], 10.0, frozenset())
    assert text.endswith(
        "409–418.\n\n[10] K. Umashankar, Scattering by objects, IEEE Trans. 34 (1986)."
    )


def test_text_turned_a_quarter_in_the_margin_is_left_out(tmp_path: Path) -> None:
    """A licence or arXiv stamp set sideways in the margin came as one line a character
    ('n', 's', 'L', 'ic', 'e' ...), read into notes and paragraphs."""
    require_module("pypdfium2")
    from litreview.formats._pdf_layout import pdf_layout

    matplotlib = require_module("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(6, 6))
    fig.text(0.1, 0.8, "Upright body text reads on.", fontsize=10)
    fig.text(0.95, 0.2, "Licensed sideways stamp", fontsize=8, rotation=90)
    fig.savefig(tmp_path / "p.pdf")
    plt.close(fig)
    text, _, _ = pdf_layout(str(tmp_path / "p.pdf"))
    assert text.strip() == "Upright body text reads on."  # not then "L", "ic", "e", "n" ...
