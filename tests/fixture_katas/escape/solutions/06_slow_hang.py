def hang1(x):
    return x


def hang2(x):
    return x


def hang3(x):
    return x


def fine(x):
    return x + 1
