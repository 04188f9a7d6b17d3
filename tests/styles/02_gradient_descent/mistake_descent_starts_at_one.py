"""Mistake: range(1, epochs) does one update fewer than epochs."""

BREAKS = ('gradient_descent',)
DIAGNOSES = {'gradient_descent': ('one_step_too_few',)}

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = np.copy(x0)
    for _ in range(1, epochs):
        x = x - learning_rate * dfn(x)
    return x if np.ndim(x) else float(x)


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
