"""A class graded into an output folder over several runs.

Grading into a folder that already holds an earlier `grade` output of the same kata updates
the rows of the submissions graded now and keeps the others; `fresh` starts it over. Which
of the named submissions are graded: all of them; with `resume` only those not graded yet
(never, interrupted, or stopped by a fault of the grader) or whose exercise files changed
since (their fingerprint differs); with `only_failed` only those the grader or its
environment failed. The class keeps one seed, so everyone gets the same inputs whichever run
graded them.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from grader.classroom import batch_output
from grader.classroom.batch_output import Batch, BatchInfo, ClassSettings, SubmissionOutcome
from grader.classroom.signals import signals_held
from grader.classroom.submission_facts import SubmissionFacts
from grader.records import messages
from grader.records.errors import SetupError

FAULT, INTERRUPTED = "grader", "interrupted"
PROGRESS_EVERY = 1.0  # seconds between rewrites of the outputs while a batch runs


@dataclass(frozen=True)
class Selection:
    mode: str = "all"  # "all", "resume" or "failed"
    fresh: bool = False


def earlier_batch(out_dir: Path, fresh: bool) -> Batch | None:
    """The earlier output in `out_dir` (None where there is none, or `fresh`: then its files
    are removed, and only those)."""
    if not (out_dir / batch_output.BATCH).exists():
        return None
    try:
        earlier = batch_output.read_batch(out_dir)
    except SetupError as error:
        if fresh:  # not ours to remove: the folder stays as it is, the outputs are rewritten
            return None
        raise SetupError(messages.text("grade.earlier_unreadable", error=error)) from None
    if fresh:
        _remove_outputs(earlier)
        return None
    return earlier


def _remove_outputs(earlier: Batch) -> None:
    for outcome in earlier.outcomes:
        shutil.rmtree(earlier.folder / outcome.folder, ignore_errors=True)
    for name in (batch_output.GRADEBOOK, batch_output.JUNIT, batch_output.BATCH):
        (earlier.folder / name).unlink(missing_ok=True)


def check_same_class(earlier: Batch, info: BatchInfo) -> None:
    """An earlier output of another kata, another seed or other devices cannot be updated:
    its rows would not be comparable with the new ones."""
    old = earlier.info
    if old.exercise_ids != info.exercise_ids or old.kata != info.kata:
        raise SetupError(messages.text("grade.other_kata", folder=earlier.folder))
    if old.seed != info.seed:
        raise SetupError(messages.text("grade.other_seed", folder=earlier.folder,
                                       seed=old.seed, new=info.seed))
    if old.devices != info.devices:
        raise SetupError(messages.text("grade.other_devices", folder=earlier.folder,
                                       devices=", ".join(old.devices)))


def merged_settings(earlier: Batch | None, given: ClassSettings) -> ClassSettings:
    """What is given now, else what the earlier output was graded with."""
    if earlier is None:
        return given
    if given.shard and earlier.shard and given.shard != tuple(earlier.shard):
        raise SetupError(messages.text("grade.other_shard", folder=earlier.folder))
    return ClassSettings(given.shard or earlier.shard,
                         earlier.roster if given.roster is None else given.roster,
                         given.late or earlier.late)


def to_grade(names: Sequence[str], earlier: Batch | None, facts: dict[str, SubmissionFacts],
             selection: Selection) -> list[str]:
    """The names (of those named now) this run grades."""
    before = {o.name: o for o in earlier.outcomes} if earlier else {}
    if selection.mode == "resume":
        return [name for name in names if not _done(before.get(name), facts[name])]
    if selection.mode == "failed":
        return [name for name in names if name in before and _failed(before[name])]
    return list(names)


def _done(outcome: SubmissionOutcome | None, facts: SubmissionFacts) -> bool:
    return outcome is not None and not outcome.fault and outcome.digest == facts.digest


def _failed(outcome: SubmissionOutcome) -> bool:
    """Not graded by a fault of the grader or its environment, or graded with a check that
    such a fault ended (a reference that failed, a hidden test that gave no verdict)."""
    checks = outcome.report.checks if outcome.report is not None else ()
    return outcome.fault in (FAULT, INTERRUPTED) or any(c.grader_fault for c in checks)


def rows(earlier: Batch | None, finished: dict[str, SubmissionOutcome],
         unfinished: Sequence[str]) -> list[SubmissionOutcome]:
    """Every row of the output: the earlier ones kept, those graded now, and those this run
    was stopped before finishing (their earlier row where its results are still there, else
    "not graded: interrupted"), in name order."""
    merged = {o.name: o for o in earlier.outcomes} if earlier else {}
    merged.update(finished)
    for name in unfinished:
        old = merged.get(name)
        # its grading process may have removed the earlier results before it was stopped
        gone = earlier is not None and old is not None and old.report is not None and not (
            earlier.folder / old.folder / batch_output.RESULTS).is_file()
        if old is None or gone:
            merged[name] = interrupted_row(name)
    return [merged[name] for name in sorted(merged)]


def interrupted_row(name: str) -> SubmissionOutcome:
    return SubmissionOutcome(name, None, messages.text("grade.interrupted"), fault=INTERRUPTED)


def with_facts(outcome: SubmissionOutcome, facts: SubmissionFacts) -> SubmissionOutcome:
    """`outcome` with what was known of its submission before it was graded."""
    moment = facts.submitted_at.isoformat(timespec="seconds") if facts.submitted_at else ""
    return replace(outcome, digest=facts.digest, submitted_at=moment,
                   submitted_from=facts.submitted_from)


class ClassOutput:
    """The output folder as grading goes: gradebook.csv and batch.json rewritten as
    submissions finish (at most once a PROGRESS_EVERY seconds: each rewrite is of the whole
    class), so a batch stopped by anything, a kill included, can be resumed; a stop by a
    signal writes everything first."""

    def __init__(self, out_dir: Path, info: BatchInfo, settings: ClassSettings, earlier,
                 facts: dict) -> None:
        self.out_dir, self.info, self.settings = out_dir, info, settings
        self.earlier, self.facts = earlier, facts
        self.rows: list[SubmissionOutcome] = []
        self.written_at = -PROGRESS_EVERY

    def progress(self, finished: dict) -> None:
        """The outputs but junit.xml, unless they were written less than PROGRESS_EVERY ago
        (a kill loses at most that much grading: --resume grades it again)."""
        if time.monotonic() - self.written_at >= PROGRESS_EVERY:
            self.write(finished, (), junit=False)
            self.written_at = time.monotonic()

    def write(self, finished: dict, unfinished: Sequence[str], *, junit: bool = True) -> None:
        self.rows = rows(self.earlier, finished, unfinished)
        with signals_held():  # a stop asked for while writing comes once all is written
            self.out_dir.mkdir(parents=True, exist_ok=True)
            for row in self.rows:  # results a stopped process left behind are not a grade
                if row.fault == INTERRUPTED:
                    (self.out_dir / row.folder / batch_output.RESULTS).unlink(missing_ok=True)
            batch_output.write_batch(self.rows, self.info, self.out_dir, junit=junit,
                                     settings=self.settings)

    def finished(self, outcome: SubmissionOutcome) -> SubmissionOutcome:
        facts = self.facts[outcome.name]
        return replace(with_facts(outcome, facts), graded_now=True)
