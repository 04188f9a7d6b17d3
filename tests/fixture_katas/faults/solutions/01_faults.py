def untested(x):
    return x


def asserted(x):
    return 3


def buggy_test(x):
    return x


def bad_reference(x):
    raise RuntimeError("the reference is broken")


def must_raise(x):
    raise ValueError("x must not be 0")


def raises_right(x):
    raise ValueError("x must not be 0")


def unknown_callable(f, x):
    return f(x)
