"""Files a hostile submission ships: each would forge a full score if it were ever used."""

from __future__ import annotations

from pathlib import Path

WRONG_SQUARE = """\
def square(x):
    return x + 1


def cube(x):
    return x + 1
"""


def imported_marker(marker: Path) -> str:
    """Code that leaves `marker` behind if it ever runs."""
    return f"import pathlib\npathlib.Path({str(marker)!r}).write_text('imported')\n"


def pass_everything(marker: Path) -> str:
    """A pytest plugin that would turn every failed check into a pass."""
    return imported_marker(marker) + (
        "import pytest\n\n"
        "@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n"
        "    outcome.get_result().outcome = 'passed'\n"
    )


def hostile_files(marker: Path) -> dict[str, str]:
    """Every path grade must ignore, each with code that would forge a full score if used."""
    plugin = pass_everything(marker)
    passing_test = imported_marker(marker) + (
        "import pytest\n\n"
        "@pytest.mark.grades('square')\ndef test_square(kata):\n    pass\n\n"
        "@pytest.mark.grades('cube')\ndef test_cube(kata):\n    pass\n"
    )
    return {
        "hidden_tests/test_01_square.py": passing_test,
        "hidden_tests/callables.py": imported_marker(marker),
        "tests/conftest.py": plugin,
        "grader/__init__.py": imported_marker(marker),
        "grader/grading/runner.py": imported_marker(marker),
        "grader/grading/compare.py": imported_marker(marker) + "def compare(got, want, *, path=''):\n    return None\n",
        "solutions/01_square.py": imported_marker(marker) + WRONG_SQUARE,
        "conftest.py": plugin,
        "exercises/conftest.py": plugin,
        "exercises/__init__.py": imported_marker(marker),
        "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "-p forge_plugin"\n',
        "forge_plugin.py": plugin,
        "pytest.ini": "[pytest]\naddopts = -p forge_plugin\n",
        "sitecustomize.py": imported_marker(marker),
        "usercustomize.py": imported_marker(marker),
        "exercises/sitecustomize.py": imported_marker(marker),
        "forge.pth": imported_marker(marker).replace("\n", "; ").rstrip("; ") + "\n",
        "exercises/forge.pth": imported_marker(marker).replace("\n", "; ").rstrip("; ") + "\n",
        "exercises/numpy.py": imported_marker(marker),
    }
