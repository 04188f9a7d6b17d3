"""What hidden tests use: `fn()` for trusted callables, the `kata` object, and the outcome
exceptions the plugin turns into statuses (defined in grader.grading.outcomes).

A `Kata` sends the same request (same arguments, same seed) to the reference worker and to
the learner worker, compares the plain data that comes back, and raises an outcome that
says what was called, what came back and what was expected. Public checks, which know the
expected result beforehand, use the learner's half alone (`check_expected`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from grader.grading import diagnosis
from grader.grading.explanation import Explanation
from grader.grading.facts import facts
from grader.grading.compare import compare, compare_inputs, describe, named, render_value
from grader.grading.helper_code import Helpers
from grader.grading.replay import FailedCall
from grader.grading.outcomes import (
    GraderFault,
    LearnerError,
    NotStarted,
    Outcome,
    TimedOut,
    Wrong,
    call_outcome,
    load_failure,
)
from grader.records import messages, seeding
from grader.records.results import OUTPUT_LIMIT, Status, cap_output
from grader.records.values import FnRef, TensorData, all_finite
from grader.workers import wire
from grader.workers.pool import CallReply, LoadSpec, WorkerPool

INPUT_TENSOR_DTYPES = ("float16", "float32", "float64")
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
    mistakes: LoadSpec | None = None  # trusted models of known mistakes (diagnoses)
    returns: dict = field(default_factory=dict)  # function -> names of its result's parts
    # calls of these go to workers of the optimizer server (grader.workers.servers)
    optimizer_functions: frozenset = frozenset()
    sentences: dict = field(default_factory=dict)  # the course's diagnoses, in words
    helpers: Helpers = field(default_factory=Helpers)  # callables.py, shown beside a call

    def spec(self, role: str, function: str) -> LoadSpec | None:
        """The file of `role` ("reference", "learner" or "mistakes") that a call of
        `function` goes to, with the worker server it is forked from."""
        spec = {"reference": self.reference, "learner": self.learner,
                "mistakes": self.mistakes}[role]
        return None if spec is None else self.routed(spec, function)

    def routed(self, spec: LoadSpec, function: str) -> LoadSpec:
        """`spec`, forked from the optimizer server for a function that needs it."""
        if function not in self.optimizer_functions:
            return spec
        return dataclasses.replace(spec, server="optimizer")


@dataclass
class CheckRecord:
    """Everything grading learns of one (exercise, function, device): the verdict of its
    tests (the first failure wins, with its diagnoses) and the learner's printed output, kept
    within the feedback limit as it arrives so a flood never grows this process."""

    graded: int = 0
    status: Status = Status.PASSED
    message: str = ""
    diagnoses: tuple[str, ...] = ()
    explanation: Explanation | None = None  # the failure's parts, while they may still change
    output: str = ""
    output_dropped: int = 0  # bytes of output not kept, here or by the worker
    seconds: float = 0.0  # its tests' time, set-up (loading the file) included
    result_digest: str = ""  # of the first wrong result and its call (see result_digest)
    grader_fault: bool = False  # the first failure was the grader's (GraderFault)

    def record(self, status: Status, message: str, diagnoses: tuple[str, ...] = (),
               explanation: Explanation | None = None, result_digest: str = "",
               grader_fault: bool = False) -> None:
        self.graded += 1
        if self.status is Status.PASSED and status is not Status.PASSED:
            self.status, self.message, self.diagnoses = status, message, tuple(diagnoses)
            self.explanation = explanation
            self.result_digest, self.grader_fault = result_digest, grader_fault

    def explain(self, explanation: Explanation) -> None:
        """The failure's message and diagnoses, as `explanation` now has them."""
        self.explanation = explanation
        self.message, self.diagnoses = explanation.message, explanation.diagnoses

    def add_output(self, text: str, dropped: int = 0) -> None:
        room = OUTPUT_LIMIT - len(self.output.encode("utf-8", errors="replace"))
        data = text.encode("utf-8", errors="replace")
        kept = data[: max(room, 0)].decode("utf-8", errors="ignore")
        self.output += kept
        self.output_dropped += dropped + len(data) - len(kept.encode("utf-8"))

    @property
    def feedback_output(self) -> str:
        return cap_output(self.output, dropped=self.output_dropped)


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


