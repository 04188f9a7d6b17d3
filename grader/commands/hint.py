"""`grader hint EXERCISE [--all]`: the next hint for the first function not yet passed, or
all of them."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.records import messages


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = messages.text("cli.hint.epilog")
    parser.add_argument("exercise", metavar="EXERCISE", help=messages.text("cli.hint.exercise"))
    parser.add_argument("--all", action="store_true", help=messages.text("cli.hint.all"))


def main(args: argparse.Namespace) -> int:
    from grader.records.catalogue import load_catalogue
    from grader.records.hinting import all_hints, next_hint
    from grader.records.paths import KataPaths, find_kata_root

    paths = KataPaths(find_kata_root(Path.cwd()))
    entry = load_catalogue(paths.catalogue).exercise(args.exercise)
    lines = all_hints(entry) if args.all else next_hint(paths, entry)
    print("\n".join(lines))
    return 0
