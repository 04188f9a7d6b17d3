"""Correct: element-by-element loops for arrays, Python floats for scalars."""

import numpy as np


def _elementwise(g, x):
    if np.ndim(x) == 0:
        return g(float(x))
    out = np.empty(np.shape(x))
    for index in np.ndindex(out.shape):
        out[index] = g(float(x[index]))
    return out


def fn(x):
    return _elementwise(lambda v: 2.0 * v**2, x)


def dfn(x):
    return _elementwise(lambda v: 4.0 * v, x)


def numerical_derivative(f, x, h=1e-5):
    def one(v):
        right = f(v + h)
        left = f(v - h)
        return (right - left) / (2.0 * h)

    return _elementwise(one, x)


def tangent_line(f, df, x0):
    slope = float(df(x0))
    return slope, float(f(x0)) - slope * x0


def stationary_point(a, b, c):
    if a == 0:
        raise ValueError(f"q is a line when a == 0 (b={b}, c={c})")
    return -b / (2.0 * a), ("minimum" if a > 0 else "maximum")
