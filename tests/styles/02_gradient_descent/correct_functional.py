"""Correct: recursion, itertools and Python floats where the input is a float."""

import itertools

import numpy as np


def _update(learning_rate, dfn):
    return lambda x, _: x - learning_rate * dfn(x)


def gradient_descent(x0, learning_rate, dfn, epochs):
    if epochs == 0:
        return x0
    return gradient_descent(x0 - learning_rate * dfn(x0), learning_rate, dfn, epochs - 1)


def descent_path(x0, learning_rate, dfn, epochs):
    points = itertools.accumulate(range(epochs), _update(learning_rate, dfn), initial=x0)
    return np.stack([np.asarray(p, dtype=np.float64) for p in points])


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    x, steps = x0, 0
    for steps in itertools.count():
        if steps == max_epochs:
            break
        step = learning_rate * dfn(x)
        if float(np.max(np.abs(step))) < tol:
            break
        x = x - step
    return x, steps
