"""Reading a notebook as gradable Python: cells, magics, line mapping and bad input."""

from __future__ import annotations

import json
import os

import nbformat
import pytest

from grader.workers.loader import location
from grader.workers.notebook_source import NotebookError, notebook_to_source


def run(source) -> dict:
    """Execute the loaded code the way the worker does: in a fresh module namespace."""
    namespace = {"__name__": "learner"}
    exec(compile(source.code, source.name, "exec"), namespace)
    return namespace


def test_code_cells_are_joined_in_order_and_located_by_cell(write_notebook):
    path = write_notebook(
        "02_demo.ipynb",
        ("markdown", "# Title"),
        "import math",
        ("markdown", "Explain f"),
        "def f(x):\n    y = x + 1\n    return y",
        "def g(x):\n    return f(x) * 2",
    )
    source = notebook_to_source(path)
    assert run(source)["g"](1) == 4
    lines = source.code.splitlines()
    assert source.locate(lines.index("    y = x + 1") + 1) == (4, 2)
    assert source.locate(lines.index("    return f(x) * 2") + 1) == (5, 2)
    assert source.describe(1) == "cell 2, line 1"
    with pytest.raises(ValueError):
        source.locate(len(lines) + 1)


def test_stored_outputs_are_ignored_and_list_sources_are_read(tmp_path):
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("def f():\n    return 1")])
    book.cells[0].outputs = [nbformat.v4.new_output("stream", text="def f():\n    return 2\n")]
    raw = json.loads(nbformat.writes(book))
    raw["cells"][0]["source"] = ["def f():\n", "    return 1\n"]
    path = tmp_path / "01_x.ipynb"
    path.write_text(json.dumps(raw), encoding="utf-8")
    source = notebook_to_source(path)
    assert "return 2" not in source.code
    assert run(source)["f"]() == 1


def test_magics_shell_escapes_and_help_lines_keep_line_numbers(write_notebook):
    path = write_notebook(
        "01_x.ipynb",
        "%matplotlib inline\n!pip install numpy\nimport math\nmath.sqrt?\n??math",
        "%%bash\necho this is not python\nexit 3",
        "%%time\ndef f(x):\n    %time y = x\n    return x * 3",
        "def g(x):\n    return f(x) + 1",
    )
    source = notebook_to_source(path)
    namespace = run(source)
    assert namespace["g"](2) == 7
    assert "echo" not in source.code and "pip" not in source.code
    lines = source.code.splitlines()
    assert source.locate(lines.index("    return x * 3") + 1) == (3, 4)
    assert source.locate(lines.index("    return f(x) + 1") + 1) == (4, 2)


def test_percent_and_bang_inside_brackets_or_strings_stay_python(write_notebook):
    path = write_notebook(
        "01_x.ipynb",
        'def f(a, b):\n    return (a\n            % b)\n\nNOTE = """\n!important\n%s\n"""',
    )
    namespace = run(notebook_to_source(path))
    assert namespace["f"](7, 4) == 3
    assert namespace["NOTE"] == "\n!important\n%s\n"


def test_display_and_get_ipython_do_not_break_loading(write_notebook):
    path = write_notebook(
        "01_x.ipynb",
        "def f(x):\n    return x\ndisplay(f(3))",
        "get_ipython().run_line_magic('matplotlib', 'inline')",
    )
    assert run(notebook_to_source(path))["f"](5) == 5


@pytest.mark.parametrize("chosen, used", [(None, "Agg"), ("svg", "svg")])
def test_plots_are_drawn_off_screen_unless_a_backend_was_chosen(write_notebook, monkeypatch,
                                                                 chosen, used):
    monkeypatch.delenv("MPLBACKEND", raising=False)
    if chosen:
        monkeypatch.setenv("MPLBACKEND", chosen)
    notebook_to_source(write_notebook("01_x.ipynb", "x = 1"))
    assert os.environ["MPLBACKEND"] == used


def test_cells_tagged_skip_grading_are_left_out(write_notebook):
    path = write_notebook(
        "01_x.ipynb",
        "def f(x):\n    return x",
        "raise RuntimeError('a slow demo that must not run when grading')",
        "def g(x):\n    return 2 * x",
        tags={2: ["skip-grading"]},
    )
    source = notebook_to_source(path)
    namespace = run(source)
    assert namespace["g"](2) == 4
    assert "RuntimeError" not in source.code
    assert source.locate(source.code.splitlines().index("    return 2 * x") + 1) == (3, 2)


