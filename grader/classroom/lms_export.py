"""`grader export`: a graded class's scores for its LMS, one row per roster student.

The score is the final one where the class was graded with a due time (the late policy
applied), else the raw one. Submissions not on the roster cannot be matched to a student
and are named back to the caller; a roster student with nothing graded gets no score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grader.classroom.batch_output import Batch, SubmissionOutcome, read_batch
from grader.records import messages
from grader.records.errors import SetupError
from grader.reports import lms


@dataclass(frozen=True)
class Exported:
    students: int
    scored: int
    unlisted: tuple[str, ...]  # submissions not on the roster, left out


def export(out_dir: Path, *, lms_name: str, assignment: str, path: Path) -> Exported:
    batch = read_batch(Path(out_dir))
    if batch.roster is None:
        raise SetupError(messages.text("export.no_roster", folder=out_dir))
    by_name = {o.name.casefold(): o for o in batch.outcomes}
    grades = [lms.Grade(s, _score(batch, by_name.get(s.submission.casefold())))
              for s in batch.roster]
    listed = {s.submission.casefold() for s in batch.roster}
    unlisted = tuple(o.name for o in batch.outcomes if o.name.casefold() not in listed)
    points = max((o.report.max_score for o in batch.outcomes if o.report is not None),
                 default=0.0)
    lms.write(lms.rows(grades, lms_name, assignment, points), path)
    return Exported(len(grades), sum(g.score is not None for g in grades), unlisted)


def _score(batch: Batch, outcome: SubmissionOutcome | None) -> float | None:
    if outcome is None or not outcome.graded or outcome.report is None:
        return None
    raw = outcome.report.score
    if batch.late is None:
        return raw
    submitted = datetime.fromisoformat(outcome.submitted_at) if outcome.submitted_at else None
    return batch.late.final(raw, submitted)
