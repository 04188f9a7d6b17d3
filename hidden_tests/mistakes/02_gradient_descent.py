"""Models of the known mistakes of 02_gradient_descent (trusted course content, never shipped).

Each function `<function>__<diagnosis id>[__<variant>]` takes the graded function's
arguments and returns what a learner who makes that mistake returns. The grader runs them on
a failed check's own inputs; one that agrees with the learner's result names the mistake.
Within a function, the more likely mistakes come first.
"""

import numpy as np


def _descend(x0, learning_rate, dfn, epochs, sign=1.0):
    x = np.asarray(x0, dtype=float)
    for _ in range(epochs):
        x = x - sign * learning_rate * dfn(x)
    return x


def _path(x0, learning_rate, dfn, epochs, sign=1.0):
    x = np.asarray(x0, dtype=float)
    rows = [x]
    for _ in range(epochs):
        x = x - sign * learning_rate * dfn(x)
        rows.append(x)
    return np.array(rows, dtype=float)


def gradient_descent__uphill(x0, learning_rate, dfn, epochs):
    return _descend(x0, learning_rate, dfn, epochs, sign=-1.0)


def gradient_descent__one_step_too_many(x0, learning_rate, dfn, epochs):
    return _descend(x0, learning_rate, dfn, epochs + 1)


def gradient_descent__one_step_too_few(x0, learning_rate, dfn, epochs):
    return _descend(x0, learning_rate, dfn, max(epochs - 1, 0))


# A learner who ignores learning_rate steps by the derivative itself or by a rate of their own.
def gradient_descent__ignores_argument(x0, learning_rate, dfn, epochs):
    return _descend(x0, 1.0, dfn, epochs)


def gradient_descent__ignores_argument__tenth(x0, learning_rate, dfn, epochs):
    return _descend(x0, 0.1, dfn, epochs)


def gradient_descent__ignores_argument__hundredth(x0, learning_rate, dfn, epochs):
    return _descend(x0, 0.01, dfn, epochs)


def descent_path__path_missing_start(x0, learning_rate, dfn, epochs):
    return _path(x0, learning_rate, dfn, epochs)[1:]


def descent_path__path_missing_start__shifted(x0, learning_rate, dfn, epochs):
    """Rows recorded after each of epochs + 1 updates: as many rows, each one update late."""
    return _path(x0, learning_rate, dfn, epochs + 1)[1:]


def descent_path__path_rows_shared(x0, learning_rate, dfn, epochs):
    path = _path(x0, learning_rate, dfn, epochs)
    return np.array([path[-1]] * len(path))


def descent_path__uphill(x0, learning_rate, dfn, epochs):
    return _path(x0, learning_rate, dfn, epochs, sign=-1.0)


def descent_path__one_step_too_many(x0, learning_rate, dfn, epochs):
    return _path(x0, learning_rate, dfn, epochs + 1)


def descent_path__one_step_too_few(x0, learning_rate, dfn, epochs):
    return _path(x0, learning_rate, dfn, max(epochs - 1, 0))


def _until(x0, learning_rate, dfn, tol, max_epochs, *, stop, final):
    """The loop with a stopping rule `stop(x, step)`; `final` says what happens on the step
    that stops it: "skip" (correct), "count" it, or "apply" it (and count it)."""
    x = np.asarray(x0, dtype=float)
    steps = 0
    for _ in range(max_epochs):
        step = learning_rate * dfn(x)
        if stop(x, step, tol):
            if final == "apply":
                x, steps = x - step, steps + 1
            elif final == "count":
                steps += 1
            return x, steps
        x, steps = x - step, steps + 1
    return x, steps


def _small_step(x, step, tol):
    return np.max(np.abs(step)) < tol


def descend_until__applies_final_step(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    return _until(x0, learning_rate, dfn, tol, max_epochs, stop=_small_step, final="apply")


def descend_until__counts_final_check(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    return _until(x0, learning_rate, dfn, tol, max_epochs, stop=_small_step, final="count")


def descend_until__one_step_too_many(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    return _until(x0, learning_rate, dfn, tol, max_epochs + 1, stop=_small_step, final="skip")


def descend_until__stops_on_x(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    def small_x(x, step, tol):
        return np.max(np.abs(x)) < tol

    return _until(x0, learning_rate, dfn, tol, max_epochs, stop=small_x, final="skip")


def descend_until__ignores_argument(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    return _until(x0, learning_rate, dfn, tol, 10**9, stop=_small_step, final="skip")


def descend_until__ignores_argument__tol(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000):
    return _until(x0, learning_rate, dfn, 1e-6, max_epochs, stop=_small_step, final="skip")
