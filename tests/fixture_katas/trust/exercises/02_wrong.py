"""Wrong values: a factor of 3 instead of 2, and gradient ascent instead of descent."""


def double(x):
    return 3 * x


def descend(x0, learning_rate, dfn, epochs):
    x = x0
    for _ in range(epochs):
        x = x + learning_rate * dfn(x)
    return x
