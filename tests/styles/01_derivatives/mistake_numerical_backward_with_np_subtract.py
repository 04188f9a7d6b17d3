"""Mistake: a backward difference written with np.subtract and np.divide."""

BREAKS = ('numerical_derivative',)
DIAGNOSES = {'numerical_derivative': ('forward_difference',)}

import numpy as np


def fn(x):
    # The lesson's bowl; ** and * work elementwise on arrays too.
    return 2 * x**2


def dfn(x):
    # Power rule: d/dx (2 * x**2) = 2 * 2 * x.
    return 4 * x


def numerical_derivative(f, x, h=1e-5):
    return np.divide(np.subtract(f(x), f(x - h)), h)


def tangent_line(f, df, x0):
    # The tangent has the curve's slope at x0 ...
    slope = df(x0)
    # ... and passes through (x0, f(x0)).
    intercept = f(x0) - slope * x0
    return slope, intercept


def stationary_point(a, b, c):
    # With a == 0 the "parabola" is a line: its derivative b is never zero (or always).
    if a == 0:
        raise ValueError("a == 0: q is a straight line and has no stationary point")
    # q'(x) = 2*a*x + b = 0.
    x_star = -b / (2 * a)
    # Opening upwards (a > 0) means the flat point is the bottom.
    kind = "minimum" if a > 0 else "maximum"
    return x_star, kind
