"""The island layout: clusters apart, members around their centre, the same every time."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from litreview.gaps import cluster_layout
from litreview.gaps.cluster_layout import MARGIN, island_layout


def blobs(k: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``k`` groups of ``n`` unit vectors around random directions in 20 dimensions."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, 20))
    points = np.vstack([c + 0.3 * rng.normal(size=(n, 20)) for c in centres])
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    return points, np.repeat(np.arange(k), n)


def test_doctests() -> None:
    assert doctest.testmod(cluster_layout).failed == 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_islands_do_not_overlap(seed: int) -> None:
    points, labels = blobs(6, 30, seed)
    xy = island_layout(points, labels)
    centres = np.array([xy[labels == c].mean(axis=0) for c in range(6)])
    radii = np.array([np.linalg.norm(xy[labels == c] - centres[c], axis=1).max() for c in range(6)])
    for i in range(6):
        for j in range(i + 1, 6):
            gap = np.linalg.norm(centres[i] - centres[j]) - radii[i] - radii[j]
            assert gap > 0, (i, j)


def test_deterministic_and_sized_by_members() -> None:
    points, labels = blobs(3, 20, 5)
    labels[:30] = 0  # a big island (30), a small one (10)
    a, b = island_layout(points, labels), island_layout(points, labels)
    assert np.array_equal(a, b)
    spread = [np.ptp(a[labels == c], axis=0).max() for c in (0, 1)]
    assert spread[0] > spread[1]


def test_coincident_clusters_and_one_cluster() -> None:
    same = np.tile([[1.0, 0.0, 0.0]], (6, 1))
    xy = island_layout(same, np.array([0, 0, 0, 1, 1, 1]))
    assert np.linalg.norm(xy[0] - xy[3]) >= MARGIN * 1.0  # pushed apart along a fixed line
    one = island_layout(same[:3], np.zeros(3, dtype=int))
    assert one.shape == (3, 2) and np.allclose(one, 0.0)
