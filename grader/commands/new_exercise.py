"""`grader new-exercise NN_topic`: start a new exercise from a template that passes the
course check (docs/authoring.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """\
examples:
  grader new-exercise 06_momentum

Writes exercises/NN_topic.py (the stub), solutions/NN_topic.py (the reference),
hidden_tests/test_NN_topic.py and the exercise's entry at the end of catalogue.toml, all for
one small function, so the project's tests pass before you change anything. Then replace
the template's function with yours, file by file, as docs/authoring.md describes.

exit codes:
  0  the files were written
  2  no kata here, an id that is not NN_topic or not after the last exercise, or a file
     that already exists (nothing is written then)"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("exercise", metavar="NN_topic",
                        help="the new exercise's id, numbered after the last one")


def main(args: argparse.Namespace) -> int:
    from grader.edition.exercise_template import new_exercise
    from grader.records import messages
    from grader.records.paths import find_kata_root

    kata_root = find_kata_root(Path.cwd())
    made = new_exercise(kata_root, args.exercise)
    for path in (*made.written, made.catalogue):
        print(messages.text("new_exercise.wrote", path=path.relative_to(kata_root)))
    print(messages.text("new_exercise.next", exercise=made.exercise,
                        number=made.exercise[:2]))
    return 0
