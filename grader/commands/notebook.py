"""`grader notebook [EXERCISE ...] [--force]`: write exercises/NN_topic.ipynb from the stubs.

The stubs are git's committed copies of the .py files where the kata is a git checkout (the
learner's edits to a .py file are not copied), else the .py files. A notebook the learner
has changed since it was generated is kept unless --force is given. Each exercise's line
is followed by the file graded from now on (the one saved last).
Exit 0 when every named notebook was written or left as it was, 1 when one could not be
made (its .py file is missing or does not parse), 2 for a usage or set-up error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.records import messages


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = messages.text("cli.notebook.epilog")
    parser.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help=messages.text("cli.notebook.exercises"))
    parser.add_argument("--force", action="store_true",
                        help=messages.text("cli.notebook.force"))


def main(args: argparse.Namespace) -> int:
    from grader.notebooks.making import StubError, make_notebook
    from grader.records import messages
    from grader.records.catalogue import load_catalogue
    from grader.records.paths import KataPaths, find_kata_root
    from grader.records.pristine import committed_text
    from grader.records.sources import find_source

    paths = KataPaths(find_kata_root(Path.cwd()))
    catalogue = load_catalogue(paths.catalogue)
    failed = False
    for entry in catalogue.select(args.exercises):
        stub = paths.exercises / f"{entry.id}.py"
        target = stub.with_suffix(".ipynb")
        shown = target.relative_to(paths.root)
        # the shipped stub (git's copy), never the learner's edits of the .py file
        committed = committed_text(paths.root, f"exercises/{entry.id}.py")
        try:
            outcome = make_notebook(stub, target, entry.id, force=args.force, text=committed)
        except StubError as error:
            print(messages.text("notebook_make.not_written", file=shown, reason=error))
            failed = True
            continue
        print(messages.text("notebook_make.done", file=shown,
                            outcome=messages.text(f"notebook_make.{outcome.value}")))
        if committed is not None:
            print(messages.text("notebook_make.from_git", file=stub.relative_to(paths.root)))
        graded = find_source(paths.exercises, entry.id)
        if graded is not None:  # the notebook just written, or a newer .py
            print(messages.text("notebook_make.graded", file=graded.relative_to(paths.root),
                                other=_other(graded, paths.root)))
    return 1 if failed else 0


def _other(graded: Path, root: Path) -> Path:
    """The twin of the graded file: saving it makes it the graded one instead."""
    twin = graded.with_suffix(".py" if graded.suffix == ".ipynb" else ".ipynb")
    return twin.relative_to(root)
