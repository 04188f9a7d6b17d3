"""Grading a kata from a test: one session per call, with the test's shared pool if given."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.records.results import Report
from grader.workers.pool import WorkerPool


def grade_kata(kata_root: Path, *, exercises: Sequence[str] = (), seed: int,
               devices: Sequence[str] = ("cpu",), sources_root: Path | None = None,
               pool: WorkerPool | None = None, submission: str = "") -> Report:
    with GradingSession.open(kata_root, exercises=exercises, devices=devices, seed=seed,
                             pool=pool) as session:
        return run_kata(session, sources_root=sources_root, submission=submission)
