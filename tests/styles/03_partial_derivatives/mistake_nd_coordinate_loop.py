"""Mistake: each coordinate moved in turn, the gradient re-taken after every move."""

BREAKS = ('gradient_descent_nd',)
DIAGNOSES = {'gradient_descent_nd': ('sequential_update',)}

import numpy as np


def f(x, y, z):
    return x**2 + y**2 + z**2


def df_x(x, y, z):
    # y and z are constants here, so only x**2 contributes.
    return 2 * x


def df_y(x, y, z):
    return 2 * y


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
    p = np.array(p0, dtype=float)
    for _ in range(epochs):
        for i, _ in enumerate(p):
            p[i] -= learning_rate * grad(p)[i]
    return p
