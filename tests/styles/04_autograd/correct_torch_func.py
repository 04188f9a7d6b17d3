"""Correct: torch.func.grad for the derivatives (no requires_grad at all); the optimizer
with a closure and set_to_none=False."""

import torch
from torch.func import grad


def autograd_derivative(f, x):
    return grad(f)(x)


def minimize(fn, x0, learning_rate, epochs):
    x = x0.clone()
    dfn = grad(fn)
    for _ in range(epochs):
        x = x - learning_rate * dfn(x)
    return x


def minimize_many(fn, params, learning_rate, epochs):
    xs = tuple(p.clone() for p in params)
    dfn = grad(fn, argnums=tuple(range(len(xs))))
    for _ in range(epochs):
        xs = tuple(x - learning_rate * g for x, g in zip(xs, dfn(*xs)))
    return list(xs)


def minimize_with_optimizer(fn, params, learning_rate, epochs):
    xs = [torch.nn.Parameter(p.clone()) for p in params]
    optimizer = torch.optim.SGD(xs, lr=learning_rate)

    def closure():
        optimizer.zero_grad(set_to_none=False)
        loss = fn(*xs)
        loss.backward()
        return loss

    for _ in range(epochs):
        optimizer.step(closure)
    return [x.detach() for x in xs]
