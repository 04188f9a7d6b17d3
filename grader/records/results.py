"""What grading produced, as plain frozen values: one CheckResult per function and device,
gathered in a Report. Nothing here prints; reporters turn a Report into text or files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum

from grader.records import messages

RESULTS_VERSION = 1
OUTPUT_LIMIT = 10_000  # bytes of a learner's printed output kept in feedback


class Status(str, Enum):
    PASSED = "passed"
    WRONG = "wrong"  # ran and returned a value that does not match the reference
    ERROR = "error"  # raised, crashed, exited, could not be loaded, or a grader fault
    TIMED_OUT = "timed out"
    NOT_STARTED = "not started"  # still raises NotImplementedError


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one catalogue function on one device."""

    exercise: str
    function: str
    device: str  # "cpu" | "cuda"
    status: Status
    score: float
    max_score: float
    message: str = ""  # the first failure explained; empty when passed
    output: str = ""  # the learner's captured prints, capped by cap_output
    visibility: str = "visible"
    diagnoses: tuple[str, ...] = ()  # known mistakes that explain a failure, most likely first
    # how long its tests took, loading its file included; a timing, not part of the outcome
    seconds: float = field(default=0.0, compare=False)
    public: bool = False  # a public check shown beside the hidden tests, worth no points
    result_digest: str = ""  # a wrong result's fingerprint with its call; "" otherwise
    grader_fault: bool = False  # failed by a fault of the grader or its environment

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED


@dataclass(frozen=True)
class ExerciseRun:
    """Which file was graded for an exercise, and why it could not be loaded if so."""

    exercise: str
    source: str | None  # relative to the submission or kata root; None when missing
    load_error: str = ""


@dataclass(frozen=True)
class ExerciseTotal:
    exercise: str
    score: float
    max_score: float
    checks: tuple[CheckResult, ...]

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)


@dataclass(frozen=True)
class Report:
    seed: int
    devices: tuple[str, ...]
    checks: tuple[CheckResult, ...]
    exercises: tuple[ExerciseRun, ...]
    execution_time: float
    submission: str = ""
    confinement: str = ""  # what confined its learner code (grade sets it); "" when not told

    @property
    def score(self) -> float:
        return sum(check.score for check in self.checks)

    def with_visibility(self, visibility: str) -> Report:
        """The same report with every hidden test's check shown to the learner as
        `visibility` says; public checks, which learners have anyway, stay visible."""
        return replace(self, checks=tuple(c if c.public else replace(c, visibility=visibility)
                                          for c in self.checks))

    def with_public_checks(self, public: Report) -> Report:
        """This report and, after its checks, those of `public` (the student edition's public
        checks on the same files) as visible checks worth no points."""
        shown = tuple(replace(c, score=0.0, max_score=0.0, visibility="visible", public=True)
                      for c in public.checks)
        return replace(self, checks=self.checks + shown)

    @property
    def max_score(self) -> float:
        return sum(check.max_score for check in self.checks)

    @property
    def passed(self) -> bool:
        """Every check passed and every exercise loaded."""
        loaded = all(not run.load_error for run in self.exercises)
        return loaded and all(check.passed for check in self.checks)

    def run_of(self, exercise: str) -> ExerciseRun | None:
        return next((run for run in self.exercises if run.exercise == exercise), None)

    def exercise_ids(self) -> tuple[str, ...]:
        """Exercises in report order: those run first, then any only seen in checks."""
        ids = [run.exercise for run in self.exercises]
        ids += [check.exercise for check in self.checks]
        return tuple(dict.fromkeys(ids))

    def by_exercise(self) -> dict[str, ExerciseTotal]:
        """Checks grouped by exercise (report order), with each exercise's points."""
        grouped: dict[str, list[CheckResult]] = {ex: [] for ex in self.exercise_ids()}
        for check in self.checks:
            grouped[check.exercise].append(check)
        return {ex: total(ex, checks) for ex, checks in grouped.items()}

    def counts(self) -> dict[Status, int]:
        """How many checks ended in each status (every status present, maybe 0)."""
        found = {status: 0 for status in Status}
        for check in self.checks:
            found[check.status] += 1
        return found


def total(exercise: str, checks: Iterable[CheckResult]) -> ExerciseTotal:
    checks = tuple(checks)
    return ExerciseTotal(
        exercise=exercise,
        score=sum(check.score for check in checks),
        max_score=sum(check.max_score for check in checks),
        checks=checks,
    )


def cap_output(text: str, limit: int = OUTPUT_LIMIT, *, dropped: int = 0) -> str:
    """`text` cut to at most `limit` UTF-8 bytes in all, ending with a visible marker that
    counts what was left out, `dropped` bytes already lost before `text` (by a worker) too."""
    data = text.encode("utf-8", errors="replace")
    if len(data) <= limit and not dropped:
        return text
    # The marker's number can only shrink once text is dropped, so this reserve suffices.
    marker = messages.text("output.truncated", dropped=dropped + len(data))
    reserve = len(marker.encode("utf-8")) + 1
    kept = data[: max(limit - reserve, 0)].decode("utf-8", errors="ignore")  # whole characters
    gone = dropped + len(data) - len(kept.encode("utf-8"))
    return kept + "\n" + messages.text("output.truncated", dropped=gone)
