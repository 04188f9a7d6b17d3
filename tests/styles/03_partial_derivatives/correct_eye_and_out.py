"""Correct: np.eye steps and np.subtract(out=) on a copy."""

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
    return 2 * np.asarray(p, dtype=np.float64)


def numerical_gradient(func, p, h=1e-5):
    p = np.asarray(p, dtype=np.float64)
    return np.array([func(p + e) - func(p - e) for e in h * np.eye(p.size)]) / (2 * h)


def gradient_descent_nd(grad, p0, learning_rate, epochs):
    p = np.array(p0, dtype=np.float64)
    for _ in range(epochs):
        np.subtract(p, learning_rate * grad(p), out=p)
    return p
