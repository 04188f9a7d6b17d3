"""The stubs as shipped."""


def double(x):
    raise NotImplementedError("03_not_started: double")


def descend(x0, learning_rate, dfn, epochs):
    raise NotImplementedError("03_not_started: descend")
