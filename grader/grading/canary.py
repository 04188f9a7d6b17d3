"""The canary: the reference solutions graded as a learner's files, in the very confinement
learners get, before anyone is graded.

A machine can break grading in ways no learner caused: an interpreter whose files the
worker's view lacks, a lazy import that fails once confined, a sandbox user that cannot
read Python. Every learner would then lose points for the grader's fault. The reference is
known to get full marks, so where it does not, the environment is at fault, and the
session says why instead of grading anyone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.records import messages
from grader.records.results import Status

SUBMISSION = "canary"  # the name its report carries


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
