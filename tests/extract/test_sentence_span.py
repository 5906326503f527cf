"""The sentence holding a span: only the stops nearest the span are asked whether they end
an abbreviation (a line of many short sentences asked it of every stop before each span)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.extract._text import _END, _is_abbreviation, sentence_span


def _walk(text: str, start: int, end: int) -> tuple[int, int]:
    """The oracle: every stop of the line asked in turn (the text holds no newline)."""
    s, e = 0, len(text)
    for m in _END.finditer(text):
        if _is_abbreviation(text, m.start()):
            continue
        if m.end() <= start:
            s = m.end()
        elif m.end() >= end:
            e = m.end()
            break
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_WORDS = st.sampled_from(
    ["Mr.", "Dr.", "J.", "ok.", "Yes!", "Why?", "It", "was", "A", "(1)", "e.g."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40), st.data())
def test_the_sentence_is_the_one_a_walk_over_every_stop_finds(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_span(text, start, end) == _walk(text, start, end)


def test_a_sentence_after_an_abbreviation_starts_at_the_last_real_stop() -> None:
    text = "One ends here. Then Mr. Roe spoke [1] and left."
    at = text.index("[1]")
    assert text[slice(*sentence_span(text, at, at + 3))] == "Then Mr. Roe spoke [1] and left."
