"""The canary: the reference solutions graded as a learner's files, in the very confinement
learners get, before anyone is graded.

A machine can break grading in ways no learner caused: an interpreter whose files the
worker's view lacks, a lazy import that fails once confined, a sandbox user that cannot
read Python. Every learner would then lose points for the grader's fault. The reference is
known to get full marks, so where it does not, the environment is at fault, and the
session says why instead of grading anyone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.records import messages
from grader.records.results import Status

SUBMISSION = "canary"  # the name its report carries
CANARY_RECORD = "canary.json"  # in the kata's local state: what is proven, and where


def canary_fault(session: GradingSession, exercises: Sequence[str] | None = None) -> str:
    """"" where the reference solutions of `exercises` (default: the session's selection)
    get full marks as a learner's files; else the first thing that went wrong, as a
    sentence naming the function."""
    selected = (session.selected if exercises is None
                else tuple(session.catalogue.select(list(exercises))))
    with tempfile.TemporaryDirectory(prefix="grader-canary-") as folder:
        os.chmod(folder, 0o755)  # a sandbox user reads it where no view can be made
        target = Path(folder) / "exercises"
        target.mkdir(mode=0o755)
        for entry in selected:
            shutil.copyfile(session.paths.solution(entry.id), target / f"{entry.id}.py")
        session.pool.reference_as_learner = True
        try:
            report = run_kata(session, exercises=[entry.id for entry in selected],
                              sources_root=Path(folder), submission=SUBMISSION)
        finally:
            session.pool.reference_as_learner = False
    failing = [check for check in report.checks if check.status is not Status.PASSED]
    if not failing and report.score >= report.max_score:
        return ""
    first = failing[0] if failing else None
    if first is None:
        return messages.text("canary.failed", function="-", status="-",
                             message=f"{report.score:g}/{report.max_score:g}")
    # the last line says what failed (the first repeats the call)
    reason = [line.strip() for line in (first.message or "").splitlines() if line.strip()]
    return messages.text("canary.failed", function=f"{first.exercise}.{first.function}",
                         status=first.status.value, message=reason[-1][:500] if reason else "")


def unproven_fault(session: GradingSession) -> str:
    """The canary of a learner's run, once per environment: the selected exercises whose
    reference has not yet got full marks in this environment (this Python, its packages,
    this user, this grader) are checked, and remembered in the kata's local state. ""
    where all are proven; else the cause. A student edition has no reference: nothing to
    check there."""
    if not session.paths.solutions.is_dir():
        return ""
    record = session.paths.state / CANARY_RECORD
    key = environment_key(session)
    proven = _read_proven(record, key)
    missing = [entry.id for entry in session.selected if entry.id not in proven]
    if not missing:
        return ""
    fault = canary_fault(session, missing)
    if not fault:
        _write_proven(record, key, proven | set(missing))
    return fault



def environment_key(session: GradingSession) -> str:
    """What a learner worker's environment is made of, as one hash: the interpreter and
    the folders it imports from (their modification times change when a package is
    installed or removed), the user, the confinement switch, the grader and the reference."""
    from grader.workers import sandbox, view

    workers = Path(view.grader_package()) / "workers"  # the confinement's own code
    parts = [sys.version, os.path.realpath(sys.executable), os.path.realpath(sys.prefix),
             str(os.geteuid()), str(sandbox.enabled()), os.environ.get(sandbox.EXTRA_HIDDEN, ""),
             *(f"{path.name}:{path.stat().st_mtime_ns}" for path in sorted(workers.glob("*.py")))]
    for folder in sys.path:
        try:
            parts.append(f"{folder}:{os.stat(folder or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{folder}:-")
    for entry in session.catalogue.exercises:
        try:
            parts.append(hashlib.sha256(session.paths.solution(entry.id).read_bytes()).hexdigest())
        except OSError:
            parts.append("-")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _read_proven(record: Path, key: str) -> set[str]:
    try:
        data = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    if type(data) is not dict or data.get("environment") != key:
        return set()
    return {str(item) for item in data.get("exercises", []) if type(item) is str}


def _write_proven(record: Path, key: str, exercises: set[str]) -> None:
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"environment": key, "exercises": sorted(exercises)}),
                          "utf-8")
    except OSError:  # a read-only checkout: checked again next time, nothing worse
        pass
