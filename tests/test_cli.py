"""The command line tells each kind of library warning once, after the command, in one line;
a review's recurring warnings are folded per file."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import pytest

from litreview import cli
from litreview.commands._common import show_problems
from litreview.core.errors import Problem
from tests.conftest import run_cli


def test_library_warnings_are_told_once_per_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def noisy(args: argparse.Namespace) -> int:
        for _ in range(3):
            warnings.warn(
                "did not converge\nIncrease the number of iterations", UserWarning, stacklevel=2
            )
        return 0

    monkeypatch.setattr("litreview.commands.validate.run", noisy)
    assert cli.main(["validate", "x.bib"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == ["litreview validate: library warning: 3 × UserWarning: did not converge"]


def test_show_problems_points_bibliography_warnings_at_validate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    show_problems(
        [Problem(path="refs.bib", line=n, severity="warning", message="no title") for n in (4, 8)]
        + [
            Problem(path="curation.yaml", line=n, severity="warning", message="unknown work")
            for n in (2, 3)
        ]
    )
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].endswith("'litreview validate refs.bib' lists them")
    assert err[1].startswith("curation.yaml: 2 warnings (lines 2, 3)") and "validate" not in err[1]


@pytest.mark.parametrize("value", ["-5", "0", "ten"])
def test_counts_given_on_the_command_line_must_be_whole_and_positive(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str
) -> None:
    """``gaps --top -5`` was accepted and wrote nothing; now argparse refuses it in one
    line and exits 2, before the review is opened."""
    with pytest.raises(SystemExit) as stop:
        run_cli(capsys, "gaps", "--top", value, "--review", str(tmp_path))
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "argument --top" in err and value in err
