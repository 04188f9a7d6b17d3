"""Models of the known mistakes of 05_linear_regression (trusted course content, never
shipped).

Each function `<function>__<diagnosis id>[__<variant>]` takes the graded function's
arguments and returns what a learner who makes that mistake returns. The grader runs them on
a failed check's own inputs; one that agrees with the learner's result names the mistake.
Within a function, the more likely mistakes come first.
"""

import numpy as np


def predict__missing_term(X, w, b):
    return X @ w


def mse_loss__sum_not_mean(y_pred, y):
    return ((y_pred - y) ** 2).sum()


def _gradients(X, y, w, b, *, factor=2.0, mean=True, sign=1.0):
    r = sign * (X @ w + b - y)
    scale = factor / (len(y) if mean else 1.0)
    return scale * (X.T @ r), scale * r.sum()


def mse_gradients__missing_factor(X, y, w, b):
    return _gradients(X, y, w, b, factor=1.0)


def mse_gradients__sum_not_mean(X, y, w, b):
    return _gradients(X, y, w, b, mean=False)


def mse_gradients__sign_error(X, y, w, b):
    return _gradients(X, y, w, b, sign=-1.0)


def _train(X, y, learning_rate, epochs, *, after=False, frozen=False, sequential=False,
           sum_loss=False, **gradient_options):
    """train_numpy with one mistake switched on."""
    w, b, losses = np.zeros(X.shape[1]), 0.0, []

    def loss(w, b):
        squares = (X @ w + b - y) ** 2
        return float(squares.sum() if sum_loss else squares.mean())

    for _ in range(epochs):
        if not after:
            losses.append(loss(w, b))
        dw, db = _gradients(X, y, w, b, **gradient_options)
        w = w - learning_rate * dw
        if sequential:
            _, db = _gradients(X, y, w, b, **gradient_options)
        if not frozen:
            b = b - learning_rate * db
        if after:
            losses.append(loss(w, b))
    return w, float(b), losses


def train_numpy__loss_after_update(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs, after=True)


def train_numpy__parameter_frozen(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs, frozen=True)


def train_numpy__sequential_update(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs, sequential=True)


def train_numpy__missing_factor(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs, factor=1.0)


def train_numpy__sum_not_mean(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs, mean=False)


def train_numpy__sum_not_mean__loss(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs, sum_loss=True)


def train_numpy__uphill(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs, sign=-1.0)


def train_numpy__one_step_too_few(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, max(epochs - 1, 0))


def train_numpy__one_step_too_many(X, y, learning_rate, epochs):
    return _train(X, y, learning_rate, epochs + 1)


def _torch_train(X, y, learning_rate, epochs, *, cleared=True, frozen=False, after=False,
                 sum_loss=False):
    """train_torch with one mistake switched on."""
    import torch

    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    losses = []
    for _ in range(epochs):
        squares = (X @ w + b - y) ** 2
        loss = squares.sum() if sum_loss else squares.mean()
        if not after:
            losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= learning_rate * w.grad
            if not frozen:
                b -= learning_rate * b.grad
        for name, tensor in (("w", w), ("b", b)):
            if cleared is True or (cleared and name in cleared):  # True, False or names
                tensor.grad.zero_()
        if after:
            with torch.no_grad():
                losses.append((((X @ w + b - y) ** 2).mean()).item())
    return w.detach(), b.detach(), losses


def train_torch__grad_accumulates(X, y, learning_rate, epochs):
    return _torch_train(X, y, learning_rate, epochs, cleared=False)


def train_torch__grad_accumulates__bias(X, y, learning_rate, epochs):
    return _torch_train(X, y, learning_rate, epochs, cleared=("w",))


def train_torch__grad_accumulates__weights(X, y, learning_rate, epochs):
    return _torch_train(X, y, learning_rate, epochs, cleared=("b",))


def train_torch__loss_after_update(X, y, learning_rate, epochs):
    return _torch_train(X, y, learning_rate, epochs, after=True)


def train_torch__parameter_frozen(X, y, learning_rate, epochs):
    return _torch_train(X, y, learning_rate, epochs, frozen=True)


def train_torch__sum_not_mean(X, y, learning_rate, epochs):
    return _torch_train(X, y, learning_rate, epochs, sum_loss=True)


def train_torch__one_step_too_many(X, y, learning_rate, epochs):
    return _torch_train(X, y, learning_rate, epochs + 1)


def normal_equation__no_bias(X, y):
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w, 0.0


def standardize__sample_std(X):
    mean = X.mean(axis=0)
    std = X.std(axis=0, ddof=1)
    std[std == 0] = 1.0
    return (X - mean) / std, mean, std


def standardize__constant_column(X):
    """The division guarded, but the std returned is the 0 that was measured."""
    mean, std = X.mean(axis=0), X.std(axis=0)
    return (X - mean) / np.where(std == 0, 1.0, std), mean, std


def standardize__constant_column__unguarded(X):
    mean, std = X.mean(axis=0), X.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X - mean) / std, mean, std
