"""Every figure is legible: no label's box leaves the canvas, no text is smaller than the
smallest legible size, map labels do not cover each other, and the palettes stay distinct
under colour-vision deficiencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from litreview.gaps.theme_gaps import theme_gap_counts
from litreview.notebook import helpers as nh
from litreview.notebook.corpus import open_review
from litreview.render import gap_figures
from litreview.render.cluster_figures import cluster_map_figure
from litreview.render.clusters import statement_clusters, work_clusters
from litreview.render.layout import (
    FONT,
    QUALITATIVE,
    labels_outside,
    overlapping,
    visible_texts,
    wrap,
)
from tests.conftest import ROOT

LONG = (
    "A very long gap title that goes on naming one facet value after another · Trafficking "
    "of persons for forced labour in brick kilns · Data and disaggregation by sex and age"
)


@pytest.fixture(scope="module")
def default_figures() -> dict[str, Callable[[], Any]]:
    """Builders of every figure the gaps step draws from clusters and gaps, on the default
    review."""
    corpus = open_review(ROOT)
    taxonomy = nh.taxonomy_of(corpus)
    tags = nh.evidence_tags(corpus)  # what the gaps step counts
    exclude = {d.work_key for d in corpus.documents if d.work_key}
    kept = [w for w in corpus.works if w.key not in exclude]
    found = work_clusters(kept, corpus.citations, tags, taxonomy)
    stmts = statement_clusters(corpus.statements, taxonomy)
    assert stmts is not None
    gaps = nh.rank_gaps(corpus, taxonomy)
    per_theme = gap_figures.compute_statements_per_theme(gaps)
    grid = theme_gap_counts(found.result, found.themes, gaps, tags, kept, exclude=exclude)
    shapes = {w.key: w.type for w in kept}
    return {
        "cluster-map": lambda: cluster_map_figure(
            found.result, found.themes, shapes=shapes, what="works", shape_title="Source type"
        ),
        "statement-clusters": lambda: cluster_map_figure(
            stmts.result, stmts.themes, what="gap statements"
        ),
        "statements-per-theme": lambda: gap_figures.statements_per_theme_figure(per_theme),
        "clusters-x-gaps": lambda: gap_figures.theme_gaps_figure(grid),
        "long-titles": lambda: gap_figures.statements_per_theme_figure(
            per_theme.assign(title=[f"{t} {LONG}" for t in per_theme["title"]])
        ),
        "long-themes": lambda: gap_figures.theme_gaps_figure(
            grid.assign(
                theme=[f"{t} {LONG[:80]}" for t in grid["theme"]],
                gap_title=[f"{t} {LONG}" for t in grid["gap_title"]],
            )
        ),
    }


NAMES = [
    "cluster-map",
    "statement-clusters",
    "statements-per-theme",
    "clusters-x-gaps",
    "long-titles",
    "long-themes",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_no_label_leaves_the_canvas(name: str, default_figures: dict[str, Any]) -> None:
    fig = default_figures[name]()
    try:
        assert labels_outside(fig) == []
        assert all(t.get_fontsize() >= FONT for t in visible_texts(fig)), name
        assert fig.axes[0].get_title(loc="left"), "every chart says what it counts"
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["cluster-map", "statement-clusters"])
def test_map_labels_do_not_cover_each_other(name: str, default_figures: dict[str, Any]) -> None:
    fig = default_figures[name]()
    try:
        labels = [t for t in fig.axes[0].texts if t.get_text()]
        assert len(labels) >= 2 and overlapping(fig, labels) == []
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)


def test_labels_outside_finds_a_cut_label() -> None:
    """The check itself can fail: a title far off the canvas is reported."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.2, 0.5, "inside", transform=ax.transAxes)
    ax.text(5.0, 0.5, "off the edge", transform=ax.transAxes)
    assert labels_outside(fig) == ["off the edge"]


def test_wrap_never_cuts_words() -> None:
    text = "Data and disaggregation · Trafficking in persons"
    assert wrap(text, 10).replace("\n", " ") == text
    assert len(wrap(text, 10, max_lines=2).splitlines()) <= 2


def _lab(hex_colour: str, matrix: np.ndarray) -> np.ndarray:
    """CIE L*a*b* of a colour seen through ``matrix`` (linear RGB simulation)."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lin = np.clip(matrix @ lin, 0, 1)
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ lin
        / np.array([0.9505, 1.0, 1.089])
    )
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


# Machado, Oliveira and Fernandes (2009), severity 1.0
DEFICIENCIES = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
}


@pytest.mark.parametrize("deficiency", sorted(DEFICIENCIES))
def test_first_nine_colours_stay_apart(deficiency: str) -> None:
    """The colours of up to nine themes differ by at least 10 units of CIE76 colour
    difference, even as people with a red-green deficiency see them."""
    labs = [_lab(c, DEFICIENCIES[deficiency]) for c in QUALITATIVE[:9]]
    nearest = min(float(np.linalg.norm(a - b)) for i, a in enumerate(labs) for b in labs[i + 1 :])
    assert nearest >= 10.0, nearest


@pytest.mark.slow
def test_coverage_heatmaps_keep_labels_on_the_canvas(monkeypatch: pytest.MonkeyPatch) -> None:
    """The heatmaps (render/figures.py) drawn by the gaps step: each is checked as it is saved."""
    import litreview.render.figures as figures
    from litreview.render.gap_outputs import coverage_figures

    saved = figures.figure_png
    outside: list[list[str]] = []

    def checked(fig: Any, **options: Any) -> bytes:
        outside.append(labels_outside(fig))
        return saved(fig, **options)

    monkeypatch.setattr(figures, "figure_png", checked)
    corpus = open_review(ROOT)
    drawn = coverage_figures(nh.taxonomy_of(corpus), nh.evidence_tags(corpus))
    assert len(outside) == len(drawn) == 3 and outside == [[], [], []]