def test_malformed_json_names_the_file(tmp_path):
    path = tmp_path / "02_gradient_descent.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(NotebookError) as caught:
        notebook_to_source(path)
    assert str(caught.value).startswith("not a valid notebook: the JSON is malformed at line 1")


def test_nbformat_3_is_refused_with_its_version(tmp_path):
    cell = nbformat.v3.new_code_cell(input="def f(x):\n    return x")
    old = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[cell])])
    path = tmp_path / "01_x.ipynb"
    path.write_text(nbformat.v3.writes_json(old), encoding="utf-8")
    with pytest.raises(NotebookError) as caught:
        notebook_to_source(path, name="exercises/01_x.ipynb")
    message = str(caught.value)
    assert message.startswith("exercises/01_x.ipynb: ")
    assert "version 3" in message and "version 4" in message


@pytest.mark.parametrize(
    "cells, tags",
    [
        ((("markdown", "only text"),), None),
        (("", "   \n", ("markdown", "text")), None),
        (("def f():\n    pass",), {1: ["skip-grading"]}),
    ],
    ids=["text-only", "empty-code-cells", "all-skipped"],
)
def test_a_notebook_without_code_is_refused(write_notebook, cells, tags):
    path = write_notebook("03_x.ipynb", *cells, tags=tags)
    with pytest.raises(NotebookError, match=r"^exercises/03_x\.ipynb: .*no code"):
        notebook_to_source(path, name="exercises/03_x.ipynb")


def test_a_syntax_error_in_a_cell_defining_nothing_is_named_by_cell_and_line(write_notebook):
    path = write_notebook(
        "02_x.ipynb",
        ("markdown", "intro"),
        "import math",
        ("markdown", "explain"),
        "scale = 3 +* 2",
        "def g(x):\n    return x",
    )
    with pytest.raises(NotebookError) as caught:
        notebook_to_source(path)
    message = str(caught.value)
    assert message.startswith("cell 4, line 1: ") and message.endswith(" in: scale = 3 +* 2")


def test_a_broken_cell_fails_only_the_functions_it_defines(write_notebook):
    path = write_notebook("02_x.ipynb", "import math",
                          "def f(x):\n    return x +* 2\n\ndef h(x):\n    return x",
                          "def g(x):\n    return 2 * x")
    source = notebook_to_source(path, name="exercises/02_x.ipynb")
    assert len(source.code.splitlines()) == 8  # every line keeps its number
    namespace: dict = {}  # notebook_to_source made the builtin that stands in for f and h
    exec(compile(source.code, "02_x", "exec"), namespace)
    assert namespace["g"](3) == 6  # the other cell is untouched
    for name in ("f", "h"):
        with pytest.raises(SyntaxError) as caught:
            namespace[name](1)
        message = str(caught.value)
        assert message.startswith(f"{name} was not run: its cell is not valid Python")
        assert "exercises/02_x.ipynb, cell 2, line 2: " in message
        assert "in: return x +* 2" in message


def test_a_cell_must_be_complete_by_itself_as_in_jupyter(write_notebook):
    # Cell 1 alone is not Python: its f fails. Cell 2 alone is not either, and defines
    # nothing, so the notebook cannot load.
    path = write_notebook("02_x.ipynb", "def f(x):", "    return x")
    with pytest.raises(NotebookError, match=r"^cell 2, line 1: "):
        notebook_to_source(path)


def test_errors_found_when_compiling_the_whole_module_map_back_to_cells(write_notebook):
    # Each cell compiles alone, but a __future__ import must open the whole module.
    path = write_notebook("02_x.ipynb", "x = 1", ("markdown", "m"),
                          "from __future__ import annotations")
    source = notebook_to_source(path)
    with pytest.raises(SyntaxError) as caught:
        compile(source.code, source.name, "exec")
    # as the worker tells it: the joined source's line mapped back to its cell
    assert location(source.name, caught.value.lineno, source.locate) == "02_x.ipynb, cell 3, line 1"
