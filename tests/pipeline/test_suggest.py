"""The suggest step and the accept path on a review folder: suggestions apart, an accepted
one becomes a tag with the model's evidence, and stays on record on later runs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from litreview.cli import main
from tests.review_fixture import build_fixture_review


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.slow
def test_suggest_accept_and_keep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = build_fixture_review(tmp_path / "review")
    bib = review / "bibliography"
    tags_before = (bib / "tags.csv").read_bytes()
    assert main(["tag", "--suggest", "--review", str(review)]) == 0
    assert "suggestions (scored >= 0.1" in capsys.readouterr().out
    suggested = rows(bib / "suggestions.csv")
    assert suggested and all(r["source"] == "model:evidence-logreg" for r in suggested)
    assert (bib / "tags.csv").read_bytes() == tags_before  # kept apart until accepted
    pick = max(suggested, key=lambda r: float(r["score"]))
    (bib / "curation.yaml").write_text(
        "tags:\n  accept:\n"
        f"    - {{work: {pick['work_key']}, facet: {pick['facet']}, value: {pick['value']}, "
        'reason: "read it"}\n',
        encoding="utf-8",
    )
    assert main(["tag", "--review", str(review)]) == 0
    accepted = [r for r in rows(bib / "tags.csv") if r["source"].startswith("accepted:")]
    assert len(accepted) == 1
    for field in ("work_key", "facet", "value", "evidence", "doc_id", "char_start", "score"):
        assert accepted[0][field] == pick[field], field
    assert main(["tag", "--suggest", "--review", str(review)]) == 0
    again = rows(bib / "suggestions.csv")
    assert pick in again  # the accepted suggestion stays on record with its evidence
    keys = [(r["work_key"], r["facet"], r["value"]) for r in again]
    assert len(keys) == len(set(keys))
