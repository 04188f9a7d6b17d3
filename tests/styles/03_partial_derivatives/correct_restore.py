"""Correct: Python floats for the partials; the numerical gradient moves one coordinate of
a copy and puts it back."""

import numpy as np


def f(x, y, z):
    return float(x * x + y * y + z * z)


def df_x(x, y, z):
    return float(x + x)


def df_y(x, y, z):
    return float(y + y)


def df_z(x, y, z):
    return float(z + z)


def gradient(p):
    x, y, z = (float(v) for v in p)
    return np.array([df_x(x, y, z), df_y(x, y, z), df_z(x, y, z)], dtype=float)


def numerical_gradient(func, p, h=1e-5):
    q = np.array(p, dtype=float)
    grad = np.empty_like(q)
    for i, original in enumerate(p):
        q[i] = original + h
        ahead = func(q)
        q[i] = original - h
        behind = func(q)
        q[i] = original
        grad[i] = (ahead - behind) / (2 * h)
    return grad


def gradient_descent_nd(grad, p0, learning_rate, epochs):
    p = np.copy(p0)
    epoch = 0
    while epoch < epochs:
        g = np.asarray(grad(p))
        p = p - learning_rate * g
        epoch += 1
    return p
