"""Mistake: descend_until stops when x itself is below tol, as if the minimum were at 0."""

BREAKS = ("descend_until",)
DIAGNOSES = {"descend_until": ("stops_on_x",)}

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
    return np.array(path)


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    x = x0
    steps = 0
    while steps < max_epochs and np.max(np.abs(x)) >= tol:
        x = x - learning_rate * dfn(x)
        steps += 1
    return x, steps
