"""Mistake: p += learning_rate * grad(p): the descent climbs."""

BREAKS = ("gradient_descent_nd",)
DIAGNOSES = {"gradient_descent_nd": ("uphill",)}

import numpy as np


def f(x, y, z):
    return np.sum(np.square([x, y, z]))


def df_x(x, y, z):
    return 2.0 * x


def df_y(x, y, z):
    return 2.0 * y


def df_z(x, y, z):
    return 2.0 * z


def gradient(p):
    return 2.0 * np.asarray(p, dtype=np.float64)


def numerical_gradient(func, p, h=1e-5):
    steps = h * np.eye(len(p))
    rises = np.array([func(p + e) - func(p - e) for e in steps])
    return rises / (2.0 * h)


def gradient_descent_nd(grad, p0, learning_rate, epochs):
    p = p0.astype(np.float64)  # astype copies
    for _ in range(epochs):
        p += learning_rate * grad(p)
    return p
