"""BibTeX/BibLaTeX against real peers: biblatex's own example file, pandoc, biber."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from litreview.formats.bibtex import read_bibtex, write_bibtex
from tests.conftest import DATA, require_tool, unavailable

EXAMPLES = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")
ZOTERO = DATA / "bibtex" / "zotero_export.bib"
# Field aliases biber itself resolves; a field read under an alias may be written canonically.
ALIASES = {"journal": "journaltitle", "address": "location", "school": "institution"}
# biblatex name-list fields, compared as parsed names (written "Family, Given" by litreview).
NAME_FIELDS = frozenset(
    {
        "author",
        "editor",
        "translator",
        "bookauthor",
        "editora",
        "commentator",
        "annotator",
        "introduction",
        "afterword",
        "holder",
        "foreword",
        "editorb",
    }
)
TYPE_ALIASES = {"techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis"}


def _examples() -> str:
    """biblatex-examples.bib (Debian texlive-bibtex-extra), or skip/fail like a missing tool."""
    if not EXAMPLES.is_file():
        unavailable(f"{EXAMPLES} (Debian texlive-bibtex-extra)")
    return EXAMPLES.read_text(encoding="utf-8")


def _plain(raw: str, strings: dict[str, str]) -> str:
    """A raw bibtexparser value as text: delimiters off, macros and ``#`` resolved (test-only)."""
    out = []
    for part in re.split(r"\s+#\s+", raw.strip()):
        if part[:1] in '{"' and part[-1:] in '}"':
            out.append(part[1:-1])
        else:
            out.append(strings.get(part.lower(), part))
    return " ".join("".join(out).split())


def _names(text: str) -> str:
    """A name list as bibtexparser parses it, for comparing "Given Family" with "Family, Given"."""
    parts = (parse_single_name_into_parts(n) for n in split_multiple_persons_names(text))
    return " and ".join(repr((n.first, n.von, n.last, n.jr)) for n in parts)


def _raw_view(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    """key -> (entry type, {canonical field name: text}) straight from bibtexparser."""
    lib = bibtexparser.parse_string(text, parse_stack=[])
    strings = {s.key.lower(): _plain(str(s.value), {}) for s in lib.strings}
    view = {}
    for entry in lib.entries:
        fields = {
            ALIASES.get(f.key.lower(), f.key.lower()): _plain(str(f.value), strings)
            for f in entry.fields
        }
        fields.update({k: _names(v) for k, v in fields.items() if k in NAME_FIELDS})
        if "date" not in fields and "year" in fields:
            month = fields.pop("month", "")
            year = fields.pop("year")
            fields["date"] = f"{year}-{int(month):02d}" if month.isdigit() else year
        etype = entry.entry_type.lower()
        view[entry.key] = (TYPE_ALIASES.get(etype, etype), fields)
    return view


@pytest.mark.tool
def test_biblatex_examples_survive_field_by_field() -> None:
    text = _examples()
    works, problems = read_bibtex(text, str(EXAMPLES))
    assert [p for p in problems if p.severity == "error"] == []
    before = _raw_view(text)
    after = _raw_view(write_bibtex(works, biblatex=True))
    assert list(after) == list(before)
    for key, (etype, fields) in before.items():
        assert after[key][0] == etype, key
        assert after[key][1] == fields, key


@pytest.mark.tool
def test_biblatex_examples_survive_a_bibtex_round_trip() -> None:
    works, _ = read_bibtex(_examples())
    again, problems = read_bibtex(write_bibtex(works))
    assert again == works
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.tool
@pytest.mark.slow
def test_pandoc_citeproc_renders_every_entry_of_the_bibtex_export(tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    works = read_bibtex(_examples())[0] + read_bibtex(ZOTERO.read_text(encoding="utf-8"))[0]
    bib = tmp_path / "out.bib"
    bib.write_text(write_bibtex(works), encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    run = subprocess.run(
        [
            pandoc,
            "-f",
            "markdown",
            "-t",
            "html",
            "--citeproc",
            "--bibliography",
            str(bib),
            str(doc),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rendered = re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', run.stdout)
    assert sorted(rendered) == sorted(w.key for w in works)


@pytest.mark.tool
@pytest.mark.slow
def test_biber_reads_the_biblatex_export_without_errors(tmp_path: Path) -> None:
    biber = require_tool("biber")
    works = read_bibtex(_examples())[0] + read_bibtex(ZOTERO.read_text(encoding="utf-8"))[0]
    bib = tmp_path / "out.bib"
    bib.write_text(write_bibtex(works, biblatex=True), encoding="utf-8")
    out = tmp_path / "biber_out.bib"
    run = subprocess.run(
        [biber, "--tool", "--output-file", str(out), str(bib)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    log = run.stdout + run.stderr
    assert run.returncode == 0, log
    assert "ERROR" not in log, log
    assert len(re.findall(r"^@", out.read_text(encoding="utf-8"), re.MULTILINE)) == len(works)
