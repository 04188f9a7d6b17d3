"""What is drawn behind the results: a curve known by its derivative, a surface known by its
gradient. Both are integrated numerically, so a picture needs only the trusted callables the
checks already pass, never a second copy of a formula."""

from __future__ import annotations

from typing import Callable

import numpy as np

# Gauss-Legendre nodes on [0, 1]: a line integral of a smooth gradient to ~1e-10 in 12 calls.
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(12)
_NODES, _WEIGHTS = (_NODES + 1.0) / 2.0, _WEIGHTS / 2.0


def curve_from_slope(slope: Callable, lo: float, hi: float, count: int = 400) -> tuple:
    """(xs, f(xs)) for the f with f' = slope, up to a constant: its lowest drawn value is 0."""
    xs = np.linspace(lo, hi, count)
    ds = np.asarray(slope(xs), dtype=float)
    ys = np.concatenate([[0.0], np.cumsum((ds[1:] + ds[:-1]) / 2.0 * np.diff(xs))])
    return xs, ys - ys.min()


def value_on_curve(xs: np.ndarray, ys: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The curve's height at `points` (linear interpolation on the drawn curve)."""
    return np.interp(points, xs, ys)


def surface_from_gradient(gradient: Callable, xlim: tuple, ylim: tuple,
                          count: int = 40) -> tuple:
    """(X, Y, Z) on a grid, Z the function whose gradient is `gradient` (two variables),
    integrated along the straight line from the grid's first corner: Z there is 0."""
    xs, ys = np.linspace(xlim[0], xlim[1], count), np.linspace(ylim[0], ylim[1], count)
    X, Y = np.meshgrid(xs, ys)
    start = np.array([xlim[0], ylim[0]])
    Z = np.empty_like(X)
    for index in np.ndindex(X.shape):
        delta = np.array([X[index], Y[index]]) - start
        Z[index] = sum(w * float(np.dot(gradient(start + t * delta), delta))
                       for t, w in zip(_NODES, _WEIGHTS))
    return X, Y, Z


def limits(values: np.ndarray, margin: float = 0.15, cap: float = 1e3) -> tuple[float, float]:
    """A range around the finite `values` with a margin; a diverging path is cut at `cap`."""
    finite = values[np.isfinite(values)]
    finite = finite[np.abs(finite) <= cap] if finite.size else finite
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    pad = max(hi - lo, 1.0) * margin
    return lo - pad, hi + pad
