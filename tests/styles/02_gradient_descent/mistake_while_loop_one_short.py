"""Mistake: a while loop that starts counting at 1, so it makes one update too few."""

BREAKS = ("gradient_descent",)
DIAGNOSES = {"gradient_descent": ("one_step_too_few",)}

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    x = np.array(x0, dtype=float)
    epoch = 1
    while epoch < epochs:
        x = x - learning_rate * dfn(x)
        epoch += 1
    return x


def descent_path(x0, learning_rate, dfn, epochs):
    points = [np.array(x0, dtype=float)]
    for _ in range(epochs):
        points.append(points[-1] - learning_rate * dfn(points[-1]))
    return np.stack(points)


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    x = np.array(x0, dtype=float)
    for done in range(max_epochs):
        step = learning_rate * dfn(x)
        if np.abs(step).max() < tol:
            return x, done
        x = x - step
    return x, max_epochs
