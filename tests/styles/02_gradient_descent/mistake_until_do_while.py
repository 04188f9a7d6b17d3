"""Mistake: a do-while loop: the small step is applied and counted before it is tested."""

BREAKS = ('descend_until',)
DIAGNOSES = {'descend_until': ('applies_final_step',)}

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = x0
    for _ in range(epochs):
        # x - ... builds a new value, so x0 is never changed in place.
        x = x - learning_rate * dfn(x)
    return x


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
    x, steps = x0, 0
    while steps < max_epochs:
        step = learning_rate * dfn(x)
        x = x - step
        steps += 1
        if np.abs(step).max() < tol:
            break
    return x, steps
