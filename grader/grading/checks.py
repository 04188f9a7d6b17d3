"""What hidden tests use: `fn()` for trusted callables, the `kata` object, and the outcome
exceptions the plugin turns into statuses (defined in grader.grading.outcomes).

A `Kata` sends the same request (same arguments, same seed) to the reference worker and to
the learner worker, compares the plain data that comes back, and raises an outcome that
says what was called, what came back and what was expected. Public checks, which know the
expected result beforehand, use the learner's half alone (`check_expected`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from grader.records import messages

from grader.records import seeding

from grader.workers import wire
from grader.grading.compare import compare, compare_inputs, describe, render_value
# The outcomes stay importable from here too: the hidden-test API names them grader.grading.checks.*
from grader.grading.outcomes import (  # noqa: F401
    GraderFault,
    LearnerError,
    NotStarted,
    Outcome,
    TimedOut,
    Wrong,
    call_outcome,
    load_failure,
)
from grader.workers.pool import CallReply, LoadSpec, WorkerPool
from grader.records.results import keep_output
from grader.records.values import FnRef, TensorData

_TENSOR_DTYPES = ("float16", "float32", "float64")
# The reference is trusted but may run on a busier process; it gets this multiple of the
# learner's limit so a slow machine never turns into "reference failed".
REFERENCE_SLACK = 3.0


def fn(name: str, /, **params: Any) -> FnRef:
    """A reference to the trusted callable factory `name` in hidden_tests/callables.py."""
    return FnRef(name, params)


@dataclass
class Target:
    """Where one exercise's code lives for this run, shared by its tests."""

    exercise: str
    time_limit: float
    reference: LoadSpec
    learner: LoadSpec | None  # None: no learner file
    missing: str = ""  # why there is no learner file
    outputs: dict = field(default_factory=dict)  # (function, device) -> [(text, dropped)]


@dataclass(frozen=True)
class Checked:
    """A check the learner's function passed, as a recorder sees it: the inputs sent and
    either the result wanted or the exception it had to raise."""

    exercise: str
    function: str
    device: str
    args: tuple
    kwargs: dict
    want: Any = None
    raises: str = ""  # set for check_raises; `want` is then unused


Recorder = Callable[[Checked], None]


