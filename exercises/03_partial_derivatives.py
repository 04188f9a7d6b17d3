"""Exercise 03: partial derivatives (偏导数) and the gradient (梯度).

A real loss depends on many weights at once, not on one x. The lesson's example is

    f(x, y, z) = x**2 + y**2 + z**2

a bowl in three dimensions with its lowest point at (0, 0, 0).

A partial derivative asks how f changes when ONE variable moves and all the others stay
fixed (treat them as constants). For this f that gives 2x, 2y and 2z. Put all of them in
one vector and you have the gradient: it points uphill, the steepest way up, so minus the
gradient points downhill. "Subtract the derivative" from exercise 02 becomes "subtract the
gradient", with every variable taking its own step at the same time:

    p = p - learning_rate * gradient(p)

This is gradient descent (梯度下降) in full: the same loop trains a model with 3 weights
or with 8 billion.

Check your work with `grader run 03`; hints with `grader hint 03`.
"""

import numpy as np


def f(x, y, z):
    """The bowl f(x, y, z) = x**2 + y**2 + z**2.

    Args:
        x, y, z: floats (or NumPy arrays of one shape, elementwise).

    Returns:
        a float (an array for arrays).

    Example:
        f(1.0, 2.0, 3.0) == 14.0

    Why it matters: it stands in for a loss that depends on several weights at once.
    """
    # TODO: return the sum of the three squares.
    raise NotImplementedError("03_partial_derivatives.f: not written yet")


def df_x(x, y, z):
    """The partial derivative of f with respect to x: df/dx = 2 * x.

    y and z are held fixed, so y**2 + z**2 is a constant and its derivative is 0.

    Args / Returns: as for f.

    Example:
        df_x(1.0, 2.0, 3.0) == 2.0

    Why it matters: each weight needs its own slope to know which way to move.
    """
    # TODO: return the partial derivative of f with respect to x.
    raise NotImplementedError("03_partial_derivatives.df_x: not written yet")


def df_y(x, y, z):
    """The partial derivative of f with respect to y: df/dy = 2 * y.

    Example:
        df_y(1.0, 2.0, 3.0) == 4.0
    """
    # TODO: return the partial derivative of f with respect to y.
    raise NotImplementedError("03_partial_derivatives.df_y: not written yet")


def df_z(x, y, z):
    """The partial derivative of f with respect to z: df/dz = 2 * z.

    Example:
        df_z(1.0, 2.0, 3.0) == 6.0
    """
    # TODO: return the partial derivative of f with respect to z.
    raise NotImplementedError("03_partial_derivatives.df_z: not written yet")


def gradient(p):
    """The gradient (梯度) of f at the point p = (x, y, z): [df_x, df_y, df_z].

    Args:
        p: a NumPy array (or list) of shape (3,) holding x, y and z.

    Returns:
        a float NumPy array of shape (3,): the three partial derivatives at p.

    Example:
        gradient(np.array([1.0, 2.0, 3.0])) -> array([2., 4., 6.])

    Why it matters: the gradient bundles every slope into one vector; minus the gradient
    is the direction in which f falls fastest.
    """
    # TODO: return the three partial derivatives at p as one array.
    raise NotImplementedError("03_partial_derivatives.gradient: not written yet")


def numerical_gradient(func, p, h=1e-5):
    """Estimate the gradient of any function by central differences, one axis at a time.

    With e_i the vector with 1 at position i and 0 elsewhere, component i is

        g[i] = (func(p + h * e_i) - func(p - h * e_i)) / (2 * h)

    Args:
        func: a function taking a float array of shape (n,) and returning a scalar.
        p: the point, a float array of shape (n,). It must hold the same numbers after
           your call.
        h: the half-width of the step (use the one given).

    Returns:
        a float array of shape (n,).

    Example (h = 0.5):
        func(p) = p[0]**2 + 3 * p[1] at p = [1.0, 2.0]:
        g[0] = (func([1.5, 2.0]) - func([0.5, 2.0])) / 1.0 = (8.25 - 6.25) / 1.0 = 2.0
        g[1] = (func([1.0, 2.5]) - func([1.0, 1.5])) / 1.0 = (8.5 - 5.5) / 1.0 = 3.0
        so the result is array([2., 3.]), the exact gradient [2 * p[0], 3].

    Why it matters: it checks a hand-written gradient for any number of variables, using
    only calls of the function. Gradient checking like this catches most bugs in
    derivative code.
    """
    # TODO: return one central-difference estimate per coordinate of p.
    raise NotImplementedError("03_partial_derivatives.numerical_gradient: not written yet")


def gradient_descent_nd(grad, p0, learning_rate, epochs):
    """Gradient descent in n dimensions: `epochs` updates p = p - learning_rate * grad(p).

    The update is simultaneous: every coordinate moves using the gradient at the SAME old
    point. Updating x first and then computing y's slope at the half-updated point is a
    different (and wrong) algorithm once the variables interact.

    Args:
        grad: a function taking a float array of shape (n,) and returning shape (n,).
        p0: the starting point, a float array of shape (n,) (never changed).
        learning_rate: a positive float; epochs: an int >= 0.

    Returns:
        a float array of shape (n,): the point after the last update (p0's values when
        epochs == 0).

    Example (grad = gradient above, learning_rate = 0.1, so each update is p - 0.2p):
        p0 = [1.0, 2.0, 3.0] -> [0.8, 1.6, 2.4] -> [0.64, 1.28, 1.92] after 2 epochs.

    Why it matters: this is exactly the training loop of a model whose weights are p and
    whose loss gradient is grad; the lesson's x, y, z loop is this with n = 3.
    """
    # TODO: apply the simultaneous update `epochs` times from p0 and return the point.
    raise NotImplementedError("03_partial_derivatives.gradient_descent_nd: not written yet")
