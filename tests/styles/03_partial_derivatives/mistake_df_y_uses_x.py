"""Mistake: df_y written from df_x and not changed: 2 * x."""

BREAKS = ("df_y", "gradient")
DIAGNOSES = {'df_y': ('wrong_variable',)}

import numpy as np


def f(x, y, z):
    return x**2 + y**2 + z**2


def df_x(x, y, z):
    # y and z are constants here, so only x**2 contributes.
    return 2 * x


def df_y(x, y, z):
    return df_x(x, y, z)


def df_z(x, y, z):
    return 2 * z


def gradient(p):
    x, y, z = p
    # One partial derivative per variable, all taken at the same point p.
    return np.array([df_x(x, y, z), df_y(x, y, z), df_z(x, y, z)], dtype=np.float64)


def numerical_gradient(func, p, h=1e-5):
    # A float copy: we move its coordinates, never the caller's p.
    p = np.array(p, dtype=np.float64)
    g = np.empty(p.shape, dtype=np.float64)
    for i in range(p.size):
        # h * e_i moves coordinate i only.
        e = np.zeros_like(p)
        e[i] = h
        g[i] = (func(p + e) - func(p - e)) / (2 * h)
    return g


def gradient_descent_nd(grad, p0, learning_rate, epochs):
    # A float copy, so p0 is never changed.
    p = np.array(p0, dtype=np.float64)
    for _ in range(epochs):
        # The whole gradient is taken at the old p before any coordinate moves.
        p = p - learning_rate * grad(p)
    return p
