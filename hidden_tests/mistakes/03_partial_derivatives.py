"""Models of the known mistakes of 03_partial_derivatives (trusted course content, never
shipped).

Each function `<function>__<diagnosis id>[__<variant>]` takes the graded function's
arguments and returns what a learner who makes that mistake returns. The grader runs them on
a failed check's own inputs; one that agrees with the learner's result names the mistake.
Within a function, the more likely mistakes come first.
"""

import numpy as np


def f__missing_term(x, y, z):
    return x**2 + y**2


def f__missing_term__y(x, y, z):
    return x**2 + z**2


def f__missing_term__x(x, y, z):
    return y**2 + z**2


def df_x__missing_factor(x, y, z):
    return x


def df_x__wrong_variable(x, y, z):
    return 2 * y


def df_x__wrong_variable__z(x, y, z):
    return 2 * z


def df_y__missing_factor(x, y, z):
    return y


def df_y__wrong_variable(x, y, z):
    return 2 * x


def df_y__wrong_variable__z(x, y, z):
    return 2 * z


def df_z__missing_factor(x, y, z):
    return z


def df_z__wrong_variable(x, y, z):
    return 2 * y


def df_z__wrong_variable__x(x, y, z):
    return 2 * x


def gradient__missing_factor(p):
    return np.array(p, dtype=float)


def _central(func, p, h, *, ahead, behind, divisor):
    p = np.array(p, dtype=float)
    grad = np.zeros(len(p))
    for i in range(len(p)):
        step = np.zeros(len(p))
        step[i] = h
        grad[i] = (func(p + ahead * step) - func(p - behind * step)) / divisor
    return grad


def numerical_gradient__forward_difference(func, p, h=1e-5):
    return _central(func, p, h, ahead=1.0, behind=0.0, divisor=h)


def numerical_gradient__divides_by_h(func, p, h=1e-5):
    return _central(func, p, h, ahead=1.0, behind=1.0, divisor=h)


def numerical_gradient__precedence(func, p, h=1e-5):
    return _central(func, p, h, ahead=1.0, behind=1.0, divisor=2.0) * h  # `/ 2 * h`


def numerical_gradient__perturbs_all(func, p, h=1e-5):
    p = np.array(p, dtype=float)
    return np.full(len(p), (func(p + h) - func(p - h)) / (2 * h))


def numerical_gradient__ignores_argument(func, p, h=1e-5):
    return _central(func, p, 1e-5, ahead=1.0, behind=1.0, divisor=2e-5)


def _descend(grad, p0, learning_rate, epochs, sign=1.0):
    p = np.array(p0, dtype=float)
    for _ in range(epochs):
        p = p - sign * learning_rate * grad(p)
    return p


def gradient_descent_nd__sequential_update(grad, p0, learning_rate, epochs):
    p = np.array(p0, dtype=float)
    for _ in range(epochs):
        for i in range(len(p)):
            p[i] = p[i] - learning_rate * grad(p)[i]
    return p


def gradient_descent_nd__uphill(grad, p0, learning_rate, epochs):
    return _descend(grad, p0, learning_rate, epochs, sign=-1.0)


def gradient_descent_nd__one_step_too_few(grad, p0, learning_rate, epochs):
    return _descend(grad, p0, learning_rate, max(epochs - 1, 0))


def gradient_descent_nd__one_step_too_many(grad, p0, learning_rate, epochs):
    return _descend(grad, p0, learning_rate, epochs + 1)


def gradient_descent_nd__ignores_argument(grad, p0, learning_rate, epochs):
    return _descend(grad, p0, 0.1, epochs)


def gradient_descent_nd__ignores_argument__hundredth(grad, p0, learning_rate, epochs):
    return _descend(grad, p0, 0.01, epochs)
