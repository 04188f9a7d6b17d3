"""Right values, but the caller's arrays are changed in place."""


def double(x):
    x *= 2
    return x


def descend(x0, learning_rate, dfn, epochs):
    x = x0
    for _ in range(epochs):
        x -= learning_rate * dfn(x)
    return x
