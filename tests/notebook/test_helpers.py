"""Notebook helpers: ranking comparison, tag changes, cube slices, corpus subsets."""

from __future__ import annotations

import pandas as pd

from litreview.core.model import Evidence, Tag
from litreview.gaps.register import Gap
from litreview.notebook.helpers import compare_rankings, cube_slice, ranking_frame, tag_changes


def _gap(gid: str, rank: int, score: float) -> Gap:
    return Gap(
        rank=rank,
        id=gid,
        title=gid.upper(),
        cell=(("f", gid),),
        score=score,
        status="stated",
        kind="empty",
        n_works=0,
        statements=(),
        sources=(),
        documents=(),
        why="because",
    )


def _tag(work: str, value: str) -> Tag:
    return Tag(
        work_key=work,
        facet="f",
        value=value,
        source="rule",
        evidence=Evidence(quote=value, doc_id="d", char_start=0, char_end=1),
    )


def test_compare_rankings_moves_new_and_gone() -> None:
    before = [_gap("a", 1, 0.9), _gap("b", 2, 0.8), _gap("c", 3, 0.1)]
    after = [_gap("b", 1, 0.85), _gap("a", 2, 0.7), _gap("d", 3, 0.2)]
    frame = compare_rankings(before, after).set_index("id")
    assert frame.loc["b", "change"] == "up" and frame.loc["b", "moved"] == 1
    assert frame.loc["a", "change"] == "down" and frame.loc["a", "moved"] == -1
    assert frame.loc["d", "change"] == "new" and pd.isna(frame.loc["d", "rank_before"])
    assert frame.loc["c", "change"] == "gone" and pd.isna(frame.loc["c", "rank_after"])
    assert list(frame.index) == ["b", "a", "d", "c"]


def test_compare_identical_rankings_all_same() -> None:
    gaps = [_gap("a", 1, 0.9), _gap("b", 2, 0.5)]
    frame = compare_rankings(gaps, gaps)
    assert set(frame["change"]) == {"same"} and (frame["moved"] == 0).all()


def test_ranking_frame_rows() -> None:
    frame = ranking_frame([_gap("a", 1, 0.91234)])
    assert frame.loc[0, "score"] == 0.912 and frame.loc[0, "title"] == "A"


def test_tag_changes() -> None:
    frame = tag_changes([_tag("w1", "x"), _tag("w2", "y")], [_tag("w1", "x"), _tag("w3", "z")])
    assert list(zip(frame["work_key"], frame["change"], strict=True)) == [
        ("w3", "added"),
        ("w2", "removed"),
    ]


def test_cube_slice() -> None:
    cube = pd.DataFrame({"f": ["a", "a", "b"], "g": ["x", "y", "x"], "n_works": [3, 2, 1]})
    assert list(cube_slice(cube, f="a")["g"]) == ["x", "y"]
    assert list(cube_slice(cube, f="a", g="y")["n_works"]) == [2]


def test_png_and_cluster_table() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from litreview.gaps.cluster import cluster_texts
    from litreview.notebook.helpers import cluster_table, png

    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    assert png(fig).startswith(b"\x89PNG")
    result = cluster_texts(
        ["heat older people", "heat deaths older", "flood children", "flooding children health"],
        ["a", "b", "c", "d"],
        n_clusters=2,
        random_state=0,
    )
    table = cluster_table(result)
    assert table["size"].sum() == 4 and len(table) == 2
    assert all(table["keywords"].str.len() > 0)


def test_curated_tags_accepts_suggestions_and_problems_are_told_once() -> None:
    from litreview.notebook.corpus import open_review
    from litreview.notebook.helpers import curated_tags, problem_lines
    from tests.conftest import ROOT

    corpus = open_review(ROOT)
    work = corpus.works[0].key
    facet = corpus.review.load_taxonomy().facets[-1]
    value = facet.value_ids[-1]
    offered = [
        Tag(
            work_key=work,
            facet=facet.id,
            value=value,
            source="model:evidence-logreg",
            evidence=Evidence(quote="lads", doc_id="d", char_start=3, char_end=7),
            score=0.4,
        )
    ]
    text = f"tags:\n  accept:\n    - {{work: {work}, facet: {facet.id}, value: {value}}}\n"
    tags, problems = curated_tags(corpus, text, suggestions=offered)
    assert problems == []
    (accepted,) = [t for t in tags if t.source.startswith("accepted")]
    assert accepted.evidence.quote == "lads" and accepted.score == 0.4
    lines = problem_lines(corpus)
    assert len(lines) == len({p.path for p in corpus.problems})  # one line per file
