"""Mistake: fn reads 2x² as (2x)², and dfn, derived from that fn, is 8x."""

BREAKS = ("fn", "dfn")
DIAGNOSES = {"fn": ("precedence",), "dfn": ("precedence",)}


def fn(x):
    return (2 * x) ** 2


def dfn(x):
    return 8 * x  # chain rule on (2x)**2


def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


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
