"""The cluster map: every item placed on a 2-D map of islands, one island per theme, coloured
by theme, shaped by kind (a work's source type), each island labelled with its theme's name.

``compute_cluster_map`` returns the DataFrame; ``cluster_map_figure`` draws it (the axes carry
no unit, so they are hidden); ``cluster_map_png`` saves it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from litreview.gaps.cluster import ClusterResult
from litreview.gaps.themes import Theme
from litreview.render.figures import figure_png
from litreview.render.layout import FONT, MARKERS, colours, new_figure, wrap

__all__ = ["cluster_map_figure", "cluster_map_png", "compute_cluster_map"]

_MAX_POINTS = 20000  # a map of more points is drawn from a fixed, evenly spaced subset
_OTHER = "other"


def compute_cluster_map(
    result: ClusterResult,
    themes: Sequence[Theme] = (),
    shapes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per item: ``id``, ``x``, ``y``, ``cluster``, ``label`` (its theme's name) and
    ``shape`` (its kind: the source type of a work; the most common kinds kept, the rest
    ``other``)."""
    names = {t.cluster: t.label for t in themes}
    kinds = _kinds([shapes.get(i, "") for i in result.ids] if shapes else [])
    return pd.DataFrame(
        {
            "id": list(result.ids),
            "x": [x for x, _ in result.coords],
            "y": [y for _, y in result.coords],
            "cluster": list(result.labels),
            "label": [names.get(c, ", ".join(result.keywords[c][:3])) for c in result.labels],
            "shape": kinds or [""] * len(result.ids),
        }
    )


def _kinds(raw: Sequence[str]) -> list[str]:
    """Each kind, or ``other`` beyond the ``len(MARKERS) - 1`` most common."""
    common = {k for k, _ in Counter(raw).most_common(len(MARKERS) - 1)}
    return [k if k in common else _OTHER for k in raw]


