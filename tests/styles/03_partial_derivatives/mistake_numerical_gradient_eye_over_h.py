"""Mistake: the vectorised central difference divided by h, not 2h."""

BREAKS = ('numerical_gradient',)
DIAGNOSES = {'numerical_gradient': ('divides_by_h',)}

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
    p = np.asarray(p, dtype=np.float64)
    return np.array([func(p + e) - func(p - e) for e in h * np.eye(len(p))]) / h


def gradient_descent_nd(grad, p0, learning_rate, epochs):
    # A float copy, so p0 is never changed.
    p = np.array(p0, dtype=np.float64)
    for _ in range(epochs):
        # The whole gradient is taken at the old p before any coordinate moves.
        p = p - learning_rate * grad(p)
    return p
