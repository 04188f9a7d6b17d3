"""descent-kata's grader: runs hidden tests that compare a learner's functions with the
reference solutions, with learner code isolated in worker processes."""

__version__ = "0.1.0"


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
