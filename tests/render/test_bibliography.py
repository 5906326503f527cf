"""Formatted bibliographies: styles, order, organisations, HTML escaping, broken entries."""

from __future__ import annotations

import pytest

from litreview.core.errors import InputError
from litreview.core.model import Person, Work
from litreview.render import bibliography
from litreview.render.bibliography import available_styles, format_bibliography, render_bibliography
from tests.conftest import require_tool


@pytest.fixture(params=["pandoc", "citeproc-py"])
def engine(request: pytest.FixtureRequest) -> str:
    """Each formatting engine; pandoc is required in CI, skipped locally when missing."""
    if request.param == "pandoc":
        require_tool("pandoc")
    return str(request.param)


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
def test_sorted_by_author_as_the_style_says(style: str, engine: str) -> None:
    lines = format_bibliography([BANK, SMITH, ADAMS], style=style, engine=engine).splitlines()
    assert [line.split(",")[0].split(".")[0] for line in lines] == ["Adams", "Smith", "World Bank"]
    assert "Zeta" in lines[1] and "2010" in lines[1]


def test_apa_entry_shape(engine: str) -> None:
    text = format_bibliography([SMITH], style="apa", engine=engine)
    assert (
        text
        == "Smith, J. (2010). Zeta study of informal credit. Journal of Money, 3, 1–5. https://doi.org/10.1/x\n"
    )


def test_corporate_author_renders_as_an_organisation(engine: str) -> None:
    text = format_bibliography([BANK], style="apa", engine=engine)
    assert text.startswith("World Bank. (2012).")
    chicago = format_bibliography([BANK], style="chicago-author-date", engine=engine)
    assert "Bank, W." not in chicago and chicago.startswith("World Bank. 2012.")


def test_deterministic_whatever_the_input_order(engine: str) -> None:
    twin = Work(
        key="adams2015b",
        type="book",
        title="Aardvark methods",
        authors=ADAMS.authors,
        issued="2015",
        publisher="Press",
    )
    once = format_bibliography(
        [SMITH, BANK, ADAMS, twin], style="chicago-author-date", output="html", engine=engine
    )
    assert once == format_bibliography(
        [twin, ADAMS, BANK, SMITH], style="chicago-author-date", output="html", engine=engine
    )


def test_engines_agree_on_plain_entries() -> None:
    require_tool("pandoc")
    works = [BANK, SMITH, ADAMS]
    assert format_bibliography(works, engine="pandoc") == format_bibliography(
        works, engine="citeproc-py"
    )


def test_numeric_style_keeps_label_and_entry_on_one_line(engine: str) -> None:
    lines = format_bibliography([SMITH, ADAMS], style="ieee", engine=engine).splitlines()
    assert len(lines) == 2 and lines[0].startswith("[1]") and "Aardvark" in lines[0]
    assert lines[1].startswith("[2]") and "Zeta" in lines[1]


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_html_output_escapes_markup_in_the_data(style: str, engine: str) -> None:
    work = Work(
        key="x", type="report", title=XSS, authors=(Person(literal="A & B <Co>"),), issued="2020"
    )
    out = format_bibliography([work], style=style, output="html", engine=engine)
    assert "<img" not in out.lower() and "<Co>" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out.lower()
    assert "A &amp; B &lt;Co&gt;" in out
    assert '<div class="csl-entry">' in out and "<i>" in out  # the style's own markup stays


def test_text_output_keeps_the_characters(engine: str) -> None:
    work = Work(
        key="x",
        type="report",
        title=XSS + " <i>not markup</i>",
        authors=(Person(literal="A & B"),),
        issued="2020",
    )
    assert XSS + " <i>not markup</i>" in format_bibliography([work], style="apa", engine=engine)


