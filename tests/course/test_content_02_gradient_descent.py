"""The reference of 02_gradient_descent against closed forms and brute-force loops."""

import math

import numpy as np
import pytest


@pytest.fixture(scope="module")
def ref(load):
    return load("solutions", "02_gradient_descent")


def coupled_quadratic(rng, n=3):
    """grad(x) = A @ (x - m) with A symmetric positive definite and not diagonal."""
    B = rng.normal(size=(n, n))
    A = B @ B.T / n + np.eye(n)
    m = rng.normal(size=n)
    return A, m, (lambda x: A @ (x - m))


def closed_form(A, m, x0, lr, k):
    """x after k updates of x - lr * A @ (x - m): m + (I - lr A)^k (x0 - m)."""
    return m + np.linalg.matrix_power(np.eye(len(m)) - lr * A, k) @ (x0 - m)


def cubic_prime(x):
    # Non-quadratic: derivative of x**4/4 - x**2.
    return x**3 - 2 * x


def test_gradient_descent_matches_the_closed_form(ref, rng):
    A, m, grad = coupled_quadratic(rng)
    x0 = rng.normal(size=3)
    before = x0.copy()
    got = ref.gradient_descent(x0, 0.1, grad, 17)
    np.testing.assert_allclose(got, closed_form(A, m, x0, 0.1, 17), rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(x0, before)


def test_gradient_descent_on_floats_by_brute_force(ref, rng):
    x0 = float(rng.uniform(-1.5, 1.5))
    x = x0
    for _ in range(25):
        x = x - 0.05 * (x**3 - 2 * x)
    assert ref.gradient_descent(x0, 0.05, cubic_prime, 25) == pytest.approx(x, rel=1e-12)
    # The lesson's run: 1000 epochs at 1e-2 on 2x**2 ends next to 0.
    assert abs(ref.gradient_descent(837.0, 1e-2, lambda v: 4 * v, 1000)) < 1e-12


def test_zero_epochs_returns_x0(ref):
    assert ref.gradient_descent(2.5, 0.1, cubic_prime, 0) == 2.5
    np.testing.assert_array_equal(ref.gradient_descent(np.array([1.0, -2.0]), 0.1, cubic_prime, 0),
                                  [1.0, -2.0])


def test_descent_path_rows_are_the_brute_force_points(ref, rng):
    x0 = rng.uniform(-1.5, 1.5, size=4)
    before = x0.copy()
    path = ref.descent_path(x0, 0.05, cubic_prime, 9)
    assert path.shape == (10, 4) and path.dtype == np.float64
    for j in range(4):
        x = float(x0[j])
        assert path[0, j] == x
        for k in range(1, 10):
            x = x - 0.05 * (x**3 - 2 * x)
            assert path[k, j] == pytest.approx(x, rel=1e-12, abs=1e-15)
    np.testing.assert_array_equal(x0, before)


def test_descent_path_of_a_coupled_quadratic(ref, rng):
    A, m, grad = coupled_quadratic(rng)
    x0 = rng.normal(size=3)
    path = ref.descent_path(x0, 0.2, grad, 6)
    for k in range(7):
        np.testing.assert_allclose(path[k], closed_form(A, m, x0, 0.2, k), rtol=1e-10, atol=1e-12)


def test_descent_path_shapes_and_float64(ref):
    assert ref.descent_path(3.0, 0.1, cubic_prime, 0).shape == (1,)
    floats = ref.descent_path(3.0, 0.1, lambda v: 4 * v, 3)
    assert floats.shape == (4,) and floats.dtype == np.float64
    np.testing.assert_allclose(floats, [3.0, 1.8, 1.08, 0.648], rtol=1e-12)
    # A float32 start is still walked in float64.
    x0 = np.array([0.1, 0.7], dtype=np.float32)
    path = ref.descent_path(x0, 0.1, cubic_prime, 5)
    assert path.dtype == np.float64 and path.shape == (6, 2)
    x = x0.astype(np.float64)
    for _ in range(5):
        x = x - 0.1 * cubic_prime(x)
    np.testing.assert_allclose(path[-1], x, rtol=1e-14)


def brute_descend(x0, lr, dfn, tol, max_epochs):
    """The spec's stopping rule, element by element, in plain Python floats."""
    x = [float(v) for v in np.atleast_1d(x0)]
    for steps in range(max_epochs):
        step = [lr * dfn(v) for v in x]
        if max(abs(s) for s in step) < tol:
            return x, steps
        x = [v - s for v, s in zip(x, step)]
    return x, max_epochs


@pytest.mark.parametrize("tol", [1e-6, 1e-3, 0.3])
def test_descend_until_counts_like_the_rule(ref, rng, tol):
    x0 = rng.uniform(0.2, 1.8, size=3)
    before = x0.copy()
    x, steps = ref.descend_until(x0, 0.05, cubic_prime, tol=tol)
    want_x, want_steps = brute_descend(x0, 0.05, cubic_prime, tol, 10_000)
    assert isinstance(steps, int) and steps == want_steps
    np.testing.assert_allclose(x, want_x, rtol=1e-12)
    np.testing.assert_array_equal(x0, before)


def test_descend_until_on_a_float_and_the_linear_count(ref):
    # dfn = 4x, lr = 0.1: step_k = 0.4 * x0 * 0.6**k, first below tol at
    # k = ceil(log(tol/(0.4 x0)) / log 0.6).
    x0, tol = 10.0, 1e-4
    expected = math.ceil(math.log(tol / (0.4 * x0)) / math.log(0.6))
    x, steps = ref.descend_until(x0, 0.1, lambda v: 4 * v, tol=tol)
    assert steps == expected and x == pytest.approx(x0 * 0.6**expected, rel=1e-12)
    assert ref.descend_until(0.0, 0.1, lambda v: 4 * v) == (0.0, 0)


def test_descend_until_stops_at_max_epochs(ref):
    # lr too large: the walk diverges and never settles.
    x, steps = ref.descend_until(1.0, 0.6, lambda v: 4 * v, max_epochs=7)
    assert steps == 7 and x == pytest.approx((-1.4) ** 7, rel=1e-12)
    assert ref.descend_until(5.0, 0.1, lambda v: 4 * v, max_epochs=0) == (5.0, 0)
