"""Models of the known mistakes of 01_derivatives (trusted course content, never shipped).

Each function `<function>__<diagnosis id>[__<variant>]` takes the graded function's
arguments and returns what a learner who makes that mistake returns. The grader runs them on
a failed check's own inputs; one that agrees with the learner's result names the mistake.
Within a function, the more likely mistakes come first.
"""


def fn__precedence(x):
    return (2 * x) ** 2


def dfn__missing_factor(x):
    return 2 * x


def dfn__precedence(x):
    return 8 * x  # the derivative of (2x)², the formula grouped another way


def numerical_derivative__forward_difference(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def numerical_derivative__forward_difference__backward(f, x, h=1e-5):
    return (f(x) - f(x - h)) / h


def numerical_derivative__divides_by_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def numerical_derivative__precedence(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / 2 * h  # divided by 2, then multiplied by h


def numerical_derivative__ignores_argument(f, x, h=1e-5):
    fixed = 1e-5
    return (f(x + fixed) - f(x - fixed)) / (2 * fixed)


def tangent_line__sign_error(f, df, x0):
    slope = df(x0)
    return slope, f(x0) + slope * x0


def tangent_line__ignores_argument(f, df, x0):
    slope = 4 * x0  # the derivative of the file's own fn, not the df it was given
    return slope, f(x0) - slope * x0


def stationary_point__sign_error(a, b, c):
    return b / (2 * a), "minimum" if a > 0 else "maximum"


def stationary_point__precedence(a, b, c):
    return -b / 2 * a, "minimum" if a > 0 else "maximum"


def stationary_point__min_max_swapped(a, b, c):
    return -b / (2 * a), "maximum" if a > 0 else "minimum"
