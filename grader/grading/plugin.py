"""The pytest plugin that runs hidden tests as grading: fixtures `kata` and `rng`, the
`grades` marker, one run per device for tensor functions, and an outcome per
(exercise, function, device) collected from the test reports.

Its state is a small dataclass; grader.grading.runner builds it and passes the plugin object to
`pytest.main(plugins=[...])`.
"""

from __future__ import annotations

import inspect
import os
import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from grader.grading.checks import (
    CheckRecord,
    FailedCallListener,
    Kata,
    PassedCheckListener,
    Target,
    again_id,
)
from grader.grading.explanation import Explanation
from grader.grading.outcomes import Outcome
from grader.records import messages, seeding
from grader.records.catalogue import ExerciseEntry
from grader.records.results import Status
from grader.workers.limits import LOAD_TIME_LIMIT
from grader.workers.pool import WorkerPool

# pytest-timeout's outer bound on a whole test, in calls' worth of the exercise's limit: a
# test makes a handful of calls, each already bounded by the worker's own time limit.
OUTER_BOUND_CALLS = 20
# The parameter tensor tests are run over, one value per device.
DEVICE_PARAM = "kata_device"


@dataclass
class GradingState:
    exercises: dict[str, ExerciseEntry]
    targets: dict[str, Target]
    pool: WorkerPool
    seed: int
    devices: tuple[str, ...]
    records: dict[tuple[str, str, str], CheckRecord] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)  # exercise -> collection error
    recorder: PassedCheckListener | None = None  # told of every check that passes (public checks)
    on_failure: FailedCallListener | None = None  # told of every failed call (grader repro)

    def record_of(self, key: tuple[str, str, str]) -> CheckRecord:
        return self.records.setdefault(key, CheckRecord())

    def devices_of(self, exercise: str, function: str) -> tuple[str, ...]:
        entry = self.exercises[exercise]
        takes = any(f.name == function and f.takes_tensors for f in entry.functions)
        return self.devices if takes else ("cpu",)


def exercise_of(path: str | os.PathLike) -> str:
    # called several times a test: os.path, not a new Path each time
    return os.path.splitext(os.path.basename(path))[0].removeprefix("test_")


def graded_function(item: Any) -> str | None:
    marker = item.get_closest_marker("grades")
    return str(marker.args[0]) if marker and marker.args else None


