"""Mistake: the step is fixed at 1e-5 whatever h is passed."""

BREAKS = ("numerical_derivative",)
DIAGNOSES = {"numerical_derivative": ("ignores_argument",)}

def fn(x):
    return 2 * x * x


def dfn(x):
    return 4 * x


def numerical_derivative(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)


def tangent_line(f, df, x0):
    slope = df(x0)
    intercept = f(x0) - slope * x0
    return slope, intercept


def stationary_point(a, b, c):
    if a == 0:
        raise ValueError("a must not be 0")
    x_star = -b / (2 * a)
    if a > 0:
        kind = "minimum"
    else:
        kind = "maximum"
    return x_star, kind
