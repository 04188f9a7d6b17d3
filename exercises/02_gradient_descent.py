"""Exercise 02: gradient descent (梯度下降).

Training = finding the minimum of the loss. Exercise 01 found a minimum on paper by
solving "derivative = 0". That needs an equation we can solve, and a model with billions
of weights gives us none. So deep learning uses an iterative method (迭代法) instead:
start somewhere, and take many small steps downhill.

Which way is downhill? Take the lesson's bowl f(x) = 2 * x**2 with f'(x) = 4 * x:

- left of the minimum, f'(x) < 0, and we want to move right: x - f'(x) is larger than x;
- right of the minimum, f'(x) > 0, and we want to move left: x - f'(x) is smaller than x;
- at the minimum, f'(x) = 0, and x - f'(x) stays put.

So on every side the same rule works: subtract the derivative. Scaled by a small number,
the learning rate (学习率), it gives the update

    x = x - learning_rate * dfn(x)

repeated for a number of epochs (迭代次数). The lesson starts anywhere in [-1000, 1000],
uses learning_rate = 1e-2 and 1000 epochs, and ends very close to 0.

A learning rate that is too small crawls; one that is too large jumps over the minimum and
can even move away from it. The path (descent_path) lets you watch both happen.

Check your work with `grader run 02`; hints with `grader hint 02`.
"""

import numpy as np


def gradient_descent(x0, learning_rate, dfn, epochs):
    """Walk downhill from x0: exactly `epochs` updates x = x - learning_rate * dfn(x).

    Args:
        x0: the starting point (出生点), a float or a NumPy array of floats.
        learning_rate: the step size, a positive float.
        dfn: the derivative; takes and returns a float or an array shaped like x.
        epochs: the number of updates, an int >= 0.

    Returns:
        the point after the last update, a float or an array shaped like x0. With
        epochs == 0 nothing moves: return x0's value. Never change x0 itself: an array
        passed in must hold the same numbers after your call.

    Example (f = 2x**2, dfn(x) = 4x, learning_rate = 0.1, so each update is x - 0.4x):
        x0 = 10.0 -> 6.0 -> 3.6 -> 2.16, so gradient_descent(10.0, 0.1, dfn, 3) == 2.16
        (up to float rounding). With learning_rate = 1e-2 each update multiplies x by
        0.96, and after 1000 epochs x = 10 * 0.96**1000, about 2e-17: the minimum.

    Why it matters: this loop is how every deep learning model is trained; only the
    function and the number of variables change.
    """
    # TODO: apply the update `epochs` times starting from x0, and return where you end.
    raise NotImplementedError("02_gradient_descent.gradient_descent: not written yet")


def descent_path(x0, learning_rate, dfn, epochs):
    """The same walk as gradient_descent, but record every point on the way.

    Args:
        x0, learning_rate, dfn, epochs: as for gradient_descent.

    Returns:
        a float64 NumPy array of shape (epochs + 1,) + np.shape(x0):
        row 0 is x0, row k is x after k updates, computed in float64 (x0 unchanged).
        For a float x0, np.shape(x0) is () and the path is a 1-D array of epochs + 1
        numbers; for x0 of shape (2,) it is (epochs + 1, 2).

    Example (dfn(x) = 4x, learning_rate = 0.1, x0 = 10.0, epochs = 3):
        array([10.0, 6.0, 3.6, 2.16])
        With learning_rate = 0.6 each update multiplies x by 1 - 2.4 = -1.4:
        array([10.0, -14.0, 19.6, -27.44]) - the steps overshoot and the walk diverges.

    Why it matters: the path shows how fast the loss goes down and whether the learning
    rate is sensible, which is what training curves are for.
    """
    # TODO: return the starting point and every point after each update, as rows of a
    # float64 array.
    raise NotImplementedError("02_gradient_descent.descent_path: not written yet")


def descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    """Walk downhill until the steps become tiny, and count the updates.

    Instead of a fixed number of epochs, stop when moving no longer changes much. A step
    is learning_rate * dfn(x) at the current x, and it is tiny when its size is below
    tol. Its size is the largest absolute value of its elements, np.max(np.abs(step)),
    which is also right for a float step. A tiny step is neither taken nor counted, and
    the walk never makes more than max_epochs updates. The grader counts the updates, so
    this rule has to hold exactly.

    Args:
        x0: the starting point, a float or a NumPy array (never changed).
        learning_rate: a positive float; dfn: the derivative.
        tol: the size below which a step counts as tiny.
        max_epochs: the most updates allowed (stops a walk that never settles).

    Returns:
        the tuple (x, steps): the final point and the number of updates done (an int,
        between 0 and max_epochs).

    Example (dfn(x) = 4x, learning_rate = 0.1, tol = 1.0, x0 = 10.0):
        the steps are 4.0, 2.4 and 1.44, taking x to 6.0, 3.6 and 2.16; the next step,
        0.864, is tiny. Result (2.16, 3).
        From x0 = 0.0 the first step is 0, so the result is (0.0, 0).

    Why it matters: in practice nobody knows the right number of epochs beforehand;
    stopping when progress stalls (with a safety limit) is a common way to decide.
    """
    # TODO: update x while the step is at least tol (at most max_epochs times) and
    # return the final x with the number of updates.
    raise NotImplementedError("02_gradient_descent.descend_until: not written yet")
