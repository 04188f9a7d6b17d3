"""Results that are not plain data, some built to compare equal to anything."""

import numpy as np


class Sneaky(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class Anything:
    def __eq__(self, other):
        return True

    def __array__(self, dtype=None, copy=None):
        return np.array([0.0, 0.0])


class Marked(np.ndarray):
    pass


def as_text(x):
    return str(x)


def float_subclass(x):
    return Sneaky(2.0 * x)


def always_equal(x):
    return Anything()


def array_subclass(x):
    return np.array([x]).view(Marked)
