"""Hidden tests for 03_partial_derivatives.

Points have three clearly different coordinates, none near 0, 1 or 2, so a copy-pasted
partial (2*y in df_z), a forgotten square or 2*x written as x**2 shows. The numerical
gradient is taken of non-quadratic functions that couple every coordinate (perturbing all
coordinates at once, or a forward difference, misses by far), and descent follows a
gradient with a non-diagonal matrix (updating one coordinate at a time shows).
"""

import numpy as np
import pytest

from grader.kata import fn

PARTIALS = ["df_x", "df_y", "df_z"]


def _point(rng):
    """Three distinct coordinates, pairwise at least 1 apart, none near 0, 1 or 2."""
    centers = rng.permutation([-2.5, -0.7, 1.4, 3.1])[:3]
    return centers + rng.uniform(-0.2, 0.2, size=3)


def _spd(rng, n, low=1.0, high=3.0):
    """A symmetric positive definite matrix with eigenvalues in [low, high], far from diagonal."""
    q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return q @ np.diag(rng.uniform(low, high, size=n)) @ q.T


@pytest.mark.grades("f")
def test_f(kata, rng):
    for _ in range(3):
        kata.check("f", *map(float, _point(rng)))


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=pytest.mark.grades(name)) for name in PARTIALS]
)
def test_partial_derivative(kata, rng, name):
    for _ in range(3):
        kata.check(name, *map(float, _point(rng)))


@pytest.mark.grades("gradient")
def test_gradient(kata, rng):
    for _ in range(3):
        kata.check("gradient", _point(rng))


@pytest.mark.grades("gradient")
def test_gradient_of_a_list(kata, rng):
    # the stub promises a list works as well as an array (2 * p repeats a list)
    kata.check("gradient", [float(v) for v in _point(rng)])


def _func(rng, family, n):
    if family == "log_sum_exp":
        return fn("log_sum_exp", W=rng.normal(size=(n + 2, n)), b=rng.normal(size=n + 2))
    return fn("coupled_quartic", A=rng.normal(size=(n, n)) / np.sqrt(n), c=rng.normal(size=n))


@pytest.mark.grades("numerical_gradient")
@pytest.mark.parametrize(
    "family, n, h",
    [("log_sum_exp", 3, 0.05), ("coupled_quartic", 4, 0.01), ("log_sum_exp", 6, 0.1)],
)
def test_numerical_gradient_with_a_large_step(kata, rng, family, n, h):
    kata.check("numerical_gradient", _func(rng, family, n), rng.uniform(-1.0, 1.0, n), h)


@pytest.mark.grades("numerical_gradient")
@pytest.mark.parametrize("family, n", [("coupled_quartic", 3), ("log_sum_exp", 5)])
def test_numerical_gradient_with_the_default_step(kata, rng, family, n):
    kata.check("numerical_gradient", _func(rng, family, n), rng.uniform(-1.0, 1.0, n))


@pytest.mark.grades("numerical_gradient")
def test_numerical_gradient_with_h_as_keyword(kata, rng):
    kata.check("numerical_gradient", _func(rng, "coupled_quartic", 2),
               rng.uniform(-1.0, 1.0, 2), h=0.05)


def _descent(rng, n, family):
    """(grad, p0, learning_rate): the gradient's slope lies in [1, top] along every direction,
    so a step goes 15..45 % of the way along the steepest one and descent stays stable."""
    A, b = _spd(rng, n), rng.normal(size=n)
    if family == "linear":
        grad, top = fn("linear_gradient", A=A, b=b), 3.0
    else:
        grad, top = fn("tanh_gradient", A=A, b=b, s=1.0), 4.0
    return grad, rng.uniform(-3.0, 3.0, n), float(rng.uniform(0.15, 0.45) / top)


@pytest.mark.grades("gradient_descent_nd")
@pytest.mark.parametrize(
    "n, family, epochs", [(3, "linear", 12), (5, "tanh", 20), (2, "tanh", 1), (4, "linear", 0)]
)
def test_gradient_descent_nd(kata, rng, n, family, epochs):
    grad, p0, learning_rate = _descent(rng, n, family)
    kata.check("gradient_descent_nd", grad, p0, learning_rate, epochs)
