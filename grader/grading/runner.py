"""`run_kata`: grade exercises of a kata with its hidden tests, returning a Report.

The command line (`grader run`) and instructor grading both come through here, so the two
cannot drift apart. Learner code only ever runs in workers; this process compares data.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from pathlib import Path
from typing import Sequence

import pytest

from grader.records import messages

from grader.records import seeding
from grader.records.catalogue import ExerciseEntry, load_catalogue
from grader.records.errors import SetupError
from grader.grading.checks import Recorder, Target
from grader.grading.outcomes import load_failure
from grader.records.paths import KataPaths, grader_checkout
from grader.grading.plugin import GradingState, KataPlugin, Tally
from grader.workers.pool import LoadSpec, WorkerPool
from grader.records.results import CheckResult, ExerciseRun, Report, Status, cap_output
from grader.records.sources import find_source

# Fixed pytest options: the kata's own config and conftest files are never read (a
# submission cannot change how it is graded), plugins are only the ones named here, and
# pytest prints nothing of its own (the report is ours). Plugins grading does not use are
# blocked: they cost start-up time (unraisableexception alone runs gc.collect five times).
# --tb=no: a failed test's message is its Outcome's, so pytest need not format tracebacks
# (half the in-process time of grading stubs); collection errors keep theirs regardless.
PYTEST_ARGS = ("-q", "-s", "--tb=no", "--noconftest", "--disable-plugin-autoload",
               "-p", "timeout", "--import-mode=importlib", "-o", "python_files=test_*.py",
               "-o", "python_functions=test_*", "-o", "python_classes=Test*",
               *(arg for name in ("cacheprovider", "faulthandler", "stepwise", "doctest",
                                  "junitxml", "pastebin", "unraisableexception",
                                  "threadexception", "debugging", "setuponly", "setupplan",
                                  "legacypath", "nose")
                 for arg in ("-p", f"no:{name}")))

def run_kata(kata_root: Path, *, sources_root: Path | None = None,
             exercises: Sequence[str] = (), devices: Sequence[str] = ("cpu",),
             seed: int | None = None, pool: WorkerPool | None = None,
             submission: str = "", recorder: Recorder | None = None) -> Report:
    """Grade `exercises` (all when empty) of the kata at `kata_root` with its hidden tests (hidden_tests/).

    `sources_root` holds the learner's exercises/ (default: the kata itself). A student
    edition, whose public_checks/ replays recorded public checks, is graded the same way: its
    tests never ask for the reference, so the reference worker never starts.
    `recorder` is told of every check that passes (a release records public checks so).
    """
    started = time.perf_counter()
    paths = KataPaths(Path(kata_root))
    catalogue = load_catalogue(paths.catalogue)
    selected = catalogue.select(list(exercises))
    seed = seeding.new_run_seed() if seed is None else int(seed)
    sources = Path(sources_root) if sources_root is not None else paths.root
    own_pool = pool is None
    if own_pool:
        pool = WorkerPool(preload_torch=any(entry.tensor_functions for entry in selected))
    pool.hide(*instructor_only(paths), *_grader_checkout_only())
    pool.confine_to(sources if sources.resolve() != paths.root.resolve() else None)
    try:
        targets = {entry.id: _target(entry, paths, sources, tuple(devices)) for entry in selected}
        state = GradingState({e.id: e for e in selected}, targets, pool, seed, tuple(devices),
                             recorder=recorder)
        _run_pytest(paths, selected, state)
        runs = tuple(_exercise_run(entry, targets[entry.id], pool, sources) for entry in selected)
    finally:
        if own_pool:
            pool.close()
        else:
            pool.close_role("learner")
    checks = tuple(check for entry in selected for check in _checks(entry, state))
    return Report(seed=seed, devices=tuple(devices), checks=checks, exercises=runs,
                  execution_time=time.perf_counter() - started, submission=submission)


def instructor_only(paths: KataPaths) -> tuple[Path, ...]:
    """What learner code must not see: the reference, every test (tests/ holds more than
    the hidden ones: correct styles, for one), the history that holds both, local state."""
    return (paths.solutions, paths.hidden_tests, paths.project_tests, paths.root / ".git",
            paths.state)


def _grader_checkout_only() -> tuple[Path, ...]:
    """The same for the checkout the grader runs from, when that is a kata too (the grader
    used from, or installed editable from, a kata's clone): learner code finds it through
    grader.__file__."""
    checkout = grader_checkout()
    return instructor_only(checkout) if checkout is not None else ()


def _target(entry: ExerciseEntry, paths: KataPaths, sources: Path,
            devices: tuple[str, ...]) -> Target:
    used = devices if entry.tensor_functions else ("cpu",)
    reference = LoadSpec(paths.solution(entry.id), f"solutions/{entry.id}.py", entry.id,
                         paths.callables, used)
    source = find_source(sources / "exercises", entry.id)
    if source is None:
        missing = messages.text("load.missing_file", exercise=entry.id)
        return Target(entry.id, entry.time_limit, reference, None, missing)
    display = str(source.relative_to(sources))
    learner = LoadSpec(source, display, entry.id, paths.callables, used)
    return Target(entry.id, entry.time_limit, reference, learner)


def _run_pytest(paths: KataPaths, selected: Sequence[ExerciseEntry],
                state: GradingState) -> None:
    files = [paths.check_file(entry.id) for entry in selected]
    files = [str(path) for path in files if path.is_file()]
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
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        raise SetupError(f"the hidden tests could not run:\n{sink.getvalue()[-3000:]}")


def _forget_test_modules(before: set, folder: Path) -> None:
    """Hidden test modules are imported by path; dropping them lets another kata's tests with
    the same file names load afresh in this process (grading many katas, project tests)."""
    for name in set(sys.modules) - before:
        file = getattr(sys.modules[name], "__file__", None) or ""
        if file.startswith(str(folder)):
            del sys.modules[name]


def _exercise_run(entry: ExerciseEntry, target: Target, pool: WorkerPool,
                  sources: Path) -> ExerciseRun:
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
            tally = state.tallies.get((entry.id, function.name, device)) or _untested(
                entry, function.name, state)
            passed = tally.status is Status.PASSED
            score = function.points / len(devices)
            output = _output(state.targets[entry.id].outputs.get((function.name, device), []))
            checks.append(CheckResult(entry.id, function.name, device, tally.status,
                                      score if passed else 0.0, score, tally.message, output))
    return checks


def _untested(entry: ExerciseEntry, function: str, state: GradingState) -> Tally:
    tally = Tally()
    reason = state.broken.get(entry.id)
    message = messages.text("no_tests", function=function)
    tally.record(Status.ERROR, f"{message}\n{reason}" if reason else message)
    return tally


def _output(parts: list[tuple[str, int]]) -> str:
    """The learner's prints for one function, capped at 10 kB with a visible marker."""
    text = "".join(part for part, _ in parts)
    return cap_output(text, dropped=sum(count for _, count in parts))


def resolve_devices(choice: str, selected: Sequence[ExerciseEntry], pool: WorkerPool) -> tuple:
    """`--device auto|cpu|cuda` as the devices tensor functions run on. CUDA is looked for
    in a worker (the grading process never imports torch), and only if a selected exercise
    takes tensors at all."""
    if choice == "cpu" or not any(entry.tensor_functions for entry in selected):
        if choice == "cuda" and not pool.cuda_available():
            raise SetupError(messages.text("setup.no_cuda"))
        return ("cpu",)
    available = pool.cuda_available()
    if choice == "cuda":
        if not available:
            raise SetupError(messages.text("setup.no_cuda"))
        return ("cuda",)
    return ("cpu", "cuda") if available else ("cpu",)

