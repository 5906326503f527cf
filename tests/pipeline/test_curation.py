"""A curator's merge written after ingest takes effect at the next tag run, without re-ingest."""

from __future__ import annotations

from pathlib import Path

from litreview.cli import main
from litreview.review import Review
from tests.review_fixture import build_fixture_review


def test_merge_in_curation_moves_tags_to_the_kept_work(tmp_path: Path) -> None:
    root = build_fixture_review(tmp_path / "rev")
    review = Review.at(root)
    tags = review.load_tags()
    by_work: dict[str, set[tuple[str, str]]] = {}
    for t in tags:
        by_work.setdefault(t.work_key, set()).add((t.facet, t.value))
    keep, drop = sorted(k for k, v in by_work.items() if v)[:2]
    dropped_values = by_work[drop]
    review.curation_path.write_text(
        f"works:\n  merge:\n    - {{keep: {keep}, drop: {drop}, reason: same study}}\n"
    )
    before = review.curation_path.read_bytes()

    assert main(["tag", "--review", str(root)]) == 0

    after = review.load_tags()
    assert drop not in {t.work_key for t in after}
    kept_values = {(t.facet, t.value) for t in after if t.work_key == keep}
    assert dropped_values <= kept_values
    assert review.curation_path.read_bytes() == before
