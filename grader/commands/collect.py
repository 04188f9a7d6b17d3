"""`grader collect DIR ... --out DIR`: merge the outputs of sharded `grader grade` runs."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="+", type=Path, metavar="DIR",
                        help="output folders of `grader grade --shard I/N`")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="where the merged gradebook.csv, junit.xml and results go")


def main(args: argparse.Namespace) -> int:
    from grader.records import messages
    from grader.classroom.merge import collect

    outcomes = collect(args.folders, out_dir=args.out)
    graded = sum(outcome.graded for outcome in outcomes)
    gradebook = args.out / "gradebook.csv"
    print(messages.text("collect.done", total=len(outcomes), graded=graded, gradebook=gradebook))
    return 0 if graded == len(outcomes) else 1
