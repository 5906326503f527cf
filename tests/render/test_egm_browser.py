"""map.html in a real browser (headless Chromium through Playwright): clicks, filters, the
legend, the keyboard, and agreement with the register; register.md rendered by pandoc runs
no script."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from litreview.render.egm import render_map
from litreview.render.register_md import register_markdown
from tests.conftest import TESTS, require_module, require_tool
from tests.gap_fakes import climate
from tests.render.test_egm import EVIL, page_data

ARTIFACTS = TESTS / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [pytest.mark.tool, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    chromium = require_tool("chromium")
    sync_api = require_module("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def open_page(browser: Any, path: Path, html: str) -> tuple[Any, list[str]]:
    """The page ``html`` (written to ``path``) and a list that collects dialogs and errors."""
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1300, "height": 800})
    trouble: list[str] = []
    page.on("dialog", lambda d: (trouble.append("dialog " + d.message), d.dismiss()))
    page.on("pageerror", lambda e: trouble.append("error " + str(e)))
    page.goto(path.as_uri())
    return page, trouble


def cell(page: Any, row: str, col: str) -> Any:
    return page.locator(f'td.cell[data-row="{row}"][data-col="{col}"]')


def test_click_cell_shows_works_and_statements_as_text(browser: Any, tmp_path: Path) -> None:
    page, trouble = open_page(browser, tmp_path / "map.html", render_map(page_data()))
    drugs = cell(page, "drugs", "women")
    assert drugs.get_attribute("data-status") == "stated_contradicted"
    drugs.click()
    panel = page.locator("#panel")
    assert panel.locator("ul.works li").count() == 11
    assert EVIL in panel.inner_text()
    assert panel.locator("blockquote").all_inner_texts() == ["quote 300"]
    assert page.locator("img").count() == 0 and page.locator("#panel script").count() == 0
    assert panel.locator('a[href^="javascript"]').count() == 0
    assert cell(page, "laundering", "women").get_attribute("data-status") == "stated_confirmed"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "egm-map.png"), full_page=True)
    assert trouble == []


def test_filters_update_the_open_panel(browser: Any, tmp_path: Path) -> None:
    page, trouble = open_page(browser, tmp_path / "map.html", render_map(page_data()))
    cell(page, "drugs", "women").click()
    panel = page.locator("#panel")
    assert panel.locator("ul.works li").count() == 11
    page.select_option("#doc", "d1")  # only w1 is cited by d1
    assert page.locator("table.egm td.total").last.inner_text() == "1 works"
    assert panel.locator("h2").inner_text() == "Drugs × Women"
    assert panel.locator("ul.works li").all_inner_texts()[0].startswith("Drugs study 1")
    assert panel.locator("ul.works li").count() == 1
    page.select_option("#doc", "")
    page.fill("#from", "2015")
    page.dispatch_event("#from", "change")
    assert panel.locator("ul.works li").count() == 6  # w5..w9 (2015-2019) and evil (2020)
    page.select_option("#cols", "gender_dimension")
    assert "Choose a cell" in panel.inner_text()
    assert trouble == []


def test_legend_explains_every_mark(browser: Any, tmp_path: Path) -> None:
    page, trouble = open_page(browser, tmp_path / "map.html", render_map(page_data()))
    legend = page.locator("#legend")
    explained = set(
        legend.locator("[data-status]").evaluate_all("ns => ns.map(n => n.dataset.status)")
    )
    for rows in ("crime_type", "group"):
        for cols in ("group", "gender_dimension"):
            if rows == cols:
                continue
            page.select_option("#rows", rows)
            page.select_option("#cols", cols)
            shown = set(page.locator("td.cell").evaluate_all("ns => ns.map(n => n.dataset.status)"))
            assert shown <= explained, shown - explained
    text = legend.inner_text()
    assert "✎" in text and "bubble" in text and "works in row" in text and "named" in text
    assert trouble == []


def test_cells_open_with_the_keyboard_and_have_names(browser: Any, tmp_path: Path) -> None:
    page, trouble = open_page(browser, tmp_path / "map.html", render_map(page_data()))
    names = page.locator("td.cell").evaluate_all("ns => ns.map(n => n.getAttribute('aria-label'))")
    assert names and all(n and "works" in n for n in names)
    for _ in range(40):  # Tab from the top of the page to the first cell
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cell')"):
            break
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and " × " in focused
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").inner_text() == focused.split(":")[0]
    assert page.locator("#panel").get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")
    page.keyboard.press(" ")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert page.locator("#panel h2").inner_text() == second.split(":")[0]
    assert trouble == []


def test_every_red_cell_is_in_the_register(browser: Any, tmp_path: Path) -> None:
    """On the fixture review built from scratch: each cell coloured as a stated gap, in every
    view, names register gaps (register.json) whose cell holds both of its values."""
    from tests.review_fixture import build_fixture_review

    review = build_fixture_review(tmp_path / "fx")
    register = {
        g["rank"]: g for g in json.loads((review / "gaps/register.json").read_text("utf-8"))
    }
    page, trouble = open_page(
        browser, tmp_path / "copy.html", (review / "gaps/map.html").read_text("utf-8")
    )
    facets = ["hazard", "population", "outcome"]
    red = 0
    for rows in facets:
        for cols in facets:
            if rows == cols:
                continue
            page.select_option("#rows", rows)
            page.select_option("#cols", cols)
            for c in page.locator('td.cell[data-status^="stated"]').all():
                ranks = [int(r) for r in (c.get_attribute("data-gaps") or "").split()]
                row, col = c.get_attribute("data-row"), c.get_attribute("data-col")
                assert ranks, (rows, row, cols, col)
                for r in ranks:
                    assert register[r]["cells"][0].get(rows) == row
                    assert register[r]["cells"][0].get(cols) == col
                    assert register[r]["n_statements"] > 0
                red += c.get_attribute("data-status") == "stated_confirmed"
    assert red >= 2
    assert trouble == []


def test_register_md_through_pandoc_runs_no_script(browser: Any, tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    evil = ' <script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    c = climate(evil=evil)
    md = tmp_path / "register.md"
    md.write_text(register_markdown(c["gaps"], c["ctx"]), encoding="utf-8")
    html = tmp_path / "register.html"
    subprocess.run([pandoc, "-s", str(md), "-o", str(html), "--metadata", "title=r"], check=True)
    page, trouble = open_page(browser, tmp_path / "r.html", html.read_text("utf-8"))
    for link in page.locator("a").all():
        link.click()
    assert "alert(1)" in page.inner_text("body")
    assert page.locator("script, img").count() == 0
    assert trouble == []
