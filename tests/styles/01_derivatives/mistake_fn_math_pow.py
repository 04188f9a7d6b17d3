"""Mistake: math.pow works on floats only, so arrays fail."""

BREAKS = ("fn",)
DIAGNOSES = {"fn": ("scalar_only",)}

import math


def fn(x):
    return 2 * math.pow(x, 2)


def dfn(x):
    return 4 * x


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
