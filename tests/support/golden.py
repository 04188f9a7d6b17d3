"""Golden results.json files: the Gradescope JSON of a fixture run, one file per exercise,
with the volatile fields normalised: the run's and each check's time, and a wrong result's
fingerprint (a hash of its float bits, which another CPU's arithmetic may change in the last
place; tests/classroom checks what it is for).

Set GRADER_REWRITE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from grader.reports import gradescope as report_gradescope


def exercise_results(report, exercise: str) -> dict:
    """The results.json of the report cut down to one exercise, its times (the run's and
    each check's) set to 0."""
    checks = tuple(dataclasses.replace(check, seconds=0.0) for check in report.checks
                   if check.exercise == exercise)
    runs = tuple(run for run in report.exercises if run.exercise == exercise)
    checks = tuple(dataclasses.replace(check, result_digest="<digest>") if check.result_digest
                   else check for check in checks)
    alone = dataclasses.replace(report, checks=checks, exercises=runs, execution_time=0.0)
    return report_gradescope.to_dict(alone)


def check_golden(actual: dict, path: Path) -> None:
    text = json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("GRADER_REWRITE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        pytest.skip(f"rewrote {path.name}")
    assert path.is_file(), f"no golden file {path}; run with GRADER_REWRITE_GOLDEN=1"
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8"))
