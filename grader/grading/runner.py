"""`run_kata`: grade exercises of a kata with its hidden tests, returning a Report.

The command line (`grader run`) and instructor grading both come through here, so the two
cannot drift apart. Learner code only ever runs in workers; this process compares data.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
import time
from pathlib import Path
from typing import Sequence

import pytest

from grader.grading.cascade import failing_callee
from grader.grading.checks import (
    CheckRecord,
    FailedCallListener,
    PassedCheckListener,
    Target,
)
from grader.grading.helper_code import Helpers
from grader.grading.outcomes import load_failure
from grader.grading.plugin import GradingState, KataPlugin
from grader.grading.session import GradingSession, learner_server, worker_server
from grader.records import messages
from grader.records.catalogue import ExerciseEntry
from grader.records.errors import SetupError
from grader.records.paths import KataPaths
from grader.records.results import CheckResult, ExerciseRun, Report, Status
from grader.records.sources import find_source
from grader.workers.pool import LoadSpec, WorkerPool

# Fixed pytest options: the kata's own config and conftest files are never read (a
# submission cannot change how it is graded), plugins are only the ones named here, and
# pytest prints nothing of its own (the report is ours). Plugins grading does not use are
# blocked: they cost start-up time (unraisableexception alone runs gc.collect five times).
# --tb=no: a failed test's message is its Outcome's, so pytest need not format tracebacks
# (half the in-process time of grading stubs); collection errors keep theirs regardless.
# --assert=plain: a hidden test fails through kata.check's Outcome, never a bare assert, so
# rewriting every test module again for each submission bought nothing. The fixtures of the
# blocked plugins (tmp_path, monkeypatch, caplog, recwarn, subtests) are not among those a
# hidden test may use (docs/authoring.md), and each wraps every test of every submission.
PYTEST_ARGS: tuple[str, ...] = ("-q", "-s", "--tb=no", "--assert=plain", "--noconftest",
               "--disable-plugin-autoload",
               "-p", "timeout", "--import-mode=importlib", "-o", "python_files=test_*.py",
               "-o", "python_functions=test_*", "-o", "python_classes=Test*",
               *(arg for name in ("cacheprovider", "faulthandler", "stepwise", "doctest",
                                  "junitxml", "pastebin", "unraisableexception",
                                  "threadexception", "debugging", "setuponly", "setupplan",
                                  "legacypath", "nose", "logging", "warnings", "recwarn",
                                  "monkeypatch", "unittest", "subtests", "tmpdir")
                 for arg in ("-p", f"no:{name}")))

def run_kata(session: GradingSession, *, exercises: Sequence[str] | None = None,
             sources_root: Path | None = None, submission: str = "",
             recorder: PassedCheckListener | None = None,
             on_failure: FailedCallListener | None = None) -> Report:
    """Grade `exercises` (default: the session's selection) with the kata's hidden tests.

    `sources_root` holds the learner's exercises/ (default: the kata itself). A student
    edition, whose public_checks/ replays recorded public checks, is graded the same way: its
    tests never ask for the reference, so the reference worker never starts.
    `recorder` is told of every check that passes (a release records public checks so),
    `on_failure` of every learner call that fails (`grader repro` writes one as a script).
    The session's learner workers are ended afterwards; its reference workers stay warm.
    """
    started = time.perf_counter()
    paths = session.paths
    selected = (session.selected if exercises is None
                else tuple(session.catalogue.select(list(exercises))))
    sources = Path(sources_root) if sources_root is not None else paths.root
    # a staged submission's folder is covered so its worker sees this submission alone
    session.pool.confine_to(sources if sources.resolve() != paths.root.resolve() else None)
    try:
        targets = {entry.id: _target(entry, paths, sources, session.devices,
                                     session.optimizer.get(entry.id, frozenset()),
                                     session.sentences, session.helpers)
                   for entry in selected}
        state = GradingState({e.id: e for e in selected}, targets, session.pool, session.seed,
                             session.devices, recorder=recorder, on_failure=on_failure)
        _run_pytest(paths, selected, state)
        runs = tuple(_exercise_run(entry, targets[entry.id], session.pool) for entry in selected)
    finally:
        session.pool.close_role("learner")
    for entry in selected:
        _cascade(entry, state, session.uses.get(entry.id, {}))
    checks = tuple(check for entry in selected for check in _checks(entry, state))
    return Report(seed=session.seed, devices=session.devices, checks=checks, exercises=runs,
                  execution_time=time.perf_counter() - started, submission=submission)


def _target(entry: ExerciseEntry, paths: KataPaths, sources: Path,
            devices: tuple[str, ...], optimizer: frozenset[str], sentences: dict,
            helpers: Helpers) -> Target:
    server = worker_server(entry)
    used = devices if entry.tensor_functions else ("cpu",)
    reference = LoadSpec(paths.solution(entry.id), f"solutions/{entry.id}.py", entry.id,
                         paths.callables, used, server)
    source = find_source(sources / "exercises", entry.id)
    if source is None:
        missing = messages.text("load.missing_file", exercise=entry.id)
        return Target(entry.id, entry.time_limit, reference, None, missing,
                      optimizer_functions=optimizer, sentences=sentences, helpers=helpers)
    display = str(source.relative_to(sources))
    learner = LoadSpec(source, display, entry.id, paths.callables, used,
                       learner_server(entry, source))
    returns = {function.name: function.returns for function in entry.functions}
    return Target(entry.id, entry.time_limit, reference, learner,
                  mistakes=_mistakes(entry, paths, used), returns=returns,
                  optimizer_functions=optimizer, sentences=sentences, helpers=helpers)


def _mistakes(entry: ExerciseEntry, paths: KataPaths, devices: tuple[str, ...]):
    """The trusted models of the exercise's known mistakes, where the kata has them."""
    path = paths.mistakes(entry.id)
    if not path.is_file():
        return None
    return LoadSpec(path, f"hidden_tests/mistakes/{entry.id}.py", f"mistakes_{entry.id}",
                    paths.callables, devices, worker_server(entry))


def _run_pytest(paths: KataPaths, selected: Sequence[ExerciseEntry],
                state: GradingState) -> None:
    checks = [paths.check_file(entry.id) for entry in selected]
    files = [str(path) for path in checks if path.is_file()]
    if not files:
        return
    # -c os.devnull: an empty configuration of ours; no ini file of the kata or a
    # submission is read
    args = [*PYTEST_ARGS, f"--rootdir={paths.checks}", "-c", os.devnull, *files]
    before = set(sys.modules)
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            code = pytest.main(args, plugins=[KataPlugin(state)])
    finally:
        _forget_test_modules(before, paths.checks)
    if code == pytest.ExitCode.INTERRUPTED:  # Ctrl-C: the run stops, nothing is graded
        raise KeyboardInterrupt
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        raise SetupError(f"the hidden tests could not run:\n{sink.getvalue()[-3000:]}")


def _forget_test_modules(before: set, folder: Path) -> None:
    """Hidden test modules are imported by path; dropping them lets another kata's tests with
    the same file names load afresh in this process (grading many katas, project tests)."""
    for name in set(sys.modules) - before:
        file = getattr(sys.modules[name], "__file__", None) or ""
        if file.startswith(str(folder)):
            del sys.modules[name]


def _exercise_run(entry: ExerciseEntry, target: Target, pool: WorkerPool) -> ExerciseRun:
    if target.learner is None:
        return ExerciseRun(entry.id, None, target.missing)
    loaded = pool.worker("learner", target.learner).loaded()
    error = "" if loaded.ok else load_failure(target.learner.display, loaded.error)
    return ExerciseRun(entry.id, target.learner.display, error)


def _checks(entry: ExerciseEntry, state: GradingState) -> list[CheckResult]:
    checks = []
    for function in entry.functions:
        devices = state.devices_of(entry.id, function.name)
        for device in devices:
            record = state.records.get((entry.id, function.name, device))
            if record is None or not record.graded:  # no test gave it a verdict
                record = _untested(entry, function.name, state, record)
            passed = record.status is Status.PASSED
            score = function.points / len(devices)
            checks.append(CheckResult(entry.id, function.name, device, record.status,
                                      score if passed else 0.0, score, record.message,
                                      record.feedback_output, diagnoses=record.diagnoses,
                                      seconds=record.seconds,
                                      result_digest=record.result_digest,
                                      grader_fault=record.grader_fault))
    return checks


def _cascade(entry: ExerciseEntry, state: GradingState,
             uses: dict[str, tuple[str, ...]]) -> None:
    """A failure that comes from another of the learner's functions failing its own check
    names that function instead of a mistake (grader.grading.cascade)."""
    for (exercise, function, device), record in list(state.records.items()):
        if (exercise != entry.id or record.explanation is None
                or record.status not in (Status.WRONG, Status.ERROR)):
            continue
        failed = functools.partial(_failed, state, exercise, device)
        callee = failing_callee(function, record.explanation, uses.get(function, ()), failed)
        if callee:
            record.explain(record.explanation.from_callee(callee))


def _failed(state: GradingState, exercise: str, device: str, function: str) -> bool:
    """Whether `function` failed its own check on `device` (or on the CPU, where it takes
    no tensors)."""
    record = (state.records.get((exercise, function, device))
              or state.records.get((exercise, function, "cpu")))
    return record is not None and record.status is not Status.PASSED


def _untested(entry: ExerciseEntry, function: str, state: GradingState,
              seen: CheckRecord | None) -> CheckRecord:
    record = seen or CheckRecord()
    reason = state.broken.get(entry.id)
    message = messages.text("no_tests", function=function)
    # no test gave a verdict: the hidden tests are broken, not the learner's code
    record.record(Status.ERROR, f"{message}\n{reason}" if reason else message,
                  grader_fault=True)
    return record
