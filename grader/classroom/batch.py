"""Grade a class: each submission with the instructor's catalogue, hidden tests and reference.

Only a submission's exercise files are used (see grader.classroom.staging). A class is graded
into its output over several runs: grader.classroom.incremental decides which submissions
this run grades, keeps the other rows and rewrites the output as submissions finish. Each
grading process keeps one grading session for the whole batch, so torch is imported and the
reference computed once per process, while every submission's learner code runs in fresh
worker processes (run_kata ends them after each submission). Results are written here, by grading
processes, never by a worker.
Each submission has a time budget: most of it is spent in its grading process, where the
functions not graded by then are timed out and the others keep their points; a process still
busy at the whole budget is killed (grader.classroom.budget), every function of that
submission recorded as timed out, and the batch goes on. Its name is learner text, cleaned
where it enters (grader.records.learner_text); batch_output.results_folder says where its
results go. Learner code runs only where it can be confined, or where the instructor said
--allow-unconfined; each row and results.json records what confined it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from grader.classroom import batch_output, incremental
from grader.classroom.batch_output import ClassSettings, SubmissionOutcome
from grader.classroom.budget import DEFAULT_BUDGET, Budgeted, grade_within_budget
from grader.classroom.shards import Shard, select_shard
from grader.classroom.incremental import FAULT, Selection
from grader.classroom.staging import discard, stage
from grader.classroom.submission_facts import facts_of
from grader.grading.canary import canary_fault
from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.grading.session import resolve_devices as session_devices
from grader.records import learner_text, messages
from grader.records.catalogue import load_catalogue
from grader.records.errors import SetupError
from grader.records.paths import KataPaths
from grader.records.lateness import LatePolicy
from grader.records.results import CheckResult, ExerciseRun, Report, Status
from grader.records.roster import Student
from grader.records.seeding import new_run_seed
from grader.workers.pool import LoadSpec, WorkerPool
from grader.workers.sandbox import is_confined

Progress = Callable[[int, int], None]  # (graded so far, total)
IN_PROCESS_SHARE = 0.8  # of a submission's budget, spent before its grading process is killed


@dataclass(frozen=True)
class Submission:
    name: str  # the folder's name, cleaned: names the gradebook row and the results folder
    path: Path


@dataclass(frozen=True)
class GradeSettings:
    kata_root: Path
    out_dir: Path
    devices: tuple[str, ...]
    seed: int
    allow_unconfined: bool = False
    scratch: Path | None = None  # staging copies go here; removed when the batch ends
    language: str = "en"  # of the feedback; grading processes are spawned, so it travels here
    visibility: str = "visible"  # of every hidden test's details (catalogue.VISIBILITIES)
    budget: float = DEFAULT_BUDGET  # seconds per submission, loading and calls together
    # the folders holding the class's submissions (none for one submission): out of every
    # learner worker's reach, or, without namespaces, refused while its user could read them
    classmates: tuple[Path, ...] = ()
    public_checks: Path | None = None  # a student edition whose public checks run too

    @property
    def hidden(self) -> tuple[Path, ...]:
        """What no learner worker may see beside the kata's instructor-only folders."""
        return (self.out_dir, *self.classmates)


def _folders_holding(submissions: Sequence[Submission]) -> tuple[Path, ...]:
    """The folders that hold the submissions of a class (a lone one has no classmate)."""
    if len(submissions) < 2:
        return ()
    return tuple(sorted({Path(os.path.abspath(s.path)).parent for s in submissions}))


def name_submissions(paths: Sequence[Path]) -> list[Submission]:
    """One Submission per folder; two folders with the same name are a set-up error."""
    seen: dict[str, Path] = {}
    submissions = []
    for path in map(Path, paths):
        # abspath, not resolve: a symlinked folder keeps the name it was given
        name = learner_text.clean(Path(os.path.abspath(path)).name)
        # casefold: results folders must not collide on case-insensitive file systems
        clash = seen.get(name.casefold())
        if clash is not None:
            raise SetupError(f"two submissions are named {name!r}: {clash} and {path}")
        seen[name.casefold()] = path
        submissions.append(Submission(name, path))
    return submissions


