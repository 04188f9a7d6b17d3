"""Grade a class: each submission with the instructor's catalogue, hidden tests and reference.

Only a submission's exercise files are used (see grader.staging). Each grading process keeps
one worker pool for the whole batch, so torch is imported and the reference computed once per
process, while every submission's learner code runs in fresh worker processes. Results are
written here, by the grading processes, never by a worker.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from grader import batch_output
from grader.errors import SetupError
from grader.pool import WorkerPool
from grader.results import Report
from grader.run import run_kata
from grader.seeding import new_run_seed
from grader.shard import Shard, select_shard
from grader.staging import Staged, discard, stage

RESERVED_NAMES = frozenset(batch_output.RESERVED_NAMES)


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


@dataclass(frozen=True)
class Outcome:
    name: str
    report: Report | None  # None when grading itself failed
    status: str  # "graded", or why the submission could not be (fully) graded

    @property
    def graded(self) -> bool:
        return self.status == "graded"


Progress = Callable[[int, int], None]  # (graded so far, total)


def name_submissions(paths: Sequence[Path]) -> list[Submission]:
    """One Submission per folder; two folders with the same name are a set-up error."""
    seen: dict[str, Path] = {}
    submissions = []
    for path in paths:
        name = path.resolve().name
        if name.casefold() in RESERVED_NAMES:
            raise SetupError(f"submission {path}: the name {name!r} is used by grade's outputs")
        # casefold: results folders must not collide on case-insensitive file systems
        clash = seen.get(name.casefold())
        if clash is not None:
            raise SetupError(f"two submissions are named {name!r}: {clash} and {path}")
        seen[name.casefold()] = path
        submissions.append(Submission(name, path))
    return submissions


def resolve_devices(choice: str) -> tuple[str, ...]:
    """--device auto|cpu|cuda as devices; CUDA is probed in a worker (no torch here)."""
    if choice == "cpu":
        return ("cpu",)
    with WorkerPool(preload_torch=True) as pool:
        cuda = pool.cuda_available()
    if choice == "cuda" and not cuda:
        raise SetupError("--device cuda: no CUDA device is available")
    if choice == "cuda":
        return ("cuda",)
    return ("cpu", "cuda") if cuda else ("cpu",)


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
) -> list[Outcome]:
    """Grade `paths` (the slice `shard` of them) into `out_dir`; outcomes in name order."""
    submissions = select_shard(name_submissions(paths), shard, key=lambda s: s.name)
    # one seed for the whole class (and every shard of it): the same inputs for everyone
    settings = GradeSettings(
        kata_root=kata_root.resolve(),
        out_dir=out_dir.resolve(),
        devices=tuple(devices),
        seed=new_run_seed() if seed is None else seed,
    )
    catalogue = batch_output.load_kata_catalogue(settings.kata_root)
    info = batch_output.batch_info(catalogue, seed=settings.seed, devices=settings.devices)
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    grade = _grade_in_processes if jobs > 1 and len(submissions) > 1 else _grade_here
    by_name = {outcome.name: outcome for outcome in grade(submissions, settings, jobs, progress)}
    outcomes = [by_name[submission.name] for submission in submissions]
    batch_output.write_batch(outcomes, info, settings.out_dir, shard=shard)
    return outcomes


class _Grader:
    """What one grading process keeps for the whole batch: the catalogue and a worker pool."""

    def __init__(self, settings: GradeSettings):
        self.settings = settings
        self.catalogue = batch_output.load_kata_catalogue(settings.kata_root)
        torch_needed = any(entry.tensor_functions for entry in self.catalogue.exercises)
        self.pool = WorkerPool(preload_torch=torch_needed)

    def grade(self, submission: Submission) -> Outcome:
        ids = [entry.id for entry in self.catalogue.exercises]
        data_dir = self.settings.kata_root / "exercises" / "data"
        staged = stage(submission.path, ids, data_dir=data_dir)
        try:
            # run_kata ends this submission's learner workers; reference workers stay
            report = run_kata(
                self.settings.kata_root,
                sources_root=staged.root,
                pool=self.pool,
                devices=self.settings.devices,
                seed=self.settings.seed,
                submission=submission.name,
            )
        except Exception as error:  # a fault of the grader must not stop the batch
            return Outcome(submission.name, None, f"error: grading failed ({error})")
        finally:
            discard(staged)
        batch_output.write_results(report, self.settings.out_dir / submission.name)
        return Outcome(submission.name, report, _status(staged))

    def close(self) -> None:
        self.pool.close()


def _status(staged: Staged) -> str:
    if not staged.gradable:
        return "not graded: " + "; ".join(staged.problems)
    if staged.problems:
        return "graded with problems: " + "; ".join(staged.problems)
    return "graded"


def _grade_here(submissions, settings, jobs, progress) -> Iterator[Outcome]:
    grader = _Grader(settings)
    try:
        for done, submission in enumerate(submissions, start=1):
            yield grader.grade(submission)
            if progress:
                progress(done, len(submissions))
    finally:
        grader.close()


# One _Grader per grading process of a parallel batch (set by the pool's initializer).
_PROCESS_GRADER: _Grader | None = None


def _start_grading_process(settings: GradeSettings) -> None:
    global _PROCESS_GRADER
    from multiprocessing.util import Finalize

    _PROCESS_GRADER = _Grader(settings)
    # multiprocessing children skip atexit; Finalize still runs when the process ends
    Finalize(_PROCESS_GRADER, _PROCESS_GRADER.close, exitpriority=10)


def _grade_in_this_process(submission: Submission) -> Outcome:
    assert _PROCESS_GRADER is not None
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
        return Outcome(submission.name, None, f"error: grading process failed ({error!r})")
