"""Mistake: the gradient is returned as a tuple, not an array."""

BREAKS = ("gradient",)
DIAGNOSES = {"gradient": ("wrong_type",)}

import numpy as np


def f(x, y, z):
    return x**2 + y**2 + z**2


def df_x(x, y, z):
    return 2 * x


def df_y(x, y, z):
    return 2 * y


def df_z(x, y, z):
    return 2 * z


def gradient(p):
    x, y, z = p
    return df_x(x, y, z), df_y(x, y, z), df_z(x, y, z)


def numerical_gradient(func, p, h=1e-5):
    grad = np.zeros(len(p))
    for i in range(len(p)):
        step = np.zeros(len(p))
        step[i] = h
        grad[i] = (func(p + step) - func(p - step)) / (2 * h)
    return grad


def gradient_descent_nd(grad, p0, learning_rate, epochs):
    p = np.array(p0, dtype=float)
    for _ in range(epochs):
        p = p - learning_rate * grad(p)
    return p
