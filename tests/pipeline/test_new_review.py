"""A new review on another topic, walked as a new user would: init, taxonomy, import, ingest,
tag, report; with helpful messages when a step is missing."""

# ruff: noqa: E501  (document text and notebook cells read better unwrapped)

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from litreview.cli import main

TAXONOMY = """\
facets:
  - id: mode
    label: Transport mode
    values:
      - id: cycling
        label: Cycling
        synonyms: [cycling, bicycle*, cyclist*]
      - id: buses
        label: Buses
        synonyms: [bus, buses]
  - id: outcome
    label: Outcome
    values:
      - id: injury
        label: Injury
        synonyms: [injury, injuries, crash*]
      - id: air_quality
        label: Air quality
        synonyms: [air quality, air pollution]
"""

BIB = """\
@article{okafor2019,
  author = {Okafor, Ada},
  title = {Cyclist injuries at urban junctions},
  journal = {Journal of Road Safety},
  year = {2019}
}
"""

DOCUMENT = """\
Cycling in the City

Transit Research Unit

2022

Safety

Cyclist injuries cluster at junctions.¹ Bus lanes reduce crashes for buses but their effect on air quality is contested.²

There is a lack of evidence on air pollution exposure of cyclists, and further research is needed on bus crashes involving cyclists.

¹ Ada Okafor (2019), 'Cyclist injuries at urban junctions', Journal of Road Safety.

² Transit Research Unit (2020), 'Bus lanes and air pollution', City Press.
"""


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run ``litreview argv``; the exit status and everything it printed."""
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out + out.err


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_new_review_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo = tmp_path / "demo"
    status, said = _cli(capsys, "init", str(demo))
    assert status == 0 and "taxonomy.yaml" in said
    bib_dir = demo / "bibliography"
    assert (bib_dir / "taxonomy.yaml").is_file() and (bib_dir / "curation.yaml").is_file()
    assert _cli(capsys, "init", str(demo))[0] == 2  # never over an existing review

    # Steps missing: each says what to do next.
    status, said = _cli(capsys, "report", "--review", str(demo))
    assert status == 2 and "no documents ingested" in said and "litreview ingest" in said
    (bib_dir / "taxonomy.yaml").unlink()
    status, said = _cli(capsys, "tag", "--review", str(demo))
    assert status == 2 and "no taxonomy yet" in said
    (bib_dir / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    status, said = _cli(capsys, "tag", "--review", str(demo))
    assert status == 2 and "no works" in said and "litreview import" in said

    # Import a BibTeX file.
    bib = tmp_path / "mine.bib"
    bib.write_text(BIB, encoding="utf-8")
    status, said = _cli(capsys, "import", str(bib), "--review", str(demo))
    assert status == 0 and "imported 1" in said
    assert "okafor2019" in (bib_dir / "corpus.bib").read_text(encoding="utf-8")

    # Ingest a document: its footnotes join the corpus, the cited work is not duplicated.
    doc = demo / "documents" / "cycling.txt"
    doc.write_text(DOCUMENT, encoding="utf-8")
    status, said = _cli(capsys, "ingest", str(doc), "--review", str(demo))
    assert status == 0 and "ingested 1 document" in said
    assert [d["doc_id"] for d in _rows(bib_dir / "documents.csv")] == ["cycling"]
    cited = {r["work_key"] for r in _rows(bib_dir / "citations.csv")}
    assert "okafor2019" in cited and len(cited) == 2
    corpus = (bib_dir / "corpus.bib").read_text(encoding="utf-8")
    assert corpus.count("Cyclist injuries at urban junctions") == 1

    # Tag: every tag has evidence that can be found again.
    status, said = _cli(capsys, "tag", "--review", str(demo))
    assert status == 0
    tags = _rows(bib_dir / "tags.csv")
    assert {("okafor2019", "mode", "cycling"), ("okafor2019", "outcome", "injury")} <= {
        (t["work_key"], t["facet"], t["value"]) for t in tags
    }
    for t in tags:
        if t["doc_id"]:
            assert DOCUMENT[int(t["char_start"]) : int(t["char_end"])] == t["evidence"]

    # Report: the register, the map and the figures.
    status, said = _cli(capsys, "report", "--review", str(demo))
    assert status == 0
    gaps = demo / "gaps"
    assert isinstance(json.loads((gaps / "register.json").read_text(encoding="utf-8")), list)
    assert (gaps / "map.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype")
    assert (gaps / "figures" / "coverage-mode-x-outcome.png").read_bytes().startswith(b"\x89PNG")
    quotes = [s["quote"] for s in _rows(gaps / "statements.csv")]
    assert any("lack of evidence on air pollution" in q for q in quotes)


def test_new_topic_register_has_stated_gaps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo"
    assert _cli(capsys, "init", str(demo))[0] == 0
    (demo / "bibliography" / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    doc = demo / "documents" / "cycling.txt"
    doc.write_text(DOCUMENT, encoding="utf-8")
    assert _cli(capsys, "ingest", str(doc), "--review", str(demo))[0] == 0
    assert _cli(capsys, "report", "--review", str(demo))[0] == 0
    register = json.loads((demo / "gaps" / "register.json").read_text(encoding="utf-8"))
    assert any(g["n_statements"] for g in register)


def test_tag_with_the_starter_taxonomy_says_nothing_matched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corpus tagged before the starter taxonomy was edited: no tag, and a note saying why,
    not only "tagged 0 of 1 work"."""
    demo = tmp_path / "demo"
    assert _cli(capsys, "init", str(demo))[0] == 0
    bib = tmp_path / "mine.bib"
    bib.write_text(BIB, encoding="utf-8")
    assert _cli(capsys, "import", str(bib), "--review", str(demo))[0] == 0
    status, said = _cli(capsys, "tag", "--review", str(demo))
    assert status == 0 and "tagged 0 of 1 work" in said
    assert "no synonym of the taxonomy was found in any work" in said
    (demo / "bibliography" / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    status, said = _cli(capsys, "tag", "--review", str(demo))
    assert status == 0 and "no synonym" not in said
