"""Making an exercise's notebook from its .py file, and never losing a learner's edits."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import nbformat
import pytest

from grader.notebooks.making import NotebookFate, StubError, build_notebook, make_notebook
from grader.workers.notebook_source import SKIP_TAG, notebook_to_source

STUB = '''\
"""Exercise 07: squares (平方).

The square of x is x**2; see `np.square`.
"""

import numpy as np
from math import sqrt

SCALE = 2.0


def square(x):
    """x squared, elementwise.

    Example:
        square(3.0) == 9.0
    """
    # TODO: multiply x by itself.
    raise NotImplementedError("07_squares.square: not written yet")


# A helper the learner may use.
def root(
    x,
    scale=SCALE,
):
    """The square root of x, times scale."""
    raise NotImplementedError("07_squares.root: not written yet")
'''


@pytest.fixture
def stub(tmp_path: Path) -> Path:
    path = tmp_path / "07_squares.py"
    path.write_text(STUB, encoding="utf-8")
    return path


def loaded(path: Path) -> dict:
    source = notebook_to_source(path)
    namespace = {"__name__": "learner"}
    exec(compile(source.code, source.name, "exec"), namespace)
    return namespace


def test_layout_intro_imports_then_text_and_code_per_function_then_check(stub):
    book = build_notebook(stub, "07_squares")
    nbformat.validate(book)
    kinds = [cell.cell_type for cell in book.cells]
    assert kinds == ["markdown", "code", "code", "markdown", "code", "markdown", "code",
                     "markdown", "code"]
    intro, imports, constants = book.cells[0].source, book.cells[1].source, book.cells[2].source
    assert intro.startswith("# Exercise 07: squares (平方)\n")
    assert r"x\*\*2" in intro and "`np.square`" in intro and SKIP_TAG in intro
    assert imports == "import numpy as np\nfrom math import sqrt"
    assert constants == "SCALE = 2.0"
    assert book.cells[3].source.startswith("### `square(x)`\n\nx squared, elementwise.")
    assert "```text\nExample:\n    square(3.0) == 9.0\n```" in book.cells[3].source
    assert book.cells[5].source.startswith("### `root(x, scale=SCALE)`")
    assert book.cells[6].source.startswith("# A helper the learner may use.\ndef root(")


def test_function_cells_hold_the_stub_without_its_docstring(stub):
    book = build_notebook(stub, "07_squares")
    square = book.cells[4].source
    assert square.splitlines() == [
        "def square(x):",
        "    # TODO: multiply x by itself.",
        '    raise NotImplementedError("07_squares.square: not written yet")',
    ]
    assert '"""' not in square


def test_the_last_cell_checks_this_exercise_and_is_skipped_by_grading(stub):
    check = build_notebook(stub, "07_squares").cells[-1]
    assert check.cell_type == "code"
    assert 'from grader import check' in check.source and 'check("07")' in check.source
    assert check.metadata["tags"] == [SKIP_TAG]


def test_the_notebook_loads_back_to_the_same_not_started_functions(stub, tmp_path):
    target = tmp_path / "07_squares.ipynb"
    make_notebook(stub, target, "07_squares")
    namespace = loaded(target)
    assert namespace["SCALE"] == 2.0
    for name in ("square", "root"):
        with pytest.raises(NotImplementedError, match=f"07_squares.{name}"):
            namespace[name](4.0)


def test_writing_twice_leaves_an_untouched_notebook_alone(stub, tmp_path):
    target = tmp_path / "07_squares.ipynb"
    assert make_notebook(stub, target, "07_squares") is NotebookFate.WRITTEN
    os.utime(target, (1_000_000, 1_000_000))
    assert make_notebook(stub, target, "07_squares") is NotebookFate.UP_TO_DATE
    assert target.stat().st_mtime == 1_000_000  # the .py-or-.ipynb choice must not move


def test_an_untouched_notebook_follows_changes_to_the_py_file(stub, tmp_path):
    target = tmp_path / "07_squares.ipynb"
    make_notebook(stub, target, "07_squares")
    stub.write_text(STUB.replace("# TODO: multiply x by itself.", "return x * x"),
                    encoding="utf-8")
    assert make_notebook(stub, target, "07_squares") is NotebookFate.UPDATED
    assert loaded(target)["square"](3.0) == 9.0


def test_outputs_from_running_the_cells_do_not_count_as_changes(stub, tmp_path):
    target = tmp_path / "07_squares.ipynb"
    make_notebook(stub, target, "07_squares")
    book = nbformat.read(target, as_version=4)
    book.cells[1].outputs = [nbformat.v4.new_output("stream", text="hello\n")]
    book.cells[1].execution_count = 1
    nbformat.write(book, target)
    stub.write_text(STUB.replace("SCALE = 2.0", "SCALE = 3.0"), encoding="utf-8")
    assert make_notebook(stub, target, "07_squares") is NotebookFate.UPDATED


def test_a_learners_edits_are_kept_unless_forced(stub, tmp_path):
    target = tmp_path / "07_squares.ipynb"
    make_notebook(stub, target, "07_squares")
    book = nbformat.read(target, as_version=4)
    book.cells[4].source = "def square(x):\n    return x * x"
    nbformat.write(book, target)
    edited = target.read_bytes()
    assert make_notebook(stub, target, "07_squares") is NotebookFate.KEPT
    assert target.read_bytes() == edited
    assert make_notebook(stub, target, "07_squares", force=True) is NotebookFate.OVERWRITTEN
    with pytest.raises(NotImplementedError):
        loaded(target)["square"](3.0)


@pytest.mark.parametrize("content", [
    nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])),
    "{ not json",
], ids=["made-by-the-learner", "unreadable"])
def test_a_notebook_the_grader_did_not_write_is_kept(stub, tmp_path, content):
    target = tmp_path / "07_squares.ipynb"
    target.write_text(content, encoding="utf-8")
    assert make_notebook(stub, target, "07_squares") is NotebookFate.KEPT
    assert target.read_text(encoding="utf-8") == content
    assert make_notebook(stub, target, "07_squares", force=True) is NotebookFate.OVERWRITTEN
    nbformat.validate(nbformat.read(target, as_version=4))


def test_a_stub_that_does_not_parse_is_reported_by_file_and_line(tmp_path):
    bad = tmp_path / "07_squares.py"
    bad.write_text(textwrap.dedent('''\
        """Doc."""
        def square(x)
            return x
    '''), encoding="utf-8")
    with pytest.raises(StubError, match=r"^07_squares\.py, line 2: "):
        build_notebook(bad, "07_squares")
    with pytest.raises(StubError, match=r"^08_missing\.py: cannot be read"):
        build_notebook(tmp_path / "08_missing.py", "08_missing")
    assert not (tmp_path / "07_squares.ipynb").exists()
