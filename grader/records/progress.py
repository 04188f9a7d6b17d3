"""The learner's local progress: each exercise's last status (and each function's), and the
hints already shown.

Kept in .grader/progress.json under the kata root, written by `grader run` and by
`grader.check` in a notebook, read by `grader list` and `grader hint`. It is a convenience,
never a grade: nothing here is trusted by `grader grade`.
"""

from __future__ import annotations

import json
import os
from typing import Any

STATE_FILE = "progress.json"
NOT_STARTED, FAILING, PASSED = "not started", "failing", "passed"
STATUSES = (NOT_STARTED, FAILING, PASSED)


def exercise_status(checks: list) -> str:
    """passed: every check passed; not started: nothing but stubs; else failing."""
    if checks and all(check.status.value == "passed" for check in checks):
        return PASSED
    if checks and all(check.status.value == "not started" for check in checks):
        return NOT_STARTED
    return FAILING


def function_statuses(checks: list) -> dict[str, str]:
    """Each function's status over all its devices, in the order the checks came."""
    by_function: dict[str, list] = {}
    for check in checks:
        by_function.setdefault(check.function, []).append(check)
    return {name: exercise_status(found) for name, found in by_function.items()}


def record_run(paths: Any, report: Any) -> None:
    """Remember each graded exercise's status, each function's, and its file's modification
    time (`grader hint` gives the hint for the first function not passed)."""
    state = read_state(paths)
    exercises = state.setdefault("exercises", {})
    for exercise, total in report.by_exercise().items():
        run = report.run_of(exercise)
        if run is None or run.source is None:
            exercises.pop(exercise, None)
            continue
        mtime = (paths.root / run.source).stat().st_mtime_ns
        status = FAILING if run.load_error else exercise_status(list(total.checks))
        exercises[exercise] = {"status": status, "source": run.source, "mtime_ns": mtime,
                               "score": total.score, "max_score": total.max_score,
                               "functions": function_statuses(list(total.checks)),
                               "seed": report.seed,  # `grader repro` replays this run
                               "diagnoses": {check.function: list(check.diagnoses)
                                             for check in total.checks if check.diagnoses}}
    write_state(paths, state)


def status_of(state: dict, exercise_id: str) -> str:
    """The exercise's last recorded status; not started when it was never graded."""
    record = state.get("exercises", {}).get(exercise_id)
    status = record.get("status") if type(record) is dict else None
    return status if status in STATUSES else NOT_STARTED


def score_of(state: dict, exercise_id: str) -> float:
    """Points of the exercise's last recorded run (0 before any)."""
    record = state.get("exercises", {}).get(exercise_id)
    score = record.get("score") if type(record) is dict else None
    return float(score) if isinstance(score, (int, float)) else 0.0


def next_to_do(catalogue: Any, state: dict, after: str | None = None) -> Any:
    """The first exercise not yet passed, looking first at those after `after` (the one
    just passed), then from the start; None when every exercise passed."""
    order = list(catalogue.exercises)
    if after is not None:
        start = next((i + 1 for i, entry in enumerate(order) if entry.id == after), 0)
        order = order[start:] + order[:start]
    return next((entry for entry in order if status_of(state, entry.id) != PASSED), None)


def read_state(paths: Any) -> dict:
    try:
        state = json.loads((paths.state / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if type(state) is dict else {}


def write_state(paths: Any, state: dict) -> None:
    """Best effort: a read-only checkout still grades, it just forgets progress."""
    try:
        paths.state.mkdir(exist_ok=True)
        (paths.state / ".gitignore").write_text("*\n")  # local state, never committed
        # written aside, then renamed over: a Ctrl-C mid-write leaves the old file whole
        fresh = paths.state / f"{STATE_FILE}.{os.getpid()}.tmp"
        fresh.write_text(json.dumps(state, indent=1), encoding="utf-8")
        os.replace(fresh, paths.state / STATE_FILE)
    except OSError:
        pass
