"""Shared fixtures: paths to the seeds, the fixture review, and tool gating."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def require_tool(name: str) -> str:
    """The path of Debian tool ``name``; skip locally when missing, fail in CI."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("LITREVIEW_REQUIRE_TOOLS") or os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} not installed")
    raise AssertionError  # unreachable


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
