"""Mistake: x.grad.zero_() between backward() and the update: every step is 0."""

BREAKS = ('minimize',)

import torch


def _tracked_copy(t):
    # A new leaf with the same values, dtype and device: autograd writes only to it.
    return t.detach().clone().requires_grad_(True)


def autograd_derivative(f, x):
    x = _tracked_copy(x)
    # Forward, then backward fills x.grad with df/dx.
    f(x).backward()
    return x.grad.detach()


def minimize(fn, x0, learning_rate, epochs):
    x = x0.detach().clone().requires_grad_(True)
    for _ in range(epochs):
        fn(x).backward()
        x.grad.zero_()
        with torch.no_grad():
            x -= learning_rate * x.grad
    return x.detach()


def minimize_many(fn, params, learning_rate, epochs):
    xs = [_tracked_copy(p) for p in params]
    for _ in range(epochs):
        loss = fn(*xs)
        # One backward fills the gradient of every tensor.
        loss.backward()
        with torch.no_grad():
            for x in xs:
                x -= learning_rate * x.grad
        for x in xs:
            x.grad.zero_()
    return [x.detach() for x in xs]


def minimize_with_optimizer(fn, params, learning_rate, epochs):
    xs = [_tracked_copy(p) for p in params]
    # Plain SGD: x -= lr * x.grad, no momentum, no weight decay.
    optimizer = torch.optim.SGD(xs, lr=learning_rate)
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = fn(*xs)
        loss.backward()
        optimizer.step()
    return [x.detach() for x in xs]
