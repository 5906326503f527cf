"""Figure layout: legible labels sized from their text, colour-blind-safe palettes, and a
check that nothing drawn leaves the canvas.

Every figure of litreview is built as a matplotlib ``Figure`` with constrained layout, sized
from the labels it must show (:func:`text_inches`), with labels wrapped, never cut
(:func:`wrap`). :func:`labels_outside` lists the texts whose box leaves the canvas (the tests
call it on every figure); :func:`overlapping` lists pairs of texts drawn over each other.

Palettes: ``QUALITATIVE`` is Paul Tol's "muted" scheme followed by the Okabe–Ito colours, both
designed to stay distinct under the common colour-vision deficiencies; ``SEQUENTIAL`` is a
single hue from light to dark (matplotlib's ``Blues``), read by lightness alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "MARKERS",
    "QUALITATIVE",
    "SEQUENTIAL",
    "colours",
    "labels_outside",
    "new_figure",
    "overlapping",
    "text_inches",
    "visible_texts",
    "wrap",
]

QUALITATIVE = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
SEQUENTIAL = "Blues"
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
FONT = 9.0  # points: the smallest text a figure uses, legible at notebook width


def colours(n: int) -> list[str]:
    """``n`` qualitative colours (they repeat after ``len(QUALITATIVE)``)."""
    return [QUALITATIVE[i % len(QUALITATIVE)] for i in range(n)]


def wrap(text: str, width: int, *, max_lines: int | None = None) -> str:
    """``text`` wrapped at ``width`` characters (words never cut; a longer word stands on its
    own line). ``max_lines`` widens the lines until the text fits in that many."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    while max_lines and len(lines) > max_lines:
        width += 4
        lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or text


def text_inches(texts: Iterable[str], fontsize: float = FONT) -> tuple[float, float]:
    """The width of the widest line and the height of the tallest text of ``texts``, in
    inches, as matplotlib's default font draws them."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath()
    prop = FontProperties(size=fontsize)
    width, height = 0.0, 0.0
    for text in texts:
        lines = str(text).split("\n") or [""]
        for line in lines:
            w, _, _ = measure.get_text_width_height_descent(line or " ", prop, ismath=False)
            width = max(width, w / 72.0)
        height = max(height, len(lines) * fontsize * 1.25 / 72.0)
    return width, height


def new_figure(width: float, height: float, **subplots: Any) -> tuple[Any, Any]:
    """A figure of ``width`` x ``height`` inches with constrained layout, and its axes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), layout="constrained", **subplots)


def visible_texts(fig: Any) -> list[Any]:
    """Every visible, non-empty text artist of ``fig`` (titles, tick labels, annotations,
    legend entries)."""
    from matplotlib.text import Text

    hidden = {id(t) for t in _hidden_axis_texts(fig)}
    found = fig.findobj(lambda a: isinstance(a, Text))
    return [t for t in found if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def _hidden_axis_texts(fig: Any) -> list[Any]:
    """Texts of axes that are not drawn: every label of an axis switched off, and the labels
    of ticks outside an axis's view (matplotlib keeps them but never draws them)."""
    from matplotlib.text import Text

    out = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not ax.get_visible() or not ax.axison or not axis.get_visible():
                out += axis.findobj(lambda a: isinstance(a, Text))
                continue
            lo, hi = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    out += [tick.label1, tick.label2]
    return out


def labels_outside(fig: Any, *, tolerance: float = 1.0) -> list[str]:
    """The texts of ``fig`` whose box leaves the canvas, drawn as saved (empty: all inside)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    out = []
    for t in visible_texts(fig):
        box = t.get_window_extent(renderer)
        if (
            box.x0 < canvas.x0 - tolerance
            or box.y0 < canvas.y0 - tolerance
            or box.x1 > canvas.x1 + tolerance
            or box.y1 > canvas.y1 + tolerance
        ):
            out.append(t.get_text())
    return out


def overlapping(fig: Any, texts: Sequence[Any]) -> list[tuple[str, str]]:
    """Pairs of ``texts`` (artists of ``fig``) whose boxes overlap when drawn."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.overlaps(box_b)
    ]
