"""Correct: NumPy functions throughout; scalars come back as NumPy floats."""

import numpy as np


def fn(x):
    return np.multiply(2.0, np.square(x))


def dfn(x):
    return np.multiply(4.0, x)


def numerical_derivative(f, x, h=1e-5):
    x = np.asarray(x, dtype=np.float64)
    rise = np.subtract(f(x + h), f(x - h))
    return np.divide(rise, 2.0 * h)


def tangent_line(f, df, x0):
    x0 = np.float64(x0)
    slope = np.float64(df(x0))
    return (slope, np.float64(f(x0)) - slope * x0)


def stationary_point(a, b, c):
    if np.isclose(a, 0.0, rtol=0.0, atol=0.0):
        raise ValueError("not a parabola")
    kinds = {1.0: "minimum", -1.0: "maximum"}
    return np.float64(-b) / np.float64(2.0 * a), kinds[float(np.sign(a))]
