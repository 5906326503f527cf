"""Untrusted text in Markdown stays text."""

from __future__ import annotations

import pytest

from litreview.render.markdown import md_bold_spans, md_text

EVIL = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) & | *"


def test_html_and_markdown_syntax_are_escaped() -> None:
    out = md_text(EVIL)
    assert "<" not in out and ">" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert "\\[x\\]" in out and "\\|" in out and "\\*" in out


@pytest.mark.parametrize(
    ("text", "start"), [("- a", "\\- a"), ("12. a", "12\\. a"), ("# a", "\\# a")]
)
def test_a_line_start_makes_no_list_or_heading(text: str, start: str) -> None:
    assert md_text(text) == start


def test_bold_spans_keep_the_spaces_and_escape_inside() -> None:
    text = "Evidence on <heat> deaths among older people"
    out = md_bold_spans(text, [(12, 18), (32, 44), (34, 38)])
    assert out == "Evidence on **&lt;heat&gt;** deaths among **older people**"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("suggest:<sup>3</sup> More infants", "suggest:³ More infants"),
        ("as noted.<sup>12,14–15</sup>", "as noted.¹²,¹⁴⁻¹⁵"),
        ("75,000 km<sup>2</sup>", "75,000 km²"),
        ("the 1<sup>st</sup> round", "the 1st round"),
        ("<sup><script>x</script></sup>", "&lt;sup&gt;&lt;script&gt;x&lt;/script&gt;&lt;/sup&gt;"),
    ],
)
def test_raised_markup_of_a_documents_text_is_shown_raised(text: str, shown: str) -> None:
    """The ``<sup>`` markup the PDF, DOCX, ODT and HTML readers keep around raised text is
    shown as a reader sees it, never as escaped tags; anything else stays escaped text."""
    assert md_text(text) == shown
