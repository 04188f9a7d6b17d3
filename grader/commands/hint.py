"""`grader hint EXERCISE [--all]`: the next hint each time it is asked, or all of them."""

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
    from grader.records import messages
    from grader.records.catalogue import load_catalogue
    from grader.records.progress import read_state, write_state
    from grader.records.paths import KataPaths, find_kata_root

    paths = KataPaths(find_kata_root(Path.cwd()))
    entry = load_catalogue(paths.catalogue).exercise(args.exercise)
    hints = entry.hints
    if args.all:
        for number, text in enumerate(hints, 1):
            print(messages.text("hint.shown", number=number, count=len(hints),
                                exercise=entry.id, text=text))
        return 0
    state = read_state(paths)
    shown = state.setdefault("hints", {})
    count = shown.get(entry.id, 0)
    number = min(count + 1 if type(count) is int else 1, len(hints))
    print(messages.text("hint.shown", number=number, count=len(hints), exercise=entry.id,
                        text=hints[number - 1]))
    if number == len(hints):
        print(messages.text("hint.last", exercise=entry.id))
    shown[entry.id] = number
    write_state(paths, state)
    return 0
