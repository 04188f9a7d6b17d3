"""Right wherever the grader is right; must_raise forgets to raise."""


class NegativeInput(ValueError):
    pass


def untested(x):
    return x


def asserted(x):
    return 4


def buggy_test(x):
    return x


def bad_reference(x):
    return x


def must_raise(x):
    return x


def raises_right(x):
    raise NegativeInput("x must not be 0")


def unknown_callable(f, x):
    return f(x)
