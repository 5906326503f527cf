"""A 2-D map of clustered texts in which the clusters stand apart (pure numpy, deterministic).

Each cluster is an island. Islands are placed by classical multidimensional scaling of the
angles between cluster centroids (clusters that share words sit closer), then pushed apart
until no two overlap; an island's area grows with its size. Inside an island, members are
spread by their two main directions of variation around the centroid (principal components),
so a member far from its centroid sits at the island's edge. The axes carry no unit: only
nearness means something.

Examples
--------
>>> import numpy as np
>>> points = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
>>> xy = island_layout(points, np.array([0, 0, 1, 1]))
>>> xy.shape, bool(np.linalg.norm(xy[0] - xy[2]) > np.linalg.norm(xy[0] - xy[1]))
((4, 2), True)
"""

from __future__ import annotations

import numpy as np

__all__ = ["island_layout"]

SPREAD = 3.0  # nearest islands start this many radii apart
MARGIN = 1.8  # islands end at least this factor of the sum of their radii apart
_ROUNDS = 200


def island_layout(points: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """2-D coordinates for ``points`` (one row each) grouped by ``labels`` (0 .. k-1)."""
    n = len(points)
    k = int(labels.max()) + 1 if n else 0
    if n == 0:
        return np.zeros((0, 2))
    sizes = np.bincount(labels, minlength=k).astype(float)
    radii = np.sqrt(sizes / sizes.max())
    centroids = np.vstack(
        [points[labels == c].mean(axis=0) if sizes[c] else points[0] * 0 for c in range(k)]
    )
    centres = _separate(_scaled(_mds(_unit(centroids)), radii), radii)
    out = np.zeros((n, 2))
    for c in range(k):
        members = labels == c
        out[members] = centres[c] + radii[c] * _spread(points[members] - centroids[c])
    return out


def _unit(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a tight cluster's centroid is longer than a loose one's; only
    its direction says what it is about)."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 1e-12, norms, 1.0)


def _mds(centroids: np.ndarray) -> np.ndarray:
    """Classical MDS: 2-D positions whose distances best keep the centroids' distances."""
    k = len(centroids)
    if k == 1:
        return np.zeros((1, 2))
    sq = ((centroids[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    centre = np.eye(k) - np.full((k, k), 1.0 / k)
    values, vectors = np.linalg.eigh(-0.5 * centre @ sq @ centre)
    top = np.argsort(values)[::-1][:2]
    pos = vectors[:, top] * np.sqrt(np.clip(values[top], 0.0, None))
    if pos.shape[1] < 2:
        pos = np.hstack([pos, np.zeros((k, 2 - pos.shape[1]))])
    return _oriented(pos)


def _oriented(xy: np.ndarray) -> np.ndarray:
    """Fix each axis's sign so its largest coordinate is positive (eigenvectors have none)."""
    out = xy.copy()
    for j in range(out.shape[1]):
        if out[np.argmax(np.abs(out[:, j])), j] < 0:
            out[:, j] = -out[:, j]
    return out


def _scaled(pos: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """``pos`` scaled so that the median nearest-neighbour distance is ``SPREAD`` radii."""
    if len(pos) < 2:
        return pos
    dist = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=2)
    np.fill_diagonal(dist, np.inf)
    nearest = float(np.median(dist.min(axis=1)))
    target = SPREAD * float(np.median(radii))
    return pos * (target / nearest) if nearest > 1e-12 else pos


def _separate(pos: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Push overlapping islands apart along the line joining them, a fixed number of rounds
    (coincident islands are split along a fixed direction)."""
    pos = pos.copy()
    k = len(pos)
    for _ in range(_ROUNDS):
        moved = False
        for i in range(k):
            for j in range(i + 1, k):
                delta = pos[j] - pos[i]
                dist = float(np.hypot(*delta))
                need = MARGIN * (radii[i] + radii[j])
                if dist >= need:
                    continue
                direction = delta / dist if dist > 1e-9 else _direction(i, j)
                push = (need - dist) / 2
                pos[i] -= direction * push
                pos[j] += direction * push
                moved = True
        if not moved:
            break
    return pos


def _direction(i: int, j: int) -> np.ndarray:
    """A fixed unit direction for the pair ``(i, j)``."""
    angle = 2.399963 * (i * 31 + j)  # golden angle: pairs get well-spread directions
    return np.array([np.cos(angle), np.sin(angle)])


def _spread(offsets: np.ndarray) -> np.ndarray:
    """Members' offsets from their centroid on its two principal directions, scaled so the
    island has radius 1 (the farthest 5 % are drawn at the edge)."""
    if len(offsets) < 2:
        return np.zeros((len(offsets), 2))
    _, _, vt = np.linalg.svd(offsets - offsets.mean(axis=0), full_matrices=False)
    xy = offsets @ vt[:2].T
    if xy.shape[1] < 2:
        xy = np.hstack([xy, np.zeros((len(xy), 1))])
    xy = _oriented(xy)
    norms = np.hypot(xy[:, 0], xy[:, 1])
    edge = float(np.quantile(norms, 0.95))
    if edge <= 1e-12:
        return np.zeros_like(xy)
    scale = np.minimum(1.0, edge / np.maximum(norms, 1e-12)) / edge
    return xy * scale[:, None]