def cluster_map_figure(
    result: ClusterResult,
    themes: Sequence[Theme] = (),
    *,
    shapes: Mapping[str, str] | None = None,
    what: str = "items",
    shape_title: str = "",
    title: str = "",
) -> Any:
    """The map as a matplotlib figure (see the module docstring). ``what`` names the items
    ("works") in the title; ``shape_title`` heads the legend of shapes."""
    frame = compute_cluster_map(result, themes, shapes)
    if len(frame) > _MAX_POINTS:
        frame = frame.iloc[:: -(-len(frame) // _MAX_POINTS)]
    fig, ax = new_figure(10.0, 7.5)
    palette = colours(max(1, result.k))
    size = 28 if len(frame) < 500 else 10 if len(frame) < 5000 else 3
    shapes_seen = sorted(set(frame["shape"]), key=lambda s: (s == _OTHER, s))
    for c in sorted(set(frame["cluster"])):
        for n, kind in enumerate(shapes_seen):
            part = frame[(frame["cluster"] == c) & (frame["shape"] == kind)]
            if len(part):
                ax.scatter(
                    part["x"],
                    part["y"],
                    s=size,
                    marker=MARKERS[n % len(MARKERS)],
                    color=palette[int(c)],
                    alpha=0.8,
                    linewidths=0.3,
                    edgecolors="white",
                )
    # everything around the map first, so that the layout the labels are placed in is final
    _shape_legend(ax, shapes_seen, shape_title)
    ax.set_axis_off()
    head, _, rest = (title or _title(result, what)).partition("\n")
    ax.set_title(head, fontsize=FONT + 3, loc="left", fontweight="bold")
    if rest:
        fig.supxlabel(wrap(rest, 120), fontsize=FONT, x=0.01, ha="left")
    _label_islands(fig, ax, frame, themes, palette)
    return fig


def _title(result: ClusterResult, what: str) -> str:
    """What the map counts and how to read it."""
    return (
        f"{len(result.ids)} {what} in {result.k} themes, found from their words\n"
        f"Each island is a theme named by its most distinctive words; nearby islands share "
        f"more words. Runs from different seeds agree at mean ARI {result.stability:.2f}."
    )


def _label_islands(
    fig: Any, ax: Any, frame: pd.DataFrame, themes: Sequence[Theme], palette: Sequence[str]
) -> list[Any]:
    """A label beside each island (above, below, right or left: the first place free of other
    labels and islands, the largest islands first), all kept in view."""
    names = {t.cluster: t.label for t in themes}
    texts, islands = [], []
    for c in sorted(set(frame["cluster"])):
        part = frame[frame["cluster"] == c]
        islands.append(Extent(part["x"].min(), part["y"].min(), part["x"].max(), part["y"].max()))
        name = names.get(int(c), str(part["label"].iloc[0]))
        texts.append(
            ax.annotate(
                f"{wrap(name, 26)}\n({len(part)})",
                (float(part["x"].mean()), float(part["y"].max())),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=FONT,
                color="#222222",
                bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": palette[int(c)]},
            )
        )
    x0, x1 = float(frame["x"].min()), float(frame["x"].max())
    y0, y1 = float(frame["y"].min()), float(frame["y"].max())
    pad = 0.05 * max(x1 - x0, y1 - y0, 1e-9)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    fig.canvas.draw()  # once, to settle the layout; limits then move labels without drawing
    for _ in range(12):  # until the limits hold every label
        _place(fig, ax, texts, islands)
        if not _widen(fig, ax, texts):
            break
    return texts


class Extent(NamedTuple):
    """The data extent of an island's points."""

    x0: float
    y0: float
    x1: float
    y1: float


class _Spot(NamedTuple):
    """Where a label may sit: the side of the island it is anchored on, its offset in points
    and its alignment."""

    side: str
    offset: tuple[int, int]
    ha: str
    va: str


_SPOTS = (
    _Spot("top", (0, 4), "center", "bottom"),
    _Spot("bottom", (0, -4), "center", "top"),
    _Spot("right", (6, 0), "left", "center"),
    _Spot("left", (-6, 0), "right", "center"),
)


def _place(fig: Any, ax: Any, texts: list[Any], islands: list[Extent]) -> None:
    """Put each label, largest island first, at the first spot that covers no label placed
    before it and no island; where none is free, at the spot covering least."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    spots = [Bbox(ax.transData.transform([(e.x0, e.y0), (e.x1, e.y1)])) for e in islands]
    placed: list[Any] = []
    order = sorted(range(len(texts)), key=lambda i: -spots[i].width * spots[i].height)
    for i in order:
        t = texts[i]
        blocked = [*placed, *(b.padded(3) for j, b in enumerate(spots) if j != i)]
        best: tuple[float, int] | None = None
        for n, spot in enumerate(_SPOTS):
            _put(t, islands[i], spot)
            box = t.get_window_extent(renderer).expanded(1.06, 1.15)
            cover = sum(_area(box, b) for b in blocked)
            if best is None or cover < best[0]:
                best = (cover, n)
            if cover == 0:
                break
        _put(t, islands[i], _SPOTS[best[1] if best else 0])
        placed.append(t.get_window_extent(renderer).expanded(1.06, 1.15))


def _put(t: Any, island: Extent, spot: _Spot) -> None:
    """Anchor label ``t`` on ``island`` at ``spot``."""
    mid_x, mid_y = (island.x0 + island.x1) / 2, (island.y0 + island.y1) / 2
    t.xy = {
        "top": (mid_x, island.y1),
        "bottom": (mid_x, island.y0),
        "right": (island.x1, mid_y),
        "left": (island.x0, mid_y),
    }[spot.side]
    t.set_position(spot.offset)
    t.set_horizontalalignment(spot.ha)
    t.set_verticalalignment(spot.va)


def _area(a: Any, b: Any) -> float:
    """Area of the overlap of two boxes (display units)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(0.0, w) * max(0.0, h)


def _widen(fig: Any, ax: Any, texts: list[Any]) -> bool:
    """Extend the axes' limits so that every label's box lies inside them; whether they
    changed."""
    renderer = fig.canvas.get_renderer()
    inverse = ax.transData.inverted()
    corners = np.vstack(
        [
            inverse.transform(t.get_window_extent(renderer).expanded(1.08, 1.2).corners())
            for t in texts
        ]
    )
    (xa, xb), (ya, yb) = ax.get_xlim(), ax.get_ylim()
    new = (
        (min(xa, corners[:, 0].min()), max(xb, corners[:, 0].max())),
        (min(ya, corners[:, 1].min()), max(yb, corners[:, 1].max())),
    )
    if np.allclose(new, ((xa, xb), (ya, yb))):
        return False
    ax.set_xlim(*new[0])
    ax.set_ylim(*new[1])
    return True


def _shape_legend(ax: Any, kinds: Sequence[str], heading: str) -> None:
    """A legend of the shapes (kinds), grey, when there is more than one kind."""
    if len(kinds) < 2 and not heading:
        return
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            marker=MARKERS[n % len(MARKERS)],
            linestyle="",
            color="#555555",
            label=kind or "unknown",
        )
        for n, kind in enumerate(kinds)
    ]
    ax.legend(
        handles=handles,
        title=heading or None,
        fontsize=FONT,
        title_fontsize=FONT,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
    )


def cluster_map_png(
    result: ClusterResult,
    themes: Sequence[Theme] = (),
    *,
    shapes: Mapping[str, str] | None = None,
    what: str = "items",
    shape_title: str = "",
    title: str = "",
    dpi: int = 100,
) -> bytes:
    """The map as PNG bytes (no timestamp: the same input gives the same bytes)."""
    fig = cluster_map_figure(
        result, themes, shapes=shapes, what=what, shape_title=shape_title, title=title
    )
    return figure_png(fig, dpi=dpi)
