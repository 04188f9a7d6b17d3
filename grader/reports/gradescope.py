"""A Report in the Gradescope autograder format (results.json), and back.

Each test is one function on one device, tagged exactly [exercise id, function, device] so
tools can total by any of the three. What Gradescope has no field for (the five statuses,
the seed, which files were graded) rides in `extra_data`, so `read` rebuilds the Report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from grader.records import messages
from grader.records.results import RESULTS_VERSION, CheckResult, ExerciseRun, Report, Status
from grader.reports import escaping, graded_summary


def to_dict(report: Report, *, graded: bool = False) -> dict:
    """`graded`: results of `grade`, read by a learner on Gradescope who has neither the
    hidden tests nor `grader run --seed`, so the summary says what they can act on, in
    Markdown (output_format "md"), and each test keeps the visibility it was given."""
    tests = [_test(report, check, graded) for check in report.checks]
    score = sum(test["score"] for test in tests)
    max_score = sum(test["max_score"] for test in tests)
    if graded:
        output = graded_summary.summary(report)
    else:
        output = messages.text(
            "gradescope.output",
            score=f"{score:g}",
            max_score=f"{max_score:g}",
            seed=report.seed,
            devices=", ".join(report.devices),
        )
    return {
        "score": score,
        "max_score": max_score,
        "execution_time": round(report.execution_time, 3),
        "output": output,
        # run_autograder's own log (the grader's progress lines) is the instructor's to read
        **({"output_format": "md", "stdout_visibility": "hidden"} if graded else {}),
        "tests": tests,
        "extra_data": {
            "results_version": RESULTS_VERSION,
            "seed": report.seed,
            "devices": list(report.devices),
            "submission": report.submission,
            "confinement": report.confinement,
            "exercises": [
                {"id": run.exercise, "source": run.source, "load_error": run.load_error}
                for run in report.exercises
            ],
        },
    }


def _test(report: Report, check: CheckResult, graded: bool) -> dict:
    name = f"{check.exercise}: {check.function} [{check.device}]"
    return {
        "name": messages.text("gradescope.public_check", name=name) if check.public else name,
        "score": check.score,
        "max_score": check.max_score,
        "status": "passed" if check.passed else "failed",
        "output": _output(report, check, markdown=graded),
        **({"output_format": "md"} if graded else {}),
        "visibility": check.visibility,
        "tags": [check.exercise, check.function, check.device],
        # The five statuses and the raw parts, so `read` gives back the same CheckResult.
        "extra_data": {
            "status": check.status.value, "message": check.message, "printed": check.output,
            "diagnoses": list(check.diagnoses), "seconds": round(check.seconds, 3),
            **({"public": True} if check.public else {}),
            **({"result_digest": check.result_digest} if check.result_digest else {}),
            **({"grader_fault": True} if check.grader_fault else {}),
        },
    }


def _output(report: Report, check: CheckResult, *, markdown: bool) -> str:
    """The reason first (the load error too, where the message does not already say it).
    In Markdown every part that may quote the learner (their messages, values, tracebacks,
    file names, printed output) is a code block, so none of it is rendered."""
    quoted = escaping.markdown_block if markdown else str
    parts = [messages.status_word(check.status)] if check.passed else []
    run = report.run_of(check.exercise)
    if run is not None and run.load_error and run.load_error not in check.message:
        parts.append(quoted(messages.text("report.load_error", error=run.load_error)))
    if check.message:
        parts.append(quoted(check.message))
    if check.output:
        parts.append(messages.text("output.printed") + "\n" + quoted(check.output))
    return "\n\n".join(parts)


def write(report: Report, path: Path, *, graded: bool = False) -> None:
    """Write results.json; a reader never sees a half-written file (rename is atomic)."""
    path = Path(path)
    text = json.dumps(to_dict(report, graded=graded), indent=2, ensure_ascii=False, allow_nan=False)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text + "\n", encoding="utf-8")
    os.replace(partial, path)


def from_dict(data: dict) -> Report:
    """The Report that to_dict wrote (ValueError for a file from another results version)."""
    extra = data.get("extra_data") or {}
    if extra.get("results_version") != RESULTS_VERSION:
        raise ValueError(
            f"results version {extra.get('results_version')!r}, expected {RESULTS_VERSION}"
        )
    checks = tuple(_check(test) for test in data["tests"])
    runs = tuple(
        ExerciseRun(run["id"], run["source"], run["load_error"]) for run in extra["exercises"]
    )
    return Report(
        seed=extra["seed"],
        devices=tuple(extra["devices"]),
        checks=checks,
        exercises=runs,
        execution_time=float(data["execution_time"]),
        submission=extra["submission"],
        confinement=extra.get("confinement", ""),
    )


def _check(test: dict) -> CheckResult:
    exercise, function, device = test["tags"]
    extra = test["extra_data"]
    return CheckResult(
        exercise=exercise,
        function=function,
        device=device,
        status=Status(extra["status"]),
        score=test["score"],
        max_score=test["max_score"],
        message=extra["message"],
        output=extra["printed"],
        visibility=test["visibility"],
        diagnoses=tuple(extra.get("diagnoses", ())),
        seconds=float(extra.get("seconds", 0.0)),
        public=extra.get("public") is True,
        result_digest=extra.get("result_digest", ""),
        grader_fault=bool(extra.get("grader_fault", False)),
    )


def read(path: Path) -> Report:
    return from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
