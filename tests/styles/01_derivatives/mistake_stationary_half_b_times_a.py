"""Mistake: x* = -0.5 * b * a multiplies by a where it should divide by 2a."""

BREAKS = ('stationary_point',)
DIAGNOSES = {'stationary_point': ('precedence',)}

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
        raise ValueError("a must not be 0")
    x_star = -0.5 * b * a
    return x_star, ("minimum" if a > 0 else "maximum")
