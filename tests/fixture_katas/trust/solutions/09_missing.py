"""Reference solution shared by the fixture exercises that grade double and descend."""


def double(x):
    return 2 * x


def descend(x0, learning_rate, dfn, epochs):
    x = x0
    for _ in range(epochs):
        x = x - learning_rate * dfn(x)
    return x
