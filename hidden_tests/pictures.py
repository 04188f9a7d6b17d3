"""Fixed inputs for `grader plot`: what each picture calls, and with what.

Plain data only: the grader calls the learner's function and the reference with `args` in
their workers and draws both results. Every callable is named with `fn` and built from
callables.py, in the workers and (for the curve, contour or loss drawn behind the results)
in the plotting process. Kinds:

- "tangent": the function returns (slope, intercept) of the tangent of `curve` at args[2].
- "path": a path of points, drawn over the curve whose derivative is `slope` (one
  variable) or over the contours of the function whose gradient is `gradient` (two). With
  `epochs_arg` the function is called once per epoch count 0..args[epochs_arg] and returns
  the last point; without it, it returns the whole path.
- "loss": a loss per epoch, either `losses_at` (the index of the losses in the returned tuple)
  or `loss` evaluated at the point returned for each epoch count, as for "path".
"""

import numpy as np

from grader.kata import fn
from grader.records.values import TensorData

_CUBIC = {"a": 0.5, "c": -2.0}  # a hill and a valley: tangents of every slope
_BOWL = {"k": 1.0, "s": 1.0, "center": 0.5}
_A = [[3.0, 1.2], [1.2, 1.0]]  # a tilted, elongated bowl: the path bends in the plane
_B = [1.0, -1.0]
_PLANE = fn("linear_gradient", A=_A, b=_B)


def _regression(seed=5, n=80, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * np.array([1.0, 2.0, 0.5])[:d]
    y = X @ rng.normal(size=d) + 1.5 + 0.3 * rng.normal(size=n)
    return X, y


def _tensor(values):
    """A float64 CPU tensor, as the checks' kata.tensor makes one."""
    return TensorData(np.asarray(values, dtype=float), "float64", "cpu")


_X, _Y = _regression()

PICTURES = {
    "01_derivatives": {
        "tangent_line": [
            {"kind": "tangent", "args": [fn("cubic", **_CUBIC), fn("cubic_prime", **_CUBIC), 1.5],
             "curve": fn("cubic", **_CUBIC), "span": [-3.0, 3.0]},
        ],
    },
    "02_gradient_descent": {
        "descent_path": [
            {"kind": "path", "args": [3.0, 0.3, fn("bowl_prime", **_BOWL), 12],
             "slope": fn("bowl_prime", **_BOWL), "learning_rate_arg": 1},
            {"kind": "path", "args": [2.0, 2.2, fn("bowl_prime", **_BOWL), 6],
             "slope": fn("bowl_prime", **_BOWL), "learning_rate_arg": 1},
        ],
        "gradient_descent": [
            {"kind": "path", "args": [3.0, 0.3, fn("bowl_prime", **_BOWL), 12], "epochs_arg": 3,
             "slope": fn("bowl_prime", **_BOWL), "learning_rate_arg": 1},
        ],
    },
    "03_partial_derivatives": {
        "gradient_descent_nd": [
            {"kind": "path", "args": [_PLANE, np.array([-2.0, 2.5]), 0.25, 25],
             "epochs_arg": 3, "gradient": _PLANE, "learning_rate_arg": 2},
        ],
    },
    "04_autograd": {
        "minimize": [
            {"kind": "loss", "args": [fn("torch_logcosh_bowl", k=1.0, center=1.0),
                                      _tensor([4.0, -3.0]), 0.2, 25],
             "epochs_arg": 3, "loss": fn("logcosh_bowl", k=1.0, center=1.0),
             "learning_rate_arg": 2},
        ],
    },
    "05_linear_regression": {
        "train_numpy": [
            {"kind": "loss", "args": [_X, _Y, 0.05, 60], "losses_at": 2, "learning_rate_arg": 2},
        ],
        "train_torch": [
            {"kind": "loss", "args": [_tensor(_X), _tensor(_Y), 0.05, 60],
             "losses_at": 2, "learning_rate_arg": 2},
        ],
    },
}
