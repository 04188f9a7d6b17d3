"""The reference of 04_autograd against analytic gradients and NumPy float64 loops."""

import numpy as np
import pytest
import torch

DEVICES = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
DTYPES = [torch.float32, torch.float64]
CASES = [(d, t) for d in DEVICES for t in DTYPES]


@pytest.fixture(scope="module")
def ref(load):
    return load("solutions", "04_autograd")


def tol(dtype):
    return dict(rtol=1e-4, atol=1e-6) if dtype == torch.float32 else dict(rtol=1e-9, atol=1e-12)


def make(values, dtype, device):
    return torch.tensor(values, dtype=dtype, device=device)


def assert_result(t, like):
    assert t.dtype == like.dtype and t.device == like.device and t.shape == like.shape
    assert not t.requires_grad


def snapshot(t):
    grad = None if t.grad is None else t.grad.cpu().clone()
    return t.detach().cpu().clone(), t.requires_grad, grad


def assert_unchanged(t, before):
    values, requires_grad, grad = before
    assert torch.equal(t.detach().cpu(), values) and t.requires_grad == requires_grad
    assert (t.grad is None) == (grad is None)
    if grad is not None:
        assert torch.equal(t.grad.cpu(), grad)


# A non-separable, non-quadratic loss and its gradient written by hand.
def loss_one(x):
    return (x**4 / 4 - x**2).sum() + 0.5 * x.sum() ** 2


def grad_one(x):
    return x**3 - 2 * x + x.sum()


def loss_three(x, y, z):
    return (x**2 + y**2 + z**2 + x * y + y * z**3).sum()


def grads_three(x, y, z):
    return [2 * x + y, 2 * y + x + z**3, 2 * z + 3 * y * z**2]


@pytest.mark.parametrize("device,dtype", CASES)
def test_autograd_derivative_matches_the_formula(ref, rng, device, dtype):
    values = rng.uniform(-2, 2, size=(2, 3))
    x = make(values, dtype, device)
    x.grad = torch.full_like(x, 7.0)  # a gradient left over from elsewhere must survive
    before = snapshot(x)
    got = ref.autograd_derivative(lambda t: (torch.sin(t) * t**2).sum() + t.sum() ** 2, x)
    want = np.cos(values) * values**2 + 2 * values * np.sin(values) + 2 * values.sum()
    assert_result(got, x)
    np.testing.assert_allclose(got.cpu().numpy(), want, **tol(dtype))
    assert_unchanged(x, before)


def numpy_descent(grads, starts, lr, epochs):
    """Brute-force float64 loop: every variable from the same point."""
    ps = [np.array(s, dtype=np.float64) for s in starts]
    for _ in range(epochs):
        gs = grads(*ps)
        ps = [p - lr * g for p, g in zip(ps, gs)]
    return ps


@pytest.mark.parametrize("device,dtype", CASES)
def test_minimize_matches_a_numpy_loop(ref, rng, device, dtype):
    values = rng.uniform(-1, 1, size=4)
    x0 = make(values, dtype, device)
    before = snapshot(x0)
    got = ref.minimize(loss_one, x0, 0.05, 30)
    (want,) = numpy_descent(lambda x: [grad_one(x)], [values], 0.05, 30)
    assert_result(got, x0)
    np.testing.assert_allclose(got.cpu().numpy(), want, **tol(dtype))
    assert_unchanged(x0, before)


@pytest.mark.parametrize("name", ["minimize_many", "minimize_with_optimizer"])
@pytest.mark.parametrize("device,dtype", CASES)
def test_minimize_many_matches_a_numpy_loop(ref, rng, device, dtype, name):
    starts = [rng.uniform(-1, 1, size=3) for _ in range(3)]
    params = [make(s, dtype, device) for s in starts]
    befores = [snapshot(p) for p in params]
    got = getattr(ref, name)(loss_three, params, 0.05, 25)
    want = numpy_descent(grads_three, starts, 0.05, 25)
    assert len(got) == 3
    for g, w, p, b in zip(got, want, params, befores):
        assert_result(g, p)
        np.testing.assert_allclose(g.cpu().numpy(), w, **tol(dtype))
        assert_unchanged(p, b)


@pytest.mark.parametrize("device,dtype", CASES)
def test_zero_epochs_return_the_start(ref, device, dtype):
    x0 = make([1.5, -2.0], dtype, device)
    assert_result(ref.minimize(loss_one, x0, 0.1, 0), x0)
    assert torch.equal(ref.minimize(loss_one, x0, 0.1, 0), x0)
    for name in ("minimize_many", "minimize_with_optimizer"):
        params = [make([value], dtype, device) for value in (1.0, 2.0, 3.0)]
        got = getattr(ref, name)(loss_three, params, 0.1, 0)
        assert all(torch.equal(g, p) and not g.requires_grad for g, p in zip(got, params))


def test_the_lesson_loop_finds_the_minimum(ref):
    # The lesson's numbers: start at -1000..1000, learning rate 1e-2, 1000 epochs.
    x0 = torch.tensor([-734.0])
    assert abs(ref.minimize(lambda t: (2 * t**2).sum(), x0, 1e-2, 1000).item()) < 1e-6
    params = [torch.tensor([512.0]), torch.tensor([-97.0]), torch.tensor([3.0])]
    found = ref.minimize_many(lambda x, y, z: (x**2 + y**2 + z**2).sum(), params, 1e-2, 1000)
    assert max(abs(t.item()) for t in found) < 1e-5
