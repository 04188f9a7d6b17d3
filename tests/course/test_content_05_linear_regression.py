"""The reference of 05_linear_regression against loops, autograd, differences and lstsq."""

import numpy as np
import pytest
import torch

DEVICES = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
DTYPES = [torch.float32, torch.float64]
CASES = [(d, t) for d in DEVICES for t in DTYPES]


@pytest.fixture(scope="module")
def ref(load):
    return load("solutions", "05_linear_regression")


def problem(rng, n=12, d=3):
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 0.5 + 0.1 * rng.normal(size=n)
    return X, y


def loop_predict(X, w, b):
    return [sum(X[i][j] * w[j] for j in range(len(w))) + b for i in range(len(X))]


def loop_mse(X, y, w, b):
    pred = loop_predict(X, w, b)
    return sum((p - t) ** 2 for p, t in zip(pred, y)) / len(y)


def test_predict_and_loss_on_numpy(ref, rng):
    X, y = problem(rng)
    w, b = rng.normal(size=3), 0.7
    np.testing.assert_allclose(ref.predict(X, w, b), loop_predict(X, w, b), rtol=1e-12)
    loss = ref.mse_loss(ref.predict(X, w, b), y)
    assert np.shape(loss) == () and loss == pytest.approx(loop_mse(X, y, w, b), rel=1e-12)


@pytest.mark.parametrize("device,dtype", CASES)
def test_predict_and_loss_on_tensors(ref, rng, device, dtype):
    X, y = problem(rng)
    w = rng.normal(size=3)
    Xt, yt, wt = (torch.tensor(a, dtype=dtype, device=device) for a in (X, y, w))
    bt = torch.tensor(0.7, dtype=dtype, device=device)
    pred = ref.predict(Xt, wt, bt)
    assert pred.shape == (12,) and pred.dtype == dtype and pred.device.type == device
    tol = dict(rtol=1e-5) if dtype == torch.float32 else dict(rtol=1e-12)
    np.testing.assert_allclose(pred.cpu().numpy(), loop_predict(X, w, 0.7), **tol)
    loss = ref.mse_loss(pred, yt)
    assert isinstance(loss, torch.Tensor) and loss.dim() == 0 and loss.dtype == dtype
    np.testing.assert_allclose(loss.item(), loop_mse(X, y, w, 0.7), **tol)


def test_mse_gradients_match_autograd_and_differences(ref, rng):
    X, y = problem(rng)
    w, b = rng.normal(size=3), -0.4
    dw, db = ref.mse_gradients(X, y, w, b)
    wt = torch.tensor(w, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    ((torch.tensor(X) @ wt + bt - torch.tensor(y)) ** 2).mean().backward()
    np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-10)
    assert float(db) == pytest.approx(bt.grad.item(), rel=1e-10)
    h = 1e-6
    e = np.eye(3) * h
    central = [(loop_mse(X, y, w + e[j], b) - loop_mse(X, y, w - e[j], b)) / (2 * h)
               for j in range(3)]
    np.testing.assert_allclose(dw, central, rtol=1e-6, atol=1e-8)


def loop_train(X, y, lr, epochs):
    """Brute force: plain Python lists, gradients by explicit sums."""
    n, d = len(X), len(X[0])
    w, b, losses = [0.0] * d, 0.0, []
    for _ in range(epochs):
        r = [p - t for p, t in zip(loop_predict(X, w, b), y)]
        losses.append(sum(v * v for v in r) / n)
        dw = [2 / n * sum(X[i][j] * r[i] for i in range(n)) for j in range(d)]
        db = 2 / n * sum(r)
        w, b = [wj - lr * g for wj, g in zip(w, dw)], b - lr * db
    return w, b, losses


def test_train_numpy_matches_the_brute_force_loop(ref, rng):
    X, y = problem(rng)
    Xc, yc = X.copy(), y.copy()
    w, b, losses = ref.train_numpy(X, y, 0.1, 15)
    want_w, want_b, want_losses = loop_train(X.tolist(), y.tolist(), 0.1, 15)
    np.testing.assert_allclose(w, want_w, rtol=1e-10)
    assert b == pytest.approx(want_b, rel=1e-10)
    assert isinstance(losses, list) and all(isinstance(v, float) for v in losses)
    np.testing.assert_allclose(losses, want_losses, rtol=1e-10)
    assert losses[0] == pytest.approx(float(np.mean(y**2)))
    np.testing.assert_array_equal(X, Xc)
    np.testing.assert_array_equal(y, yc)


