"""`grader grade SUBMISSION ... --out DIR`: grade a class with the instructor's tests.

Time: each submission gets --budget seconds (loading and calls together); past it, the rest
of it is "timed out" and the batch moves on. So grading N submissions takes at most
N x budget, whatever they do (less with --jobs), plus a few seconds to check the devices and
the confinement first and to write the outputs last."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Iterator

from grader.classroom.budget import DEFAULT_BUDGET
from grader.classroom.shards import parse_shard
from grader.records import messages
from grader.records.catalogue import VISIBILITIES

EPILOG = """\
examples:
  grader grade submissions/* --out graded
  grader grade submissions/* --out graded --jobs 4 --seed 2026
  grader grade submissions/alice --out graded        regrade alice, keep everyone else's row
  grader grade submissions/* --out graded --resume   go on where a stopped batch left off
  grader grade submissions/* --out graded --roster roster.csv --due 2026-12-01T23:59
  grader grade submissions/* --out shard1 --shard 1/3     then `grader collect`

writes graded/<submission>/results.json, graded/gradebook.csv, graded/junit.xml and
graded/batch.json (rewritten after every submission). Into an earlier output of the same
kata, the rows of the submissions graded now are updated and the others kept (--fresh
starts over). Ctrl-C or SIGTERM stops the batch with its outputs written; --resume ends it.

exit codes:
  0    every submission was graded, whatever the scores
  1    a submission could not be graded (the gradebook says why)
  2    a usage or set-up error, such as an --out that is a file or cannot be written
       (checked before anything is graded)
  130  stopped by Ctrl-C (SIGINT); 143 stopped by SIGTERM"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                        help="a folder holding a learner's exercises/ (or the exercise files)")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="where gradebook.csv, junit.xml, batch.json and each"
                             " DIR/<name>/results.json go (DIR/submissions/<slug>-<hash>/"
                             " for a name that is not safe there)")
    parser.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                        help="grading processes working in parallel (default 1)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                        help="devices for tensor functions (auto: CPU, and CUDA where available)")
    parser.add_argument("--seed", type=int, metavar="N", help="the seed every submission shares")
    parser.add_argument("--budget", type=_positive_float, default=DEFAULT_BUDGET, metavar="SECONDS",
                        help="time one submission may take, loading and calls together; past"
                             " it the rest of it is timed out (default %(default)g). Grading N"
                             " submissions ends within N x SECONDS")
    parser.add_argument("--allow-unconfined", action="store_true",
                        help="grade even where learner code cannot be confined (it could"
                             " then read the solutions and hidden tests); refused otherwise")
    parser.add_argument("--shard", type=_shard, metavar="I/N",
                        help="grade only slice I of N of the submissions (see `grader collect`)")
    parser.add_argument("--visibility", choices=VISIBILITIES,
                        help="when a learner on Gradescope sees each hidden test's details "
                             "(default: the catalogue's `visibility`, else visible)")
    parser.add_argument("--public-checks", type=Path, metavar="EDITION",
                        help="a student edition of this kata (`grader release`): its public"
                             " checks run too, as visible tests worth no points")
    _configure_class(parser)


def _configure_class(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--fresh", action="store_true",
                       help="start DIR over (without it, an earlier output of the same kata"
                            " there keeps the rows of submissions not graded now)")
    which.add_argument("--resume", action="store_true",
                       help="grade only submissions not graded yet in DIR or whose exercise"
                            " files changed since")
    which.add_argument("--only", choices=("failed",),
                       help="failed: regrade only submissions in DIR that a fault of the"
                            " grader or its environment stopped")
    parser.add_argument("--roster", type=Path, metavar="FILE.csv",
                        help="columns submission,student_id,name,email[,section]: joined to"
                             " the gradebook; roster students with no submission get a"
                             " 'missing' row")
    parser.add_argument("--due", type=_moment, metavar="TIME",
                        help="due time, ISO 8601 (2026-12-01T23:59, a zone such as +08:00"
                             " optional; a date alone is its end): adds submitted_at,"
                             " days_late, late_penalty_percent and final_score")
    parser.add_argument("--late-penalty", type=_percent, default=10.0, metavar="PERCENT",
                        help="percent off per day or part of a day late (default %(default)g)")
    parser.add_argument("--late-cap", type=_percent, default=100.0, metavar="PERCENT",
                        help="the most a late submission loses, in percent (default"
                             " %(default)g)")


def main(args: argparse.Namespace) -> int:
    from grader.commands.outputs import check_folder

    check_folder(args.out)
    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    with stopped_by_signals() as caught:
        try:
            outcomes = _grade(args, progress)
        except KeyboardInterrupt:
            if progress:
                progress.finish()
            return _stopped(args.out, caught[0] if caught else signal.SIGINT)
    if progress:
        progress.finish()
    return _summary(outcomes, args.out)


def _grade(args: argparse.Namespace, progress):
    from grader.classroom.batch import grade_class, resolve_devices
    from grader.classroom.incremental import Selection
    from grader.records.lateness import LatePolicy
    from grader.records.paths import find_kata_root
    from grader.records.roster import read_roster

    kata_root = find_kata_root(Path.cwd())
    roster = read_roster(args.roster) if args.roster else None
    late = LatePolicy(args.due, args.late_penalty, args.late_cap) if args.due else None
    mode = "resume" if args.resume else "failed" if args.only else "all"
    return grade_class(
        args.submissions, kata_root=kata_root, out_dir=args.out, jobs=args.jobs,
        devices=resolve_devices(args.device, kata_root=kata_root), seed=args.seed,
        shard=args.shard, progress=progress, budget=args.budget,
        allow_unconfined=args.allow_unconfined, visibility=args.visibility,
        roster=roster, late=late, selection=Selection(mode, args.fresh),
        public_checks=args.public_checks,
    )


def _summary(outcomes, out: Path) -> int:
    from grader.workers.sandbox import is_confined

    now = [outcome for outcome in outcomes if outcome.graded_now]
    for outcome in now:
        for problem in (outcome.reason,) if outcome.reason else outcome.notes:
            print(messages.text("grade.problem", name=outcome.name, problem=problem),
                  file=sys.stderr)
    unconfined = [o.confinement for o in now if o.confinement and not is_confined(o.confinement)]
    if unconfined:  # only with --allow-unconfined: said again, after the rows
        print(messages.text("grade.unconfined", reason=unconfined[0]), file=sys.stderr)
    graded = sum(outcome.graded for outcome in now)
    if now:
        print(messages.text("grade.done", graded=graded, total=len(now),
                            gradebook=out / "gradebook.csv"))
    else:
        print(messages.text("grade.nothing", out=out))
    if len(outcomes) > len(now):
        print(messages.text("grade.kept", updated=len(now), kept=len(outcomes) - len(now)))
    return 0 if graded == len(now) else 1


def _stopped(out: Path, signum: int) -> int:
    """A batch stopped by a signal: what is in its outputs now, and how to go on."""
    from grader.classroom.batch_output import read_batch
    from grader.records.errors import SetupError

    try:
        rows = read_batch(out).outcomes
    except SetupError:  # stopped before anything was written
        rows = ()
    left = sum(outcome.fault == "interrupted" for outcome in rows)
    print(messages.text("grade.stopped", graded=sum(o.graded for o in rows), left=left,
                        gradebook=out / "gradebook.csv"), file=sys.stderr)
    return 128 + signum


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[list[int]]:
    """SIGTERM (a cancelled CI job) stops a batch as Ctrl-C does: a KeyboardInterrupt where
    grading is, so the outputs are written. The signal that came first is kept; any later
    one is ignored, so the outputs are written whole."""
    caught: list[int] = []

    def stop(signum, frame) -> None:
        if not caught:
            caught.append(signum)
            raise KeyboardInterrupt

    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield caught
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class TerminalProgress:
    """One line, rewritten in place: graded/total and the time left at the pace so far."""

    def __init__(self, stream):
        self.stream = stream
        self.start = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        elapsed = time.monotonic() - self.start
        minutes, seconds = divmod(round(elapsed / done * (total - done) if done else 0.0), 60)
        line = messages.text("grade.progress", done=done, total=total,
                             left=f"{minutes}:{seconds:02d}")
        self.stream.write("\r" + line)
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:  # also refuses nan
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _shard(text: str):
    from grader.records.errors import SetupError

    try:
        return parse_shard(text)
    except SetupError as error:  # argparse turns this into a usage error (exit 2)
        raise argparse.ArgumentTypeError(str(error)) from None


def _percent(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 100:  # also refuses nan
        raise argparse.ArgumentTypeError("must be a percent from 0 to 100")
    return value


def _moment(text: str) -> datetime:
    from grader.records.lateness import parse_time

    try:
        return parse_time(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "must be an ISO 8601 time such as 2026-12-01T23:59 or 2026-12-01T23:59+08:00"
        ) from None
