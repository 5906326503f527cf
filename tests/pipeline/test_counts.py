"""One count everywhere: what tag, report, gaps and coverage print, the files they write, the
map's data and the notebooks' helpers all count the same works, never the documents under
review."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from litreview.cli import main
from litreview.gaps.coverage import coverage_matrix
from litreview.notebook import helpers as nh
from litreview.notebook.corpus import open_review
from tests.review_fixture import build_fixture_review

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_review(tmp_path_factory.mktemp("counts") / "fx")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def map_data(review: Path) -> dict[str, Any]:
    html = (review / "gaps" / "map.html").read_text("utf-8")
    found = re.search(r'<script type="application/json" id="egm-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def test_tag_and_report_print_what_tags_csv_holds(
    review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tags = rows(review / "bibliography" / "tags.csv")
    n_works = len(
        re.findall(r"^@\w+\{", (review / "bibliography/corpus.bib").read_text("utf-8"), re.M)
    )
    said = f"tagged {len({r['work_key'] for r in tags})} of {n_works} works: {len(tags)} tag rows"
    for command in ("tag", "report"):
        assert main([command, "--review", str(review)]) == 0
        assert said in capsys.readouterr().out, command


def test_gaps_prints_what_its_files_hold(review: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps", "--review", str(review)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    statements = rows(review / "gaps" / "statements.csv")
    register = json.loads((review / "gaps" / "register.json").read_text("utf-8"))
    silent = sum(g["status"] == "silent" for g in register)
    n_stated = len(register) - silent
    placed = {(s["doc_id"], s["char_start"]) for g in register for s in g["statements"]}
    left = sum((r["doc_id"], int(r["char_start"])) not in placed for r in statements)
    outside = f" ({left} in no gap: listed at the end of gaps/register.md)" if left else ""
    said = f"{len(statements)} gap statements{outside}; {n_stated} stated gap"
    assert first.startswith(said), first
    assert f", {silent} silent;" in first
    md = (review / "gaps" / "register.md").read_text("utf-8")
    assert (
        md.count("\n> Details: ") - md.split("## Statements in no gap")[0].count("\n> Details: ")
        == left
    )


def test_the_default_reviews_register_counts_the_statements_in_no_gap_alike() -> None:
    """The default review's committed files (whose documents hold statements that back no
    gap, unlike the fixture's): register.md says how many, and lists that many, as the
    statements of statements.csv that no entry of register.json holds."""
    from tests.conftest import ROOT

    statements = rows(ROOT / "gaps" / "statements.csv")
    register = json.loads((ROOT / "gaps" / "register.json").read_text("utf-8"))
    placed = {(s["doc_id"], s["char_start"]) for g in register for s in g["statements"]}
    left = sum((r["doc_id"], int(r["char_start"])) not in placed for r in statements)
    assert left > 0
    md = (ROOT / "gaps" / "register.md").read_text("utf-8")
    head, _, listed = md.partition("\n## Statements in no gap\n")
    assert f"{left} gap statements of the documents back no gap" in head.splitlines()[2]
    assert listed.count("\n> Details: ") == left


def test_coverage_command_map_register_and_notebooks_count_alike(
    review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figure = review / "gaps" / "figures" / "coverage-hazard-x-population.png"
    before = figure.read_bytes()
    # unnamed, the facets are the taxonomy's first two (hazard, population)
    assert main(["coverage", "--review", str(review)]) == 0
    printed = capsys.readouterr().out
    table = {
        (r["hazard"], r["population"]): (
            int(r["n_works"]),
            set(filter(None, r["works"].split(";"))),
        )
        for r in rows(review / "gaps" / "coverage" / "coverage-hazard-x-population.csv")
    }
    assert figure.read_bytes() == before  # the report's figure is untouched
    assert (review / "gaps" / "coverage" / "coverage-hazard-x-population.png").is_file()
    documents = {r["work_key"] for r in rows(review / "bibliography" / "documents.csv")}
    assert documents and not any(ws & documents for _, ws in table.values())
    for line in printed.splitlines()[2:]:  # the printed matrix, row by row
        name, *counts = line.split()
        if name in ("heat", "flood"):
            got = [table[(name, p)][0] for p in ("older_people", "children")]
            assert [int(c) for c in counts] == got
    data = map_data(review)
    for (hazard, population), (n, _) in table.items():
        in_map = [
            w
            for w in data["works"]
            if hazard in w["tags"].get("hazard", [])
            and population in w["tags"].get("population", [])
        ]
        assert len(in_map) == n, (hazard, population)
    register = json.loads((review / "gaps" / "register.json").read_text("utf-8"))
    for g in register:
        cell = g["cells"][0]
        if set(cell) == {"hazard", "population"}:
            assert g["n_works"] == table[(cell["hazard"], cell["population"])][0]
    corpus = open_review(review)
    counted = nh.evidence_tags(corpus)
    matrix = coverage_matrix(counted, "hazard", "population").counts
    for (hazard, population), (n, _) in table.items():
        got = (
            matrix.at[hazard, population]
            if hazard in matrix.index and population in matrix.columns
            else 0
        )
        assert got == n


def test_notebook_ranking_is_the_register(review: Path) -> None:
    corpus = open_review(review)
    register = json.loads((review / "gaps" / "register.json").read_text("utf-8"))
    ranked = nh.rank_gaps(corpus)
    assert [(g.rank, g.id, g.n_works, len(g.statements)) for g in ranked] == [
        (g["rank"], g["id"], g["n_works"], g["n_statements"]) for g in register
    ]
