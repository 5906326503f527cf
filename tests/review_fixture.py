"""Build the fixture review (another topic) in a temporary folder, as a user would."""

from __future__ import annotations

import shutil
from pathlib import Path

from litreview.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixture_review"


def build_fixture_review(dest: Path) -> Path:
    """Copy ``tests/fixture_review`` to ``dest``, ingest its documents, import ``refs.bib`` and
    run the report; return ``dest``. Fails loudly if a step does not exit 0."""
    shutil.copytree(FIXTURE, dest)
    docs = sorted(str(p) for p in (dest / "documents").glob("*.txt"))
    for argv in (["ingest", *docs], ["import", str(dest / "refs.bib")], ["report"]):
        status = main([*argv, "--review", str(dest)])
        if status != 0:
            raise AssertionError(f"litreview {' '.join(argv)} exited {status}")
    return dest
