"""The gradebook's rows for a class: each submission's, joined to its roster entry, with
the late policy's final score, and a "missing" row for each roster student who handed
nothing in. The columns after the spec's are added only where a roster or a due time was
given, so a class graded with neither keeps the spec's gradebook.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, Sequence

from grader.records import messages
from grader.records.lateness import LatePolicy
from grader.records.results import Report
from grader.records.roster import Student
from grader.reports.gradebook import Row, Ungraded, number


class SubmissionOutcome(Protocol):
    """What a row is made of (batch_output.SubmissionOutcome, which writes through here)."""

    @property
    def name(self) -> str: ...
    @property
    def report(self) -> Report | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def confinement(self) -> str: ...
    @property
    def submitted_at(self) -> str: ...
    @property
    def graded(self) -> bool: ...

ROSTER_COLUMNS = ("student_id", "name", "email", "section", "on_roster")
LATE_COLUMNS = ("submitted_at", "days_late", "late_penalty_percent", "final_score")


def gradebook_rows(outcomes: Sequence[SubmissionOutcome], exercise_ids: Sequence[str],
                   students: Sequence[Student] | None, late: LatePolicy | None
                   ) -> tuple[tuple[str, ...], list[Row]]:
    """The extra header and every row, in submission-name order."""
    header = (ROSTER_COLUMNS if students is not None else ()) + (LATE_COLUMNS if late else ())
    by_name = {student.submission.casefold(): student for student in students or ()}
    rows = []
    for outcome in outcomes:
        student = by_name.pop(outcome.name.casefold(), None)
        entry = outcome.report if outcome.graded and outcome.report is not None else (
            Ungraded(outcome.name, outcome.reason, outcome.confinement))
        extra = _roster_cells(student, students is not None, on_roster=student is not None)
        rows.append(Row(entry, extra + _late_cells(outcome, entry, late)))
    for student in by_name.values():  # on the roster, no folder handed in
        missing = Ungraded(student.submission, "", missing=True)
        rows.append(Row(missing, _roster_cells(student, True, on_roster=True)
                        + _late_cells(None, missing, late)))
    return header, sorted(rows, key=lambda row: row.entry.submission)


def _roster_cells(student: Student | None, used: bool, *, on_roster: bool) -> tuple[str, ...]:
    if not used:
        return ()
    yes_no = messages.text("gradebook.yes" if on_roster else "gradebook.no")
    if student is None:
        return ("", "", "", "", yes_no)
    return (student.student_id, student.name, student.email, student.section, yes_no)


def _late_cells(outcome, entry, late: LatePolicy | None) -> tuple[str, ...]:
    if late is None:
        return ()
    submitted = _time(outcome.submitted_at) if outcome else None
    if isinstance(entry, Ungraded):
        return (outcome.submitted_at if outcome else "", "", "", "")
    days = late.days_late(submitted)
    return (outcome.submitted_at, str(days) if submitted else "",
            number(late.penalty(submitted)), number(late.final(entry.score, submitted)))


def _time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
