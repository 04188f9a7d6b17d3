"""A small NumPy-only kata (fast to grade: no torch) and a maker of submissions for it."""

from __future__ import annotations

import textwrap
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]

CATALOGUE = """\
format = 1

[[exercise]]
id = "01_square"
title = "Squares"
time_limit = 2.0
tensor_functions = []

[exercise.points]
square = 30
cube = 20

[exercise.hints.square]
en = ["Multiply."]
zh = ["相乘。"]

[[exercise]]
id = "02_total"
title = "Totals"
time_limit = 2.0
tensor_functions = []

[exercise.points]
total = 30
safe_sqrt = 20
"""

SOLUTIONS = {
    "01_square": """\
        def square(x):
            return x * x


        def cube(x):
            return x * x * x
        """,
    "02_total": """\
        import math


        def total(values):
            return float(sum(values))


        def safe_sqrt(x):
            if x < 0:
                raise ValueError("no square root of a negative number")
            return math.sqrt(x)
        """,
}

STUBS = {
    "01_square": """\
        def square(x):
            raise NotImplementedError("01_square: square")


        def cube(x):
            raise NotImplementedError("01_square: cube")
        """,
    "02_total": """\
        def total(values):
            raise NotImplementedError("02_total: total")


        def safe_sqrt(x):
            raise NotImplementedError("02_total: safe_sqrt")
        """,
}

HIDDEN_TESTS = {
    "01_square": """\
        import pytest


        @pytest.mark.grades("square")
        @pytest.mark.parametrize("size", [3, 5])
        def test_square(kata, rng, size):
            kata.check("square", rng.normal(size=size))


        @pytest.mark.grades("cube")
        def test_cube(kata, rng):
            kata.check("cube", float(rng.normal()))
        """,
    "02_total": """\
        import pytest


        @pytest.mark.grades("total")
        def test_total(kata, rng):
            kata.check("total", [float(v) for v in rng.uniform(1, 2, size=4)])


        @pytest.mark.grades("safe_sqrt")
        def test_safe_sqrt(kata, rng):
            kata.check("safe_sqrt", float(rng.uniform(1, 9)))
            kata.check_raises("safe_sqrt", "ValueError", -1.0)
        """,
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_kata(root: Path, *, solutions: dict[str, str] = SOLUTIONS) -> Path:
    write(root / "catalogue.toml", CATALOGUE)
    write(root / "hidden_tests" / "callables.py", '"""No callables in this kata."""\n')
    for exercise_id in SOLUTIONS:
        write(root / "exercises" / f"{exercise_id}.py", STUBS[exercise_id])
        write(root / "solutions" / f"{exercise_id}.py", solutions[exercise_id])
        write(root / "hidden_tests" / f"test_{exercise_id}.py", HIDDEN_TESTS[exercise_id])
    return root


class SubmissionMaker:
    """Builds learner folders: `solved`, `stubs` or any files given by relative path."""

    def __init__(self, root: Path):
        self.root = root

    def make(self, name: str, files: dict[str, str] | None = None, *, base: str = "") -> Path:
        folder = self.root / name
        folder.mkdir(parents=True)
        sources = {"solved": SOLUTIONS, "stubs": STUBS}.get(base, {})
        for exercise_id, text in sources.items():
            write(folder / "exercises" / f"{exercise_id}.py", text)
        for relative, text in (files or {}).items():
            write(folder / relative, text)
        return folder
