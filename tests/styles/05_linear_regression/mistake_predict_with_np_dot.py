"""Mistake: predict uses np.dot, which turns tensors into NumPy arrays."""

BREAKS = ("predict", "train_torch")
DIAGNOSES = {"predict": ("scalar_only",)}  # the callers' failures come from it

import numpy as np
import torch


def predict(X, w, b):
    return np.dot(X, w) + b


def mse_loss(y_pred, y):
    return ((y_pred - y) ** 2).mean()


def mse_gradients(X, y, w, b):
    n = X.shape[0]
    r = predict(X, w, b) - y
    dw = 2 / n * (X.T @ r)
    db = 2 / n * r.sum()
    return dw, db


def train_numpy(X, y, learning_rate, epochs):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        losses.append(float(mse_loss(predict(X, w, b), y)))
        dw, db = mse_gradients(X, y, w, b)
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, float(b), losses


def train_torch(X, y, learning_rate, epochs):
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    losses = []
    for _ in range(epochs):
        loss = mse_loss(predict(X, w, b), y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= learning_rate * w.grad
            b -= learning_rate * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w.detach(), b.detach(), losses


def normal_equation(X, y):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return theta[:-1], theta[-1]


def standardize(X):
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std[std == 0] = 1.0
    return (X - mean) / std, mean, std