def resolve_devices(choice: str, *, kata_root: Path) -> tuple[str, ...]:
    """--device auto|cpu|cuda as devices. This process grades nothing, so a worker server is
    started only where CUDA must be probed (`--device cpu` starts none)."""
    def cuda_available() -> bool:
        with WorkerPool() as pool:
            return pool.cuda_available()

    catalogue = load_catalogue(Path(kata_root) / "catalogue.toml")
    return session_devices(choice, catalogue.exercises, cuda_available)


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
    budget: float = DEFAULT_BUDGET,
    allow_unconfined: bool = False,
    visibility: str | None = None,
    public_checks: Path | None = None,
    roster: Sequence[Student] | None = None,
    late: LatePolicy | None = None,
    selection: Selection | None = None,
) -> list[SubmissionOutcome]:
    """Grade `paths` (the slice `shard` of them) into `out_dir`; every row of the output
    in name order, those graded by this run marked `graded_now`. An earlier output there is
    updated (see grader.classroom.incremental). Each submission gets `budget` seconds (see
    grader.classroom.budget); where learner code could not be confined, SetupError unless
    `allow_unconfined`. `visibility` None: the catalogue's. `public_checks`: a student
    edition of this kata whose public checks each submission also gets, as visible tests
    worth no points. KeyboardInterrupt (Ctrl-C, or
    the command's SIGTERM) stops grading: the outputs are written, with the submissions not
    finished "not graded: interrupted", and it is raised again."""
    submissions = select_shard(name_submissions(paths), shard, key=lambda s: s.name)
    catalogue = load_catalogue(Path(kata_root).resolve() / "catalogue.toml")
    out_dir = Path(out_dir).resolve()
    earlier = incremental.earlier_batch(out_dir, bool(selection and selection.fresh))
    # one seed for the whole class (and every shard of it): the same inputs for everyone
    seed = seed if seed is not None else earlier.info.seed if earlier else new_run_seed()
    info = batch_output.batch_info(catalogue, seed=seed, devices=devices)
    if earlier is not None:
        incremental.check_same_class(earlier, info)
    given = ClassSettings(None if shard is None else (shard.index, shard.count),
                          None if roster is None else tuple(roster), late)
    class_settings = incremental.merged_settings(earlier, given)
    ids = [entry.id for entry in catalogue.exercises]
    facts = {s.name: facts_of(s.path, ids) for s in submissions}
    chosen = set(incremental.to_grade([s.name for s in submissions], earlier, facts,
                                      selection or Selection()))
    settings = GradeSettings(
        kata_root=Path(kata_root).resolve(), out_dir=out_dir, devices=tuple(devices),
        seed=seed, allow_unconfined=allow_unconfined, language=messages.current(),
        visibility=visibility or catalogue.visibility, budget=budget,
        classmates=_folders_holding(submissions),
        public_checks=_public_edition(public_checks, catalogue),
    )
    batch = incremental.ClassOutput(out_dir, info, class_settings, earlier, facts)
    todo = [s for s in submissions if s.name in chosen]
    if todo:
        _grade_into(todo, settings, catalogue, batch, jobs, progress)
    else:
        batch.write({}, ())
    return batch.rows


def _grade_into(todo: list[Submission], settings: GradeSettings, catalogue,
                batch: incremental.ClassOutput, jobs: int, progress: Progress | None) -> None:
    """The first grading process proves the environment (check_environment) before any
    submission is handed out; the others start meanwhile, and its pool grades on warm."""
    finished: dict[str, SubmissionOutcome] = {}
    proven = Proven()
    # staging copies live here: removed at the end even where a grading process was killed
    scratch_dir = tempfile.TemporaryDirectory(prefix="grader-batch-", ignore_cleanup_errors=True)
    # others may pass through (a sandbox user to its own staged copy) but not list it
    os.chmod(scratch_dir.name, 0o711)
    try:
        with scratch_dir as scratch:
            settings = dataclasses.replace(settings, scratch=Path(scratch))
            lost = functools.partial(_lost, catalogue=catalogue, settings=settings,
                                     proven=proven)
            plan = Budgeted(Grader, settings, lost, settings.budget,
                            max(1, min(jobs, len(todo))))
            graded = grade_within_budget(todo, plan, first=EnvironmentCheck())
            with contextlib.closing(graded):
                proven.confinement = _proven(next(graded))  # else nothing is written
                settings.out_dir.mkdir(parents=True, exist_ok=True)
                if os.geteuid() == 0:  # every learner's results: out of a sandbox user's reach
                    settings.out_dir.chmod(settings.out_dir.stat().st_mode & 0o700)
                for outcome in graded:
                    finished[outcome.name] = batch.finished(outcome)
                    batch.progress(finished)
                    if progress:
                        progress(len(finished), len(todo))
    except KeyboardInterrupt:
        if proven.confinement is not None:  # the output was begun
            batch.write(finished, [s.name for s in todo if s.name not in finished])
        raise
    batch.write(finished, ())


