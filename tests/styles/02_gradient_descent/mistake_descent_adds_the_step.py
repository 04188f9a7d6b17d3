"""Mistake: x += learning_rate * dfn(x) on a copy climbs the curve."""

BREAKS = ('gradient_descent',)
DIAGNOSES = {'gradient_descent': ('uphill',)}

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = np.array(x0, dtype=float)
    for _ in range(epochs):
        x += learning_rate * dfn(x)
    return x if x.ndim else float(x)


def descent_path(x0, learning_rate, dfn, epochs):
    # A float64 copy: the spec computes the path in float64, and x0 stays untouched.
    x = np.array(x0, dtype=np.float64)
    path = np.empty((epochs + 1,) + x.shape, dtype=np.float64)
    path[0] = x
    for k in range(1, epochs + 1):
        x = x - learning_rate * dfn(x)
        # Row k is the point after k updates.
        path[k] = x
    return path


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
