"""Shared fixtures: paths to the seeds, the fixture review, and tool gating."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = TESTS / "data"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``litreview ARGV`` in this process: its exit status, stdout and stderr."""
    from litreview import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_file(path: Path, data: str | bytes) -> Path:
    """``data`` written to ``path`` as it is (text as UTF-8, line ends untranslated)."""
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def unavailable(what: str) -> None:
    """Something a test needs is missing: skip locally, fail in CI (never skipped there)."""
    if os.environ.get("LITREVIEW_REQUIRE_TOOLS") or os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not installed")
    pytest.skip(f"{what} not installed")


def require_tool(name: str) -> str:
    """The path of Debian tool ``name``; skip locally when missing, fail in CI."""
    path = shutil.which(name)
    if path is None:
        unavailable(name)
        raise AssertionError  # unreachable
    return path


def require_module(name: str) -> Any:
    """The imported module ``name`` (an optional extra); skip locally when missing, fail in
    CI."""
    try:
        return importlib.import_module(name)
    except ImportError:
        unavailable(f"Python module {name}")
        raise AssertionError from None  # unreachable


@pytest.fixture
def seeds() -> Path:
    """The folder of seed documents (``../shared/seeds``)."""
    if not SEEDS.is_dir():
        pytest.fail(f"seed documents not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def repo_root() -> Path:
    """The repository root (the default review)."""
    return ROOT


def pandoc_bibliography(bib: Path, tmp_path: Path) -> str:
    """The bibliography pandoc --citeproc renders from ``bib`` (every entry: nocite @*), as
    plain text in lower case with white space made single; the test fails if pandoc does."""
    import subprocess

    pandoc = require_tool("pandoc")
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '@*'\n---\n\n# References\n", encoding="utf-8")
    result = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "plain", "--citeproc", f"--bibliography={bib}", str(doc)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split()).lower()
