"""Correct: sums over samples and columns in Python loops, torch.optim.SGD, a QR solve."""

import numpy as np
import torch


def predict(X, w, b):
    return (X * w).sum(-1) + b


def mse_loss(y_pred, y):
    diff = y_pred - y
    return (diff * diff).sum() / len(y)


def mse_gradients(X, y, w, b):
    n, d = X.shape
    dw = np.zeros(d)
    db = 0.0
    for i in range(n):
        r = float(X[i] @ w) + b - y[i]
        dw += 2.0 * r * X[i] / n
        db += 2.0 * r / n
    return dw, db


def train_numpy(X, y, learning_rate, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(epochs):
        dw, db = mse_gradients(X, y, w, b)
        losses.append(float(mse_loss(predict(X, w, b), y)))
        w, b = w - learning_rate * dw, b - learning_rate * db
    return w, b, losses


def train_torch(X, y, learning_rate, epochs):
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device).requires_grad_()
    b = torch.tensor(0.0, dtype=X.dtype, device=X.device).requires_grad_()
    optimizer = torch.optim.SGD([w, b], lr=learning_rate)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = mse_loss(predict(X, w, b), y)
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    return w.detach(), b.detach(), losses


def normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    q, r = np.linalg.qr(A)
    theta = np.linalg.solve(r, q.T @ y)
    return theta[:-1], float(theta[-1])


def standardize(X):
    n, d = X.shape
    mean, std = np.zeros(d), np.zeros(d)
    for j in range(d):
        column = X[:, j]
        mean[j] = column.sum() / n
        spread = np.sqrt(((column - mean[j]) ** 2).sum() / n)
        std[j] = spread if spread != 0 else 1.0
    return (X - mean) / std, mean, std
