"""Every notebook runs top to bottom, on the default review and on a review of another topic,
shows its figures, raises nothing, writes nothing into the review it reads, leaves no
temporary files behind, and teaches what it says: 01 shows what deduplication did with a new
bibliography, 02 puts rule tags, curator edits and accepted suggestions side by side, 04 names
themes in words (never ids) and reads them against the stated gaps, 05 shows the register
moving; warnings are told once."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from litreview.review.transaction import STATE_DIR
from litreview.taxonomy.facets import load_taxonomy
from tests.conftest import ROOT, require_module
from tests.review_fixture import build_fixture_review

nbformat = require_module("nbformat")
nbclient = require_module("nbclient")

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("01-corpus", "02-tags-and-evidence", "03-coverage", "04-clusters", "05-gaps", "06-export")
ALWAYS_FIGURES = {"01-corpus", "02-tags-and-evidence", "03-coverage", "04-clusters"}


@pytest.fixture(scope="module")
def fixture_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/fixture_review after ingest, import and report."""
    return build_fixture_review(tmp_path_factory.mktemp("nb") / "review")


def _snapshot(folder: Path) -> dict[str, str]:
    """Path -> sha256 of every file under ``folder`` but the state folder (the lock, and
    the works of corpus.bib as last read, which any reader may keep there)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and STATE_DIR not in p.relative_to(folder).parts
    }


def _run(
    name: str, review: Path, monkeypatch: pytest.MonkeyPatch, tmp: Path | None = None
) -> list[dict]:
    """Execute notebook ``name`` on ``review`` (its kernel's temporary folder ``tmp`` if
    given); return the outputs of its code cells."""
    monkeypatch.setenv("LITREVIEW_REVIEW", str(review))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    if tmp is not None:
        monkeypatch.setenv("TMPDIR", str(tmp))
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _expects_figure(name: str, review: Path) -> bool:
    """05 draws statements per theme only when the review has stated gaps."""
    if name in ALWAYS_FIGURES:
        return True
    if name == "05-gaps":
        register = json.loads((review / "gaps" / "register.json").read_text(encoding="utf-8"))
        return any(g.get("n_statements") for g in register)
    return False


def _text(outputs: list[dict]) -> str:
    """Everything the cells printed or displayed as text."""
    parts = []
    for o in outputs:
        parts.append(o.get("text", ""))
        data = o.get("data", {})
        parts.append(data.get("text/plain", "") + data.get("text/html", ""))
    return "\n".join(parts)


def _snake_ids(review: Path) -> set[str]:
    """The review's value ids written in snake_case (ids, never words)."""
    taxonomy = load_taxonomy(
        (review / "bibliography" / "taxonomy.yaml").read_text(encoding="utf-8")
    )
    return {v.id for f in taxonomy.facets for v in f.values if "_" in v.id}


#: what each notebook must show, whatever the review
TEACHES = {
    "01-corpus": ("merged within the file", "new work", "records read from import-demo.bib"),
    "02-tags-and-evidence": ("accepted", "suggested", "model "),
    "04-clusters": ("themes; runs from different seeds agree", "themes with no work there"),
    "05-gaps": ("works added", "records read from import-demo.bib"),
}


def _check(name: str, review: Path, outputs: list[dict]) -> None:
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, errors
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert bool(figures) == _expects_figure(name, review), (name, len(figures))
    text = _text(outputs)
    for words in TEACHES.get(name, ()):
        assert words in text, (name, words)
    assert "has no title" not in text or text.count("has no title") <= 1, "warnings told once"
    if name == "04-clusters":
        shown = [i for i in _snake_ids(review) if i in text]
        assert not shown, f"taxonomy ids shown instead of labels: {shown}"


def test_notebooks_are_stripped() -> None:
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(not c.outputs and c.execution_count is None for c in code), name
        assert "LITREVIEW_REVIEW" in code[0].source, name


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_on_fixture_review(
    name: str, fixture_review: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = _snapshot(fixture_review)
    _check(name, fixture_review, _run(name, fixture_review, monkeypatch, tmp_path))
    assert _snapshot(fixture_review) == before, "the notebook wrote into the review"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert not left, f"the notebook left temporary files behind: {left}"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_on_default_review(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (ROOT / "gaps" / "register.json").exists():
        pytest.fail("the default review has no gaps/ yet: run 'python3 -m litreview report'")
    _check(name, ROOT, _run(name, ROOT, monkeypatch))
