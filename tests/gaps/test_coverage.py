"""Coverage matrices and cube: unique works per cell, cell membership, filters, outputs."""

from __future__ import annotations

import argparse
from typing import Any

import pytest

from litreview.core.model import Citation, Evidence, Tag, Work
from litreview.gaps.coverage import coverage_cube, coverage_matrix, select_works
from litreview.render.figures import heatmap_png


def tag(key: str, facet: str, value: str, quote: str = "q") -> Tag:
    return Tag(
        work_key=key,
        facet=facet,
        value=value,
        source="rule:field:title:0",
        evidence=Evidence(quote=quote),
    )


TAGS = [
    tag("w1", "crime", "drugs"),
    tag("w1", "crime", "drugs", "again"),  # two evidence rows, one work
    tag("w1", "group", "women"),
    tag("w1", "group", "men"),
    tag("w2", "crime", "drugs"),
    tag("w2", "group", "women"),
    tag("w2", "dim", "victims"),
    tag("w3", "crime", "arms"),
    tag("w3", "group", "men"),
    tag("w3", "dim", "roles"),
    tag("w4", "crime", "arms"),  # no group: in no cell
]


def test_matrix_counts_unique_works_and_knows_them() -> None:
    cov = coverage_matrix(TAGS, "crime", "group")
    assert cov.counts.loc["drugs", "women"] == 2
    assert cov.counts.loc["drugs", "men"] == 1
    assert cov.counts.loc["arms", "women"] == 0
    assert cov.cell_works("drugs", "women") == ("w1", "w2")
    assert cov.cell_works("arms", "women") == ()
    assert list(cov.counts.index) == ["arms", "drugs"]


def test_fixed_axes_show_empty_rows() -> None:
    cov = coverage_matrix(
        TAGS,
        "crime",
        "group",
        row_values=["drugs", "arms", "fraud"],
        col_values=["women", "men", "boys"],
    )
    assert cov.counts.loc["fraud"].sum() == 0 and cov.counts.shape == (3, 3)
    frame = cov.to_frame()
    assert len(frame) == 9
    assert frame.loc[(frame.crime == "drugs") & (frame.group == "women"), "works"].item() == "w1;w2"


def test_works_filter() -> None:
    cov = coverage_matrix(TAGS, "crime", "group", works={"w2", "w3"})
    assert cov.counts.loc["drugs", "women"] == 1 and cov.cell_works("drugs", "men") == ()


def test_cube() -> None:
    cube = coverage_cube(TAGS, ["crime", "group", "dim"])
    assert list(cube.columns) == ["crime", "group", "dim", "n_works", "works"]
    rows = {tuple(r[:3]): (r[3], r[4]) for r in cube.itertuples(index=False)}
    assert rows == {("drugs", "women", "victims"): (1, "w2"), ("arms", "men", "roles"): (1, "w3")}
    assert coverage_cube([], ["crime"]).empty


def test_select_works_filters() -> None:
    works = [
        Work(key="a", issued="2010", type="report"),
        Work(key="b", issued="2020-05", type="book"),
        Work(key="c"),
    ]
    cits = [Citation(doc_id="d1", footnote=1, position=1, raw="r", work_key="b")]
    assert select_works(works, year_from=2015) == {"b"}
    assert select_works(works, year_to=2015) == {"a"}
    assert select_works(works, types={"report"}) == {"a"}
    assert select_works(works, cits, doc="d1") == {"b"}
    assert select_works(works) == {"a", "b", "c"}


def test_heatmap_is_a_png() -> None:
    cov = coverage_matrix(TAGS, "crime", "group")
    png = heatmap_png(cov.counts, title="t", labels={"drugs": "Illicit drugs trade and use"})
    assert png.startswith(b"\x89PNG") and len(png) > 2000
    assert heatmap_png(cov.counts, title="t") == heatmap_png(cov.counts, title="t")


def _coverage_args(review: object, rows: str | None = None, cols: str | None = None) -> Any:
    """``litreview coverage``'s arguments for ``review``, no slice."""
    return argparse.Namespace(
        review=str(review), rows=rows, cols=cols, doc=None, year_from=None, year_to=None, type=None
    )


def test_coverage_command_writes_csv_and_png(tmp_path, repo_root) -> None:
    from litreview.commands import coverage as cmd
    from litreview.review import Review

    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    review.taxonomy_path.write_text(
        (repo_root / "bibliography" / "taxonomy.yaml").read_text("utf-8")
    )
    review.save_tags([tag("w1", "crime_type", "drugs"), tag("w1", "group", "women")])
    args = _coverage_args(tmp_path, rows="crime_type", cols="group")
    assert cmd.run(args) == 0
    text = (review.gaps_dir / "coverage" / "coverage-crime_type-x-group.csv").read_text()
    assert "drugs,women,1,w1" in text
    assert (
        (review.gaps_dir / "coverage" / "coverage-crime_type-x-group.png")
        .read_bytes()
        .startswith(b"\x89PNG")
    )
    args.rows = "colour"
    with pytest.raises(Exception, match="unknown facet 'colour'"):
        cmd.run(args)


def _cube_reference(tags: list[Tag], facets: list[str]) -> dict[tuple[str, ...], list[str]]:
    """Brute force: every combination of one value per facet each work has."""
    import itertools

    per_work: dict[str, dict[str, set[str]]] = {}
    for t in tags:
        per_work.setdefault(t.work_key, {}).setdefault(t.facet, set()).add(t.value)
    out: dict[tuple[str, ...], set[str]] = {}
    for key, vals in per_work.items():
        for combo in itertools.product(*(sorted(vals.get(f, ())) for f in facets)):
            out.setdefault(combo, set()).add(key)
    return {c: sorted(ws) for c, ws in out.items()}


