"""`grader gradescope OUT.zip`: write a Gradescope autograder bundle of this kata (the module
is not named gradescope: grader.reports.gradescope is)."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.records.catalogue import VISIBILITIES

EPILOG = """\
examples:
  grader gradescope autograder.zip                   upload it as the assignment's autograder
  grader gradescope autograder.zip --visibility after_due_date

The bundle holds setup.sh (installs Python, a CPU torch, this kata's grader and every other
package at the version installed here), run_autograder (grades /autograder/submission:
exercise files or notebooks, flat or in a folder of any name, and writes
/autograder/results/results.json, the student edition's public checks as visible tests
beside the hidden ones) and the trusted kata. docs/deploy.md walks through it.

exit codes:
  0  the bundle was written
  2  no kata here, or OUT.zip cannot be written"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("out", type=Path, metavar="OUT.zip",
                        help="the bundle to write (replaced if it exists)")
    parser.add_argument("--visibility", choices=VISIBILITIES,
                        help="when a learner sees each hidden test's details on Gradescope "
                             "(default: the catalogue's `visibility`, else visible)")


def main(args: argparse.Namespace) -> int:
    from grader.edition.gradescope_bundle import build_bundle
    from grader.records import messages
    from grader.records.paths import find_kata_root

    bundle = build_bundle(find_kata_root(Path.cwd()), args.out, visibility=args.visibility)
    print(messages.text("bundle.done", path=bundle.path, files=bundle.files,
                        visibility=bundle.visibility))
    return 0