def test_unknown_style_and_output_are_input_errors() -> None:
    with pytest.raises(
        InputError, match=r"unknown citation style 'no-such-style'.*apa, chicago-author-date"
    ):
        format_bibliography([SMITH], style="no-such-style")
    with pytest.raises(InputError, match="unknown output"):
        format_bibliography([SMITH], output="pdf")
    with pytest.raises(InputError, match="unknown engine 'citeproc-js'"):
        format_bibliography([SMITH], engine="citeproc-js")
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
    text, problems = render_bibliography([SMITH, broken, BANK], style="apa", engine="citeproc-py")
    lines = text.splitlines()
    assert lines[0].startswith("Smith, J.") and lines[1].startswith("World Bank.")
    assert lines[2] == "Zed (1999). BOOM"
    assert [p.severity for p in problems] == ["error"] and "work bad1" in problems[0].message
    assert "cannot format this entry" in problems[0].message


def test_empty_and_keyless_works(engine: str) -> None:
    assert format_bibliography([], engine=engine) == ""
    text = format_bibliography([Work(key="", title="No key here", issued="2001")], engine=engine)
    assert "No key here" in text


def test_works_sharing_a_key_are_all_listed(engine: str) -> None:
    twin = Work(
        key=SMITH.key,
        type="book",
        title="Another work, same key",
        issued="2011",
        authors=(Person(family="Smith", given="John"),),
    )
    lines = format_bibliography([SMITH, twin], style="apa", engine=engine).splitlines()
    assert len(lines) == 2 and any("Another work" in line for line in lines)


def test_pandoc_failure_falls_back_to_citeproc_py(monkeypatch: pytest.MonkeyPatch) -> None:
    """auto: a pandoc failure is a warning and citeproc-py formats every entry instead."""
    from litreview.render import pandoc_citeproc

    def broken(items, path):  # type: ignore[no-untyped-def]
        raise pandoc_citeproc.PandocError("boom")

    monkeypatch.setattr(pandoc_citeproc, "available", lambda: True)
    monkeypatch.setattr(pandoc_citeproc, "render_html", broken)
    text, problems = render_bibliography([SMITH, BANK], engine="auto")
    assert text.startswith("Smith, J. (2010).") and len(text.splitlines()) == 2
    assert [p.severity for p in problems] == ["warning"] and "boom" in problems[0].message
    with pytest.raises(InputError, match="pandoc could not format the bibliography: boom"):
        render_bibliography([SMITH], engine="pandoc")


def test_a_field_past_the_limit_is_cut_in_the_citation_not_in_the_record(engine: str) -> None:
    """A title of 60,000 characters is shown cut to MAX_FORMATTED_FIELD_CHARS with '…' (60,000
    superscript digits took pandoc's citeproc 48 s); the work keeps it whole."""
    from dataclasses import replace

    from litreview.core.limits import MAX_FORMATTED_FIELD_CHARS
    from litreview.render.bibliography import format_entries

    long = replace(SMITH, title="x" * 60_000)
    (text,) = format_entries([long], engine=engine).values()
    assert "x" * (MAX_FORMATTED_FIELD_CHARS - 1) + "…" in text
    assert "x" * MAX_FORMATTED_FIELD_CHARS not in text
    assert len(long.title) == 60_000


def test_works_a_style_lists_no_entry_for_leave_no_blank_line(engine: str) -> None:
    """APA lists no entry for a personal communication: the bibliography has no blank line
    for it (with pandoc, a warning names it), and citing it alone still gives a line."""
    letter = Work(
        key="lee2021letter",
        type="personal_communication",
        title="Letter to the harbour board",
        authors=(Person(family="Lee", given="Min"),),
        issued="2021-05-12",
    )
    text, problems = render_bibliography([SMITH, letter, BANK], style="apa", engine=engine)
    assert [line[:6] for line in text.splitlines()] == ["Smith,", "World "]
    assert [p.message[:20] for p in problems] == ["1 work(s) left out: "]
    assert bibliography.left_out(problems) == 1
    if engine == "pandoc":  # pandoc's entries carry their ids: the warning names the work
        assert problems[0].message.endswith(": lee2021letter")
    entries = bibliography.format_entries([letter], style="apa", engine=engine)
    assert "Letter to the harbour board" in entries["lee2021letter"]
