"""`grader export DIR --to canvas|moodle --out FILE.csv`: a graded class's scores in the CSV
its LMS imports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EPILOG = """\
examples:
  grader export graded --to canvas --assignment "Kata 1" --out canvas.csv
  grader export graded --to moodle --out moodle.csv

DIR must have been graded with --roster: the LMS matches rows on the roster's student_id
and email. With --due, the final (late-adjusted) score is exported.

exit codes:
  0  written
  2  DIR is not a `grader grade` output, has no roster, or FILE cannot be written"""


def configure(parser: argparse.ArgumentParser) -> None:
    from grader.reports.lms import FORMATS

    parser.epilog = EPILOG
    parser.add_argument("folder", type=Path, metavar="DIR", help="a `grader grade` output")
    parser.add_argument("--to", required=True, choices=FORMATS, help="the LMS")
    parser.add_argument("--assignment", metavar="NAME",
                        help="the assignment's column (default: the kata's name)")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.csv",
                        help="the file to write")


def main(args: argparse.Namespace) -> int:
    from grader.classroom.batch_output import read_batch
    from grader.classroom.lms_export import export
    from grader.commands.outputs import check_file
    from grader.records import messages

    check_file(args.out)
    assignment = args.assignment or read_batch(args.folder).info.kata
    done = export(args.folder, lms_name=args.to, assignment=assignment, path=args.out)
    if done.unlisted:
        print(messages.text("export.unlisted", count=len(done.unlisted),
                            names=", ".join(done.unlisted)), file=sys.stderr)
    print(messages.text("export.done", path=args.out, students=done.students,
                        scored=done.scored))
    return 0
