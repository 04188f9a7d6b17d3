"""Grade a class: each submission with the instructor's catalogue, hidden tests and reference.

Only a submission's exercise files are used (see grader.classroom.staging). Each grading process keeps
one worker pool for the whole batch, so torch is imported and the reference computed once per
process, while every submission's learner code runs in fresh worker processes (run_kata ends
them after each submission). Results are written here, by grading processes, never by a worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from grader.classroom import batch_output

from grader.records import messages

from grader.grading import runner as run
from grader.classroom.batch_output import Outcome
from grader.records.catalogue import load_catalogue
from grader.records.errors import SetupError
from grader.workers.pool import WorkerPool
from grader.records.seeding import new_run_seed
from grader.classroom.shards import Shard, select_shard
from grader.classroom.staging import discard, stage

Progress = Callable[[int, int], None]  # (graded so far, total)


@dataclass(frozen=True)
class Submission:
    name: str  # the folder's name: names the results folder and the gradebook row
    path: Path


@dataclass(frozen=True)
class GradeSettings:
    kata_root: Path
    out_dir: Path
    devices: tuple[str, ...]
    seed: int
    visibility: str  # of every hidden test's details in the results (catalogue.VISIBILITIES)


def name_submissions(paths: Sequence[Path]) -> list[Submission]:
    """One Submission per folder; two folders with the same name are a set-up error."""
    reserved = {name.casefold() for name in batch_output.RESERVED_NAMES}
    seen: dict[str, Path] = {}
    submissions = []
    for path in map(Path, paths):
        # abspath, not resolve: a symlinked folder keeps the name it was given
        name = Path(os.path.abspath(path)).name
        if name.casefold() in reserved:
            raise SetupError(f"submission {path}: the name {name!r} is taken by grade's outputs")
        # casefold: results folders must not collide on case-insensitive file systems
        clash = seen.get(name.casefold())
        if clash is not None:
            raise SetupError(f"two submissions are named {name!r}: {clash} and {path}")
        seen[name.casefold()] = path
        submissions.append(Submission(name, path))
    return submissions


def resolve_devices(choice: str, *, kata_root: Path) -> tuple[str, ...]:
    """--device auto|cpu|cuda as devices; CUDA is probed in a worker (no torch here)."""
    catalogue = load_catalogue(kata_root / "catalogue.toml")
    with WorkerPool(preload_torch=choice != "cpu") as pool:
        return run.resolve_devices(choice, catalogue.exercises, pool)


def grade_class(
    paths: Sequence[Path],
    *,
    kata_root: Path,
    out_dir: Path,
    jobs: int = 1,
    devices: Sequence[str] = ("cpu",),
    seed: int | None = None,
    shard: Shard | None = None,
    progress: Progress | None = None,
    visibility: str | None = None,
) -> list[Outcome]:
    """Grade `paths` (the slice `shard` of them) into `out_dir`; outcomes in name order.
    `visibility` None: the catalogue's."""
    submissions = select_shard(name_submissions(paths), shard, key=lambda s: s.name)
    catalogue = load_catalogue(Path(kata_root).resolve() / "catalogue.toml")
    # one seed for the whole class (and every shard of it): the same inputs for everyone
    settings = GradeSettings(
        kata_root=Path(kata_root).resolve(),
        out_dir=Path(out_dir).resolve(),
        devices=tuple(devices),
        seed=new_run_seed() if seed is None else seed,
        visibility=visibility or catalogue.visibility,
    )
    info = batch_output.batch_info(catalogue, seed=settings.seed, devices=settings.devices)
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    grade = _grade_in_processes if jobs > 1 and len(submissions) > 1 else _grade_here
    by_name = {outcome.name: outcome for outcome in grade(submissions, settings, jobs, progress)}
    outcomes = [by_name[submission.name] for submission in submissions]
    batch_output.write_batch(outcomes, info, settings.out_dir, shard=shard)
    return outcomes


class Grader:
    """What one grading process keeps for the whole batch: the catalogue and a worker pool."""

    def __init__(self, settings: GradeSettings):
        self.settings = settings
        catalogue = load_catalogue(settings.kata_root / "catalogue.toml")
        self.exercise_ids = [entry.id for entry in catalogue.exercises]
        # learner code must not reach the results of submissions graded before it
        self.pool = WorkerPool(preload_torch=any(e.tensor_functions for e in catalogue.exercises),
                               hidden=(settings.out_dir,))

    def grade(self, submission: Submission) -> Outcome:
        folder = self.settings.out_dir / submission.name
        # a results file of an earlier run must never stand in for this one
        (folder / batch_output.RESULTS).unlink(missing_ok=True)
        try:
            staged = stage(submission.path, self.exercise_ids)
        except OSError as error:  # no room for the staging copy, say: this row, not the batch
            return Outcome(submission.name, None, messages.text("grade.not_copied", error=error))
        try:
            report = run.run_kata(
                self.settings.kata_root,
                sources_root=staged.root,
                devices=self.settings.devices,
                seed=self.settings.seed,
                pool=self.pool,
                submission=submission.name,
            )
        except Exception as error:  # a fault of the grader must not stop the batch
            problem = messages.text("grade.grader_failed", error=error)
            return Outcome(submission.name, None, problem, staged.problems)
        finally:
            discard(staged)
        batch_output.write_results(report.with_visibility(self.settings.visibility), folder)
        reason = "" if staged.gradable else "; ".join(staged.problems)
        notes = staged.problems if staged.gradable else ()
        return Outcome(submission.name, report, reason, notes, self.pool.unconfined() or "")

    def close(self) -> None:
        self.pool.close()


def _grade_here(submissions, settings, jobs, progress) -> Iterator[Outcome]:
    with contextlib.closing(Grader(settings)) as grader:
        for done, submission in enumerate(submissions, start=1):
            yield grader.grade(submission)
            if progress:
                progress(done, len(submissions))


# The Grader of this process when it is one of a parallel batch's grading processes.
_PROCESS_GRADER: Grader | None = None


def _start_grading_process(settings: GradeSettings) -> None:
    global _PROCESS_GRADER
    from multiprocessing.util import Finalize

    _PROCESS_GRADER = Grader(settings)
    # multiprocessing children skip atexit; Finalize still runs when the process ends
    Finalize(_PROCESS_GRADER, _PROCESS_GRADER.close, exitpriority=10)


def _grade_in_this_process(submission: Submission) -> Outcome:
    assert _PROCESS_GRADER is not None, "the pool's initializer makes the Grader"
    return _PROCESS_GRADER.grade(submission)


def _grade_in_processes(submissions, settings, jobs, progress) -> Iterator[Outcome]:
    # spawn: each grading process starts clean and builds its own worker pool
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(submissions)),
        mp_context=context,
        initializer=_start_grading_process,
        initargs=(settings,),
    ) as executor:
        futures = {executor.submit(_grade_in_this_process, s): s for s in submissions}
        for done, future in enumerate(as_completed(futures), start=1):
            yield _outcome_of(future, futures[future])
            if progress:
                progress(done, len(submissions))


def _outcome_of(future, submission: Submission) -> Outcome:
    try:
        return future.result()
    except Exception as error:  # the grading process died: this row says so, the batch goes on
        return Outcome(submission.name, None,
                       messages.text("grade.process_failed", error=repr(error)))
