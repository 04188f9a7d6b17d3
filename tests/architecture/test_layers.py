"""The folder tree of grader/ is its architecture: each folder a layer, imports point down.

Bottom first: records (plain data and tables), workers (processes that run learner and
reference code), grading (the session, the pytest plugin, checks, comparison, diagnoses),
reports (renderers of results), pictures (the learner's result drawn beside the
reference's), notebooks, classroom (batch grading), edition (the student edition),
learner_loop (`grader watch`: grading again on every save), commands (one module per
subcommand). The top-level modules (cli, __init__, __main__ and kata, the
hidden tests' import) may use any layer; nothing inside a layer imports them, `grader`
itself included. Imports inside functions count: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parents[2] / "grader"
LAYERS = ["records", "workers", "grading", "reports", "pictures", "notebooks", "classroom",
          "edition", "learner_loop", "commands"]
TOP_LEVEL = {"__init__", "__main__", "cli", "kata"}


def modules() -> dict[str, Path]:
    """Dotted name under grader -> file, for every module."""
    found = {}
    for path in sorted(GRADER.rglob("*.py")):
        parts = path.relative_to(GRADER).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def layer_of(module: str) -> str | None:
    """"grading.plugin" -> "grading"; a top-level module -> None."""
    head, _, rest = module.partition(".")
    return head if rest else None


def imports_in(source: str, package: str) -> set[str]:
    """Modules under grader a source imports anywhere (functions too), as dotted names
    relative to grader; "" for the package itself. `package` resolves relative imports."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            if name == "grader" or name.startswith("grader."):
                found.add(name.removeprefix("grader").lstrip("."))
    return found


def resolve(name: str, known: dict[str, Path]) -> str:
    """The module an imported name lands in: `records.messages.text` -> `records.messages`;
    a package's __init__ for `records`; "__init__" for `grader` itself."""
    while name and name not in known and f"{name}.__init__" not in known:
        name = name.rpartition(".")[0]
    if name in known:
        return name
    return f"{name}.__init__" if name else "__init__"


def imports_of(module: str, known: dict[str, Path]) -> set[str]:
    path = known[module]
    package = ".".join(("grader", *path.relative_to(GRADER).parent.parts))
    names = imports_in(path.read_text(encoding="utf-8"), package)
    return {resolve(name, known) for name in names} - {module}


def upward(module: str, imported: str) -> bool:
    mine, theirs = layer_of(module), layer_of(imported)
    if mine is None:
        return False  # the top may use anything
    if theirs is None:
        return True  # `import grader` or a top-level module, from inside a layer
    return LAYERS.index(theirs) > LAYERS.index(mine)


KNOWN = modules()


def test_every_module_is_in_a_layer_folder_or_named_at_the_top():
    stray = sorted(m for m in KNOWN if layer_of(m) not in (*LAYERS, None)
                   or (layer_of(m) is None and m not in TOP_LEVEL))
    assert not stray, f"put these in a layer folder ({LAYERS}) or add them to TOP_LEVEL: {stray}"


def test_every_layer_folder_exists():
    packages = sorted(p.name for p in GRADER.iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(LAYERS)


@pytest.mark.parametrize("module", sorted(m for m in KNOWN if layer_of(m)))
def test_imports_point_down(module):
    bad = sorted(other for other in imports_of(module, KNOWN) if upward(module, other))
    assert not bad, f"grader/{module.replace('.', '/')}.py imports {bad} from above its layer"


def test_no_import_cycles():
    graph = {module: imports_of(module, KNOWN) for module in KNOWN}
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for other in sorted(graph.get(module, ())):
            assert state.get(other) != "open", "cycle: " + " -> ".join(trail + [module, other])
            if other not in state:
                visit(other, trail + [module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_no_two_modules_share_a_name():
    stems = [m.rpartition(".")[2] for m in KNOWN if not m.endswith("__init__")]
    doubled = sorted({stem for stem in stems if stems.count(stem) > 1})
    assert not doubled, f"modules with the same name in two places: {doubled}"


def loaded_by(code: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", code + "; print(sorted(sys.modules))"],
                            cwd=GRADER.parent, capture_output=True, text=True, check=True)
    return set(ast.literal_eval(result.stdout.strip().splitlines()[-1]))


def test_worker_side_modules_load_only_the_standard_library():
    # loader and notebook_source run in workers before any learner code: nothing but the
    # standard library and the messages table, made of it alone.
    before = loaded_by("import sys")
    after = loaded_by("import sys, grader.workers.loader, grader.workers.notebook_source")
    third_party = {name.split(".")[0] for name in after - before} - set(sys.stdlib_module_names)
    assert third_party == {"grader"}


def test_the_grading_process_never_imports_torch():
    code = ("import sys, grader.grading.runner, grader.grading.compare, grader.reports.terminal, "
            "grader.reports.gradescope, grader.reports.junit, grader.reports.gradebook, "
            "grader.classroom.batch")
    assert "torch" not in loaded_by(code)


def test_list_and_hint_records_load_no_numpy():
    # `grader list` and `grader hint` need only these; NumPy would slow every command.
    code = "import sys, grader.records.catalogue, grader.records.results, grader.records.messages"
    assert "numpy" not in loaded_by(code)


# The checker itself must be able to fail.


def test_checker_sees_every_import_form():
    source = ("import grader.workers.worker\n"
              "from grader.records import messages, errors\n"
              "import grader\n"
              "def late():\n    from grader.grading.plugin import KataPlugin\n"
              "from . import relative\n"
              "from ..grading import checks\n")
    found = {resolve(name, KNOWN) for name in imports_in(source, "grader.reports")}
    assert {"workers.worker", "records.messages", "records.errors", "__init__",
            "grading.plugin", "grading.checks"} <= found


def test_an_upward_import_is_seen():
    assert upward("records.catalogue", "grading.plugin")
    assert upward("grading.plugin", "__init__")  # import grader, from inside
    assert upward("grading.plugin", "cli")
    assert not upward("grading.plugin", "records.messages")
    assert not upward("cli", "commands.run")
