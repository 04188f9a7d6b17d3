"""What a graded class got right and wrong, as plain values: `grader report` renders them.

From every learner's results: the score distribution, how many learners passed each
exercise and function, the misconceptions of the class (each diagnosis id, which learners
have it and in which functions, most common first), the first function each learner failed,
the grader's own faults kept apart from learners' failures, and pairs of submissions whose
wrong results are identical on the same call (the same value on the same inputs, which
code-based similarity checkers do not see).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Sequence

from grader.records.results import CheckResult, Report, Status


@dataclass(frozen=True)
class Learner:
    """One row of the class as the report reads it."""

    name: str
    report: Report | None  # None: not graded
    reason: str = ""  # why not graded
    fault: str = ""  # "grader" or "interrupted" where the grader, not the learner, is why


@dataclass(frozen=True)
class FunctionRate:
    exercise: str
    function: str
    passed: int  # learners who passed it on every device
    statuses: dict[Status, int]  # learners by the status of their first failing device


@dataclass(frozen=True)
class Misconception:
    diagnosis: str
    learners: tuple[str, ...]
    functions: tuple[str, ...]  # "exercise: function", in catalogue order


@dataclass(frozen=True)
class FirstFailure:
    learner: str
    check: CheckResult | None  # None: every function passed


@dataclass(frozen=True)
class Fault:
    learner: str
    where: str  # "exercise: function [device]", "" for the whole submission
    what: str


@dataclass(frozen=True)
class SamePair:
    first: str
    second: str
    functions: tuple[str, ...]  # "exercise: function [device]" with identical wrong results
    unexplained: int  # of those, how many no known mistake explains


@dataclass(frozen=True)
class ClassSummary:
    learners: int
    graded: tuple[Learner, ...]
    not_graded: tuple[Learner, ...]  # the learner's own doing (no files, ...)
    max_score: float
    exercise_passed: tuple[tuple[str, int], ...]  # (exercise, learners who passed all of it)
    functions: tuple[FunctionRate, ...]
    misconceptions: tuple[Misconception, ...]
    first_failures: tuple[FirstFailure, ...]
    faults: tuple[Fault, ...]
    same_pairs: tuple[SamePair, ...]

    @property
    def scores(self) -> list[float]:
        return [learner.report.score for learner in self.graded if learner.report is not None]


def summarise(learners: Sequence[Learner]) -> ClassSummary:
    graded = tuple(one for one in learners if one.report is not None and not one.reason)
    reports = [one.report for one in graded if one.report is not None]
    return ClassSummary(
        learners=len(learners),
        graded=graded,
        not_graded=tuple(one for one in learners if one not in graded and not one.fault),
        max_score=max((r.max_score for r in reports), default=0.0),
        exercise_passed=_exercise_passed(reports),
        functions=_function_rates(reports),
        misconceptions=_misconceptions(graded),
        first_failures=tuple(FirstFailure(one.name, _first_failure(one.report))
                             for one in graded),
        faults=_faults(learners),
        same_pairs=_same_pairs(graded),
    )


def place(check: CheckResult, device: bool = False) -> str:
    where = f"{check.exercise}: {check.function}"
    return f"{where} [{check.device}]" if device else where


def _by_function(report: Report) -> dict[tuple[str, str], list[CheckResult]]:
    grouped: dict[tuple[str, str], list[CheckResult]] = defaultdict(list)
    for check in report.checks:
        grouped[(check.exercise, check.function)].append(check)
    return grouped


def _exercise_passed(reports: list[Report]) -> tuple[tuple[str, int], ...]:
    order = dict.fromkeys(ex for r in reports for ex in r.exercise_ids())
    return tuple((ex, sum(r.by_exercise()[ex].passed for r in reports if ex in r.by_exercise()))
                 for ex in order)


def _function_rates(reports: list[Report]) -> tuple[FunctionRate, ...]:
    statuses: dict[tuple[str, str], dict[Status, int]] = {}
    for report in reports:
        for key, checks in _by_function(report).items():
            counts = statuses.setdefault(key, {status: 0 for status in Status})
            failed = [c for c in checks if not c.passed]
            counts[failed[0].status if failed else Status.PASSED] += 1
    return tuple(FunctionRate(ex, fn, counts[Status.PASSED], counts)
                 for (ex, fn), counts in statuses.items())


def _misconceptions(graded: Sequence[Learner]) -> tuple[Misconception, ...]:
    learners: dict[str, dict[str, None]] = defaultdict(dict)
    places: dict[str, dict[str, None]] = defaultdict(dict)
    for learner in graded:
        for check in _checks(learner.report):
            for diagnosis in check.diagnoses if not check.passed else ():
                learners[diagnosis][learner.name] = None
                places[diagnosis][place(check)] = None
    found = [Misconception(d, tuple(learners[d]), tuple(places[d])) for d in learners]
    return tuple(sorted(found, key=lambda m: (-len(m.learners), m.diagnosis)))


def _first_failure(report: Report | None) -> CheckResult | None:
    return next((check for check in _checks(report) if not check.passed), None)


def _checks(report: Report | None) -> tuple[CheckResult, ...]:
    return report.checks if report is not None else ()


def _faults(learners: Sequence[Learner]) -> tuple[Fault, ...]:
    faults = [Fault(one.name, "", one.reason) for one in learners if one.fault]
    for learner in learners:
        checks = _checks(learner.report)
        faults += [Fault(learner.name, place(c, device=True), c.message.splitlines()[0]
                         if c.message else "") for c in checks if c.grader_fault]
    return tuple(faults)


def _same_pairs(graded: Sequence[Learner]) -> tuple[SamePair, ...]:
    """Pairs of learners with the same wrong result on the same call, most unexplained
    (no known mistake names it, so a shared misconception does not account for it) first."""
    holders: dict[str, list[tuple[str, CheckResult]]] = defaultdict(list)
    for learner in graded:
        for check in _checks(learner.report):
            if check.status is Status.WRONG and check.result_digest:
                holders[check.result_digest].append((learner.name, check))
    shared: dict[tuple[str, str], list[CheckResult]] = defaultdict(list)
    for group in holders.values():
        for (first, check), (second, _) in combinations(sorted(group, key=lambda g: g[0]), 2):
            shared[(first, second)].append(check)
    pairs = [SamePair(a, b, tuple(place(c, device=True) for c in checks),
                      sum(not c.diagnoses for c in checks)) for (a, b), checks in shared.items()]
    return tuple(sorted(pairs, key=lambda p: (-p.unexplained, -len(p.functions), p.first,
                                              p.second)))
