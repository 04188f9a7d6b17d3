"""`grader list`: every exercise in order, its status and the file that is graded.

The status comes from the last `grader run` (kept in .grader/progress.json under the kata
root), so listing never runs learner code and stays instant; a file edited since that run
is marked as such.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

STATE_FILE = "progress.json"
# Learner-facing words of `grader list` (the graded-check sentences are in grader.messages).
HEADER = "{number:>2}  {id:<28} {status:<13} {file}"
NOT_STARTED, FAILING, PASSED = "not started", "failing", "passed"
EDITED = " (edited since the last run)"
NO_FILE = "no file"


def configure(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def main(args: argparse.Namespace) -> int:
    from grader.catalogue import load_catalogue
    from grader.paths import KataPaths, find_kata_root
    from grader.sources import find_source

    paths = KataPaths(find_kata_root(Path.cwd()))
    catalogue = load_catalogue(paths.catalogue)
    progress = read_state(paths).get("exercises", {})
    print(HEADER.format(number="#", id="exercise", status="status", file="file"))
    for entry in catalogue.exercises:
        source = find_source(paths.exercises, entry.id)
        shown = str(source.relative_to(paths.root)) if source else NO_FILE
        status = _status(progress.get(entry.id), source)
        print(HEADER.format(number=entry.number, id=entry.id, status=status, file=shown))
    return 0


def _status(record: Any, source: Path | None) -> str:
    if type(record) is not dict or source is None:
        return NOT_STARTED
    status = record.get("status", NOT_STARTED)
    if record.get("mtime_ns") != source.stat().st_mtime_ns:
        return status + EDITED
    return status


def exercise_status(checks: list) -> str:
    """passed: every check passed; not started: nothing but stubs; else failing."""
    if checks and all(check.status.value == "passed" for check in checks):
        return PASSED
    if checks and all(check.status.value == "not started" for check in checks):
        return NOT_STARTED
    return FAILING


def record_run(paths: Any, report: Any) -> None:
    """Remember each graded exercise's status and its file's modification time."""
    state = read_state(paths)
    exercises = state.setdefault("exercises", {})
    for exercise, total in report.by_exercise().items():
        run = report.run_of(exercise)
        if run is None or run.source is None:
            exercises.pop(exercise, None)
            continue
        mtime = (paths.root / run.source).stat().st_mtime_ns
        status = FAILING if run.load_error else exercise_status(list(total.checks))
        exercises[exercise] = {"status": status, "source": run.source, "mtime_ns": mtime}
    write_state(paths, state)


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
        (paths.state / STATE_FILE).write_text(json.dumps(state, indent=1), encoding="utf-8")
    except OSError:
        pass
