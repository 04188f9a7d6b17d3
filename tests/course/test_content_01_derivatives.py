"""The reference of 01_derivatives against independent oracles."""

import numpy as np
import pytest
import torch


@pytest.fixture(scope="module")
def ref(load):
    return load("solutions", "01_derivatives")


def torch_derivative(f, x):
    """df/dx elementwise by float64 autograd (f written with torch operations)."""
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    f(t).sum().backward()
    return t.grad.numpy()


def test_fn_and_dfn_on_floats_and_arrays(ref, rng):
    x = rng.uniform(-1000, 1000, size=7)
    np.testing.assert_allclose(ref.fn(x), np.polyval([2.0, 0.0, 0.0], x), rtol=1e-12)
    np.testing.assert_allclose(ref.dfn(x), torch_derivative(lambda t: 2 * t**2, x), rtol=1e-12)
    x0 = float(x[0])
    assert ref.fn(x0) == pytest.approx(2 * x0 * x0, rel=1e-12)
    assert ref.dfn(x0) == pytest.approx(float(torch_derivative(lambda t: 2 * t**2, x[:1])[0]))


def test_numerical_derivative_of_a_cubic_is_exact_up_to_h_squared(ref, rng):
    # For x**3 the central difference is exactly 3x**2 + h**2: a wrong h or a one-sided
    # difference misses this by far.
    x = rng.uniform(-3, 3, size=6)
    h = 0.1
    got = ref.numerical_derivative(lambda v: v**3, x, h)
    np.testing.assert_allclose(got, 3 * x**2 + h**2, rtol=1e-9, atol=1e-12)


def test_numerical_derivative_matches_autograd_elementwise(ref, rng):
    x = rng.uniform(-2, 2, size=5)
    before = x.copy()
    got = ref.numerical_derivative(lambda v: np.sin(v) * v**2, x)
    want = torch_derivative(lambda t: torch.sin(t) * t**2, x)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-8)
    np.testing.assert_array_equal(x, before)
    one = ref.numerical_derivative(lambda v: np.sin(v) * v**2, float(x[2]))
    assert np.shape(one) == () and one == pytest.approx(want[2], rel=1e-7)


def test_tangent_line_touches_and_has_the_slope(ref, rng):
    x0 = float(rng.uniform(-2, 2))
    slope, intercept = ref.tangent_line(np.exp, np.exp, x0)
    assert slope == pytest.approx(np.exp(x0), rel=1e-12)
    assert slope * x0 + intercept == pytest.approx(np.exp(x0), rel=1e-12)
    # Tangent: the gap between curve and line shrinks like eps**2.
    for eps in (1e-2, 1e-3):
        gap = np.exp(x0 + eps) - (slope * (x0 + eps) + intercept)
        assert abs(gap) < np.exp(x0) * eps**2


def test_stationary_point_is_where_the_derivative_vanishes(ref, rng):
    for _ in range(5):
        a, b, c = rng.uniform(-5, 5, size=3)
        q = lambda x, a=a, b=b, c=c: a * x**2 + b * x + c  # noqa: E731
        x_star, kind = ref.stationary_point(a, b, c)
        assert abs(torch_derivative(q, np.array([x_star]))[0]) < 1e-9
        neighbours = min(q(x_star - 0.5), q(x_star + 0.5)), max(q(x_star - 0.5), q(x_star + 0.5))
        if kind == "minimum":
            assert neighbours[0] > q(x_star)
        else:
            assert kind == "maximum" and neighbours[1] < q(x_star)


def test_stationary_point_kinds_and_flat_line(ref):
    assert ref.stationary_point(2.0, -8.0, 1.0) == (2.0, "minimum")
    assert ref.stationary_point(-1.0, 4.0, 0.0) == (2.0, "maximum")
    for a in (0, 0.0):
        with pytest.raises(ValueError):
            ref.stationary_point(a, 3.0, 1.0)
