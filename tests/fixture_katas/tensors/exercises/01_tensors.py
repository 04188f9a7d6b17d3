"""Right for scale and descend; returns a tensor that requires grad; changes its input's
requires_grad; total is right."""

import numpy as np
import torch


def scale(x, k):
    return k * x


def descend(fn, x0, learning_rate, epochs):
    x = x0.detach().clone().requires_grad_(True)
    optimizer = torch.optim.SGD([x], lr=learning_rate)
    for _ in range(epochs):
        optimizer.zero_grad()
        fn(x).backward()
        optimizer.step()
    return x.detach()


def keeps_grad(x):
    w = x.detach().clone().requires_grad_(True)
    return w * 2


def touches_input(x):
    x.requires_grad_(True)
    return (x + 1).detach()


def total(values):
    return np.sum(values)
