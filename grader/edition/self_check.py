"""The checks a release must pass: the reference scores full marks on the hidden checks
(recording the public checks meanwhile) and on the public checks written for the edition."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from grader.edition import public_checks
from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.records.catalogue import Catalogue
from grader.records.errors import SetupError
from grader.records.paths import KataPaths
from grader.records.results import Report


class ReleaseError(SetupError):
    """The edition cannot be released (the reference is not perfect, a leak, a bad target)."""


@contextlib.contextmanager
def reference_as_submission(kata: KataPaths, catalogue: Catalogue) -> Iterator[Path]:
    """A folder whose exercises/ holds the reference solutions, graded like a submission."""
    root = Path(tempfile.mkdtemp(prefix="grader-reference-"))
    try:
        (root / "exercises").mkdir()
        for entry in catalogue.exercises:
            solution = kata.solution(entry.id)
            if not solution.is_file():
                raise ReleaseError(f"no reference solution {solution}")
            shutil.copyfile(solution, root / "exercises" / f"{entry.id}.py")
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def hidden_full_marks_and_cases(kata: KataPaths, catalogue: Catalogue, reference: Path,
                                *, seed: int) -> list[public_checks.Case]:
    """Grade the reference with the hidden tests, recording the public checks as they run."""
    recorders = {entry.id: public_checks.CaseCollector(entry.id) for entry in catalogue.exercises}
    with GradingSession.open(kata.root, device="cpu", seed=seed) as session:
        report = run_kata(session, sources_root=reference, submission="reference",
                          recorder=public_checks.Recording(recorders))
    require_full_marks(report, "hidden checks")
    for entry in catalogue.exercises:
        missing = recorders[entry.id].missing(function.name for function in entry.functions)
        if missing:
            raise ReleaseError(
                f"{entry.id}: no kata.check call to record a public check from for "
                + ", ".join(missing)
            )
    return [case for recorder in recorders.values() for case in recorder.cases]


def public_full_marks(edition: Path, reference: Path, *, seed: int) -> None:
    with GradingSession.open(edition, device="cpu", seed=seed) as session:
        report = run_kata(session, sources_root=reference, submission="reference")
    require_full_marks(report, "public checks")


def require_full_marks(report: Report, what: str) -> None:
    failed = [check for check in report.checks if not check.passed]
    problems = [f"{run.exercise}: {run.load_error}" for run in report.exercises if run.load_error]
    problems += [f"{c.exercise}.{c.function}[{c.device}]: {c.status.value}: {c.message}"
                 for c in failed]
    if problems or report.score < report.max_score or not report.checks:
        details = "\n".join(f"  {line}" for line in problems[:10])
        raise ReleaseError(
            f"the reference scores {report.score:g} of {report.max_score:g} on the {what}; "
            f"nothing released\n{details}"
        )