def test_train_numpy_zero_epochs(ref, rng):
    X, y = problem(rng)
    w, b, losses = ref.train_numpy(X, y, 0.1, 0)
    np.testing.assert_array_equal(w, np.zeros(3))
    assert b == 0.0 and losses == []


@pytest.mark.parametrize("device,dtype", CASES)
def test_train_torch_matches_the_brute_force_loop(ref, rng, device, dtype):
    X, y = problem(rng)
    Xt = torch.tensor(X, dtype=dtype, device=device)
    yt = torch.tensor(y, dtype=dtype, device=device)
    Xt.grad = torch.ones_like(Xt)  # a stale gradient on an input must survive
    X_before, y_before = Xt.clone(), yt.clone()
    w, b, losses = ref.train_torch(Xt, yt, 0.1, 15)
    want_w, want_b, want_losses = loop_train(X.tolist(), y.tolist(), 0.1, 15)
    tol = dict(rtol=1e-4, atol=1e-6) if dtype == torch.float32 else dict(rtol=1e-10)
    for t, shape in ((w, (3,)), (b, ())):
        assert t.shape == shape and t.dtype == dtype and t.device.type == device
        assert not t.requires_grad
    np.testing.assert_allclose(w.cpu().numpy(), want_w, **tol)
    np.testing.assert_allclose(b.item(), want_b, **tol)
    assert all(type(v) is float for v in losses) and len(losses) == 15
    np.testing.assert_allclose(losses, want_losses, **tol)
    assert torch.equal(Xt, X_before) and torch.equal(yt, y_before)
    assert not Xt.requires_grad and not yt.requires_grad and yt.grad is None
    assert torch.equal(Xt.grad, torch.ones_like(Xt))


def test_train_torch_zero_epochs(ref, rng):
    X, y = problem(rng)
    w, b, losses = ref.train_torch(torch.tensor(X), torch.tensor(y), 0.1, 0)
    assert torch.equal(w, torch.zeros(3, dtype=torch.float64)) and b.item() == 0.0 and losses == []


def test_normal_equation_matches_lstsq(ref, rng):
    # Columns with offsets and scales far from 1, as in real data.
    X = rng.normal(size=(40, 5)) * [1, 10, 0.1, 3, 1] + [5, -2, 0, 1, 30]
    y = rng.normal(size=40)
    Xc = X.copy()
    w, b = ref.normal_equation(X, y)
    theta = np.linalg.lstsq(np.column_stack([X, np.ones(40)]), y, rcond=None)[0]
    np.testing.assert_allclose(w, theta[:-1], rtol=1e-8, atol=1e-10)
    assert float(b) == pytest.approx(theta[-1], rel=1e-8, abs=1e-10)
    np.testing.assert_array_equal(X, Xc)
    # It is the point where the loss's gradient vanishes.
    dw, db = ref.mse_gradients(X, y, w, b)
    assert np.abs(dw).max() < 1e-9 and abs(db) < 1e-9


def test_gradient_descent_approaches_the_normal_equation(ref, rng):
    X, y = problem(rng, n=30)
    w, b, losses = ref.train_numpy(X, y, 0.1, 2000)
    w_exact, b_exact = ref.normal_equation(X, y)
    np.testing.assert_allclose(w, w_exact, rtol=1e-6, atol=1e-8)
    assert losses[-1] <= losses[0]


def test_standardize_population_statistics(ref, rng):
    X = rng.normal(size=(9, 3)) * [2, 50, 0.5] + [1, -300, 7]
    X[:, 1] = 5.0  # a constant column
    Xc = X.copy()
    X_std, mean, std = ref.standardize(X)
    n = len(X)
    for j in range(3):
        col = X[:, j].tolist()
        m = sum(col) / n
        s = (sum((v - m) ** 2 for v in col) / n) ** 0.5
        s = 1.0 if j == 1 else s
        assert mean[j] == pytest.approx(m, rel=1e-12)
        assert std[j] == pytest.approx(s, rel=1e-12)
        np.testing.assert_allclose(X_std[:, j], [(v - m) / s for v in col], rtol=1e-10, atol=1e-12)
    assert std[1] == 1.0 and np.all(X_std[:, 1] == 0.0)
    np.testing.assert_allclose(X_std[:, [0, 2]].mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X_std[:, [0, 2]].std(axis=0), 1, rtol=1e-12)
    np.testing.assert_array_equal(X, Xc)