def _public_edition(folder: Path | None, catalogue) -> Path | None:
    """A student edition of this very catalogue, without hidden tests (their details would
    be shown to everyone), or SetupError."""
    if folder is None:
        return None
    paths = KataPaths(Path(folder).resolve())
    if paths.hidden_tests.is_dir() or not paths.public_checks.is_dir():
        raise SetupError(messages.text("grade.not_an_edition", folder=paths.root))
    ids = [entry.id for entry in load_catalogue(paths.catalogue).exercises]
    if ids != [entry.id for entry in catalogue.exercises]:
        raise SetupError(messages.text("grade.other_edition", folder=paths.root))
    return paths.root


@dataclass(frozen=True)
class EnvironmentCheck:
    """Handed to a grading process before any submission: prove the environment there."""


@dataclass(frozen=True)
class EnvironmentProof:
    """What a grading process found: `fault` "" where its learner workers are confined (or
    the instructor allowed otherwise) and the reference solutions, graded as a learner's
    files there (the canary), get full marks; else why nobody may be graded."""

    fault: str
    confinement: str


@dataclass
class Proven:
    """The batch's confinement once the environment is proven (None until then); the rows of
    submissions whose grading process was lost say it too."""

    confinement: str | None = None


def check_confinement(settings: GradeSettings) -> str:
    """What confines learner code here, proven in this process (see EnvironmentProof), or
    SetupError."""
    grader = Grader(settings)
    try:
        return _proven(grader.check_environment())
    finally:
        grader.close()


def _proven(proof: EnvironmentProof) -> str:
    if proof.fault:
        raise SetupError(proof.fault)
    return proof.confinement


def _confinement_of(pool: WorkerPool, settings: GradeSettings) -> str:
    probe = pool.worker("confinement", LoadSpec(Path(os.devnull), "probe", "probe"))
    reply = probe.load()
    pool.close_role("confinement")
    weak = pool.unconfined()
    if weak and not settings.allow_unconfined:
        raise SetupError(messages.text("grade.refuse_unconfined", reason=weak))
    return reply.sandbox or learner_text.clean((reply.error or {}).get("message", ""))


class Grader:
    """What one grading process keeps for the whole batch: a grading session (catalogue,
    devices, seed and a worker pool whose reference workers stay warm)."""

    def __init__(self, settings: GradeSettings):
        self.settings = settings
        # Hidden: the output folder, so learner code cannot reach the results of submissions
        # graded before it. Most of the budget is spent inside this process, where functions
        # not yet graded are marked timed out and the rest keep their points; the process is
        # killed only if the whole budget runs out all the same (grader.classroom.budget).
        self.session = GradingSession.open(
            settings.kata_root, devices=settings.devices, seed=settings.seed,
            hidden=settings.hidden, learner_budget_s=settings.budget * IN_PROCESS_SHARE)
        self.exercise_ids = [entry.id for entry in self.session.catalogue.exercises]
        self.session.pool.require_confinement = not settings.allow_unconfined
        # the student edition's public checks, graded by the same workers' pool
        self.public = None if settings.public_checks is None else GradingSession.open(
            settings.public_checks, devices=settings.devices, seed=settings.seed,
            hidden=settings.hidden, pool=self.session.pool)
        try:  # this process's pool leases its own sandbox uid: confined here too?
            self.refused = ""
            self.confinement = _confinement_of(self.session.pool, settings)
        except SetupError as error:
            self.refused, self.confinement = str(error), ""

    def grade(self, item: Submission | EnvironmentCheck) -> SubmissionOutcome | EnvironmentProof:
        with messages.language(self.settings.language):
            if isinstance(item, EnvironmentCheck):
                return self.check_environment()
            return self._grade(item)

    def check_environment(self) -> EnvironmentProof:
        """The canary, in this process's own pool: its reference replies stay cached."""
        if self.refused:
            return EnvironmentProof(self.refused, "")
        return EnvironmentProof(canary_fault(self.session), self.confinement)

    def _grade(self, submission: Submission) -> SubmissionOutcome:
        folder = self.settings.out_dir / batch_output.results_folder(submission.name)
        # a results file of an earlier run must never stand in for this one
        (folder / batch_output.RESULTS).unlink(missing_ok=True)
        if self.refused:
            return SubmissionOutcome(submission.name, None, self.refused, fault=FAULT)
        try:
            staged = stage(submission.path, self.exercise_ids, self.settings.scratch)
        except OSError as error:  # no room for the staging copy, say: this row, not the batch
            reason = messages.text("grade.not_copied", error=learner_text.clean(error))
            return SubmissionOutcome(submission.name, None, reason, fault=FAULT)
        problems = tuple(learner_text.clean(problem) for problem in staged.problems)
        try:
            report = self._run(submission, staged)
        except SetupError as error:  # its workers could not be confined: not the learner's
            return SubmissionOutcome(submission.name, None, str(error), problems, fault=FAULT)
        except Exception as error:  # a fault of the grader must not stop the batch
            problem = messages.text("grade.grader_failed", error=learner_text.clean(error))
            return SubmissionOutcome(submission.name, None, problem, problems, fault=FAULT)
        finally:
            discard(staged)
        reason, notes = ("", problems) if staged.gradable else ("; ".join(problems), ())
        report = report.with_visibility(self.settings.visibility)
        outcome = SubmissionOutcome(submission.name, report, reason, notes, report.confinement)
        return _written(outcome, self.settings.out_dir)

    def _run(self, submission: Submission, staged) -> Report:
        pool = self.session.pool
        pool.sandbox_states.clear()  # what confined this submission's workers only
        report = run_kata(self.session, sources_root=staged.root, submission=submission.name)
        if self.public is not None:
            public = run_kata(self.public, sources_root=staged.root, submission=submission.name)
            report = report.with_public_checks(public)
        report = _named_as_submitted(report, dict(staged.renamed))
        # the weakest first: the text starts with "none" if any of its workers was unconfined
        states = sorted(pool.sandbox_states, key=lambda state: (is_confined(state), state))
        if states and not is_confined(states[0]) and not self.settings.allow_unconfined:
            # its workers ran none of its code: not graded, and not the learner's failure
            raise SetupError(messages.text("grade.refuse_unconfined", reason=states[0]))
        # no worker reported (its load ran out of budget first): what this process's probe saw
        return dataclasses.replace(report, confinement=", ".join(states) or self.confinement)

    def close(self) -> None:
        if self.public is not None:
            self.public.close()  # its pool is the session's, closed next
        self.session.close()


