"""Work <-> CSL-JSON item: every standard variable both ways, valid against the schema."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given, settings

from litreview.core.model import Person, Work
from litreview.formats._csl_maps import schema
from litreview.formats.bibtex import read_bibtex
from litreview.formats.csl import person_from_csl, person_to_csl, work_from_csl, work_to_csl
from litreview.formats.csljson import read_csljson, write_csljson
from tests.strategies import works

_FULL = schema()
VALIDATOR = jsonschema.Draft7Validator(_FULL["items"] | {"definitions": _FULL["definitions"]})


@settings(max_examples=60, deadline=None)
@given(works())
def test_every_item_written_is_schema_valid(work: Work) -> None:
    item = work_to_csl(work)
    assert [e.message for e in VALIDATOR.iter_errors(item)] == []


def test_bibtex_fields_go_to_their_csl_variables() -> None:
    """Issue 18 item 2: isbn, issn, series, shorttitle, langid, translator, bookauthor ..."""
    (work,), _ = read_bibtex(
        "@book{b, author={Reagle, Jr., Joseph M.}, title={Good Faith}, subtitle={Wikipedia},"
        " isbn={978-0-262}, issn={1234-5678}, series={History}, shorttitle={Faith},"
        " langid={english}, edition={2}, translator={Doe, Jane and Roe, Rick},"
        " bookauthor={Ng, Bo}, holder={{ACME}}, groups={g1}, year=2010}"
    )
    from litreview.core.texmarkup import plain_work

    item = work_to_csl(plain_work(work))
    assert item["author"] == [{"family": "Reagle", "given": "Joseph M.", "suffix": "Jr."}]
    assert (item["ISBN"], item["ISSN"], item["collection-title"]) == (
        "978-0-262",
        "1234-5678",
        "History",
    )
    assert (item["title-short"], item["language"], item["edition"]) == ("Faith", "english", "2")
    assert item["translator"] == [
        {"family": "Doe", "given": "Jane"},
        {"family": "Roe", "given": "Rick"},
    ]
    assert item["container-author"] == [{"family": "Ng", "given": "Bo"}]
    assert item["custom"] == {"subtitle": "Wikipedia", "holder": "ACME", "groups": "g1"}
    assert [e.message for e in VALIDATOR.iter_errors(item)] == []


def test_names_keep_particles_and_suffixes_both_ways() -> None:
    """Issue 18 item 6."""
    for obj in (
        {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
        {"family": "Reagle", "given": "Joseph M.", "suffix": "Jr."},
        {"family": "Alembert", "given": "Jean", "non-dropping-particle": "d'"},
        {"literal": "World Bank"},
    ):
        assert person_to_csl(person_from_csl(obj)) == obj
    assert person_from_csl({"family": "Gogh", "non-dropping-particle": "van"}) == Person(
        family="van Gogh", particle="van"
    )


def test_number_note_lines_and_unknown_keys_survive() -> None:
    item = {
        "id": "r1",
        "type": "report",
        "title": "R",
        "number": "WP-12",
        "note": "tex.ids: a\nPMID: 123",
        "call-number": "HV 1",
        "custom": {"shelf": "B2"},
    }
    work = work_from_csl(item)
    assert work.issue == "WP-12" and work.note == "tex.ids: a\nPMID: 123"
    (back,) = json.loads(write_csljson([work]))
    assert back == item


def test_keywords_holding_commas_are_kept_whole() -> None:
    work = Work(key="k", keywords=("Colitis, Ulcerative/*therapy", "Humans"))
    (item,) = json.loads(write_csljson([work]))
    assert item["keyword"] == "Colitis, Ulcerative/*therapy; Humans"
    assert read_csljson(write_csljson([work]))[0][0].keywords == work.keywords


def test_crossref_is_applied_in_csl_json() -> None:
    """Issue 18 item 2: biblatex-examples' inproceedings take their proceedings' data."""
    works, _ = read_bibtex(
        "@proceedings{p, title={Proc of X}, editor={Ed, A}, publisher={Pub}, year=2001}\n"
        "@inproceedings{c, author={Au, B}, title={Paper}, crossref={p}, pages={1--2}}\n"
    )
    items = {i["id"]: i for i in json.loads(write_csljson(works))}
    assert items["c"]["container-title"] == "Proc of X"
    assert items["c"]["editor"] == [{"family": "Ed", "given": "A"}]
    assert items["c"]["publisher"] == "Pub" and items["c"]["issued"] == {"date-parts": [[2001]]}
