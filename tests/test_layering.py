"""Every grader module sits in one layer, and imports only point down (or stay in the layer).

Records at the bottom, then the comparison and the reporters, execution (workers, the
plugin), orchestration (run, grade, release, notebooks) and the command line on top. Imports
inside functions count as much as those at the top of a file: a lazy import is still a
dependency. A new module must be placed here before the test passes.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parents[1] / "grader"

# Bottom first. Within a layer imports may go either way, but never round in a cycle.
LAYERS: list[tuple[str, set[str]]] = [
    ("records", {"errors", "values", "catalogue", "results", "messages", "messages_en"}),
    ("comparison", {"compare"}),
    ("reporters", {"report_terminal", "report_gradescope", "report_junit", "report_gradebook"}),
    ("execution", {"wire", "seeding", "loader", "notebook_source", "worker", "pool", "sources",
                   "paths", "outcomes", "kata", "plugin",
                   "sandbox"}),  # sandbox: the learner worker's confinement, on its way
    ("orchestration", {"run", "progress", "grade", "staging", "shard", "collect",
                       "batch_output", "release", "release_check", "release_files",
                       "public_checks", "leaks", "notebook_make", "inline"}),
    ("cli", {"__init__", "__main__", "cli", "commands"}),
]
LEVEL = {name: level for level, (_, names) in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    """grader/kata.py -> "kata"; everything under grader/commands/ is "commands"."""
    parts = path.relative_to(GRADER).with_suffix("").parts
    return parts[0]


def grader_modules() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for path in sorted(GRADER.rglob("*.py")):
        found.setdefault(module_name(path), []).append(path)
    return found


def grader_imports(source: str, package: str = "grader") -> set[str]:
    """The grader modules a source imports, anywhere in it (functions too), by short name.
    `package` is the dotted package of the file, to resolve relative imports."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "grader" and len(parts) > 1:
                found.add(parts[1])
    return found


def imports_of(name: str) -> set[str]:
    imported = set()
    for path in grader_modules()[name]:
        package = ".".join(("grader", *path.relative_to(GRADER).parent.parts))
        imported |= grader_imports(path.read_text(encoding="utf-8"), package)
    return imported - {name}


def test_every_module_has_a_layer():
    unplaced = sorted(set(grader_modules()) - set(LEVEL))
    assert not unplaced, f"place these grader modules in a layer of {__name__}: {unplaced}"


def test_no_module_is_in_two_layers():
    names = [name for _, layer in LAYERS for name in layer]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", sorted(set(grader_modules()) & set(LEVEL)))
def test_imports_point_down(name):
    upward = sorted(other for other in imports_of(name) if LEVEL.get(other, -1) > LEVEL[name])
    layer = LAYERS[LEVEL[name]][0]
    assert not upward, f"grader/{name} ({layer}) imports {upward} from a higher layer"


def test_no_import_cycles():
    graph = {name: imports_of(name) for name in grader_modules()}
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for other in sorted(graph.get(name, ())):
            assert state.get(other) != "open", "cycle: " + " -> ".join(trail + [name, other])
            if other not in state:
                visit(other, trail + [name])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_worker_side_modules_load_only_the_standard_library():
    # loader and notebook_source (which loader imports when a notebook is loaded) run in
    # workers: nothing but the standard library and the messages table, made of it alone.
    code = ("import sys; before = set(sys.modules); "
            "import grader.loader, grader.notebook_source; "
            "print(sorted(set(sys.modules) - before))")
    result = subprocess.run([sys.executable, "-c", code], cwd=GRADER.parent,
                            capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(result.stdout.strip())
    grader = {name for name in loaded if name.split(".")[0] == "grader"}
    assert grader == {"grader", "grader.loader", "grader.notebook_source", "grader.messages",
                      "grader.messages_en"}
    third_party = {name.split(".")[0] for name in loaded} - set(sys.stdlib_module_names)
    assert third_party == {"grader"}


# The checker itself must be able to fail.


def test_checker_sees_every_import_form():
    source = (
        "import grader.worker\n"
        "from grader import pool, errors\n"
        "from grader.commands import run\n"
        "def late():\n    from grader.plugin import Plugin\n"
        "from . import relative\n"
        "from ..kata import Kata\n"
    )
    found = grader_imports(source, "grader.commands")
    assert found >= {"worker", "pool", "errors", "commands", "plugin", "kata"}


def test_an_upward_import_is_seen():
    assert LEVEL["run"] > LEVEL["kata"]
    assert "run" in grader_imports("def f():\n    from grader.run import run_kata\n")
