"""``litreview gaps`` and ``litreview report`` on a tiny review built in a temporary folder."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from litreview import cli
from litreview.core.model import Document, Person, Work
from litreview.core.schema import STATEMENT_KINDS
from litreview.formats.bibtex import write_bibtex
from litreview.review import Review
from tests.conftest import ROOT

DOC = """A short report

Money laundering

Money laundering harms poor households. Although there are no specific studies on the
gendered impact of money laundering, women are likely to be hit hardest.

Drugs

Women use drugs differently from men. There is a lack of official data on drug use by women.

Conclusion

Not enough is known about the roles that women play in drug trafficking networks.
"""


def make_review(root: Path, *, works: bool = True) -> Review:
    """A review with the default taxonomy, one document and (optionally) two works."""
    review = Review.at(root)
    review.bibliography.mkdir(parents=True)
    shutil.copy(ROOT / "bibliography" / "taxonomy.yaml", review.taxonomy_path)
    (root / "documents").mkdir()
    (root / "documents" / "note.txt").write_text(DOC, encoding="utf-8")
    review.save_documents(
        [Document(doc_id="note", path="documents/note.txt", title="A short report")]
    )
    if works:
        review.corpus_path.write_text(
            write_bibtex(
                [
                    Work(
                        key="khan2019drugs",
                        type="report",
                        issued="2019",
                        title="Women and drug use",
                        authors=(Person(family="Khan", given="A."),),
                    ),
                    Work(
                        key="lee2015money",
                        type="report",
                        issued="2015",
                        title="Money laundering trends",
                        publisher="<img src=x onerror=alert(1)>",
                    ),
                ]
            ),
            encoding="utf-8",
        )
    return review


@pytest.mark.slow
def test_gaps_writes_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = make_review(tmp_path)
    (review.gaps_dir / "briefs").mkdir(parents=True)
    (review.gaps_dir / "briefs" / "99-stale.md").write_text("stale", encoding="utf-8")
    (review.gaps_dir / "my-notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["report", "--review", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "gap statement" in out and "(s)" not in out and " 1. " in out
    gaps = review.gaps_dir
    for name in (
        "register.json",
        "register.csv",
        "register.md",
        "statements.csv",
        "map.html",
        "eppi-reviewer.json",
        "figures/statements-per-theme.png",
        "figures/cluster-map.png",
        "figures/statement-clusters.png",
        "clusters.csv",
    ):
        assert (gaps / name).is_file(), name
    with (gaps / "clusters.csv").open(encoding="utf-8") as fh:
        clustered = list(csv.DictReader(fh))
    with (gaps / "statements.csv").open(encoding="utf-8") as fh:
        starts = sorted(int(r["char_start"]) for r in csv.DictReader(fh))
    assert sorted(int(r["char_start"]) for r in clustered) == starts
    assert all(r["keywords"] and 0 <= float(r["stability"]) <= 1 for r in clustered)
    assert list((gaps / "briefs").glob("01-*.md"))
    register = json.loads((gaps / "register.json").read_text("utf-8"))
    quotes = " ".join(s["quote"] for g in register for s in g["statements"])
    assert "no specific studies" in quotes and "lack of official data" in quotes
    assert "<img" not in (gaps / "map.html").read_text("utf-8")
    assert (gaps / "my-notes.txt").read_text("utf-8") == "mine"
    assert not (gaps / "briefs" / "99-stale.md").exists()
    assert len(list((gaps / "figures").glob("coverage-*.png"))) == 3


def test_failure_leaves_gaps_as_they_were(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    review = make_review(tmp_path, works=False)
    (review.gaps_dir / "briefs").mkdir(parents=True)
    (review.gaps_dir / "register.json").write_text("[]", encoding="utf-8")
    (review.gaps_dir / "briefs" / "01-old.md").write_text("old", encoding="utf-8")
    before = {
        p.relative_to(tmp_path): p.read_bytes() for p in review.gaps_dir.rglob("*") if p.is_file()
    }

    def boom(*args: object, **kwargs: object) -> Iterator[str]:
        yield "<html>"  # the map fails half written
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("litreview.render.egm.map_pieces", boom)
    with pytest.raises(RuntimeError):
        cli.main(["gaps", "--review", str(tmp_path)])
    after = {
        p.relative_to(tmp_path): p.read_bytes() for p in review.gaps_dir.rglob("*") if p.is_file()
    }
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".gaps")]


def test_missing_steps_say_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["gaps", "--review", str(tmp_path)]) == 2
    assert "not a review" in capsys.readouterr().err  # no bibliography/: made by litreview init
    (tmp_path / "bibliography").mkdir()
    assert cli.main(["gaps", "--review", str(tmp_path)]) == 2
    assert "no taxonomy yet" in capsys.readouterr().err
    review = make_review(tmp_path / "r", works=False)
    review.documents_path.unlink()
    assert cli.main(["gaps", "--review", str(review.root)]) == 2
    assert "no documents ingested: run 'litreview ingest" in capsys.readouterr().err


def test_other_taxonomy_gets_stated_gaps(tmp_path: Path) -> None:
    """The fixture review (facets hazard/population/outcome): statements carry its facets and
    the register has stated gaps, e.g. older people and mortality, children and flooding."""
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from review_fixture import build_fixture_review

    review = build_fixture_review(tmp_path / "fx")
    with (review / "gaps" / "statements.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == (
        "doc_id",
        "char_start",
        "char_end",
        "section",
        "quote",
        "hazard",
        "population",
        "outcome",
        "strength",
        "kind",
        "score",
        "why",
        "mentions",
    )
    assert all(r["kind"] in STATEMENT_KINDS and 0 < float(r["score"]) <= 1 for r in rows)
    assert any("older_people" in r["population"] and "mortality" in r["outcome"] for r in rows)
    register = json.loads((review / "gaps" / "register.json").read_text(encoding="utf-8"))
    stated = [g for g in register if g["n_statements"]]
    assert stated and stated[0]["rank"] == 1
    cells = [c for g in stated for c in g["cells"]]
    assert {"population": "older_people", "outcome": "mortality"}.items() <= next(
        c for c in cells if c.get("population") == "older_people"
    ).items()
    assert {"hazard": "flood", "population": "children"} in cells
