"""Mistake: SGD with momentum 0.5 and dampening: not plain SGD."""

BREAKS = ('minimize_with_optimizer',)
DIAGNOSES = {'minimize_with_optimizer': ('not_plain_sgd',)}

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
    x = _tracked_copy(x0)
    for _ in range(epochs):
        loss = fn(x)
        loss.backward()
        # The update must not become part of the recorded computation.
        with torch.no_grad():
            x -= learning_rate * x.grad
        # backward() adds to .grad, so clear it before the next epoch.
        x.grad.zero_()
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
    xs = [p.detach().clone().requires_grad_() for p in params]
    optimizer = torch.optim.SGD(xs, lr=learning_rate, momentum=0.5)
    for _ in range(epochs):
        optimizer.zero_grad(set_to_none=True)
        fn(*xs).backward()
        optimizer.step()
    return [x.detach() for x in xs]
