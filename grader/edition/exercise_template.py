"""`grader new-exercise NN_topic`: the four files of a new exercise, written from a template
that passes the course check (tests/course/test_course.py) as it stands, so an author starts
from a green suite and changes one thing at a time (docs/authoring.md).

The template's one function is the lesson's own step, `x - learning_rate * gradient`, with
every part the check asks for: a module docstring, a docstring with an Example, exactly one
`# TODO`, the stub's message naming `NN_topic.function`, a reference, a hidden test that
calls `kata.check` (the student edition records public checks from it), whole points, a
title and two hints in English and Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from grader.records.catalogue import load_catalogue
from grader.records.errors import SetupError
from grader.records.paths import KataPaths

EXERCISE_ID = re.compile(r"(\d{2})_([a-z][a-z0-9]*(?:_[a-z0-9]+)*)")

STUB = '''\
"""Exercise {number}: {title}.

Say here what this exercise teaches and how it follows from the one before: the learner
reads this first. Every function below is a specification: what it takes, what it
returns, and a small worked example.

Check your work with `grader run {number}`; hints with `grader hint {number}`.
"""


def step(x, learning_rate, gradient):
    """One update of gradient descent (梯度下降): move x against the gradient.

    Args:
        x: the current point, a float or a NumPy array of floats.
        learning_rate: the step size, a positive float.
        gradient: the gradient at x, shaped like x.

    Returns:
        the new point x - learning_rate * gradient, shaped like x. Never change x
        itself: an array passed in must hold the same numbers after your call.

    Example:
        step(1.0, 0.1, 4.0) == 0.6 (up to float rounding).
    """
    # TODO: return the point one step downhill from x.
    raise NotImplementedError("{exercise}.step: not written yet")
'''

SOLUTION = '''\
"""Reference solution of {exercise}."""


def step(x, learning_rate, gradient):
    """One update of gradient descent: x - learning_rate * gradient, x left unchanged."""
    return x - learning_rate * gradient
'''

HIDDEN_TEST = '''\
"""Hidden tests of {exercise}: the learner's functions against the reference, on inputs
drawn from the run's seed."""

import pytest


@pytest.mark.grades("step")
@pytest.mark.parametrize("size", [1, 5])
def test_step(kata, rng, size):
    x = rng.normal(size=size)
    kata.check("step", x, float(rng.uniform(0.01, 0.5)), rng.normal(size=size))


@pytest.mark.grades("step")
def test_step_on_a_float(kata, rng):
    kata.check("step", float(rng.normal()), 0.1, float(rng.normal()))
'''

ENTRY = '''
[[exercise]]
id = "{exercise}"
title = "{title}"
title_zh = "练习 {number}：{topic}"
time_limit = 5.0
tensor_functions = []

[exercise.points]
step = 10

[exercise.hints.step]
en = ["The gradient points uphill; the step goes the other way.",
      "Scale the gradient by the learning rate before you subtract it from x."]
zh = ["梯度指向上坡的方向，这一步要朝相反的方向走。",
      "先用学习率乘以梯度，再从 x 中减去它。"]
'''


@dataclass(frozen=True)
class NewExercise:
    exercise: str
    written: tuple[Path, ...]  # the three files made, in the order an author opens them
    catalogue: Path  # where its entry was added


def new_exercise(kata_root: Path, exercise: str) -> NewExercise:
    """Write the stub, reference and hidden test of `exercise` and add its catalogue entry
    after the last one; SetupError where the id is malformed, not after the last exercise,
    or any of its files exists."""
    kata = KataPaths(Path(kata_root).resolve())
    found = EXERCISE_ID.fullmatch(exercise)
    if found is None:
        raise SetupError(f"{exercise!r} is not an exercise id: two digits, an underscore, "
                         "then lower-case words joined by _ (06_momentum)")
    last = load_catalogue(kata.catalogue).exercises
    if last and int(found.group(1)) <= last[-1].number:
        raise SetupError(f"{exercise}: exercise numbers increase down the catalogue; the "
                         f"last is {last[-1].id}, so choose {last[-1].number + 1:02d} or more")
    files = {kata.exercises / f"{exercise}.py": STUB, kata.solution(exercise): SOLUTION,
             kata.hidden_tests / f"test_{exercise}.py": HIDDEN_TEST}
    taken = [str(path.relative_to(kata.root)) for path in files if path.exists()]
    if taken:
        raise SetupError(f"{exercise}: {', '.join(taken)} already exists; nothing written")
    words = {"exercise": exercise, "number": found.group(1), "topic": found.group(2),
             "title": found.group(2).replace("_", " ").capitalize()}
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**words), encoding="utf-8")
    with open(kata.catalogue, "a", encoding="utf-8") as catalogue:
        catalogue.write(ENTRY.format(**words))
    load_catalogue(kata.catalogue)  # the entry as written must load
    return NewExercise(exercise, tuple(files), kata.catalogue)
