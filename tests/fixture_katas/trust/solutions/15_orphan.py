def spawn(x):
    return x + 1.0


def double(x):
    return 2 * x
