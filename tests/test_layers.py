"""The package's import graph keeps its layers (tools/layers.py): a back-edge fails CI."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

from tests.conftest import ROOT


def _layers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("layers", ROOT / "tools" / "layers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_package_keeps_its_layers() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "layers.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.rstrip().endswith("layers: ok")


def test_every_subpackage_is_a_known_stage() -> None:
    layers = _layers()
    stages = {name for name, _ in layers.LAYERS}
    folders = {p.name for p in (ROOT / "litreview").iterdir() if (p / "__init__.py").exists()}
    assert folders <= stages


def test_a_back_edge_a_pure_stage_touching_the_folder_and_a_cycle_are_caught() -> None:
    layers = _layers()
    edges = {
        "litreview.core.model": {"litreview.gaps.register"},  # a stage below imports one above
        "litreview.gaps.register": {"litreview.review.folder"},  # a pure stage opens the folder
        "litreview.tags.a": {"litreview.tags.b"},
        "litreview.tags.b": {"litreview.tags.a"},
        "litreview.review.folder": set(),
    }
    found = layers.violations(edges)
    assert any("core.model (core) imports litreview.gaps.register (gaps)" in v for v in found)
    assert any("(gaps, pure) imports the review folder" in v for v in found)
    assert any(v.startswith("import cycle: litreview.tags.a -> litreview.tags.b") for v in found)
    assert layers.violations({"litreview.gaps.x": {"litreview.core.model"}}) == []
