"""Naming the mistake: which known mistakes explain a learner's failed check.

Decided from behaviour only, never from the learner's code:
- models: each exercise may have trusted models of its known mistakes in
  hidden_tests/mistakes/<exercise id>.py, one function per (function, mistake) named
  `<function>__<diagnosis id>` with the function's signature. They run in a trusted worker
  on the check's own request (same arguments, seed and device); a model whose result differs
  from the reference but agrees with the learner's (usual tolerance) names its mistake;
- the engine: what the comparison itself sees (a changed input, a wrong type, shape, dtype,
  device, a result that still requires grad);
- symptoms: an error the learner's code raised that is the known sign of a mistake.
When nothing explains a failure there is no diagnosis: a wrong name is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.grading.compare import Difference, compare, tolerance_for
from grader.records.values import TensorData
from grader.workers.pool import LoadSpec, WorkerPool

# The ids the grader finds by itself, in a comparison or an error, whatever the course (the
# course's own ids, named by its models, live beside them: grader.records.course_diagnoses).
# All ids are a contract (kata-spec.md, "Naming the mistake"): tools count them.
ENGINE_IDS = ("changes_input", "wrong_type", "wrong_shape", "wrong_dtype", "wrong_device",
              "requires_grad_left_on", "scalar_only", "update_recorded", "missing_error")
SEPARATOR = "__"  # between the function's name and the diagnosis id in a model's name

# What the comparison sees directly, by Difference.kind.
_ENGINE = {"type": "wrong_type", "shape": "wrong_shape", "dtype": "wrong_dtype",
           "device": "wrong_device", "requires_grad": "requires_grad_left_on",
           "changed input": "changes_input"}
# Kinds whose id needs the values to be right once the form is fixed.
_NEEDS_SAME_VALUES = ("type", "shape")

# Error messages (from NumPy, torch and math) that are the known symptom of a mistake.
_SYMPTOMS = (
    # NumPy functions given tensors call the tensor's method with NumPy's keywords
    ("scalar_only", "got an unexpected keyword argument 'axis'"),
    ("scalar_only", "received an invalid combination of arguments - got (axis="),
    ("scalar_only", "expected np.ndarray (got Tensor)"),
    ("wrong_dtype", "must have the same dtype"),
    ("wrong_dtype", "to have the same dtype"),
    ("wrong_dtype", "expected scalar type"),
    ("wrong_dtype", "but expected Float"),
    ("wrong_dtype", "but expected Double"),
    ("wrong_device", "can't convert cuda"),
    ("update_recorded", "a leaf Variable that requires grad is being used in an in-place"),
    ("scalar_only", "only length-1 arrays can be converted"),
    ("scalar_only", "only 0-dimensional arrays can be converted"),
    ("scalar_only", "only one element tensors can be converted"),
    ("scalar_only", "truth value of an array with more than one element is ambiguous"),
    ("scalar_only", "Boolean value of Tensor with more than one value is ambiguous"),
    ("scalar_only", "Concatenation operation is not implemented for NumPy arrays"),
    ("scalar_only", "Can't call numpy() on Tensor that requires grad"),
    ("wrong_device", "Expected all tensors to be on the same device"),
    ("scalar_only", "must be real number, not Tensor"),
)


@dataclass(frozen=True)
class Models:
    """The trusted models of one exercise's mistakes, and where they run."""

    pool: WorkerPool
    spec: LoadSpec
    time_limit: float

    def names(self, function: str) -> list[str]:
        """The model names for `function`, in the file's order (most likely first)."""
        worker = self.pool.worker("reference", self.spec)
        loaded = worker.load_reply or worker.load()
        if not loaded.ok:
            return []
        prefix = function + SEPARATOR
        return [name for name in loaded.functions if name.startswith(prefix)]

    def results(self, function: str, request: dict) -> list[tuple[str, Any]]:
        """(diagnosis id, model result) for every model of `function` that ran on `request`."""
        found = []
        prefix = function + SEPARATOR
        for name in self.names(function):
            reply = self.pool.call("reference", self.spec, {**request, "function": name},
                                   self.time_limit)
            if reply.ok:
                found.append((model_id(name, prefix), reply.result))
        return found


def model_id(name: str, prefix: str) -> str:
    """The diagnosis id of the model `name` ("descent_path__uphill__float" -> "uphill")."""
    return name[len(prefix):].split(SEPARATOR)[0]


def explained(got: Any, want: Any, diff: Difference | None, changed: Difference | None,
              modelled: list[tuple[str, Any]]) -> tuple[str, ...]:
    """The ids that explain a wrong result `got` (reference `want`), most likely first.

    `diff` is the result's first difference (None when the result is right), `changed` the
    first changed input (None when none), `modelled` the models' results on the same call."""
    matched = [(key, result) for key, result in modelled
               if diff is not None and not agrees(result, want) and agrees(got, result)]
    found = _distinct(got, matched)
    if not found and diff is not None and _engine_holds(diff, got, want):
        found.append(_ENGINE[diff.kind])
    if changed is not None and "changes_input" not in found:
        found.append("changes_input")
    return tuple(dict.fromkeys(found))


