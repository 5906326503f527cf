"""Citations by citation key, as Pandoc Markdown writes them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from litreview.extract.keycites import key_citations

TEXT = (
    "Evidence is scarce [@smith2020, p. 3; see @jones2019]. As @doe2018 says [-@doe2018], "
    "write to a@b.org, see [the page](http://x.org) or [@{odd.key.}]. Not [a note], nor "
    "[see p. 3; @x]."
)


def test_brackets_narrative_suppressed_and_braced_keys() -> None:
    found = [(TEXT[c.start : c.end], c.keys, c.narrative) for c in key_citations(TEXT)]
    assert found == [
        ("[@smith2020, p. 3; see @jones2019]", ("smith2020", "jones2019"), False),
        ("@doe2018", ("doe2018",), True),
        ("[-@doe2018]", ("doe2018",), False),
        ("[@{odd.key.}]", ("odd.key.",), False),
        ("@x", ("x",), True),  # brackets with an item naming no key are not a citation
    ]


def test_an_address_a_link_and_a_key_ending_in_punctuation() -> None:
    text = "Mail team@example.org; see @smith2020. Or [@jones2019:]."
    assert [c.keys for c in key_citations(text)] == [("smith2020",), ("jones2019",)]


@given(st.text(alphabet="ab@[];-, {}.\n:1", max_size=60))
def test_any_text_gives_spans_that_hold_their_keys(text: str) -> None:
    cites = key_citations(text)
    assert [c.start for c in cites] == sorted(c.start for c in cites)
    for c in cites:
        span = text[c.start : c.end]
        assert span.startswith(("[", "@")) and all(k in span for k in c.keys)
