"""Correct: one training helper with torch.optim.SGD serves every loop, including the
single-tensor one; the derivative is copied out of .grad."""

import torch


def _leaves(tensors):
    return [t.detach().clone().requires_grad_(True) for t in tensors]


def _train(fn, xs, learning_rate, epochs):
    optimizer = torch.optim.SGD(xs, lr=learning_rate)
    for _ in range(epochs):
        optimizer.zero_grad()
        fn(*xs).backward()
        optimizer.step()
    return [x.detach() for x in xs]


def autograd_derivative(f, x):
    (leaf,) = _leaves([x])
    f(leaf).backward()
    return leaf.grad.clone()


def minimize(fn, x0, learning_rate, epochs):
    return _train(fn, _leaves([x0]), learning_rate, epochs)[0]


def minimize_many(fn, params, learning_rate, epochs):
    return _train(fn, _leaves(params), learning_rate, epochs)


def minimize_with_optimizer(fn, params, learning_rate, epochs):
    return _train(fn, _leaves(params), learning_rate, epochs)
