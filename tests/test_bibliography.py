"""Formatted bibliographies: styles, order, organisations, HTML escaping, broken entries."""

from __future__ import annotations

import pytest

from litreview.errors import InputError
from litreview.model import Person, Work
from litreview.report import bibliography
from litreview.report.bibliography import available_styles, format_bibliography, render_bibliography

SMITH = Work(
    key="smith2010",
    type="article-journal",
    title="Zeta study of informal credit",
    authors=(Person(family="Smith", given="John"),),
    issued="2010-03",
    container="Journal of Money",
    volume="3",
    pages="1-5",
    doi="10.1/x",
)
BANK = Work(
    key="wb2012",
    type="report",
    title="Remittances and risk",
    authors=(Person(literal="World Bank"),),
    issued="2012",
    publisher="World Bank Group",
)
ADAMS = Work(
    key="adams2015",
    type="book",
    title="Aardvark methods",
    authors=(Person(family="Adams", given="Ama"),),
    issued="2015",
    publisher="Press",
)
XSS = '<img src=x onerror=alert(1)> & "more"'


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_sorted_by_author_as_the_style_says(style: str) -> None:
    lines = format_bibliography([BANK, SMITH, ADAMS], style=style).splitlines()
    assert [line.split(",")[0].split(".")[0] for line in lines] == ["Adams", "Smith", "World Bank"]
    assert "Zeta" in lines[1] and "2010" in lines[1]


def test_apa_entry_shape() -> None:
    text = format_bibliography([SMITH], style="apa")
    assert (
        text
        == "Smith, J. (2010). Zeta study of informal credit. Journal of Money, 3, 1–5. https://doi.org/10.1/x\n"
    )


def test_corporate_author_renders_as_an_organisation() -> None:
    text = format_bibliography([BANK], style="apa")
    assert text.startswith("World Bank. (2012).")
    assert "Bank, W." not in format_bibliography([BANK], style="chicago-author-date")


def test_deterministic_whatever_the_input_order() -> None:
    once = format_bibliography([SMITH, BANK, ADAMS], style="chicago-author-date", output="html")
    assert once == format_bibliography(
        [ADAMS, BANK, SMITH], style="chicago-author-date", output="html"
    )


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_html_output_escapes_markup_in_the_data(style: str) -> None:
    work = Work(
        key="x", type="report", title=XSS, authors=(Person(literal="A & B <Co>"),), issued="2020"
    )
    out = format_bibliography([work], style=style, output="html")
    assert "<img" not in out and "<Co>" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out.replace("Src", "src").replace(
        "Onerror", "onerror"
    )
    assert "A &amp; B &lt;Co&gt;" in out
    assert '<div class="csl-entry">' in out and "<i>" in out  # the style's own markup stays


def test_text_output_keeps_the_characters() -> None:
    work = Work(
        key="x", type="report", title=XSS, authors=(Person(literal="A & B"),), issued="2020"
    )
    assert XSS in format_bibliography([work], style="apa")


def test_unknown_style_and_output_are_input_errors() -> None:
    with pytest.raises(
        InputError, match=r"unknown citation style 'no-such-style'.*apa, chicago-author-date"
    ):
        format_bibliography([SMITH], style="no-such-style")
    with pytest.raises(InputError, match="unknown output"):
        format_bibliography([SMITH], output="pdf")
    assert {"apa", "chicago-author-date"} <= set(available_styles())


def test_a_broken_entry_is_reported_and_the_others_render(monkeypatch: pytest.MonkeyPatch) -> None:
    real = bibliography._render

    def fragile(style, items, output):  # type: ignore[no-untyped-def]
        if any(item.get("title") == "BOOM" for item in items):
            raise ValueError("cannot format this entry")
        return real(style, items, output)

    monkeypatch.setattr(bibliography, "_render", fragile)
    broken = Work(
        key="bad1", type="book", title="BOOM", authors=(Person(family="Zed"),), issued="1999"
    )
    text, problems = render_bibliography([SMITH, broken, BANK], style="apa")
    lines = text.splitlines()
    assert lines[0].startswith("Smith, J.") and lines[1].startswith("World Bank.")
    assert lines[2] == "Zed (1999). BOOM"
    assert [p.severity for p in problems] == ["error"] and "work bad1" in problems[0].message
    assert "cannot format this entry" in problems[0].message


def test_empty_and_keyless_works() -> None:
    assert format_bibliography([]) == ""
    text = format_bibliography([Work(key="", title="No key here", issued="2001")])
    assert "No key here" in text


def test_works_sharing_a_key_are_all_listed() -> None:
    twin = Work(
        key=SMITH.key,
        type="book",
        title="Another work, same key",
        issued="2011",
        authors=(Person(family="Smith", given="John"),),
    )
    lines = format_bibliography([SMITH, twin], style="apa").splitlines()
    assert len(lines) == 2 and any("Another work" in line for line in lines)
