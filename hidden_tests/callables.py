"""Trusted functions that hidden tests pass as arguments (f, dfn, grad, func, fn).

A test names one with `fn("cubic", a=1.0, ...)`; the worker calls the factory of that name
with the (plain-data) parameters and hands the returned callable to the learner and to the
reference alike. Every callable is pure and vectorised, as the kata contract promises:
elementwise ones accept floats and NumPy arrays, torch ones accept tensors of any float dtype
on any device and compute in that dtype there.

Most of them are deliberately not quadratic and not separable: on such functions a forward
difference, a copy-pasted partial or a one-coordinate-at-a-time update gives visibly wrong
numbers. Powers are written as products so every process computes them bit for bit alike.
"""

import numpy as np

# Elementwise functions of one variable and their derivatives (01, 02).


def cubic(a=1.0, b=0.0, c=0.0, d=0.0):
    return lambda x: ((a * x + b) * x + c) * x + d


def cubic_prime(a=1.0, b=0.0, c=0.0, d=0.0):
    return lambda x: (3.0 * a * x + 2.0 * b) * x + c


def quartic(a=1.0, b=0.0, c=0.0):
    """a*x**4 + b*x**2 + c*x"""
    return lambda x: (a * x * x + b) * x * x + c * x


def quartic_prime(a=1.0, b=0.0, c=0.0):
    return lambda x: (4.0 * a * x * x + 2.0 * b) * x + c


def sine(amplitude=1.0, frequency=1.0, phase=0.0):
    return lambda x: amplitude * np.sin(frequency * x + phase)


def sine_prime(amplitude=1.0, frequency=1.0, phase=0.0):
    return lambda x: amplitude * frequency * np.cos(frequency * x + phase)


def exponential(scale=1.0, rate=1.0):
    return lambda x: scale * np.exp(rate * x)


def exponential_prime(scale=1.0, rate=1.0):
    return lambda x: scale * rate * np.exp(rate * x)


def bowl_prime(k=1.0, s=1.0, center=0.0):
    """Derivative of k/2*(x-center)**2 + s*log(cosh(x-center)): convex, not quadratic.

    Its slope lies in [k, k+s], so descent with learning_rate*(k+s) < 1 converges smoothly.
    """
    return lambda x: k * (x - center) + s * np.tanh(x - center)


def wavy_bowl_prime(k=1.0, a=0.5, w=1.0):
    """Derivative of k/2*x**2 + a*sin(w*x): a bowl with ripples (convex when a*w*w < k)."""
    return lambda x: k * x + a * w * np.cos(w * x)


# Functions of a vector p of shape (n,) (03).


def log_sum_exp(W, b):
    """p -> log(sum(exp(W @ p + b))): a smooth scalar that couples every coordinate."""
    W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float)

    def value(p):
        z = W @ p + b
        top = np.max(z)
        return float(top + np.log(np.sum(np.exp(z - top))))

    return value


def coupled_quartic(A, c):
    """p -> sum((A @ p)**4) / 4 + c @ p: not quadratic, not separable."""
    A, c = np.asarray(A, dtype=float), np.asarray(c, dtype=float)

    def value(p):
        q = A @ p
        return float(np.sum(q * q * q * q) / 4.0 + c @ p)

    return value


def linear_gradient(A, b):
    """p -> A @ p - b: the gradient of 1/2 p.A.p - b.p; with a non-diagonal A every component
    depends on every coordinate, so updating one coordinate at a time shows."""
    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    return lambda p: A @ p - b


def tanh_gradient(A, b, s=1.0):
    """p -> A @ p - b + s*tanh(p): the gradient of a non-quadratic, non-separable bowl."""
    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    return lambda p: A @ p - b + s * np.tanh(p)


# Torch functions returning a 0-dim tensor (04). torch is imported only when one is built,
# so a NumPy-only exercise never imports it.


def _like(torch, values, x):
    """Constant parameters as a tensor with x's dtype and device."""
    return torch.as_tensor(np.asarray(values, dtype=float), dtype=x.dtype, device=x.device)


def _log_cosh(torch, z):
    # log(cosh(z)) without overflow: |z| + log1p(exp(-2|z|)) - log(2)
    a = torch.abs(z)
    return a + torch.log1p(torch.exp(-2.0 * a)) - 0.6931471805599453


def torch_sine_cubic(a=1.0, c=1.0):
    """x -> sum(sin(a*x) + c*x**3) for x of any shape."""
    import torch

    return lambda x: torch.sum(torch.sin(a * x) + c * x * x * x)


def torch_log_sum_exp(W):
    """x of shape (n,) -> logsumexp(W @ x)."""
    import torch

    return lambda x: torch.logsumexp(_like(torch, W, x) @ x, dim=0)


def torch_bowl(A, b, s=1.0):
    """x of shape (n,) -> 1/2 x.A.x - b.x + s*sum(log(cosh(x))); A symmetric positive definite."""
    import torch

    def value(x):
        A_, b_ = _like(torch, A, x), _like(torch, b, x)
        return 0.5 * (x @ (A_ @ x)) - b_ @ x + s * torch.sum(_log_cosh(torch, x))

    return value


def torch_logcosh_bowl(k=1.0, center=0.0):
    """x of any shape -> sum(k/2*(x-center)**2 + log(cosh(x-center)))."""
    import torch

    def value(x):
        z = x - center
        return torch.sum(0.5 * k * z * z + _log_cosh(torch, z))

    return value


def torch_coupled(A, c, s=1.0):
    """fn(*params) for m tensors of one shape: with P the params stacked (m, ...),
    sum over elements of 1/2 P.A.P - c.P + s*log(cosh(P[i] - P[i+1])). The last term ties
    neighbouring parameters together, so no parameter can be trained alone."""
    import torch

    def value(*params):
        P = torch.stack(params).reshape(len(params), -1)
        A_, c_ = _like(torch, A, P), _like(torch, c, P)
        quadratic = 0.5 * torch.sum(P * (A_ @ P)) - torch.sum(c_ @ P)
        return quadratic + s * torch.sum(_log_cosh(torch, P[:-1] - P[1:]))

    return value


# NumPy twins of torch functions, for drawing (grader plot evaluates losses without torch).


def logcosh_bowl(k=1.0, center=0.0):
    """x -> sum(k/2*(x-center)**2 + log(cosh(x-center))): torch_logcosh_bowl in NumPy."""

    def value(x):
        z = np.asarray(x, dtype=float) - center
        a = np.abs(z)
        return float(np.sum(0.5 * k * z * z + a + np.log1p(np.exp(-2.0 * a)) - 0.6931471805599453))

    return value
