"""Regenerate the README's pictures from the default review's outputs (after `litreview report`).

    python3 docs/make_pictures.py

Copies the crime type x group coverage heatmap from ``gaps/figures/`` and screenshots
``gaps/map.html`` with headless Chromium.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HEATMAP = ROOT / "gaps" / "figures" / "coverage-crime_type-x-group.png"
MAP = ROOT / "gaps" / "map.html"


def main() -> None:
    """Write ``docs/coverage-heatmap.png`` and ``docs/map.png``."""
    shutil.copyfile(HEATMAP, DOCS / "coverage-heatmap.png")
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            f"--screenshot={DOCS / 'map.png'}",
            "--window-size=1400,1000",
            MAP.as_uri(),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )


if __name__ == "__main__":
    main()