def agrees(got: Any, result: Any) -> bool:
    """Whether the learner's result is the model's: equal within the usual tolerance, or, when
    the model itself gives NaN or infinity (a division by zero), the same non-finite values
    in the same places and the rest within tolerance."""
    try:  # a model's result is plain data too, but of any form a learner's could take
        diff = compare(got, result)
    except (TypeError, ValueError):
        return False
    if diff is None:
        return True
    if diff.kind != "not finite":
        return False
    try:
        mine, theirs = flat_numbers(got), flat_numbers(result)
    except (TypeError, ValueError):
        return False
    if _words(got) != _words(result):
        return False
    if mine.shape != theirs.shape:
        return False
    finite = np.isfinite(theirs)
    if not np.array_equal(np.isfinite(mine), finite):
        return False
    same_non_finite = np.array_equal(mine[~finite], theirs[~finite], equal_nan=True)
    rest_agrees = not finite.any() or same_values(mine[finite], theirs[finite])
    return same_non_finite and rest_agrees


def _distinct(got: Any, matched: list[tuple[str, Any]]) -> list[str]:
    """The matched ids, nearest to the learner's result first; a model whose result cannot be
    told apart from a nearer one's on these inputs is left out (it names a guess)."""
    ranked = sorted(matched, key=lambda item: _distance(got, item[1]))  # stable: file order
    kept: list[tuple[str, Any]] = []
    for key, result in ranked:
        if not any(agrees(result, other) for _, other in kept):
            kept.append((key, result))
    return [key for key, _ in kept]


def _distance(got: Any, result: Any) -> float:
    """The largest absolute difference between the numbers of two results (0 if not numeric)."""
    try:
        mine, theirs = flat_numbers(got), flat_numbers(result)
    except (TypeError, ValueError):
        return 0.0
    if mine.shape != theirs.shape or mine.size == 0:
        return 0.0
    return float(np.max(np.abs(mine - theirs)))


def flat_numbers(value: Any) -> np.ndarray:
    """Every number in `value`, in order (strings and None are left to `_words`)."""
    if isinstance(value, (tuple, list)):
        parts = [flat_numbers(item) for item in value]
        return np.concatenate(parts) if parts else np.zeros(0)
    if isinstance(value, TensorData):
        return np.asarray(value.array, dtype=np.float64).ravel()
    if isinstance(value, str) or value is None:
        return np.zeros(0)
    return np.asarray(value, dtype=np.float64).ravel()


def _words(value: Any) -> list:
    """Every string and None in `value`, in order."""
    if isinstance(value, (tuple, list)):
        return [word for item in value for word in _words(item)]
    return [value] if isinstance(value, str) or value is None else []


def _engine_holds(diff: Difference, got: Any, want: Any) -> bool:
    if diff.kind not in _ENGINE:
        return False
    return diff.kind not in _NEEDS_SAME_VALUES or same_values(got, want)


def same_values(got: Any, want: Any) -> bool:
    """Whether `got` holds the reference's numbers, whatever container, shape or type."""
    if isinstance(want, (tuple, list)) and isinstance(got, (tuple, list)):
        return len(got) == len(want) and all(map(same_values, got, want))
    try:
        mine, theirs = _numbers(got), _numbers(want)
    except (TypeError, ValueError):
        return False
    if mine.size != theirs.size or mine.size == 0:
        return False
    tol = tolerance_for(theirs.dtype)
    close = np.abs(mine.ravel() - theirs.ravel()) <= tol.atol + tol.rtol * np.abs(theirs.ravel())
    return bool(np.all(close))


def _numbers(value: Any) -> np.ndarray:
    if isinstance(value, TensorData):
        return np.asarray(value.array, dtype=value.array.dtype)
    if isinstance(value, (tuple, list)):
        return np.asarray([_numbers(item) for item in value], dtype=np.float64)
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError("not numbers")
    array = np.asarray(value)
    if array.dtype.kind != "f":
        raise TypeError("not floating numbers")
    return array


def symptoms(error: dict) -> tuple[str, ...]:
    """The ids whose known symptom is this error of the learner's call."""
    if error.get("kind") != "call":
        return ()
    message = str(error.get("message", ""))
    return tuple(dict.fromkeys(key for key, sign in _SYMPTOMS if sign in message))


def said_by(diff: Difference | None) -> str | None:
    """The engine id whose sentence only repeats what the difference's own sentence says
    ("the numbers are right" is news a type or shape difference does not tell)."""
    if diff is None or diff.kind in _NEEDS_SAME_VALUES:
        return None
    return _ENGINE.get(diff.kind)
