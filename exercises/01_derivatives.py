"""Exercise 01: derivatives (导数).

Training a model means finding the weights that make its loss (损失函数, how wrong the
model's predictions are) as small as possible: the loss is a function of the weights, and
training looks for its minimum (最小值). This first
exercise is about the tool that tells us where a minimum is and which way is downhill:
the derivative.

We use the lesson's example throughout, y = 2 * x**2. Its graph is a bowl with the lowest
point at x = 0. For a bowl we can see the answer, but a real model has millions of weights
and no picture, so we need a rule we can compute:

- the derivative f'(x) is the slope of f at x;
- f'(x) < 0: f falls to the right, so the minimum is further right;
- f'(x) > 0: f rises to the right, so the minimum is further left;
- f'(x) = 0: a flat spot, a candidate for the minimum (驻点, a stationary point).

On paper, "set the derivative to zero and solve" finds the minimum (stationary_point below).
Exercise 02 shows why training does not do that and walks downhill instead.

Work through the functions in order; each docstring says what to return. Check your work
with `grader run 01`, and ask for a nudge with `grader hint 01`.
"""

import numpy as np


def fn(x):
    """The lesson's function f(x) = 2 * x**2.

    Args:
        x: a float, or a NumPy array (then work elementwise: one result per element).

    Returns:
        2 * x**2, a float for a float, an array of the same shape for an array.

    Example:
        fn(3.0) == 18.0;  fn(np.array([-1.0, 0.0, 2.0])) -> array([2., 0., 8.])

    Why it matters: this bowl stands in for a loss. Its lowest point, x = 0, is what
    training would be looking for.
    """
    # TODO: return 2 * x squared.
    raise NotImplementedError("01_derivatives.fn: not written yet")


def dfn(x):
    """The derivative (导数, also called the 导函数) of fn: f'(x) = 4 * x.

    Args:
        x: a float, or a NumPy array (elementwise).

    Returns:
        4 * x, a float for a float, an array of the same shape for an array.

    Example:
        dfn(3.0) == 12.0 (at x = 3 the bowl rises 12 units per unit step to the right);
        dfn(-0.5) == -2.0 (negative: downhill is to the right).

    Why it matters: the sign of the derivative says which way is downhill, and its size
    says how steep it is there. Gradient descent (exercise 02) uses exactly this.
    """
    # TODO: return the derivative of 2 * x**2 at x.
    raise NotImplementedError("01_derivatives.dfn: not written yet")


def numerical_derivative(f, x, h=1e-5):
    """Estimate f'(x) from two values of f: the central difference.

        f'(x) ~= (f(x + h) - f(x - h)) / (2 * h)

    Args:
        f: a function of one variable that works elementwise on floats and arrays.
        x: a float, or a NumPy array of points (one estimate per element).
        h: the half-width of the step, a small positive float.

    Returns:
        the estimate, a float for a float, an array shaped like x for an array.
        x itself must not be changed.

    Example:
        for f = fn, x = 3.0, h = 0.5:
        (fn(3.5) - fn(2.5)) / 1.0 = (24.5 - 12.5) / 1.0 = 12.0, equal to dfn(3.0).
        For f(x) = x**3 at x = 1.0 with h = 0.1: (1.331 - 0.729) / 0.2 = 3.01 (exact: 3).

    Why it matters: it needs no calculus at all, only two calls of f. That makes it the
    standard way to check a derivative written by hand (and, later, autograd).
    """
    # TODO: return the central-difference estimate of f'(x) with step h.
    raise NotImplementedError("01_derivatives.numerical_derivative: not written yet")


def tangent_line(f, df, x0):
    """The tangent line (切线) of f at the point x0, as y = slope * x + intercept.

    The tangent touches the curve at (x0, f(x0)) and has the curve's slope there.

    Args:
        f: the function; df: its derivative; both take a float.
        x0: the float where the line touches the curve.

    Returns:
        the tuple (slope, intercept) of two floats.

    Example:
        tangent_line(fn, dfn, 1.0) == (4.0, -2.0): the line y = 4x - 2 touches y = 2x**2
        at (1, 2) with the bowl's slope there.

    Why it matters: near x0 the function looks like its tangent. A small step along the
    tangent's downhill direction therefore lowers f, which is the idea behind every
    gradient descent step.
    """
    # TODO: return the slope and the intercept of the tangent of f at x0.
    raise NotImplementedError("01_derivatives.tangent_line: not written yet")


def stationary_point(a, b, c):
    """The stationary point (驻点) of a parabola (二次函数) q(x) = a*x**2 + b*x + c.

    This is the paper method from the lesson, "derivative = 0", for a formula we can
    solve: x_star is the x where q'(x) is zero, and its kind says whether q is lowest
    ("minimum") or highest ("maximum") there.

    Args:
        a, b, c: floats, the coefficients. c lifts the whole parabola up or down, so it
        does not move x_star.

    Returns:
        the tuple (x_star, kind): a float and the string "minimum" or "maximum".

    Raises:
        ValueError when a == 0: then q is a straight line with no stationary point.

    Example:
        stationary_point(2.0, -8.0, 1.0) == (2.0, "minimum"): q'(2) = 0.
        stationary_point(-1.0, 4.0, 0.0) == (2.0, "maximum").

    Why it matters: this works for one variable and a formula we can solve. A model with
    billions of weights gives billions of coupled equations nobody can solve this way,
    which is why training iterates instead (exercise 02).
    """
    # TODO: return the x where the derivative of q is zero and whether it is a minimum
    # or a maximum; refuse a == 0 with a ValueError.
    raise NotImplementedError("01_derivatives.stationary_point: not written yet")
