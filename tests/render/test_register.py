"""Register, statements, briefs and EPPI renderings of a small computed register."""

from __future__ import annotations

import csv
import io
import json

from litreview.core import schema
from litreview.core.model import Person, Work
from litreview.gaps.register import find_gaps
from litreview.render.briefs import brief_name, render_briefs
from litreview.render.eppi import eppi_record
from litreview.render.register import register_csv, register_markdown, render_register
from litreview.taxonomy import labels_of
from tests.gap_fakes import FACETS, corpus, statements, taxonomy

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
    assert tuple(rows[0]) == schema.STATEMENTS and len(rows) == len(statements())
    assert rows[0]["crime_type"] == "laundering" and rows[0]["char_start"] == "100"


def test_markdown_quotes_and_escapes_pipes() -> None:
    md = register_markdown(gaps())
    assert "> quote 100" in md and md.startswith("# Gap register")
    assert md.count("\n## ") == len(gaps())


def test_briefs_named_and_written_for_top() -> None:
    _, works = corpus()
    works.append(Work(key="extra", title="Unrelated", authors=(Person(family="Doe", given="J."),)))
    g = gaps()
    briefs = render_briefs(g, works, labels_of(taxonomy()), top=2)
    assert sorted(briefs) == sorted(f"briefs/{brief_name(x, n)}" for n, x in enumerate(g[:2], 1))
    first = briefs[f"briefs/{brief_name(g[0], 1)}"]
    for heading in (
        "## The gap",
        "## What the documents say",
        "## What evidence exists",
        "## Suggested research questions",
        "## What kind of study",
    ):
        assert heading in first
    assert "1. " in first.split("## Suggested research questions")[1]
    assert brief_name(g[0], 1).startswith("01-")


def test_eppi_shape() -> None:
    tags, works = corpus()
    rec = eppi_record(taxonomy().facets, works, tags)
    top = rec["CodeSets"][0]["Attributes"]["AttributesList"]
    assert [a["AttributeName"] for a in top] == ["Crime type", "Group", "Dimension"]
    ids = {a["AttributeId"] for t in top for a in t["Attributes"]["AttributesList"]}
    refs = {r["OldItemId"]: r for r in rec["References"]}
    assert len(refs) == len(works)
    assert {c["AttributeId"] for c in refs["w0"]["Codes"]} <= ids and len(refs["w0"]["Codes"]) == 2
