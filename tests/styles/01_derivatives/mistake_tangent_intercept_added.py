"""Mistake: the intercept written as f(x0) + df(x0) * x0, on one line with a lambda."""

BREAKS = ('tangent_line',)
DIAGNOSES = {'tangent_line': ('sign_error',)}

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
    line = lambda m: (m, f(x0) + m * x0)  # noqa: E731
    return line(df(x0))


def stationary_point(a, b, c):
    # With a == 0 the "parabola" is a line: its derivative b is never zero (or always).
    if a == 0:
        raise ValueError("a == 0: q is a straight line and has no stationary point")
    # q'(x) = 2*a*x + b = 0.
    x_star = -b / (2 * a)
    # Opening upwards (a > 0) means the flat point is the bottom.
    kind = "minimum" if a > 0 else "maximum"
    return x_star, kind
