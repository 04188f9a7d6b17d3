"""`grader release OUT`: write the student edition (no reference, no hidden tests)."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """\
examples:
  grader release ../kata-student      write the student edition next to the kata

The edition holds the stubs, notebooks, catalogue, grader and public checks: no reference
solutions and no hidden tests. Its `grader run` grades with the public checks.

exit codes:
  0  the edition was written
  2  OUT is not a new or empty folder, lies inside the kata, or its parent does not exist
     (checked before anything is built); or the reference fails its own hidden tests"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("out", type=Path, metavar="OUT", help="a new or empty folder")


def main(args: argparse.Namespace) -> int:
    from grader.edition.build import release
    from grader.records import messages
    from grader.records.paths import find_kata_root

    edition = release(find_kata_root(Path.cwd()), args.out)
    print(messages.text("release.done", root=edition.root, cases=edition.public_cases,
                        notebooks=edition.notebooks))
    return 0
