"""descent-kata's grader: runs hidden tests that compare a learner's functions with the
reference solutions, with learner code isolated in worker processes."""

import atexit
import os
import sys

__version__ = "0.1.0"

# The `grader` program's exit status once its command is done (grader.cli.program); empty
# in every other process that imports grader (a notebook kernel, a test run).
_program_exit: list[int] = []


def _end_program() -> None:
    """The `grader` program ends here, skipping the interpreter's teardown: freeing numpy's,
    pytest's and the grader's modules object by object takes a twentieth of a second for
    nothing, as mypy also finds. Exit handlers run last-registered first, and this one is
    registered when grader is first imported: every handler registered since (the worker
    servers' end among them) has run before it."""
    if not _program_exit:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a closed stream: nothing to keep
            pass
    os._exit(_program_exit[0])


atexit.register(_end_program)


def check(*exercises: str, **options):
    """Grade exercises from inside a notebook or script and print the report.

    Imported lazily so that `import grader` stays cheap for the command line.
    """
    from grader.notebooks.inline import check as _check

    return _check(*exercises, **options)


def hint(exercise: str, **options) -> None:
    """Print the next hint for the first function of `exercise` not yet passed (one more
    each call), as `grader hint EXERCISE` does. Imported lazily, as `check` is."""
    from grader.notebooks.inline_hint import hint as _hint

    return _hint(exercise, **options)