class Kata:
    """The `kata` fixture: one test's view of one exercise, function and device."""

    def __init__(self, target: Target, pool: WorkerPool, function: str, device: str,
                 run_seed: int, test_id: str, recorder: Recorder | None = None) -> None:
        self._target = target
        self._pool = pool
        self._function = function
        self._test_id = test_id
        self._run_seed = run_seed
        self._recorder = recorder  # told of every passed check (the release records them)
        self._calls = 0
        self.device = device
        self.exercise = target.exercise

    # ---------------------------------------------------------------- building inputs

    def tensor(self, values: Any, dtype: str = "float64") -> TensorData:
        """A leaf tensor on this test's device that does not require grad."""
        if dtype not in _TENSOR_DTYPES:
            raise ValueError(f"kata.tensor supports {_TENSOR_DTYPES}, not {dtype!r}")
        array = np.array(values, dtype=np.dtype(dtype))
        device = "cuda:0" if self.device == "cuda" else "cpu"
        return TensorData(array, dtype, device)

    # ---------------------------------------------------------------- checks

    def check(self, function: str, /, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
        """Reference then learner on identical inputs and seed; result and inputs compared."""
        request = self._request(function, args, kwargs)
        want = self._reference(function, request)
        got = self._learner_checked(function, request, want, args, kwargs)
        return got, want

    def check_expected(self, function: str, want: Any, /, *args: Any, **kwargs: Any) -> Any:
        """The learner's half of `check`, against a `want` known beforehand (public checks):
        the result compared with `want`, the inputs after the call with the inputs sent."""
        request = self._request(function, args, kwargs)
        return self._learner_checked(function, request, want, args, kwargs)

    def check_raises(self, function: str, exception_name: str, /, *args: Any,
                     **kwargs: Any) -> None:
        """The learner must raise `exception_name` (matched anywhere in its MRO)."""
        reply = self._learner_reply(function, self._request(function, args, kwargs))
        error = reply.error or {}
        if error.get("kind") == "call" and exception_name in error.get("mro", []):
            self._record(function, args, kwargs, raises=exception_name)
            return
        if reply.ok:
            outcome = messages.text("returned_instead", got=render_value(reply.result))
        elif error.get("kind") == "call" and "NotImplementedError" not in error["mro"]:
            outcome = messages.text("raised_other", exception=error["type"],
                                    message=error["message"])
        else:
            raise self._outcome(function, error)
        sentence = messages.text("raised_expected", function=function,
                                 expected=exception_name, outcome=outcome)
        raise Wrong(self._explain(function, args, kwargs, sentence))

    def _learner_checked(self, function: str, request: dict, want: Any, args: tuple,
                         kwargs: dict) -> Any:
        got, reply = self._learner(function, request)
        diff = compare(got, want)
        if diff is None:
            names = self._names(function, len(args)) + list(kwargs)
            diff = compare_inputs(list(args) + list(kwargs.values()),
                                  list(reply.args) + [reply.kwargs.get(k) for k in kwargs],
                                  names=names)
        if diff is not None:
            raise Wrong(self._explain(function, args, kwargs, describe(diff)))
        self._record(function, args, kwargs, want=want)
        return got

    def _record(self, function: str, args: tuple, kwargs: dict, **outcome: Any) -> None:
        if self._recorder is not None:
            self._recorder(Checked(self.exercise, function, self.device, tuple(args),
                                   dict(kwargs), **outcome))

    def call_learner(self, function: str, /, *args: Any, **kwargs: Any) -> Any:
        return self._learner(function, self._request(function, args, kwargs))[0]

    def call_reference(self, function: str, /, *args: Any, **kwargs: Any) -> Any:
        return self._reference(function, self._request(function, args, kwargs))

    def compare(self, got: Any, want: Any, *, path: str = "result") -> None:
        diff = compare(got, want, path=path)
        if diff is not None:
            raise Wrong(describe(diff))

    def fail(self, message: str) -> None:
        raise Wrong(message)

    # ---------------------------------------------------------------- calls

    def _request(self, function: str, args: tuple, kwargs: dict) -> dict:
        self._calls += 1
        seed = seeding.derive_seed(self._run_seed, self._test_id, self._calls)
        return {"op": "call", "function": function, "seed": seed, "device": self.device,
                "args": [wire.encode(value) for value in args],
                "kwargs": wire.encode(dict(kwargs))}

    def _reference(self, function: str, request: dict) -> Any:
        limit = self._target.time_limit * REFERENCE_SLACK
        reply = self._pool.call("reference", self._target.reference, request, limit)
        if not reply.ok:
            reason = _short_reason(reply.error)
            raise GraderFault(messages.text("reference_failed", function=function, reason=reason))
        return reply.result

    def _learner(self, function: str, request: dict) -> tuple[Any, CallReply]:
        reply = self._learner_reply(function, request)
        if not reply.ok:
            raise self._outcome(function, reply.error)
        return reply.result, reply

    def _learner_reply(self, function: str, request: dict) -> CallReply:
        target = self._target
        if target.learner is None:
            raise LearnerError(messages.text("load.failed_function", reason=target.missing))
        worker = self._pool.worker("learner", target.learner)
        loaded = worker.load()
        if not loaded.ok:
            reason = load_failure(target.learner.display, loaded.error)
            raise LearnerError(messages.text("load.failed_function", reason=reason))
        reply = worker.call(request, target.time_limit)
        key = (self._function, self.device)
        # capped as it arrives: a submission's prints must not grow the grading process
        keep_output(target.outputs.setdefault(key, []), reply.output, reply.output_dropped)
        return reply

    def _outcome(self, function: str, error: dict) -> Outcome:
        target = self._target
        file = target.learner.display if target.learner else target.exercise
        return call_outcome(function, error, file=file, time_limit=target.time_limit)

    def _names(self, function: str, count: int) -> list[str]:
        """Parameter names from the reference's signature, or else (a student edition has no
        solutions/) from the learner's; "argument N" where neither is known."""
        params = self._params("reference", self._target.reference, function)
        if params is None and self._target.learner is not None:
            params = self._params("learner", self._target.learner, function)
        params = params or []
        return [params[i] if i < len(params) else messages.text("check.argument", number=i + 1)
                for i in range(count)]

    def _params(self, role: str, spec: LoadSpec, function: str) -> list[str] | None:
        worker = self._pool.worker(role, spec)
        if worker.load_reply is None and spec.path.is_file():
            worker.load()
        loaded = worker.load_reply
        if loaded is None or not loaded.ok:
            return None
        return loaded.functions.get(function)

    def _explain(self, function: str, args: tuple, kwargs: dict, sentence: str) -> str:
        names = self._names(function, len(args))
        shown = [f"{name}={render_argument(value)}" for name, value in zip(names, args)]
        shown += [f"{name}={render_argument(value)}" for name, value in kwargs.items()]
        call = f"{function}({', '.join(shown)})"
        return messages.text("check.called", call=call) + "\n" + sentence


def render_argument(value: Any) -> str:
    if type(value) is FnRef:
        params = ", ".join(f"{k}={render_value(v)}" for k, v in value.params.items())
        return f"{value.name}({params})" if params else value.name
    return render_value(value)


def _short_reason(error: dict | None) -> str:
    error = error or {}
    text = f"{error.get('type', '')}: {error.get('message', '')}".strip(": ")
    return text or error.get("kind", "unknown")
