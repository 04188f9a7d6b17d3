"""`grader collect DIR ... --out DIR`: merge the outputs of sharded `grader grade` runs."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """\
examples:
  grader collect shard1 shard2 shard3 --out graded

exit codes:
  0  every submission was graded
  1  a submission could not be graded
  2  the folders are not shards 1/N to N/N of one `grader grade`, or --out cannot be
     written"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("folders", nargs="+", type=Path, metavar="DIR",
                        help="output folders of `grader grade --shard I/N`")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="where the merged gradebook.csv, junit.xml and results go")


def main(args: argparse.Namespace) -> int:
    from grader.classroom.merge import collect
    from grader.commands.outputs import check_folder
    from grader.records import messages

    check_folder(args.out)
    outcomes = collect(args.folders, out_dir=args.out)
    graded = sum(outcome.graded for outcome in outcomes)
    gradebook = args.out / "gradebook.csv"
    print(messages.text("collect.done", total=len(outcomes), graded=graded, gradebook=gradebook))
    return 0 if graded == len(outcomes) else 1
