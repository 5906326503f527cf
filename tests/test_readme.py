"""The README cannot rot: every ``$`` command of its ```console blocks runs (in a temporary copy
of the repository), its YAML examples are the fixture's files and load, its links resolve."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from litreview.cli import COMMANDS
from litreview.core.curation import load_curation
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FIXTURE = ROOT / "tests" / "fixture_review"


def _blocks(lang: str) -> list[str]:
    """The bodies of the README's fenced blocks in ``lang``."""
    return re.findall(rf"^```{lang}\n(.*?)^```", README, flags=re.M | re.S)


def _commands() -> list[str]:
    """Every ``$ command`` line of the console blocks, in order."""
    return [
        line[2:]
        for block in _blocks("console")
        for line in block.splitlines()
        if line.startswith("$ ")
    ]


def test_readme_has_commands_for_every_subcommand() -> None:
    commands = _commands()
    assert len(commands) > 20
    for name in COMMANDS:
        assert f"litreview {name} --help" in commands, name
        assert f"`litreview {name}" in README, name


def test_readme_yaml_examples_are_the_fixture_files() -> None:
    taxonomy, curation = _blocks("yaml")
    assert taxonomy == (FIXTURE / "bibliography" / "taxonomy.yaml").read_text(encoding="utf-8")
    assert len(load_taxonomy(taxonomy, "README.md").facets) == 3
    assert curation == (FIXTURE / "curation-example.yaml").read_text(encoding="utf-8")
    loaded, problems = load_curation(curation, "README.md")
    assert not problems and len(loaded.tag_add) == len(loaded.tag_remove) == 1


def test_readme_links_and_pictures_exist() -> None:
    targets = re.findall(r"\]\(([^)#]+)\)", README)
    assert any(t.endswith(".png") for t in targets)
    for target in targets:
        assert (ROOT / target).exists(), target


def _sandbox(tmp: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the repository at ``tmp/work/main`` with ``../shared`` linked in,
    and an environment whose ``litreview`` runs this tree's package."""
    copy = tmp / "work" / "main"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", "__pycache__", ".pytest_cache", "*.egg-info", ".mypy_cache", ".ruff_cache"
        ),
    )
    shared = ROOT.parent / "shared"  # seeds and benchmark data, next to the repository
    (tmp / "work" / "shared").mkdir()
    for item in shared.iterdir() if shared.is_dir() else ():
        (tmp / "work" / "shared" / item.name).symlink_to(item, target_is_directory=item.is_dir())
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "litreview"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m litreview "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    # a script, not a symlink: a venv's interpreter reached through a link elsewhere would
    # not find its pyvenv.cfg and would run without the venv's packages
    python = bin_dir / "python3"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(copy),
        "COLUMNS": "100",
    }
    env.pop("LITREVIEW_REVIEW", None)
    return copy, env


@pytest.mark.slow
def test_every_readme_command_runs(tmp_path: Path) -> None:
    copy, env = _sandbox(tmp_path)
    for command in _commands():
        done = subprocess.run(
            command,
            shell=True,
            executable="/bin/bash",
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
        if not command.startswith("cp "):  # everything else says something
            assert done.stdout.strip() or done.stderr.strip(), command
    demo = copy.parent / "demo"
    assert (demo / "gaps" / "register.json").is_file()
    assert "TY  -" in (demo / "heat.ris").read_text(encoding="utf-8")
    assert "curator" in (demo / "bibliography" / "tags.csv").read_text(encoding="utf-8")
