"""Mistake: the kind picked from a pair indexed by a > 0, in the wrong order."""

BREAKS = ('stationary_point',)
DIAGNOSES = {'stationary_point': ('min_max_swapped',)}

def fn(x):
    # The lesson's bowl; ** and * work elementwise on arrays too.
    return 2 * x**2


def dfn(x):
    # Power rule: d/dx (2 * x**2) = 2 * 2 * x.
    return 4 * x


def numerical_derivative(f, x, h=1e-5):
    # x + h and x - h build new values, so the caller's x is never touched.
    return (f(x + h) - f(x - h)) / (2 * h)


def tangent_line(f, df, x0):
    # The tangent has the curve's slope at x0 ...
    slope = df(x0)
    # ... and passes through (x0, f(x0)).
    intercept = f(x0) - slope * x0
    return slope, intercept


def stationary_point(a, b, c):
    if a == 0:
        raise ValueError("a == 0")
    kinds = ("minimum", "maximum")
    return -b / (2 * a), kinds[int(a > 0)]
