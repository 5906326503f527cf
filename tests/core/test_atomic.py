"""Atomic writes keep the permissions a user's file should have."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from litreview.core import atomic


def test_a_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic.write_text(tmp_path / "corpus.bib", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "corpus.bib").stat().st_mode) == 0o644


def test_a_rewritten_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "merges.csv"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o640)
    atomic.write_text(target, "b")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() == "b"


def test_a_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.bib"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "export.bib"
    link.symlink_to(real)
    atomic.write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.bib", "real.bib"]
