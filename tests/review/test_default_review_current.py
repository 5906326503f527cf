"""The default review's committed files are what the code makes of its seeds: re-ingesting
them into a copy of the review changes no work and no citation row. (They had drifted: a
change to the note reader made one note of the main report a junk work, and nothing said so
until the review was rebuilt by hand.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_re_ingesting_the_seeds_changes_no_work_and_no_citation(
    tmp_path: Path,
    repo_root: Path,
    seeds: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the copy stands where the review does, beside the shared folder, so that its
    # documents keep their paths (../shared/seeds/...) and so their ids
    review = tmp_path / "review"
    shutil.copytree(repo_root / "bibliography", review / "bibliography")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "seeds").symlink_to(seeds, target_is_directory=True)
    monkeypatch.chdir(review)
    docs = [f"../shared/seeds/{p.name}" for p in sorted(seeds.glob("*.txt"))]
    code, _, err = run_cli(capsys, "ingest", *docs, "--review", ".")
    assert code == 0, err
    for name in ("corpus.bib", "citations.csv"):
        committed = (repo_root / "bibliography" / name).read_text(encoding="utf-8")
        assert (review / "bibliography" / name).read_text(encoding="utf-8") == committed, name
