"""Correct: torch.nn.functional.mse_loss and autograd.grad for training, the bias from
centred data for the closed form, the variance as E[x**2] - E[x]**2."""

import numpy as np
import torch


def predict(X, w, b):
    return X.__matmul__(w) + b


def mse_loss(y_pred, y):
    if isinstance(y_pred, torch.Tensor):
        return torch.nn.functional.mse_loss(y_pred, y)
    return np.mean(np.square(y_pred - y))


def mse_gradients(X, y, w, b):
    r = X @ w + b - y
    return 2.0 * X.T @ r / len(y), 2.0 * np.mean(r)


def train_numpy(X, y, learning_rate, epochs):
    theta = np.zeros(X.shape[1] + 1)  # w and b side by side
    losses = []
    for _ in range(epochs):
        r = X @ theta[:-1] + theta[-1] - y
        losses.append(float(np.mean(r * r)))
        grad = np.append(2.0 * X.T @ r / len(y), 2.0 * np.mean(r))
        theta -= learning_rate * grad
    return theta[:-1], float(theta[-1]), losses


def train_torch(X, y, learning_rate, epochs):
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros([], dtype=X.dtype, device=X.device, requires_grad=True)
    losses = []
    for _ in range(epochs):
        loss = mse_loss(predict(X, w, b), y)
        dw, db = torch.autograd.grad(loss, [w, b])
        losses.append(loss.item())
        with torch.no_grad():
            w.sub_(learning_rate * dw)
            b.sub_(learning_rate * db)
    return w.detach(), b.detach(), losses


def normal_equation(X, y):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    w = np.linalg.solve(Xc.T @ Xc, Xc.T @ (y - y_mean))
    return w, y_mean - x_mean @ w


def standardize(X):
    mean = np.mean(X, axis=0)
    variance = np.mean(X * X, axis=0) - mean * mean
    std = np.sqrt(np.maximum(variance, 0.0))
    std = np.where(std == 0.0, 1.0, std)
    return (X - mean) / std, mean, std
