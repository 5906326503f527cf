"""register.json, register.csv and statements.csv of a small computed register."""

from __future__ import annotations

import csv
import io
import json

import pytest

from litreview.core import schema
from litreview.gaps.register import find_gaps
from litreview.render.register import register_csv, render_register
from litreview.taxonomy import labels_of
from tests.gap_fakes import CLIMATE, FACETS, climate, corpus, statements, taxonomy

DESIGN_KEYS = {
    "rank",
    "id",
    "title",
    "cells",
    "score",
    "n_sources",
    "n_statements",
    "documents",
    "statements",
    "sources",
    "why",
}


def gaps() -> list:
    """The fake register."""
    tags, works = corpus()
    return find_gaps(statements(), tags, works, FACETS, labels=labels_of(taxonomy()).values)


def test_register_json_has_design_keys() -> None:
    records = json.loads(render_register(gaps(), statements(), FACETS)["register.json"])
    assert [r["rank"] for r in records] == sorted(r["rank"] for r in records)
    for r in records:
        assert set(r) >= DESIGN_KEYS
        assert r["n_statements"] == len(r["statements"]) and r["n_sources"] == len(r["sources"])
        assert all(set(c) <= set(FACETS) for c in r["cells"])
        for s in r["statements"]:
            assert {"doc_id", "char_start", "char_end", "quote"} <= set(s)
    assert any(r["title"] == "Laundering · Women" for r in records)


def test_register_csv_columns_and_rows() -> None:
    text = register_csv(gaps())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0])[: len(schema.REGISTER_CSV)] == schema.REGISTER_CSV
    assert len(rows) == len(gaps())
    assert "crime_type=laundering,group=women" in {r["cells"] for r in rows}


def test_statements_csv_columns() -> None:
    text = render_register(gaps(), statements(), FACETS)["statements.csv"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == (
        *("doc_id", "char_start", "char_end", "section", "quote"),
        *FACETS,
        *("strength", "kind", "score", "why", "mentions"),
    )
    assert len(rows) == len(statements())
    assert rows[0]["crime_type"] == "laundering" and rows[0]["char_start"] == "100"


def test_register_json_names_the_words_and_formats_the_sources() -> None:
    c = climate()
    records = json.loads(
        render_register(c["gaps"], c["statements"], CLIMATE, c["ctx"])["register.json"]
    )
    heat = next(
        r
        for r in records
        if r["cells"] == [{"hazard": "heat", "population": "older_people", "outcome": "mortality"}]
    )
    words = {(w["value"], w["quote"]) for s in heat["statements"] for w in s["words"]}
    assert {("heat", "heat"), ("older_people", "older people"), ("mortality", "deaths")} <= words
    assert [s["clause"] for s in heat["statements"]] == [0, 0]
    assert heat["source_citations"][0] == {
        "key": "wws2021",
        "citation": "Heatwaves and mortality in older adults (2021).",
        "in_cell": True,
    }
    assert set(heat["parts"]) == {"stated", "thinness"}
    assert heat["score"] == pytest.approx(
        heat["parts"]["stated"] * heat["parts"]["thinness"], abs=1e-4
    )


def test_statements_a_higher_gap_counts_are_marked_in_json_and_markdown() -> None:
    """A narrower gap backed by the statement of a wider gap above it shows that statement as
    counted there in part (the wider cell took half of it), in register.json and register.md
    alike; a wider gap after a narrower one that took a statement whole shows it as not
    counted."""
    from tests.gap_fakes import stmt

    tags, works = corpus()
    stmts = [stmt(1, crime=("arms",), section="A"), stmt(2, crime=("arms",), group=("girls",))]
    gaps = find_gaps(stmts, tags, works, FACETS)
    out = render_register(gaps, stmts, FACETS)
    records = {r["id"]: r for r in json.loads(out["register.json"])}
    wide = records["crime_type.arms"]["statements"]
    assert [(s["counted"], s["share"]) for s in wide] == [(True, 1.0), (True, 1.0)]
    narrow = records["crime_type.arms--group.girls"]["statements"]
    assert [(s["counted"], s["share"]) for s in narrow] == [(True, 0.5)]
    assert out["register.md"].count("counted here for 50% of its weight") == 1

    alone = [stmt(1, crime=("arms",), group=("girls",)), stmt(2, crime=("arms",))]
    alone += [stmt(3, crime=("arms",), group=("girls",), section="B")]
    gaps = find_gaps(alone, tags, works, FACETS)
    out = render_register(gaps, alone, FACETS)
    records = {r["id"]: r for r in json.loads(out["register.json"])}
    assert [s["counted"] for s in records["crime_type.arms"]["statements"]] == [False, True, False]
    assert out["register.md"].count("counted for a higher gap on a wider or narrower cell") == 2
