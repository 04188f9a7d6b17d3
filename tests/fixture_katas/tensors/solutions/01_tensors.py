import numpy as np
import torch


def scale(x, k):
    return x * k


def descend(fn, x0, learning_rate, epochs):
    x = x0.detach().clone().requires_grad_(True)
    for _ in range(epochs):
        loss = fn(x)
        loss.backward()
        with torch.no_grad():
            x -= learning_rate * x.grad
        x.grad.zero_()
    return x.detach()


def keeps_grad(x):
    return x * 2


def touches_input(x):
    return x + 1


def total(values):
    return float(np.sum(values))