PassedCheckListener = Callable[[Checked], None]
FailedCallListener = Callable[[FailedCall], None]


class Kata:
    """The `kata` fixture: one test's view of one exercise, function and device."""

    def __init__(self, target: Target, pool: WorkerPool, function: str, device: str,
                 run_seed: int, test_id: str, record: CheckRecord,
                 recorder: PassedCheckListener | None = None,
                 on_failure: FailedCallListener | None = None) -> None:
        self._target = target
        self._pool = pool
        self._function = function
        self._test_id = test_id
        self._run_seed = run_seed
        self._record_of_check = record  # the plugin's CheckRecord: output goes there
        self._recorder = recorder  # told of every passed check (the release records them)
        self._on_failure = on_failure  # told of every failed call (`grader repro` keeps one)
        self._calls = 0
        self.device = device
        self.exercise = target.exercise

    # ---------------------------------------------------------------- building inputs

    def tensor(self, values: Any, dtype: str = "float64") -> TensorData:
        """A leaf tensor on this test's device that does not require grad."""
        if dtype not in INPUT_TENSOR_DTYPES:
            raise ValueError(f"kata.tensor supports {INPUT_TENSOR_DTYPES}, not {dtype!r}")
        array = np.array(values, dtype=np.dtype(dtype))
        device = "cuda:0" if self.device == "cuda" else "cpu"
        return TensorData(array, dtype, device)

    # ---------------------------------------------------------------- checks

    def check(self, function: str, /, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
        """Reference then learner on identical inputs and seed; result and inputs compared."""
        request = self._request(function, args, kwargs)
        # Both workers compute at once: the learner's call is sent first, so its stopwatch
        # (the submission's budget) stops when its own reply is read, not the reference's.
        try:
            learner: _LearnerCall | Outcome = self._begin_learner(request)
        except Outcome as not_loaded:  # reported after the reference, as when called alone
            learner = not_loaded
        reference = self._begin_reference(request)
        reply = learner if isinstance(learner, Outcome) else learner.reply()
        want = self._reference_result(function, reference.reply())
        if isinstance(reply, Outcome):
            raise reply
        got = self._learner_checked(function, request, want, args, kwargs, reply)
        return got, want

    def check_expected(self, function: str, want: Any, /, *args: Any, **kwargs: Any) -> Any:
        """The learner's half of `check`, against a `want` known beforehand (public checks):
        the result compared with `want`, the inputs after the call with the inputs sent."""
        request = self._request(function, args, kwargs)
        return self._learner_checked(function, request, want, args, kwargs,
                                     self._learner_reply(function, request))

    def check_raises(self, function: str, exception_name: str, /, *args: Any,
                     **kwargs: Any) -> None:
        """The learner must raise `exception_name` (matched anywhere in its MRO)."""
        reply = self._learner_reply(function, self._request(function, args, kwargs))
        error = reply.error or {}
        if error.get("kind") == "call" and exception_name in error.get("mro", []):
            self._record(function, args, kwargs, raises=exception_name)
            return
        found = ("missing_error",)
        if reply.ok:
            outcome = messages.text("returned_instead", got=render_value(reply.result))
        elif error.get("kind") == "call" and "NotImplementedError" not in error["mro"]:
            outcome = messages.text("raised_other", exception=error["type"],
                                    message=error["message"])
        else:
            raise self._outcome(function, error, args, kwargs)
        sentence = messages.text("raised_expected", function=function,
                                 expected=exception_name, outcome=outcome)
        # The verdict already says the error is missing: the id only, no second sentence.
        explanation = Explanation(self._explain(function, args, kwargs, sentence), found,
                                  said="missing_error", sentences=self._target.sentences)
        raise Wrong.explained(explanation)

    def _learner_checked(self, function: str, request: dict, want: Any, args: tuple,
                         kwargs: dict, reply: CallReply) -> Any:
        try:
            got = self._learner_result(function, reply, args, kwargs)
        except Outcome:
            self._failed(function, args, kwargs, want)
            raise
        if len(reply.args) != len(args) or set(reply.kwargs) != set(kwargs):
            # the inputs come back to be checked for changes; other inputs are a forged reply
            sentence = messages.text("mismatched_reply", function=function)
            raise LearnerError(self._explain(function, args, kwargs, sentence))
        names = self._names(function, len(args)) + list(kwargs)
        changed = compare_inputs(list(args) + list(kwargs.values()),
                                 list(reply.args) + [reply.kwargs.get(k) for k in kwargs],
                                 names=names)
        result_diff = compare(got, want)
        diff = result_diff or changed
        if diff is not None:
            parts = self._target.returns.get(function, ())
            diff = named(diff, parts)
            self._failed(function, args, kwargs, want)
            modelled = self._models(function, request) if result_diff is not None else []
            found = diagnosis.explained(got, want, result_diff, changed, modelled)
            said = facts(got, want, list(zip(names, [*args, *kwargs.values()])), parts)
            raise Wrong.explained(Explanation(
                self._explain(function, args, kwargs, describe(diff)), found,
                modelled=frozenset(key for key, _ in modelled) & set(found),
                said=diagnosis.said_by(diff), facts=said if result_diff is not None else (),
                sentences=self._target.sentences),
                result_digest(request, reply))
        self._record(function, args, kwargs, want=want)
        return got

    def _failed(self, function: str, args: tuple, kwargs: dict, want: Any) -> None:
        if self._on_failure is not None:
            names = tuple(self._names(function, len(args)))
            self._on_failure(FailedCall(self.exercise, function, tuple(args), dict(kwargs),
                                        names, want))

    def again(self) -> Kata:
        """This test's kata for a second run on other inputs (its seeds drawn anew), whose
        verdict and output count for nothing: it only confirms a mistake a model named."""
        return Kata(self._target, self._pool, self._function, self.device, self._run_seed,
                    again_id(self._test_id), CheckRecord())

    def _models(self, function: str, request: dict) -> list[tuple[str, Any]]:
        """The results of the trusted mistake models of `function` on this very request."""
        spec = self._target.spec("mistakes", function)
        if spec is None:
            return []
        limit = self._target.time_limit * REFERENCE_SLACK
        return diagnosis.Models(self._pool, spec, limit).results(function, request)

    def _record(self, function: str, args: tuple, kwargs: dict, **outcome: Any) -> None:
        if self._recorder is not None:
            self._recorder(Checked(self.exercise, function, self.device, tuple(args),
                                   dict(kwargs), **outcome))

    def call_learner(self, function: str, /, *args: Any, **kwargs: Any) -> Any:
        reply = self._learner_reply(function, self._request(function, args, kwargs))
        return self._learner_result(function, reply, args, kwargs)

    def call_reference(self, function: str, /, *args: Any, **kwargs: Any) -> Any:
        return self._reference(function, self._request(function, args, kwargs))

    def compare(self, got: Any, want: Any, *, path: str = "result") -> None:
        diff = compare(got, want, path=path)
        if diff is not None:
            found = diagnosis.explained(got, want, diff, None, [])  # what the comparison sees
            diff = named(diff, self._target.returns.get(self._function, ()))
            raise Wrong.explained(Explanation(describe(diff), found,
                                              said=diagnosis.said_by(diff),
                                              sentences=self._target.sentences))

    # ---------------------------------------------------------------- calls

    def _request(self, function: str, args: tuple, kwargs: dict) -> dict:
        self._calls += 1
        seed = seeding.derive_seed(self._run_seed, self._test_id, self._calls)
        return {"op": "call", "function": function, "seed": seed, "device": self.device,
                "args": [wire.encode(value) for value in args],
                "kwargs": wire.encode(dict(kwargs))}

    def _reference(self, function: str, request: dict) -> Any:
        return self._reference_result(function, self._begin_reference(request).reply())

    def _begin_reference(self, request: dict) -> Any:
        limit = self._target.time_limit * REFERENCE_SLACK
        spec = self._target.routed(self._target.reference, request["function"])
        return self._pool.begin_call("reference", spec, request, limit)

    def _reference_result(self, function: str, reply: CallReply) -> Any:
        if not reply.ok:
            reason = _short_reason(reply.error)
            raise GraderFault(messages.text("reference_failed", function=function, reason=reason))
        if not all_finite(reply.result):  # no learner could match it: the test's inputs are
            raise GraderFault(messages.text("reference_not_finite", function=function,
                                            got=render_value(reply.result)))
        return reply.result

    def _learner_result(self, function: str, reply: CallReply, args: tuple,
                        kwargs: dict) -> Any:
        if not reply.ok:
            raise self._outcome(function, reply.error or {}, args, kwargs)
        return reply.result

    def _learner_reply(self, function: str, request: dict) -> CallReply:
        return self._begin_learner(request).reply()

    def _begin_learner(self, request: dict) -> _LearnerCall:
        """Load the learner's file if need be (an Outcome where it does not load) and send
        the call; the reply's output is kept for the report when it is read."""
        target = self._target
        if target.learner is None:
            raise LearnerError(messages.text("load.failed_function", reason=target.missing))
        worker = self._pool.worker("learner", target.routed(target.learner, request["function"]))
        loaded = worker.load()
        if not loaded.ok:
            reason = load_failure(target.learner.display, loaded.error)
            # a load stopped by the clock (its own limit, the submission's budget) is a time-out
            timed = (loaded.error or {}).get("kind") in ("load_timeout", "budget")
            raise (TimedOut if timed else LearnerError)(
                messages.text("load.failed_function", reason=reason))
        return _LearnerCall(worker.begin_call(request, target.time_limit),
                            self._record_of_check)

    def _outcome(self, function: str, error: dict, args: tuple, kwargs: dict) -> Outcome:
        """The outcome of a failed call: the call that failed shown first (so it can be
        rebuilt), and the mistake its error is the known symptom of, if any."""
        target = self._target
        file = target.learner.display if target.learner else target.exercise
        outcome = call_outcome(function, error, file=file, time_limit=target.time_limit)
        if error.get("kind") in ("missing", "grader") or isinstance(outcome, NotStarted):
            return outcome  # nothing the call itself did explains these
        found = diagnosis.symptoms(error) if isinstance(outcome, LearnerError) else ()
        frames = tuple(str(error.get("frames", "")).split())
        message = self._explain(function, args, kwargs, outcome.message)
        if file.endswith(".ipynb") and error.get("type") == "SyntaxError":
            # a function of a broken cell: the other cells' functions were graded
            message += "\n" + messages.text("notebook.other_cells_graded")
        return type(outcome).explained(Explanation(message, found, frames=frames,
                                                   sentences=self._target.sentences))

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
        called = messages.text("check.called", call=call)
        helpers = [value.name for value in (*args, *kwargs.values()) if type(value) is FnRef]
        code = self._target.helpers.code(helpers)
        if code:  # the functions passed by name, so the call can be rebuilt
            called += "\n" + messages.text("check.helpers", code=_indented(code))
        return called + "\n" + sentence


class _LearnerCall:
    """A learner call under way; its output goes to the check's record when it is read."""

    def __init__(self, pending: Any, record: CheckRecord) -> None:
        self._pending, self._record = pending, record

    def reply(self) -> CallReply:
        reply = self._pending.reply()
        self._record.add_output(reply.output, reply.output_dropped)
        return reply


def result_digest(request: dict, reply: CallReply) -> str:
    """A fingerprint of what the learner's call returned and changed, with the call itself
    (function, inputs, seed): the same on two submissions only where both gave the same
    values on the same inputs."""
    seen = [request["function"], request["seed"], request["args"], request["kwargs"],
            wire.encode(reply.result), wire.encode(list(reply.args)),
            wire.encode(dict(reply.kwargs))]
    text = json.dumps(seen, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:24]


def again_id(test_id: str) -> str:
    """The test id a test's second run draws its inputs and seeds from."""
    return f"{test_id}#again"


def _indented(code: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in code.splitlines())


def render_argument(value: Any) -> str:
    if type(value) is FnRef:
        params = ", ".join(f"{k}={render_value(v)}" for k, v in value.params.items())
        return f"{value.name}({params})" if params else value.name
    return render_value(value)


def _short_reason(error: dict | None) -> str:
    error = error or {}
    text = f"{error.get('type', '')}: {error.get('message', '')}".strip(": ")
    return text or error.get("kind", "unknown")
