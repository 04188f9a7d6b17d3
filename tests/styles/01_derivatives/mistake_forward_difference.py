"""Mistake: a forward difference (f(x + h) - f(x)) / h."""

BREAKS = ("numerical_derivative",)
DIAGNOSES = {"numerical_derivative": ("forward_difference",)}

def fn(x):
    return 2 * x * x


def dfn(x):
    return 4 * x


def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


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
