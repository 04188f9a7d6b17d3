"""Results that are not numbers."""

import numpy as np


def double(x):
    return x * np.nan


def descend(x0, learning_rate, dfn, epochs):
    return np.full(np.shape(x0), np.inf)
