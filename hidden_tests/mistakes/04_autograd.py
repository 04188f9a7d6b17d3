"""Models of the known mistakes of 04_autograd (trusted course content, never shipped).

Each function `<function>__<diagnosis id>[__<variant>]` takes the graded function's
arguments and returns what a learner who makes that mistake returns. The grader runs them on
a failed check's own inputs; one that agrees with the learner's result names the mistake.
Within a function, the more likely mistakes come first.
"""

import torch


def _leaves(params):
    return [p.detach().clone().requires_grad_(True) for p in params]


def _train(fn, params, learning_rate, epochs, *, sign=1.0, cleared=None):
    """The lesson's loop on all `params` at once; `cleared(i)` says whether parameter i's
    gradient is cleared each epoch (all, by default)."""
    xs = _leaves(params)
    for _ in range(epochs):
        fn(*xs).backward()
        with torch.no_grad():
            for x in xs:
                x -= sign * learning_rate * x.grad
        for i, x in enumerate(xs):
            if cleared is None or cleared(i):
                x.grad.zero_()
    return [x.detach() for x in xs]


def _sequential(fn, params, learning_rate, epochs):
    """One parameter after another, each from a gradient that sees the ones moved before."""
    xs = _leaves(params)
    for _ in range(epochs):
        for x in xs:
            fn(*xs).backward()
            with torch.no_grad():
                x -= learning_rate * x.grad
            for other in xs:
                other.grad = None
    return [x.detach() for x in xs]


def _optimized(fn, params, epochs, make, *, zero=True):
    xs = _leaves(params)
    optimizer = make(xs)
    for _ in range(epochs):
        if zero:
            optimizer.zero_grad()
        fn(*xs).backward()
        optimizer.step()
    return [x.detach() for x in xs]


# ---- minimize -----------------------------------------------------------------------------


def minimize__grad_accumulates(fn, x0, learning_rate, epochs):
    return _train(fn, [x0], learning_rate, epochs, cleared=lambda i: False)[0]


def minimize__uphill(fn, x0, learning_rate, epochs):
    return _train(fn, [x0], learning_rate, epochs, sign=-1.0)[0]


def minimize__one_step_too_few(fn, x0, learning_rate, epochs):
    return _train(fn, [x0], learning_rate, max(epochs - 1, 0))[0]


def minimize__one_step_too_many(fn, x0, learning_rate, epochs):
    return _train(fn, [x0], learning_rate, epochs + 1)[0]


# ---- minimize_many ------------------------------------------------------------------------


def minimize_many__grad_accumulates(fn, params, learning_rate, epochs):
    return _train(fn, params, learning_rate, epochs, cleared=lambda i: False)


def minimize_many__grad_accumulates__all_but_first(fn, params, learning_rate, epochs):
    return _train(fn, params, learning_rate, epochs, cleared=lambda i: i == 0)


def minimize_many__grad_accumulates__all_but_last(fn, params, learning_rate, epochs):
    last = len(params) - 1
    return _train(fn, params, learning_rate, epochs, cleared=lambda i: i == last)


def minimize_many__leaf_replaced(fn, params, learning_rate, epochs):
    """`x = x - ...` on a loop variable: a new tensor each time, no parameter ever moves."""
    return [p.detach().clone() for p in params]


def minimize_many__sequential_update(fn, params, learning_rate, epochs):
    return _sequential(fn, params, learning_rate, epochs)


def minimize_many__uphill(fn, params, learning_rate, epochs):
    return _train(fn, params, learning_rate, epochs, sign=-1.0)


def minimize_many__one_step_too_few(fn, params, learning_rate, epochs):
    return _train(fn, params, learning_rate, max(epochs - 1, 0))


def minimize_many__one_step_too_many(fn, params, learning_rate, epochs):
    return _train(fn, params, learning_rate, epochs + 1)


# ---- minimize_with_optimizer ----------------------------------------------------------------


def minimize_with_optimizer__grad_accumulates(fn, params, learning_rate, epochs):
    make = lambda xs: torch.optim.SGD(xs, lr=learning_rate)  # noqa: E731
    return _optimized(fn, params, epochs, make, zero=False)


def _sgd(learning_rate, **options):
    return lambda xs: torch.optim.SGD(xs, lr=learning_rate, **options)


def minimize_with_optimizer__not_plain_sgd(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, _sgd(learning_rate, momentum=0.9))


def minimize_with_optimizer__not_plain_sgd__nesterov(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, _sgd(learning_rate, momentum=0.9, nesterov=True))


def minimize_with_optimizer__not_plain_sgd__momentum_half(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, _sgd(learning_rate, momentum=0.5))


def minimize_with_optimizer__not_plain_sgd__decay_1e2(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, _sgd(learning_rate, weight_decay=1e-2))


def minimize_with_optimizer__not_plain_sgd__decay_1e3(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, _sgd(learning_rate, weight_decay=1e-3))


def minimize_with_optimizer__not_plain_sgd__decay_5e4(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, _sgd(learning_rate, weight_decay=5e-4))


def minimize_with_optimizer__not_plain_sgd__decay_1e4(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, _sgd(learning_rate, weight_decay=1e-4))


def minimize_with_optimizer__not_plain_sgd__adam(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs, lambda xs: torch.optim.Adam(xs, lr=learning_rate))


def minimize_with_optimizer__one_step_too_few(fn, params, learning_rate, epochs):
    return _optimized(fn, params, max(epochs - 1, 0), _sgd(learning_rate))


def minimize_with_optimizer__one_step_too_many(fn, params, learning_rate, epochs):
    return _optimized(fn, params, epochs + 1, _sgd(learning_rate))
