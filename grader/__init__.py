"""descent-kata's grader: runs hidden tests that compare a learner's functions with the
reference solutions, with learner code isolated in worker processes."""

__version__ = "0.1.0"


def check(*exercises: str, **options):
    """Grade exercises from inside a notebook or script and print the report.

    Imported lazily so that `import grader` stays cheap for the command line.
    """
    from grader.notebooks.inline import check as _check

    return _check(*exercises, **options)
