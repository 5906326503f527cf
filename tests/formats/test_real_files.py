"""The real-file corpus (tests/data/real): nothing lost, every export valid, every consumer
reads it, no false merge. The measures are those of ``benchmarks/real_files.py`` (one
implementation), which prints the per-file table."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

from litreview.corpus.dedup import merge_into
from litreview.formats import read_file, writer_for
from litreview.formats._csl_maps import schema
from litreview.formats.bibtex import REPEATED_FIELD
from tests.conftest import DATA, ROOT, require_tool

EXAMPLES = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")
FILES = [
    *sorted(p for p in (DATA / "real").iterdir() if p.suffix != ".md"),
    DATA / "bibtex" / "zotero_export.bib",
    DATA / "ris" / "zotero_export.ris",
    DATA / "csljson" / "zotero_export.json",
]


def _measures() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "real_files", ROOT / "benchmarks" / "real_files.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


M = _measures()


def _files() -> list[Path]:
    return FILES + ([EXAMPLES] if EXAMPLES.is_file() else [])


def _format(path: Path) -> str:
    from litreview.formats import detect, format_for

    if format_for(path).binary:
        return format_for(path).name
    # (an XML file may be in the encoding its declaration names: only its first lines count)
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    return detect(text, path.suffix) or format_for(path).name


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_no_value_is_lost(path: Path) -> None:
    """Written back in its own format (a search export: read), the file keeps every value an
    independent parser finds in it; through corpus.bib too, unless import merges records of
    the file (their differing values are then in merges.csv) or two records share an id."""
    works, problems = read_file(path)
    assert works and not [p for p in problems if p.severity == "error"]
    fmt = _format(path)
    assert M._same_format_lost(path, fmt, works) == 0
    merged = merge_into([], works).merges
    keys = [w.key or w.extra_value("id") for w in works if w.key or w.extra_value("id")]
    if not merged and len(keys) == len(set(keys)):
        assert M._same_format_lost(path, fmt, M._via_corpus(works)) == 0


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_csl_item_is_valid_against_the_official_schema(path: Path) -> None:
    full = schema()
    validator = jsonschema.Draft7Validator(full["items"] | {"definitions": full["definitions"]})
    works = M._via_corpus(read_file(path)[0])
    for item in json.loads(writer_for("csljson")(works)):
        errors = [e.message for e in validator.iter_errors(item)]
        assert errors == [], (item["id"], errors)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_importing_a_file_again_in_another_format_merges_each_record_with_its_twin(
    path: Path,
) -> None:
    assert M._false_merges(read_file(path)[0]) == 0


def _whole_corpus() -> list:  # type: ignore[type-arg]
    """Every real file imported into one corpus, as corpus.bib holds it."""
    works: list = []  # type: ignore[type-arg]
    for path in _files():
        works = list(merge_into(works, read_file(path)[0], source=str(path)).works)
    return M._via_corpus(works)


@pytest.mark.tool
@pytest.mark.slow
def test_pandoc_and_biber_read_every_export(tmp_path: Path) -> None:
    require_tool("pandoc")
    require_tool("biber")
    works = _whole_corpus()
    failed, _ = M._consumers(works, str(tmp_path), check_biber=False)
    assert failed == 0
    rendered = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", "out.json", "-t", "html", "doc.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert rendered.count('class="csl-entry"') == len(works)


@pytest.mark.tool
@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [p for p in _files() if p.suffix == ".bib" and "citavi" not in p.name],
    ids=lambda p: p.name,
)
def test_biblatex_export_has_no_more_datamodel_warnings_than_its_input(
    path: Path, tmp_path: Path
) -> None:
    require_tool("biber")
    copy = tmp_path / "input.bib"
    copy.write_bytes(path.read_bytes())
    own = M._datamodel_warnings(copy, str(tmp_path))
    found, problems = read_file(path)
    works = M._via_corpus(found)
    # entries biber skips in the input (a brace that does not balance) and litreview mends
    # have warnings of their own only in the export: at most two each (as written there);
    # a field the input gives twice (biber reads the first) is kept as 'name-2', which
    # biber's data model does not know: one each
    dm = tmp_path / "dm.bib"
    read = dm.read_text(encoding="utf-8").count("\n@") + 1 if dm.is_file() else 0
    skipped = max(0, len(works) - read)
    repeated = sum(REPEATED_FIELD in p.message for p in problems)
    out = tmp_path / "export.bib"
    out.write_text(writer_for("biblatex")(works), encoding="utf-8")
    assert M._datamodel_warnings(out, str(tmp_path)) <= own + 2 * skipped + repeated
