"""map.html in a real browser (headless Chromium through Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from litreview.render.egm import render_map
from tests.conftest import TESTS, require_module, require_tool
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


@pytest.mark.tool
@pytest.mark.slow
def test_click_cell_shows_works_and_statements_as_text(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    sync_api = require_module("playwright.sync_api")
    page_file = tmp_path / "map.html"
    page_file.write_text(render_map(page_data()), encoding="utf-8")
    dialogs: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 800})
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            cell = page.locator('td.cell[data-row="drugs"][data-col="women"]')
            assert cell.get_attribute("data-status") == "stated_contradicted"
            cell.click()
            panel = page.locator("#panel")
            works = panel.locator("ul.works li")
            assert works.count() == 11
            assert EVIL in panel.inner_text()
            assert panel.locator("blockquote").all_inner_texts() == ["quote 300"]
            assert page.locator("img").count() == 0 and page.locator("#panel script").count() == 0
            assert panel.locator('a[href^="javascript"]').count() == 0
            gap = page.locator('td.cell[data-row="laundering"][data-col="women"]')
            assert gap.get_attribute("data-status") == "stated_confirmed"
            page.select_option("#doc", "d1")
            assert page.locator("table.egm td.total").last.inner_text() == "1 works"
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "egm-map.png"), full_page=True)
        finally:
            browser.close()
    assert dialogs == [] and errors == []
