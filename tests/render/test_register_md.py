"""register.md: a legend once, stated and silent gaps apart, words for counts, the numbers of
register.csv, and no markup from the documents or the corpus."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from dataclasses import replace

from litreview.gaps.register import find_gaps, unplaced
from litreview.render.register import render_register
from litreview.render.register_md import register_markdown
from litreview.taxonomy import labels_of
from tests.conftest import require_tool
from tests.gap_fakes import CLIMATE, FACETS, climate, corpus, statements, tag

EVIL = " <script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3))"


def with_silent() -> list:
    """The fake register with silent gaps too."""
    tags, works = corpus()
    for n in range(3):
        tags.append(tag(f"w{n}", "gender_dimension", "health"))
        tags.append(tag(f"x{n}", "crime_type", "arms"))
    return find_gaps(statements(), tags, works, FACETS)


def tables(md: str) -> dict[str, list[list[str]]]:
    """The rows of each table of ``md``, by the heading above it."""
    out: dict[str, list[list[str]]] = {}
    heading = ""
    for line in md.splitlines():
        if line.startswith("## "):
            heading = line[3:]
        elif line.startswith("| ") and not line.startswith("| rank"):
            out.setdefault(heading, []).append([c.strip() for c in line.strip("|").split(" | ")])
    return out


def test_legend_once_at_the_top_and_two_tables() -> None:
    gaps = with_silent()
    md = register_markdown(gaps)
    assert md.count("How to read it") == 1 and md.index("How to read it") < md.index("| rank")
    for word in ("**Status.**", "**Study.**", "**Works.**", "**Statements.**", "**Score**"):
        assert md.count(word) == 1
    rows = tables(md)
    stated, silent = rows["Stated gaps"], rows["Silent gaps"]
    assert {r[0] for r in stated} == {str(g.rank) for g in gaps if g.status != "silent"}
    assert {r[0] for r in silent} == {str(g.rank) for g in gaps if g.status == "silent"} != set()


def test_words_for_counts_and_no_contradiction() -> None:
    md = register_markdown(with_silent()) + register_markdown(climate()["gaps"], climate()["ctx"])
    assert "(s)" not in md
    assert "1 works" not in md and "1 statements" not in md and " 1 sections" not in md
    for phrase in ("so yet", "but only 0", "only 0 work"):
        assert phrase not in md


def test_same_numbers_as_register_csv() -> None:
    c = climate()
    files = render_register(c["gaps"], c["statements"], CLIMATE, c["ctx"])
    rows = {r["rank"]: r for r in csv.DictReader(io.StringIO(files["register.csv"]))}
    shown = tables(files["register.md"])["Stated gaps"]
    assert len(shown) == len(rows)
    for rank, title, _status, _study, score, n_statements, n_works in shown:
        row = rows[rank]
        assert (title, n_statements, n_works) == (row["title"], row["n_statements"], row["n_works"])
        assert score == f"{float(row['score']):.2f}"


def test_each_statement_shows_its_words_title_and_details() -> None:
    c = climate()
    md = register_markdown(c["gaps"], c["ctx"])
    entry = md.split("## 2. Heat · Older people · Mortality")[1].split("\n## ")[0]
    assert "**heat** **deaths** among **older people**" in entry
    assert "— Urban Heat and Health, section “Conclusions”." in entry
    assert "Hazard" not in entry or "Heat: “heat”" in entry
    assert re.search(r"Details: heat\\_brief, characters \d+–\d+, explicit", entry)
    assert "Heatwaves and mortality in older adults (2021). (in the cell)" in entry


def test_text_from_documents_and_titles_stays_text() -> None:
    c = climate(evil=EVIL)
    md = register_markdown(c["gaps"], c["ctx"])
    assert "alert(1)" in md  # the text is there, as text
    assert "<script" not in md and "<img" not in md
    assert not re.search(r"(?<!\\)\]\(javascript", md)  # the link syntax is escaped


def test_pandoc_renders_no_markup_from_the_text() -> None:
    pandoc = require_tool("pandoc")
    c = climate(evil=EVIL)
    md = register_markdown(c["gaps"], c["ctx"])
    html = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "html"],
        input=md,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "alert(1)" in html
    assert not re.search(r"<(script|img)\b", html, re.I) and "javascript:" not in html.replace(
        "javascript:alert(3)", ""
    )
    assert 'href="javascript' not in html


def test_statements_backing_no_gap_are_listed_last_and_counted_at_the_top() -> None:
    """A statement that names no value of the taxonomy makes no cell, yet a document says
    evidence is missing: the register lists it (quote, document, section, details) after
    the gaps and counts it in its first lines; a statement that backs a gap is not listed."""
    c = climate()
    loose = replace(
        c["statements"][0],
        char_start=90_000,
        char_end=90_060,
        quote="Little is known about how any of this is recorded <b>anywhere</b>.",
        facets=(),
        mentions=(),
        section="Annex",
    )
    every = [*c["statements"], loose]
    gaps = find_gaps(every, c["tags"], c["works"], CLIMATE, labels=labels_of(c["taxonomy"]).values)
    md = register_markdown(gaps, c["ctx"], statements=every)
    assert unplaced(gaps, every) == [loose]
    head, _, rest = md.partition("\n## Statements in no gap\n")
    assert "1 gap statement of the documents back no gap" in head.splitlines()[2]
    assert "Little is known about how any of this" not in head
    assert rest.count("\n> Details: ") == 1
    assert "Little is known about how any of this is recorded" in rest
    assert "<b>" not in rest  # document text stays text
    assert "section “Annex”" in rest and "characters 90000–90060" in rest
    placed = register_markdown(gaps, c["ctx"], statements=c["statements"])
    assert "Statements in no gap" not in placed and "back no gap" not in placed


def test_the_legend_agrees_in_number_with_the_thin_limit() -> None:
    """No "at most 0 works", "1 work cover" or "more than 0 works" in the legend."""
    from litreview.render.context import GapContext
    from litreview.render.register_md import legend

    said = {n: legend(n, GapContext(labels=labels_of(None)))[2] for n in (0, 1, 3)}
    assert "no work of the corpus covers the gap's cell" in said[0]
    assert "yet some works cover the cell" in said[0] and "0 work" not in said[0]
    assert "at most 1 work of the corpus covers" in said[1]
    assert "more than 1 work covers" in said[1]
    assert "at most 3 works of the corpus cover the gap's cell" in said[3]
    assert "but at most 3 works cover a cell" in said[3]
