"""Mistake: never calls optimizer.zero_grad(): gradients add up."""

BREAKS = ("minimize_with_optimizer",)
DIAGNOSES = {"minimize_with_optimizer": ("grad_accumulates",)}

import torch


def autograd_derivative(f, x):
    x = x.detach().clone().requires_grad_(True)
    y = f(x)
    y.backward()
    return x.grad


def minimize(fn, x0, learning_rate, epochs):
    x = x0.detach().clone().requires_grad_(True)
    for _ in range(epochs):
        loss = fn(x)
        loss.backward()
        with torch.no_grad():
            x -= learning_rate * x.grad
        x.grad.zero_()
    return x.detach()


def minimize_many(fn, params, learning_rate, epochs):
    xs = [p.detach().clone().requires_grad_(True) for p in params]
    for _ in range(epochs):
        loss = fn(*xs)
        loss.backward()
        with torch.no_grad():
            for x in xs:
                x -= learning_rate * x.grad
        for x in xs:
            x.grad.zero_()
    return [x.detach() for x in xs]


def minimize_with_optimizer(fn, params, learning_rate, epochs):
    xs = [p.detach().clone().requires_grad_(True) for p in params]
    optimizer = torch.optim.SGD(xs, lr=learning_rate)
    for _ in range(epochs):
        loss = fn(*xs)
        loss.backward()
        optimizer.step()
    return [x.detach() for x in xs]
