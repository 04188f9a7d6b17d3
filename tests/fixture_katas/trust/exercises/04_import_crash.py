"""Raises while the file is loaded."""

SCALE = 2 / 0


def double(x):
    return SCALE * x


def descend(x0, learning_rate, dfn, epochs):
    return x0
