import numpy as np


def as_text(x):
    return float(x)


def float_subclass(x):
    return 2.0 * x


def always_equal(x):
    return np.array([x, x])


def array_subclass(x):
    return np.array([x])
