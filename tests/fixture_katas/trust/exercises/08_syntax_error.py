"""Does not parse: a missing colon."""


def double(x)
    return 2 * x


def descend(x0, learning_rate, dfn, epochs):
    return x0
