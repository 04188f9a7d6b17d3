"""Hidden tests for 01_derivatives: the learner's functions against the reference on fresh
inputs drawn from the run's seed.

The functions handed to numerical_derivative and tangent_line are not quadratic (cubic,
sine, exponential, quartic) and the step h is mostly far from its default, so a forward
difference, a division by h, an ignored h or the learner's own dfn miss by far.
"""

import pytest

from grader.kata import fn as trusted

SHAPES = [(), (5,), (2, 3)]


def _points(rng, shape, low=-3.0, high=3.0):
    """A Python float for shape (), else a float64 array of that shape."""
    if shape == ():
        return float(rng.uniform(low, high))
    return rng.uniform(low, high, size=shape)


def _coefficient(rng, low, high):
    """A coefficient whose size lies in [low, high], with a random sign."""
    return float(rng.uniform(low, high) * rng.choice([-1.0, 1.0]))


def _function_pair(rng, family):
    """(f, df) of a non-quadratic family with random coefficients."""
    if family == "cubic":
        params = dict(a=_coefficient(rng, 0.5, 2.0), b=float(rng.uniform(-2, 2)),
                      c=float(rng.uniform(-2, 2)), d=float(rng.uniform(-2, 2)))
    elif family == "sine":
        params = dict(amplitude=_coefficient(rng, 0.5, 2.0),
                      frequency=float(rng.uniform(1.0, 3.0)), phase=float(rng.uniform(0, 3)))
    elif family == "exponential":
        params = dict(scale=_coefficient(rng, 0.5, 2.0), rate=_coefficient(rng, 0.5, 1.0))
    else:
        params = dict(a=_coefficient(rng, 0.5, 1.5), b=float(rng.uniform(-2, 2)),
                      c=float(rng.uniform(-2, 2)))
    return trusted(family, **params), trusted(family + "_prime", **params)


@pytest.mark.grades("fn")
@pytest.mark.parametrize("shape", SHAPES)
def test_fn(kata, rng, shape):
    kata.check("fn", _points(rng, shape))


@pytest.mark.grades("dfn")
@pytest.mark.parametrize("shape", SHAPES)
def test_dfn(kata, rng, shape):
    kata.check("dfn", _points(rng, shape))


@pytest.mark.grades("numerical_derivative")
@pytest.mark.parametrize(
    "family, h, shape",
    [
        ("cubic", 0.1, ()),
        ("sine", 0.05, (6,)),
        ("exponential", 0.01, (3, 2)),
        ("quartic", 0.2, (4,)),
    ],
)
def test_numerical_derivative_with_a_large_step(kata, rng, family, h, shape):
    f, _ = _function_pair(rng, family)
    kata.check("numerical_derivative", f, _points(rng, shape, -2.0, 2.0), h)


@pytest.mark.grades("numerical_derivative")
@pytest.mark.parametrize("family, shape", [("sine", ()), ("cubic", (5,))])
def test_numerical_derivative_with_the_default_step(kata, rng, family, shape):
    f, _ = _function_pair(rng, family)
    kata.check("numerical_derivative", f, _points(rng, shape, -2.0, 2.0))


@pytest.mark.grades("numerical_derivative")
def test_numerical_derivative_with_h_as_keyword(kata, rng):
    f, _ = _function_pair(rng, "exponential")
    kata.check("numerical_derivative", f, _points(rng, (3,), -1.0, 1.0), h=0.1)


@pytest.mark.grades("tangent_line")
@pytest.mark.parametrize("family", ["cubic", "sine", "exponential"])
def test_tangent_line(kata, rng, family):
    f, df = _function_pair(rng, family)
    kata.check("tangent_line", f, df, _coefficient(rng, 0.5, 2.0))


def _quadratic(rng, sign):
    # |a| away from 1 so that -b/2*a and -b/(2*a) differ; |b| >= 1 so x_star is not ~0.
    a = sign * float(rng.choice([rng.uniform(0.2, 0.6), rng.uniform(1.5, 4.0)]))
    return a, _coefficient(rng, 1.0, 5.0), float(rng.uniform(-5.0, 5.0))


@pytest.mark.grades("stationary_point")
@pytest.mark.parametrize("sign", [1.0, -1.0], ids=["minimum", "maximum"])
def test_stationary_point(kata, rng, sign):
    kata.check("stationary_point", *_quadratic(rng, sign))


@pytest.mark.grades("stationary_point")
def test_stationary_point_of_a_line_raises_value_error(kata, rng):
    _, b, c = _quadratic(rng, 1.0)
    kata.check_raises("stationary_point", "ValueError", 0.0, b, c)