def test_cube_matches_brute_force_and_is_ordered() -> None:
    import random

    rng = random.Random(4)
    tags = [
        tag(f"w{rng.randrange(300):03d}", f, rng.choice("abcde"))
        for _ in range(2000)
        for f in [rng.choice(["crime", "group", "dim", "other"])]
    ]
    facets = ["crime", "group", "dim"]
    cube = coverage_cube(tags, facets)
    got = {tuple(r[:3]): r[4].split(";") for r in cube.itertuples(index=False)}
    assert got == _cube_reference(tags, facets)
    assert (cube["n_works"] == cube["works"].str.count(";") + 1).all()
    ordered = cube.sort_values(["n_works", *facets], ascending=[False, True, True, True])
    assert cube.index.equals(ordered.reset_index(drop=True).index)
    assert list(cube.itertuples(index=False)) == list(ordered.itertuples(index=False))
    assert cube["n_works"].dtype == "int64"


def test_cube_degenerate_requests() -> None:
    assert coverage_cube(TAGS, ["crime", "nope"]).empty
    assert list(coverage_cube(TAGS, []).columns) == ["n_works", "works"]
    assert coverage_cube(TAGS, ["crime", "group"], works=set()).empty
    twice = coverage_cube(TAGS, ["crime", "crime"])
    assert list(twice.columns) == ["crime", "crime", "n_works", "works"]


def test_matrix_of_a_facet_against_itself_is_symmetric() -> None:
    cov = coverage_matrix(TAGS, "group", "group")
    assert cov.counts.loc["women", "women"] == 2 and cov.counts.loc["men", "women"] == 1
    assert (cov.counts.to_numpy() == cov.counts.to_numpy().T).all()


def test_table_of_a_facet_against_itself_keeps_both_values() -> None:
    """Crossed with itself, a facet's two value columns get names of their own, so no cell
    loses its column value (they once shared one name and the second overwrote the first)."""
    frame = coverage_matrix(TAGS, "group", "group").to_frame()
    assert list(frame.columns) == ["group (rows)", "group (columns)", "n_works", "works"]
    pairs = set(zip(frame["group (rows)"], frame["group (columns)"], strict=True))
    assert ("men", "women") in pairs and ("women", "men") in pairs


def test_coverage_command_on_tags_that_found_nothing(
    tmp_path, repo_root, capsys: pytest.CaptureFixture[str]
) -> None:
    """'litreview tag' ran and found no synonym: the matrix is all 0, with a note, not the
    error meant for a review never tagged."""
    from litreview.commands import coverage as cmd
    from litreview.review import Review

    review = Review.at(tmp_path)
    review.bibliography.mkdir()
    review.taxonomy_path.write_text(
        (repo_root / "bibliography" / "taxonomy.yaml").read_text("utf-8")
    )
    args = _coverage_args(tmp_path)
    with pytest.raises(Exception, match="no tags yet: run 'litreview tag'"):
        cmd.run(args)
    review.save_tags([])
    assert cmd.run(args) == 0
    assert "every cell is 0" in capsys.readouterr().err
    rows = (review.gaps_dir / "coverage" / "coverage-crime_type-x-group.csv").read_text()
    assert rows.splitlines()[1].endswith(",0,")


def sourced(key: str, value: str, source: str, doc: str = "") -> Tag:
    return Tag(
        work_key=key,
        facet="group",
        value=value,
        source=source,
        evidence=Evidence(quote=value, doc_id=doc, char_start=0 if doc else None),
    )


@pytest.mark.parametrize(
    ("source", "doc", "kind"),
    [
        ("rule:field:title:ab12", "", "field"),
        ("rule:context:sentence:ab12", "d", "context:sentence"),
        ("rule:context:paragraph:ab12", "d", "context:paragraph"),
        ("rule:text:ab12", "d", "text"),
        ("curator", "", "curator"),
        ("title", "", "field"),
    ],
)
def test_evidence_kind(source: str, doc: str, kind: str) -> None:
    from litreview.gaps.coverage import evidence_kind

    assert evidence_kind(sourced("w", "women", source, doc)) == kind


def test_evidence_tags_leave_out_documents_under_review_and_paragraphs() -> None:
    from litreview.gaps.coverage import evidence_tags

    tags = [
        sourced("w1", "women", "rule:field:title:x"),
        sourced("w2", "women", "rule:context:paragraph:x", "d"),
        sourced("w2", "men", "rule:context:sentence:x", "d"),
        sourced("doc1", "women", "rule:text:x", "doc1"),
        sourced("doc1", "men", "rule:field:title:x"),
    ]
    kept = evidence_tags(tags, exclude_works={"doc1"})
    assert [(t.work_key, t.value) for t in kept] == [("w1", "women"), ("w2", "men")]
    assert len(evidence_tags(tags, kinds={"field", "text", "context:paragraph"})) == 4


def test_best_evidence_prefers_a_curator_then_the_work_then_its_citing_sentence() -> None:
    from litreview.gaps.coverage import best_evidence

    tags = [
        sourced("w", "women", "rule:context:heading:x", "d"),
        sourced("w", "women", "rule:context:sentence:x", "d"),
        sourced("w", "women", "rule:field:title:x"),
        sourced("v", "men", "rule:context:heading:x", "d"),
        sourced("v", "men", "curator"),
    ]
    best = best_evidence(tags)
    assert best[("w", "group", "women")].source == "rule:field:title:x"
    assert best[("v", "group", "men")].source == "curator"
