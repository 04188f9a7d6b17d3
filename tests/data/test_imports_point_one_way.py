"""The grading side never needs torch, and the records commands read need no NumPy.

(Which module may import which is tests/test_layering.py's concern.)
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parents[2] / "grader"
REPORTERS = {"report_terminal", "report_gradescope", "report_junit", "report_gradebook"}
NO_TORCH = {"catalogue", "results", "compare", "messages", "errors"} | REPORTERS


def module_level_imports(source: str) -> set[str]:
    """Top-level packages imported when the module is imported (not inside functions)."""
    found = set()
    stack = list(ast.parse(source).body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue  # runs only when called
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        stack.extend(ast.iter_child_nodes(node))
    return found


def present(names):
    return sorted(name for name in names if (GRADER / f"{name}.py").exists())


@pytest.mark.parametrize("name", present(NO_TORCH))
def test_no_torch_at_module_level(name):
    imported = module_level_imports((GRADER / f"{name}.py").read_text(encoding="utf-8"))
    assert "torch" not in imported


def test_importing_the_grading_side_loads_no_torch():
    modules = ", ".join(f"grader.{name}" for name in present(NO_TORCH | {"values"}))
    code = f"import sys, {modules}; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=GRADER.parent,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# The checkers themselves must be able to fail.


def test_checker_sees_module_level_torch_but_not_function_level():
    guarded = "try:\n    import torch\nexcept ImportError:\n    pass\n"
    assert "torch" in module_level_imports(guarded)
    assert "torch" in module_level_imports("if True:\n    from torch import nn\n")
    assert "torch" not in module_level_imports("def f():\n    import torch\n")


def test_catalogue_results_and_messages_load_no_numpy():
    # `grader list` and `grader hint` need only these; NumPy would slow every command.
    code = ("import sys, grader.catalogue, grader.results, grader.messages; "
            "print('numpy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=GRADER.parent,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
