"""Mistake: returns the Python list of points instead of an array."""

BREAKS = ("descent_path",)
DIAGNOSES = {"descent_path": ("wrong_type",)}

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = x0
    for _ in range(epochs):
        x = x - learning_rate * dfn(x)
    return x


def descent_path(x0, learning_rate, dfn, epochs):
    x = np.asarray(x0, dtype=float)
    path = [x]
    for _ in range(epochs):
        x = x - learning_rate * dfn(x)
        path.append(x)
    return path


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    x = x0
    steps = 0
    while steps < max_epochs:
        step = learning_rate * dfn(x)
        if np.max(np.abs(step)) < tol:
            break
        x = x - step
        steps += 1
    return x, steps
