"""A submission may hold notebooks: they are staged and graded like .py files."""

from __future__ import annotations

import csv
import os
import textwrap

import nbformat

from grader.classroom.batch import grade_class
from tests.support.kata_maker import SOLUTIONS, STUBS


def notebook(code: str) -> str:
    book = nbformat.v4.new_notebook()
    book.cells = [nbformat.v4.new_markdown_cell("# Squares"),
                  nbformat.v4.new_code_cell(textwrap.dedent(code))]
    return nbformat.writes(book)


def test_the_more_recently_saved_of_py_and_notebook_is_graded(small_kata, submissions, tmp_path):
    newer_notebook = submissions.make("newer_notebook", {
        "exercises/01_square.py": STUBS["01_square"],
        "exercises/01_square.ipynb": notebook(SOLUTIONS["01_square"]),
    })
    newer_py = submissions.make("newer_py", {
        "exercises/01_square.py": STUBS["01_square"],
        "exercises/01_square.ipynb": notebook(SOLUTIONS["01_square"]),
    })
    os.utime(newer_py / "exercises" / "01_square.ipynb", (1_000_000, 1_000_000))
    out = tmp_path / "out"
    grade_class([newer_notebook, newer_py], kata_root=small_kata, out_dir=out, seed=2)
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as file:
        rows = {row["submission"]: row for row in csv.DictReader(file)}
    assert rows["newer_notebook"]["01_square"] == "50"
    assert rows["newer_py"]["01_square"] == "0"
