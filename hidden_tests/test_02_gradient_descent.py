"""Hidden tests for 02_gradient_descent.

The derivatives are those of convex bowls that are not quadratic, and the learning rate
takes each step a good part of the way to the minimum: an extra or a missing step, an
ignored learning rate or a step uphill changes the result far beyond the tolerance, while
every update stays well inside the stable range.
"""

import numpy as np
import pytest

from grader.kata import fn


def _start(rng, shape, center=0.0):
    """x0 at distance 1..3 from center: a Python float for shape (), else an array."""
    offset = rng.uniform(1.0, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
    x0 = center + offset
    return float(x0) if shape == () else x0


def _problem(rng, shape, family="bowl"):
    """(x0, learning_rate, dfn): a step takes 15..35 % of the way to the minimum."""
    if family == "bowl":
        k, s, center = rng.uniform(0.5, 1.5), rng.uniform(0.5, 1.5), rng.uniform(-2.0, 2.0)
        dfn = fn("bowl_prime", k=float(k), s=float(s), center=float(center))
        learning_rate = rng.uniform(0.15, 0.35) / (k + s)
    else:  # a rippled bowl: slope between k - a*w*w > 0 and k + a*w*w
        k, a, w = rng.uniform(1.0, 2.0), rng.uniform(0.2, 0.5), rng.uniform(1.0, 1.4)
        dfn = fn("wavy_bowl_prime", k=float(k), a=float(a), w=float(w))
        center, learning_rate = 0.0, rng.uniform(0.15, 0.35) / (k + a * w * w)
    return _start(rng, shape, float(center)), float(learning_rate), dfn


CASES = [
    pytest.param((), "bowl", 10, id="float"),
    pytest.param((4,), "bowl", 15, id="vector"),
    pytest.param((2, 3), "wavy", 8, id="matrix"),
    pytest.param((), "wavy", 0, id="float-no-epochs"),
    pytest.param((3,), "bowl", 0, id="vector-no-epochs"),
    pytest.param((), "bowl", 1, id="one-epoch"),
]


@pytest.mark.grades("gradient_descent")
@pytest.mark.parametrize("shape, family, epochs", CASES)
def test_gradient_descent(kata, rng, shape, family, epochs):
    x0, learning_rate, dfn = _problem(rng, shape, family)
    kata.check("gradient_descent", x0, learning_rate, dfn, epochs)


@pytest.mark.grades("descent_path")
@pytest.mark.parametrize("shape, family, epochs", CASES)
def test_descent_path(kata, rng, shape, family, epochs):
    x0, learning_rate, dfn = _problem(rng, shape, family)
    kata.check("descent_path", x0, learning_rate, dfn, epochs)


@pytest.mark.grades("descend_until")
def test_descend_until_in_sixteen_dimensions(kata, rng):
    # Sixteen coordinates shrinking alike by a tenth per update: the step's norm is four
    # times its largest entry, so a loop that measures the norm runs on for about 13
    # updates more, not one (which would look like applying the final small step).
    k, center = float(rng.uniform(0.5, 1.5)), float(rng.uniform(-2.0, 2.0))
    dfn = fn("bowl_prime", k=k, s=0.3, center=center)
    x0 = center + rng.uniform(2.0, 2.2) * rng.choice([-1.0, 1.0]) * rng.uniform(1.0, 1.05, 16)
    kata.check("descend_until", x0, 0.1 / (k + 0.3), dfn)


@pytest.mark.grades("descend_until")
@pytest.mark.parametrize("shape, family", [((), "bowl"), ((3,), "wavy")])
def test_descend_until_with_default_tolerance(kata, rng, shape, family):
    kata.check("descend_until", *_problem(rng, shape, family))


@pytest.mark.grades("descend_until")
@pytest.mark.parametrize("shape", [(), (4,)])
def test_descend_until_with_a_coarse_tolerance(kata, rng, shape):
    kata.check("descend_until", *_problem(rng, shape), tol=1e-3)


@pytest.mark.grades("descend_until")
@pytest.mark.parametrize("shape", [(), (2,)])
def test_descend_until_stops_at_max_epochs(kata, rng, shape):
    x0, learning_rate, dfn = _problem(rng, shape)
    kata.check("descend_until", x0, learning_rate, dfn, max_epochs=int(rng.integers(3, 9)))


@pytest.mark.grades("descend_until")
def test_descend_until_with_positional_limits(kata, rng):
    x0, learning_rate, dfn = _problem(rng, (3,), "wavy")
    kata.check("descend_until", x0, learning_rate, dfn, 1e-5, int(rng.integers(20, 40)))


@pytest.mark.grades("descend_until")
@pytest.mark.parametrize("shape", [(), (3,)])
def test_descend_until_from_the_minimum(kata, rng, shape):
    center = float(rng.uniform(-2.0, 2.0))
    dfn = fn("bowl_prime", k=1.0, s=1.0, center=center)
    x0 = center if shape == () else np.full(shape, center)
    kata.check("descend_until", x0, 0.2, dfn)
