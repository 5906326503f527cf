"""CSL-JSON reading and writing: checks at the edge, unknown keys kept, pandoc reads ours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litreview.core.errors import Problem
from litreview.core.model import Person, Work, replace
from litreview.core.texmarkup import as_tex, plain_work
from litreview.formats import _csl_maps as csl_maps
from litreview.formats.bibtex import read_bibtex, write_bibtex
from litreview.formats.csljson import read_csljson, validate_csljson, write_csljson
from tests.conftest import DATA, pandoc_bibliography
from tests.strategies import works

DATA = DATA / "csljson"


def _read(name: str) -> tuple[list[Work], list[Problem]]:
    return read_csljson((DATA / name).read_text(encoding="utf-8"), name)


def test_zotero_export_fields() -> None:
    found, problems = _read("zotero_export.json")
    assert problems == []
    report, article = found
    assert report.key == ""  # a Zotero URI is no citekey: import will make one
    assert report.extra[0] == ("id", "http://zotero.org/users/1/items/ABCD1234")
    assert report.authors == (Person(literal="United Nations Office on Drugs and Crime"),)
    assert (report.issued, report.accessed) == ("2021-02-02", "2024-05-01")
    assert report.keywords == ("crime_type:trafficking", "evidence")
    assert report.extra[1:] == (("isbn", "978-92-1-005792-8"), ("language", "en"))
    assert article.authors[1] == Person(family="van der Berg", given="Jan", particle="van der")
    assert article.issue == "7" and article.pages == "1401-1420"
    assert article.extra == (("custom-field", 'json:{"nested": [1, 2, 3]}'),)


def test_unknown_keys_survive_export() -> None:
    found, _ = _read("zotero_export.json")
    items = json.loads(write_csljson(found))
    assert items[0]["id"] == "http://zotero.org/users/1/items/ABCD1234"
    assert items[0]["ISBN"] == "978-92-1-005792-8"
    # a key CSL does not define is kept where processors ignore it
    assert items[1]["custom"]["custom-field"] == {"nested": [1, 2, 3]}
    assert read_csljson(write_csljson(found))[0] == found


def test_a_single_item_not_in_a_list_is_read_as_one() -> None:
    found, problems = _read("not_a_list.json")
    assert problems == [] and [w.title for w in found] == ["A single item, not a list"]


def test_wrong_types_name_the_item_and_its_line() -> None:
    found, problems = _read("wrong_types.json")
    assert [w.key for w in found] == ["good1", "good2"]
    assert [(p.line, p.severity) for p in problems] == [(3, "error"), (8, "error")]
    assert "item 1 (bad): title" in problems[0].message
    assert "item 2 is a JSON str" in problems[1].message


def test_bad_json_is_one_problem_at_json_line() -> None:
    found, problems = _read("bad_json.json")
    assert found == []
    assert [(p.path, p.line, p.severity) for p in problems] == [("bad_json.json", 3, "error")]


@pytest.mark.parametrize(
    "item, field",
    [
        ({"id": "a", "author": "Smith"}, "author"),
        ({"id": "a", "issued": {"date-parts": [["spring"]]}}, "issued.date-parts.0.0"),
        ({"id": "a", "type": 3}, "type"),
        ({"id": "a", "keyword": {"x": 1}}, "keyword"),
    ],
)
def test_each_wrong_type_is_reported(item: dict[str, object], field: str) -> None:
    good = {"id": "ok", "title": "Fine"}
    found, problems = read_csljson(json.dumps([good, item], indent=1), "x.json")
    assert [w.key for w in found] == ["ok"]
    assert len(problems) == 1 and field in problems[0].message and problems[0].line == 6


def test_duplicate_ids_warn() -> None:
    found, problems = read_csljson('[{"id": "a"},\n{"id": "a"}]')
    assert len(found) == 2 and [(p.line, p.severity) for p in problems] == [(2, "warning")]


def test_a_key_given_twice_warns_at_its_item_and_keeps_the_last_value() -> None:
    """JSON keeps the last of two values of a key: said, not silently lost, also inside a
    name, and only for the item that has it."""
    text = (
        '[{"id": "a", "title": "One"},\n'
        '{"id": "b", "title": "First", "title": "Second",\n'
        ' "author": [{"family": "Roe", "family": "Doe"}]}]'
    )
    found, problems = read_csljson(text, "x.json")
    assert [w.title for w in found] == ["One", "Second"]
    assert found[1].authors[0].family == "Doe"
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert "'family', 'title'" in problems[0].message and "item 1" in problems[0].message


def test_output_is_deterministic_and_readable() -> None:
    work = Work(
        key="k",
        type="book",
        title="Ünïcode & <b>",
        authors=(Person(literal="World Bank"),),
        issued="2012-03",
        keywords=("crime_type:x", "y"),
    )
    out = write_csljson([work])
    assert out == write_csljson([work]) and out.endswith("]\n")
    assert "Ünïcode" in out and '\n  {\n    "id": "k",\n    "type": "book",' in out
    assert json.loads(out)[0]["keyword"] == "crime_type:x, y"


def test_validate_lists_the_same_problems() -> None:
    text = (DATA / "wrong_types.json").read_text(encoding="utf-8")
    assert validate_csljson(text, "w.json") == read_csljson(text, "w.json")[1] != []


@settings(max_examples=40, deadline=None)
@given(works())
def test_round_trip_property(work: Work) -> None:
    found, problems = read_csljson(write_csljson([work]))
    assert problems == []
    assert found == [work]


@pytest.mark.tool
def test_pandoc_citeproc_renders_every_entry(tmp_path: Path) -> None:
    found, _ = _read("zotero_export.json")
    found += [
        Work(
            key="smith2010",
            type="book",
            title="Zeta and the informal economy",
            authors=(Person(family="Smith", given="John"),),
            issued="2010",
            publisher="Press",
        ),
        Work(
            key="wb2012",
            type="report",
            title="Ledger of remittances & risk",
            authors=(Person(literal="World Bank"),),
            issued="2012-05",
            url="https://x.org/a?b=1&c=2",
        ),
    ]
    bib = tmp_path / "refs.json"
    bib.write_text(write_csljson(found), encoding="utf-8")
    flat = pandoc_bibliography(bib, tmp_path)
    for work in found:
        assert work.title.lower() in flat, work.title
    assert "world bank. 2012" in flat and "united nations office on drugs and crime. 2021" in flat


def test_every_field_survives_ris_to_csljson_to_csv_and_back() -> None:
    from litreview.formats.ris import read_ris, write_ris
    from litreview.formats.tabular import read_csv, write_csv

    ris = (DATA.parent / "ris" / "zotero_export.ris").read_text(encoding="utf-8")
    original, _ = read_ris(ris)
    via_json, problems = read_csljson(write_csljson(original))
    via_csv, more = read_csv(write_csv(via_json))
    assert problems == more == []
    # the same values; fields of RIS's own (SN, LA, M3) come back under the names every
    # format shares (issn, language, type), which RIS writes as the same tags
    assert [replace(w, extra=()) for w in via_csv] == [replace(w, extra=()) for w in original]
    assert [sorted(v for _, v in w.extra) for w in via_csv] == [
        sorted(v for _, v in w.extra) for w in original
    ]
    golden = (DATA.parent / "ris" / "zotero_export.expected.ris").read_text(encoding="utf-8")
    # the same lines (CSL-JSON keeps its variables apart from the rest: their order differs)
    assert sorted(write_ris(via_csv).splitlines()) == sorted(golden.splitlines())


def test_a_date_range_is_read_and_written_whole() -> None:
    """citation-js writes BibLaTeX's date ranges as two date-parts; the second was dropped
    ('eventdate = {2018-12-03/2018-12-06}' came back as 2018-12-03), and a range read from
    BibLaTeX was written as 'raw' text."""
    text = json.dumps(
        [
            {
                "id": "a",
                "type": "paper-conference",
                "title": "T",
                "issued": {"date-parts": [[2016, 5, 1], [2017, 6]]},
                "event-date": {"date-parts": [[2018, 12, 3], [2018, 12, 6]]},
            }
        ]
    )
    (work,), problems = read_csljson(text, "x.json")
    assert problems == [] and work.issued == "2016-05-01/2017-06" and work.year == "2016"
    assert work.extra_value("event-date") == "2018-12-03/2018-12-06"
    (item,) = json.loads(write_csljson([work]))
    assert item["issued"] == {"date-parts": [[2016, 5, 1], [2017, 6]]}
    assert item["event-date"] == {"date-parts": [[2018, 12, 3], [2018, 12, 6]]}


_DATE = st.builds(
    lambda y, md: "-".join([f"{y:04d}", *(f"{n:02d}" for n in md)]),
    st.integers(1000, 2100),
    st.lists(st.integers(1, 12), max_size=1).flatmap(
        lambda m: (
            st.just(m) if not m else st.lists(st.integers(1, 28), max_size=1).map(lambda d: m + d)
        )
    ),
)


_EDTF = st.builds(
    lambda y, md, circa: "-".join([f"-{-y:04d}" if y < 0 else f"{y:04d}", *md]) + circa,
    st.integers(-2000, 2100),
    st.one_of(
        st.just([]),
        st.builds(lambda m: [f"{m:02d}"], st.integers(1, 12) | st.integers(21, 24)),
        st.builds(lambda m, d: [f"{m:02d}", f"{d:02d}"], st.integers(1, 12), st.integers(1, 28)),
    ),
    st.sampled_from(["", "~"]),
)


@given(_DATE | _EDTF, st.one_of(st.none(), _DATE))
def test_any_date_or_range_round_trips_through_csl(start: str, end: str | None) -> None:
    """Plain dates and ranges, and EDTF's 'about' (~), seasons (21-24) and years before 1
    (CSL's circa, season, negative years: Better BibTeX's CSL exports lost 24 of them)."""
    if end is not None and "~" in start:
        end += "~"  # CSL's circa is the whole date's
    issued = start if end is None else f"{start}/{end}"
    work = Work(key="k", type="book", title="T", issued=issued)
    text = write_csljson([work])
    assert "raw" not in text
    (again,), _ = read_csljson(text, "x.json")
    assert again.issued == issued


_CSL_TYPES = sorted(csl_maps.schema()["items"]["properties"]["type"]["enum"])


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_CSL_TYPES),
    st.one_of(st.none(), st.sampled_from(["12", "A-7", "3"])),
    st.one_of(st.none(), st.sampled_from(["2", "Spring"])),
)
def test_number_and_issue_of_any_type_are_written_back(
    csl_type: str, number: str | None, issue: str | None
) -> None:
    """A broadcast's or an interview's number was written back as its issue."""
    item: dict[str, str] = {"id": "k", "type": csl_type, "title": "T"}
    if number is not None:
        item["number"] = number
    if issue is not None:
        item["issue"] = issue
    works, problems = read_csljson(json.dumps([item]), "x.json")
    assert problems == []
    assert json.loads(write_csljson(works)) == [item]
    via_bib, _ = read_bibtex(write_bibtex([as_tex(works[0])]), "c.bib")
    again = json.loads(write_csljson([plain_work(via_bib[0])]))[0]
    if csl_type in csl_maps.NUMBER_TYPES or number is None:
        assert again == item  # (an article's number meets BibTeX's number, its issue)


@pytest.mark.parametrize("csl_type", ["broadcast", "interview", "document", "speech"])
def test_a_broadcasts_number_survives_corpus_bib(csl_type: str) -> None:
    item = {"id": "b1", "type": csl_type, "title": "Episode", "number": "12"}
    works, _ = read_csljson(json.dumps([item]), "x.json")
    via_bib, _ = read_bibtex(write_bibtex([as_tex(works[0])]), "c.bib")
    assert json.loads(write_csljson([plain_work(via_bib[0])])) == [item]


def test_items_wrapped_in_an_object_or_one_item_alone_are_read() -> None:
    """Some tools wrap the list (``{"items": [...]}``, other keys beside it) or write one
    item alone; both are read, with each item's own line. Any other object is an error."""
    wrapped = (
        '{"meta": {"note": [1, {"items": 2}]},\n "items": [\n'
        '  {"id": "a", "type": "book", "title": "T"},\n  {"id": "a", "type": "book"}\n]}'
    )
    works, problems = read_csljson(wrapped)
    assert [w.title for w in works] == ["T", ""]
    assert [(p.line, p.severity) for p in problems] == [(4, "warning")]  # id used twice
    (one,), none = read_csljson('{"id": "b", "type": "report", "title": "Alone"}')
    assert none == [] and one.title == "Alone" and one.type == "report"
    works, problems = read_csljson('{"title": "no type, no items"}')
    assert (
        works == [] and problems[0].severity == "error" and "list of items" in problems[0].message
    )
