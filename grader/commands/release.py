"""`grader release OUT`: write the student edition (no reference, no hidden tests)."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT", help="a new or empty folder")


def main(args: argparse.Namespace) -> int:
    from grader.records import messages
    from grader.records.paths import find_kata_root
    from grader.edition.build import release

    edition = release(find_kata_root(Path.cwd()), args.out)
    print(messages.text("release.done", root=edition.root, cases=edition.public_cases,
                        notebooks=edition.notebooks))
    return 0
