"""CSL YAML (pandoc's ``references:``): read and written as CSL-JSON's items, YAML's
implicit types kept out, pandoc reads what is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from litreview.core.model import Person, Work
from litreview.formats import read_file, writer_for
from litreview.formats.cslyaml import read_cslyaml, write_cslyaml
from tests.conftest import DATA, pandoc_bibliography
from tests.strategies import works

ZOTERO = DATA / "csljson" / "zotero_export.json"


@settings(max_examples=40, deadline=None)
@given(works())
def test_round_trip_property(work: Work) -> None:
    found, problems = read_cslyaml(write_cslyaml([work]))
    assert problems == []
    assert found == [work]


def test_the_same_works_as_csljson() -> None:
    found, _ = read_file(ZOTERO)
    assert read_cslyaml(write_cslyaml(found), "r.yaml") == (found, [])
    assert writer_for("csl-yaml")(found) == write_cslyaml(found)


@pytest.mark.parametrize(
    ("written", "field", "value"),
    [
        ("title: No", "title", "No"),  # not YAML 1.1's false
        ("page: 10:30", "pages", "10:30"),  # not a sexagesimal 630
        ("issued: 2020-01-02", "issued", "2020-01-02"),  # not a date object
        ("volume: 1.10", "volume", "1.10"),  # not the float 1.1
        ("volume: 7", "volume", "7"),
    ],
)
def test_a_scalar_is_read_as_written(written: str, field: str, value: str) -> None:
    text = f"references:\n- id: a\n  type: book\n  {written}\n"
    (work,), problems = read_cslyaml(text, "r.yaml")
    assert problems == [] and getattr(work, field) == value


def test_a_bare_list_and_a_bad_item_among_good_ones() -> None:
    text = (
        "- id: a\n  type: book\n  title: A\n"
        "- id: b\n  type: book\n  author: Roe\n"
        "- id: c\n  type: book\n  title: C\n"
    )
    found, problems = read_cslyaml(text, "r.yaml")
    assert [w.key for w in found] == ["a", "c"]
    assert [(p.line, p.severity) for p in problems] == [(4, "error")]
    assert "item 1 (b): author" in problems[0].message


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("references:\n- id: a\n  title: [unclosed\n", 4, "not valid YAML"),
        ("title: a bibliography of one\n", 1, "expected a 'references:' list"),
        ("", 1, "empty YAML file"),
        ("references:\n- " + "[" * 150 + "]" * 150 + "\n", 2, "nested too deep: more than 100"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, c in zip("abcdefg", "bcdefgh", strict=True)
            ),
            1,
            "YAML",
        ),
    ],
)
def test_a_file_that_is_no_csl_yaml_is_one_error_with_its_line(
    text: str, line: int, says: str
) -> None:
    works_read, problems = read_cslyaml(text, "r.yaml")
    assert works_read == [] and [(p.line, p.severity) for p in problems] == [(line, "error")]
    assert says in problems[0].message


@pytest.mark.parametrize("depth", [5_000, 50_000])
def test_yaml_nested_past_any_parser_is_one_error(depth: int) -> None:
    """Nested past what a parser's stack holds: one error, never a crash (libyaml's composer
    recurses in C, where 50,000 levels end the process; so deep a file goes to Python's
    parser, whose recursion is caught)."""
    text = "references:\n- " + "[" * depth + "]" * depth + "\n"
    works_read, problems = read_cslyaml(text, "r.yaml")
    assert works_read == [] and [p.severity for p in problems] == ["error"]
    assert problems[0].line in (1, 2) and "nested too deep" in problems[0].message


def test_yaml_indented_past_any_parser_is_one_error() -> None:
    """Block nesting, two thousand levels by indentation alone."""
    text = "references:\n" + "".join("  " * k + "- \n" for k in range(2000)) + "  " * 2000 + "x\n"
    works_read, problems = read_cslyaml(text, "r.yaml")
    assert works_read == [] and [p.severity for p in problems] == ["error"]


def test_read_by_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "refs.yml"
    path.write_text("references:\n- id: roe2001\n  type: book\n  title: T\n", encoding="utf-8")
    (work,), problems = read_file(path)
    assert problems == [] and (work.key, work.title) == ("roe2001", "T")


@pytest.mark.tool
def test_pandoc_citeproc_renders_every_entry(tmp_path: Path) -> None:
    found, _ = read_file(ZOTERO)
    found += [
        Work(
            key="wb2012",
            type="report",
            title="Ledger of remittances: yes or no?",
            authors=(Person(literal="World Bank"),),
            issued="2012-05",
            url="https://x.org/a?b=1&c=2",
        )
    ]
    bib = tmp_path / "refs.yaml"
    bib.write_text(write_cslyaml(found), encoding="utf-8")
    flat = pandoc_bibliography(bib, tmp_path)
    for work in found:
        assert work.title.lower() in flat, work.title
