"""The reference of 03_partial_derivatives against autograd, exact differences and closed forms."""

import numpy as np
import pytest
import torch


@pytest.fixture(scope="module")
def ref(load):
    return load("solutions", "03_partial_derivatives")


def autograd_gradient(func, p):
    t = torch.tensor(p, dtype=torch.float64, requires_grad=True)
    func(t).backward()
    return t.grad.numpy()


def test_f_and_its_partial_derivatives(ref, rng):
    p = rng.uniform(-100, 100, size=3)
    x, y, z = p
    assert ref.f(x, y, z) == pytest.approx(float(p @ p), rel=1e-12)
    want = autograd_gradient(lambda t: t[0] ** 2 + t[1] ** 2 + t[2] ** 2, p)
    got = [ref.df_x(x, y, z), ref.df_y(x, y, z), ref.df_z(x, y, z)]
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_gradient_is_a_float_array(ref, rng):
    p = rng.uniform(-100, 100, size=3)
    before = p.copy()
    g = ref.gradient(p)
    assert isinstance(g, np.ndarray) and g.shape == (3,) and g.dtype.kind == "f"
    np.testing.assert_allclose(g, autograd_gradient(lambda t: (t**2).sum(), p), rtol=1e-12)
    np.testing.assert_array_equal(p, before)
    np.testing.assert_allclose(ref.gradient([1, 2, 3]), [2.0, 4.0, 6.0])


def test_numerical_gradient_of_a_cubic_is_exact_up_to_h_squared(ref, rng):
    # Component i of the central difference of sum(c * p**3) + p0 * p1 is
    # 3 c_i p_i**2 + c_i h**2 + (the exact cross term): a wrong h misses by far.
    c = rng.uniform(1, 2, size=4)
    p = rng.uniform(-2, 2, size=4)
    h = 0.1
    got = ref.numerical_gradient(lambda q: (c * q**3).sum() + q[0] * q[1], p, h)
    want = 3 * c * p**2 + c * h**2
    want[0] += p[1]
    want[1] += p[0]
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


def test_numerical_gradient_matches_autograd_and_leaves_p(ref, rng):
    p = rng.uniform(-1, 1, size=5)
    before = p.copy()

    def func(q):
        return (np.sin(q) * np.roll(q, 1)).sum() + (q @ q) ** 2

    got = ref.numerical_gradient(func, p)
    want = autograd_gradient(lambda t: (torch.sin(t) * torch.roll(t, 1)).sum() + (t @ t) ** 2, p)
    assert got.shape == (5,)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(p, before)
    # A list works too.
    np.testing.assert_allclose(ref.numerical_gradient(func, list(p)), got, rtol=1e-12)


def test_gradient_descent_nd_is_simultaneous(ref, rng):
    # grad(p) = A @ p with A coupled: p_k = (I - lr A)^k p0. A sequential update differs.
    B = rng.normal(size=(4, 4))
    A = B @ B.T / 4 + np.eye(4)
    p0 = rng.normal(size=4)
    before = p0.copy()
    got = ref.gradient_descent_nd(lambda p: A @ p, p0, 0.1, 12)
    want = np.linalg.matrix_power(np.eye(4) - 0.1 * A, 12) @ p0
    assert got.shape == (4,) and got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(p0, before)


def test_gradient_descent_nd_lesson_and_zero_epochs(ref, rng):
    p0 = rng.integers(-1000, 1000, size=3).astype(float)
    assert np.abs(ref.gradient_descent_nd(ref.gradient, p0, 1e-2, 1000)).max() < 1e-5
    np.testing.assert_array_equal(ref.gradient_descent_nd(ref.gradient, p0, 0.1, 0), p0)
    np.testing.assert_allclose(ref.gradient_descent_nd(ref.gradient, [1.0, 2.0, 3.0], 0.1, 2),
                               [0.64, 1.28, 1.92], rtol=1e-12)
