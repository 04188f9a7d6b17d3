"""The hidden tests' import: `from grader.kata import fn`.

A stable, documented path (released editions and instructors' own hidden tests use it):
`fn(name, **params)` names a trusted function of the kata's `callables.py`, passed to a
learner's function by name, never as code. The `kata` and `rng` fixtures come from the
grading plugin (grader.grading.plugin).
"""

from grader.grading.checks import fn

__all__ = ["fn"]