class KataPlugin:
    def __init__(self, state: GradingState) -> None:
        self.state = state

    def pytest_configure(self, config: Any) -> None:
        config.addinivalue_line("markers", "grades(function): the catalogue function graded")

    def pytest_generate_tests(self, metafunc: Any) -> None:
        if "kata" not in metafunc.fixturenames:
            return
        marker = metafunc.definition.get_closest_marker("grades")
        exercise = exercise_of(metafunc.definition.path)
        function = str(marker.args[0]) if marker and marker.args else ""
        known = exercise in self.state.exercises
        devices = self.state.devices_of(exercise, function) if known else ("cpu",)
        metafunc.parametrize(DEVICE_PARAM, devices, ids=list(devices))

    def pytest_collection_modifyitems(self, items: list) -> None:
        for item in items:
            entry = self.state.exercises.get(exercise_of(item.path))
            limit = entry.time_limit if entry else 10.0
            bound = LOAD_TIME_LIMIT * 2 + OUTER_BOUND_CALLS * limit
            item.add_marker(pytest.mark.timeout(bound, method="signal"))
        # Tests of functions graded on the optimizer server last: it is still importing
        # torch._dynamo while the others run (the report's order is the catalogue's).
        items.sort(key=self._on_optimizer_server)

    def _on_optimizer_server(self, item: Any) -> bool:
        """Whether the test's reference or learner calls go to the optimizer server: a
        learner's file that names torch.optim is graded there whole."""
        target = self.state.targets.get(exercise_of(item.path))
        if target is None:
            return False
        learner = target.learner
        return (graded_function(item) in target.optimizer_functions
                or (learner is not None and learner.server == "optimizer"))

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            exercise = exercise_of(str(report.fspath))
            self.state.broken[exercise] = str(report.longrepr)[-2000:]

    def pytest_runtest_setup(self, item: Any) -> None:
        key = self._key(item)
        record = self.state.records.get(key) if key is not None else None
        if record is not None and record.status is not Status.PASSED:
            pytest.skip("the function already failed an earlier test on this device")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item: Any, call: Any) -> None:
        key = self._key(item)
        if key is None or key[0] not in self.state.exercises:
            return
        excinfo = call.excinfo
        if excinfo is not None and excinfo.errisinstance(pytest.skip.Exception):
            return
        self.state.record_of(key).seconds += call.duration
        if call.when == "call" or (excinfo is not None and call.when == "setup"):
            status, message = outcome_of(excinfo)
            diagnoses = getattr(excinfo.value, "diagnoses", ()) if excinfo else ()
            explanation = getattr(excinfo.value, "explanation", None) if excinfo else None
            digest = getattr(excinfo.value, "result_digest", "") if excinfo else ""
            fault = bool(getattr(excinfo.value, "grader_fault", False)) if excinfo else False
            self.state.record_of(key).record(status, message, diagnoses, explanation,
                                             digest, fault)

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem: Any) -> Any:
        """A mistake a model named holds only if the same test, run again on other inputs,
        names it too: one input can match a model by chance (a wrong name is worse than
        none)."""
        try:
            return (yield)
        except Outcome as outcome:
            explanation = outcome.explanation
            if explanation is None or not explanation.modelled:
                raise
            confirmed = explanation.confirmed(self._second_run(pyfuncitem))
            raise type(outcome).explained(confirmed, outcome.result_digest) from None

    def _second_run(self, item: Any) -> Explanation | None:
        """The explanation of the test's failure on its second inputs; None if it passed
        there or failed without one."""
        arguments = {name: item.funcargs[name]
                     for name in inspect.signature(item.obj).parameters}
        arguments["kata"] = arguments["kata"].again()
        if "rng" in arguments:
            arguments["rng"] = seeding.test_rng(self.state.seed, again_id(test_id(item)))
        try:
            item.obj(**arguments)
        except Outcome as outcome:
            return outcome.explanation
        except Exception:  # the test's own failure on these inputs: nothing confirmed
            return None
        return None

    def _key(self, item: Any) -> tuple[str, str, str] | None:
        """(exercise, function, device) of a test; None for a test that grades no function."""
        callspec = getattr(item, "callspec", None)
        device = callspec.params.get(DEVICE_PARAM, "cpu") if callspec else "cpu"
        function = graded_function(item)
        return None if function is None else (exercise_of(item.path), function, device)

    @pytest.fixture
    def kata(self, request: Any, kata_device: str) -> Kata:
        exercise = exercise_of(request.node.path)
        function = graded_function(request.node)
        if function is None or exercise not in self.state.targets:
            raise pytest.UsageError(f"{request.node.nodeid}: mark it @pytest.mark.grades(name)")
        record = self.state.record_of((exercise, function, kata_device))
        return Kata(self.state.targets[exercise], self.state.pool, function, kata_device,
                    self.state.seed, test_id(request.node), record, self.state.recorder,
                    self.state.on_failure)

    @pytest.fixture
    def rng(self, request: Any):
        return seeding.test_rng(self.state.seed, test_id(request.node))


def test_id(item: Any) -> str:
    """Names the test and its parametrised case, but not the device: each case draws its own
    inputs, and the same inputs on CPU and CUDA. Case indices, not values, keep it stable."""
    callspec = getattr(item, "callspec", None)
    indices = sorted((callspec.indices if callspec else {}).items())
    case = ",".join(f"{name}={index}" for name, index in indices if name != DEVICE_PARAM)
    name = f"{exercise_of(item.path)}::{item.originalname}"
    return f"{name}[{case}]" if case else name


def outcome_of(excinfo: Any) -> tuple[Status, str]:
    if excinfo is None:
        return Status.PASSED, ""
    error = excinfo.value
    if isinstance(error, Outcome):
        return error.status, error.message
    if isinstance(error, pytest.fail.Exception) and str(error).startswith("Timeout"):
        # pytest-timeout's words: "Timeout (>140.0s) from pytest-timeout."
        found = re.search(r">([0-9.]+)s", str(error))
        seconds = f"{float(found.group(1)):g}" if found else "?"
        return Status.TIMED_OUT, messages.text(
            "timed_out", function=messages.text("test.itself"), seconds=seconds)
    if isinstance(error, AssertionError):  # a test's own assert: a wrong answer
        return Status.WRONG, str(error) or messages.text("test.check_failed")
    return Status.ERROR, messages.text("test_failed", error=f"{type(error).__name__}: {error}")
