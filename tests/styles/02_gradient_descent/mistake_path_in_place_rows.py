"""Mistake: x -= ... updates one array in place, and the list holds it again and again."""

BREAKS = ('descent_path',)
DIAGNOSES = {'descent_path': ('path_rows_shared',)}

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = x0
    for _ in range(epochs):
        # x - ... builds a new value, so x0 is never changed in place.
        x = x - learning_rate * dfn(x)
    return x


def descent_path(x0, learning_rate, dfn, epochs):
    x = np.array(x0, dtype=np.float64)
    rows = [x]
    for _ in range(epochs):
        x -= learning_rate * dfn(x)
        rows.append(x)
    return np.array(rows)


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    x = x0
    steps = 0
    for _ in range(max_epochs):
        step = learning_rate * dfn(x)
        # Test the step before taking it: a tiny step is not applied.
        if np.max(np.abs(step)) < tol:
            break
        x = x - step
        steps += 1
    return x, steps
