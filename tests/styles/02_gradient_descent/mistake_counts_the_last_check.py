"""Mistake: the counter goes up at the top of every pass, the pass that only checks and stops
included."""

BREAKS = ("descend_until",)
DIAGNOSES = {"descend_until": ("counts_final_check",)}

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = np.copy(x0)
    for _ in range(epochs):
        x -= learning_rate * dfn(x)
    return x


def descent_path(x0, learning_rate, dfn, epochs):
    path = np.empty((epochs + 1,) + np.shape(x0))
    path[0] = x0
    for k in range(epochs):
        path[k + 1] = path[k] - learning_rate * dfn(path[k])
    return path


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    x = np.copy(x0)
    count = 0
    while count < max_epochs:
        count += 1
        step = learning_rate * dfn(x)
        if np.max(np.abs(step)) < tol:
            break
        x -= step
    return x, count
