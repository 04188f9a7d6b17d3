"""`grader hint EXERCISE [--all]`: the next hint for the first function not yet passed, or
all of them."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """\
examples:
  grader hint 02            the next hint for exercise 02 (gentle first)
  grader hint 02 --all      every hint at once

exit codes:
  0  a hint was shown
  2  an unknown exercise, or no kata here"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("exercise", metavar="EXERCISE", help="an id or its number")
    parser.add_argument("--all", action="store_true", help="show every hint at once")


def main(args: argparse.Namespace) -> int:
    from grader.records.catalogue import load_catalogue
    from grader.records.hinting import all_hints, next_hint
    from grader.records.paths import KataPaths, find_kata_root

    paths = KataPaths(find_kata_root(Path.cwd()))
    entry = load_catalogue(paths.catalogue).exercise(args.exercise)
    lines = all_hints(entry) if args.all else next_hint(paths, entry)
    print("\n".join(lines))
    return 0
