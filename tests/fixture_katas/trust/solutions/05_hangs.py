def spin(x):
    return x + 1.0


def nap(x):
    return x + 1.0


def double(x):
    return 2 * x
