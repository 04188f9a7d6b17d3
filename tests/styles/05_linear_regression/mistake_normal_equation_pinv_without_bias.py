"""Mistake: the pseudo-inverse of X alone fits a line through the origin."""

BREAKS = ('normal_equation',)
DIAGNOSES = {'normal_equation': ('no_bias',)}

import numpy as np
import torch


def predict(X, w, b):
    # Only operators that NumPy arrays and torch tensors share.
    return X @ w + b


def mse_loss(y_pred, y):
    # .mean() exists on both; on tensors the result stays a 0-dim tensor.
    return ((y_pred - y) ** 2).mean()


def mse_gradients(X, y, w, b):
    n = len(y)
    r = predict(X, w, b) - y
    # Chain rule on mean(r**2): d r_i / d w = X[i], d r_i / d b = 1.
    dw = (2 / n) * X.T @ r
    db = (2 / n) * r.sum()
    return dw, float(db)


def train_numpy(X, y, learning_rate, epochs):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        # The loss of the current model, before it changes.
        losses.append(float(mse_loss(predict(X, w, b), y)))
        # Both gradients come from the same (w, b).
        dw, db = mse_gradients(X, y, w, b)
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, float(b), losses


def train_torch(X, y, learning_rate, epochs):
    # Detached views: backward() can never reach the caller's tensors.
    X, y = X.detach(), y.detach()
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    losses = []
    for _ in range(epochs):
        loss = mse_loss(predict(X, w, b), y)
        losses.append(loss.item())
        # One backward gives both gradients at the same (w, b).
        loss.backward()
        with torch.no_grad():
            w -= learning_rate * w.grad
            b -= learning_rate * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.detach(), b.detach(), losses


def normal_equation(X, y):
    return np.linalg.pinv(X) @ y, 0.0


def standardize(X):
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    # A constant column would divide by zero; std 1 leaves its centred zeros as they are.
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std, mean, std
