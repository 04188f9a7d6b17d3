"""`grader grade SUBMISSION ... --out DIR`: grade a class with the instructor's tests.

Time: each submission gets --budget seconds (loading and calls together); past it, the rest
of it is "timed out" and the batch moves on. So grading N submissions takes at most
N x budget, whatever they do (less with --jobs), plus a few seconds to check the devices and
the confinement first and to write the outputs last."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from grader.classroom.budget import DEFAULT_BUDGET
from grader.classroom.shards import parse_shard
from grader.records import messages
from grader.records.catalogue import VISIBILITIES

EPILOG = """\
examples:
  grader grade submissions/* --out graded
  grader grade submissions/* --out graded --jobs 4 --seed 2026
  grader grade submissions/* --out shard1 --shard 1/3     then `grader collect`

writes graded/<submission>/results.json, graded/gradebook.csv and graded/junit.xml.

exit codes:
  0  every submission was graded, whatever the scores
  1  a submission could not be graded (the gradebook says why)
  2  a usage or set-up error, such as an --out that is a file or cannot be written
     (checked before anything is graded)"""


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


def main(args: argparse.Namespace) -> int:
    from grader.classroom.batch import grade_class, resolve_devices
    from grader.commands.outputs import check_folder
    from grader.records.paths import find_kata_root
    from grader.workers.sandbox import is_confined

    check_folder(args.out)
    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    kata_root = find_kata_root(Path.cwd())
    outcomes = grade_class(
        args.submissions,
        kata_root=kata_root,
        out_dir=args.out,
        jobs=args.jobs,
        devices=resolve_devices(args.device, kata_root=kata_root),
        seed=args.seed,
        shard=args.shard,
        progress=progress,
        budget=args.budget,
        allow_unconfined=args.allow_unconfined,
        visibility=args.visibility,
        public_checks=args.public_checks,
    )
    if progress:
        progress.finish()
    for outcome in outcomes:
        for problem in (outcome.reason,) if outcome.reason else outcome.notes:
            print(messages.text("grade.problem", name=outcome.name, problem=problem),
                  file=sys.stderr)
    unconfined = [o.confinement for o in outcomes
                  if o.confinement and not is_confined(o.confinement)]
    if unconfined:  # only with --allow-unconfined: said again, after the rows
        print(messages.text("grade.unconfined", reason=unconfined[0]), file=sys.stderr)
    graded = sum(outcome.graded for outcome in outcomes)
    gradebook = args.out / "gradebook.csv"
    print(messages.text("grade.done", graded=graded, total=len(outcomes), gradebook=gradebook))
    return 0 if graded == len(outcomes) else 1


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