def _named_as_submitted(report: Report, renamed: dict[str, str]) -> Report:
    """A near miss graded under its exercise's name is shown by the name it was uploaded
    as, so the learner reads which of their files was graded."""
    runs = tuple(
        dataclasses.replace(run, source=learner_text.clean(renamed[Path(run.source).name]))
        if run.source is not None and Path(run.source).name in renamed else run
        for run in report.exercises)
    return dataclasses.replace(report, exercises=runs)


def _written(outcome: SubmissionOutcome, out_dir: Path) -> SubmissionOutcome:
    """`outcome` once its results.json is written; a row saying why where it could not be."""
    assert outcome.report is not None, "only a graded submission has results to write"
    try:
        batch_output.write_results(outcome.report, out_dir)
    except (OSError, ValueError) as error:
        reason = messages.text("grade.not_written", error=learner_text.clean(error))
        return dataclasses.replace(outcome, reason=reason, fault=FAULT)
    return outcome


def _lost(submission: Submission | EnvironmentCheck, why: str, *, catalogue,
          settings: GradeSettings, proven: Proven) -> SubmissionOutcome | EnvironmentProof:
    """The outcome of a submission whose grading process ran past its budget or died (of the
    environment's check: a fault, nobody is graded)."""
    if isinstance(submission, EnvironmentCheck):
        error = (messages.text("canary.too_slow", budget=f"{settings.budget:g}")
                 if why == "budget" else why)
        return EnvironmentProof(messages.text("canary.lost", error=error), "")
    confinement = proven.confinement or ""
    if why != "budget":
        reason = messages.text("grade.process_failed", error=why)
        return SubmissionOutcome(submission.name, None, reason, fault=FAULT)
    message = messages.text("grade.budget_spent", budget=f"{settings.budget:g}")
    checks = tuple(_timed_out(catalogue, settings.devices, message))
    runs = tuple(ExerciseRun(entry.id, None, message) for entry in catalogue.exercises)
    report = Report(settings.seed, settings.devices, checks, runs, settings.budget,
                    submission.name, confinement)
    outcome = SubmissionOutcome(submission.name, report, confinement=confinement)
    return _written(outcome, settings.out_dir)


def _timed_out(catalogue, devices: tuple[str, ...], message: str) -> Iterator[CheckResult]:
    """Every function of the catalogue on each of its devices, timed out, no points."""
    for entry in catalogue.exercises:
        for function in entry.functions:
            used = devices if function.takes_tensors else ("cpu",)
            for device in used:
                yield CheckResult(entry.id, function.name, device, Status.TIMED_OUT, 0.0,
                                  function.points / len(used), message)
