"""Shared helpers for the notebook tests: real nbformat v4 notebooks written to disk, and a
small fixture kata (two NumPy exercises) copied for each test that grades."""

from __future__ import annotations

import builtins
import shutil
from pathlib import Path

import nbformat
import pytest

from tests.support.katas import FIXTURE_KATAS

FIXTURE_KATA = FIXTURE_KATAS / "squares"


def notebook(*cells: str | tuple[str, str], tags: dict[int, list[str]] | None = None):
    """A v4 notebook; a plain string is a code cell, ("markdown", text) a text cell.

    `tags` maps a 1-based cell number to that cell's tags.
    """
    made = []
    for cell in cells:
        kind, source = ("code", cell) if isinstance(cell, str) else cell
        maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                 "raw": nbformat.v4.new_raw_cell}[kind]
        made.append(maker(source))
    for number, cell_tags in (tags or {}).items():
        made[number - 1].metadata["tags"] = cell_tags
    book = nbformat.v4.new_notebook(cells=made)
    nbformat.validate(book)
    return book


@pytest.fixture
def write_notebook(tmp_path: Path):
    """write_notebook(name, *cells, tags=...) -> the path of a saved, valid notebook;
    `name` is a file name in the test's folder or a full path."""

    def write(name: str | Path, *cells, tags=None) -> Path:
        path = tmp_path / name
        nbformat.write(notebook(*cells, tags=tags), path)
        return path

    return write


@pytest.fixture
def kata(tmp_path: Path) -> Path:
    """A fresh copy of the fixture kata: catalogue, stubs, solutions, hidden tests."""
    root = tmp_path / "kata"
    shutil.copytree(FIXTURE_KATA, root)
    return root


@pytest.fixture(autouse=True)
def _restore_builtins():
    """Loading a notebook adds Jupyter's builtins to the process, as a kernel does; the
    tests take them away again so that no test depends on another having loaded one."""
    before = set(vars(builtins))
    yield
    for added in set(vars(builtins)) - before:
        delattr(builtins, added)
