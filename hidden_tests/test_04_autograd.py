"""Hidden tests for 04_autograd. Every test runs once per device, on inputs made on that
device by kata.tensor (leaves that do not require grad); each function sees float32 and
float64 inputs.

The functions are not quadratic and, for vectors and parameter lists, not separable. The
learning rates take each step a good part of the way down while staying stable, so a
forgotten zero_grad (gradients add up), an extra step, momentum or an ignored learning
rate changes the result by far, while float32 round-off stays well below 1e-4.
"""

import numpy as np
import pytest

from grader.kata import fn

DTYPES = ["float32", "float64"]


def _spd(rng, n, low=1.0, high=3.0):
    """A symmetric positive definite matrix with eigenvalues in [low, high], far from diagonal."""
    q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return q @ np.diag(rng.uniform(low, high, size=n)) @ q.T


@pytest.mark.grades("autograd_derivative")
@pytest.mark.parametrize(
    "shape, dtype", [((), "float32"), ((5,), "float64"), ((2, 3), "float32")]
)
def test_autograd_derivative_elementwise(kata, rng, shape, dtype):
    f = fn("torch_sine_cubic", a=float(rng.uniform(1.0, 3.0)), c=float(rng.uniform(-1.0, 1.0)))
    kata.check("autograd_derivative", f, kata.tensor(rng.uniform(-1.5, 1.5, shape), dtype))


@pytest.mark.grades("autograd_derivative")
@pytest.mark.parametrize("dtype", DTYPES)
def test_autograd_derivative_coupled(kata, rng, dtype):
    f = fn("torch_log_sum_exp", W=rng.normal(size=(6, 4)))
    kata.check("autograd_derivative", f, kata.tensor(rng.uniform(-1.5, 1.5, 4), dtype))


def _single(rng, shape):
    """(fn, x0 values, learning_rate) for minimize: slopes between 1 and 4 (or k and k+1)."""
    if shape == (4,):
        f = fn("torch_bowl", A=_spd(rng, 4), b=rng.normal(size=4), s=1.0)
        top = 4.0
    else:
        k = float(rng.uniform(0.5, 2.0))
        f = fn("torch_logcosh_bowl", k=k, center=float(rng.uniform(-1.0, 1.0)))
        top = k + 1.0
    return f, rng.uniform(-3.0, 3.0, shape), float(rng.uniform(0.15, 0.35) / top)


@pytest.mark.grades("minimize")
@pytest.mark.parametrize(
    "shape, epochs, dtype",
    [((), 10, "float32"), ((4,), 15, "float64"), ((2, 3), 6, "float32"), ((4,), 15, "float32"),
     ((4,), 1, "float64"), ((), 0, "float32")],
)
def test_minimize(kata, rng, shape, epochs, dtype):
    f, x0, learning_rate = _single(rng, shape)
    kata.check("minimize", f, kata.tensor(x0, dtype), learning_rate, epochs)


def _many(kata, rng, count, shape, dtype):
    """(fn, params, learning_rate): count tensors of one shape tied together by fn.

    The Hessian's eigenvalues lie in [1, 3 + 4]; a step goes 15..35 % of the steepest way.
    """
    f = fn("torch_coupled", A=_spd(rng, count), c=rng.normal(size=count), s=1.0)
    params = [kata.tensor(rng.uniform(-3.0, 3.0, shape), dtype) for _ in range(count)]
    return f, params, float(rng.uniform(0.15, 0.35) / 7.0)


MANY_CASES = [
    pytest.param(3, (), 12, "float32", id="x-y-z"),
    pytest.param(3, (4,), 20, "float64", id="three-vectors"),
    pytest.param(3, (4,), 20, "float32", id="three-vectors-float32"),
    pytest.param(2, (2, 2), 8, "float32", id="two-matrices"),
    pytest.param(3, (), 1, "float64", id="one-epoch"),
    pytest.param(3, (), 0, "float32", id="no-epochs"),
]


@pytest.mark.grades("minimize_many")
@pytest.mark.parametrize("count, shape, epochs, dtype", MANY_CASES)
def test_minimize_many(kata, rng, count, shape, epochs, dtype):
    f, params, learning_rate = _many(kata, rng, count, shape, dtype)
    kata.check("minimize_many", f, params, learning_rate, epochs)


@pytest.mark.grades("minimize_with_optimizer")
@pytest.mark.parametrize("count, shape, epochs, dtype", MANY_CASES)
def test_minimize_with_optimizer(kata, rng, count, shape, epochs, dtype):
    f, params, learning_rate = _many(kata, rng, count, shape, dtype)
    kata.check("minimize_with_optimizer", f, params, learning_rate, epochs)

