"""Correct: updates in place, always on a copy of x0; the path is preallocated."""

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = np.array(x0, dtype=np.float64)  # a copy: x0 is never written to
    for _ in range(epochs):
        x -= learning_rate * dfn(x)
    return x


def descent_path(x0, learning_rate, dfn, epochs):
    x = np.array(x0, dtype=np.float64)
    path = np.zeros((epochs + 1,) + x.shape)
    path[0] = x
    for k in range(1, epochs + 1):
        x -= learning_rate * dfn(x)
        path[k] = x  # assignment copies the values into the row
    return path


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    x = np.array(x0, dtype=np.float64)
    for steps in range(max_epochs):
        step = learning_rate * dfn(x)
        if np.all(np.abs(step) < tol):
            return x, steps
        x -= step
    return x, max_epochs
