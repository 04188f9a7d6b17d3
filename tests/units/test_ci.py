"""What CI runs is what the README tells a contributor to run, every module the tests import
is declared in pyproject.toml, and the Pythons the project claims are the ones its checks
run on."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTRIBUTOR_HEADING = "Set-up with everything the project's own tests need"


def readme_commands(text: str) -> list[str]:
    """The commands of the first shell block after the contributors' set-up sentence."""
    after = text[text.index(CONTRIBUTOR_HEADING):]
    block = re.search(r"```bash\n(.*?)```", after, re.S)
    assert block is not None, "no shell block after the contributors' set-up sentence"
    return [line for line in block.group(1).splitlines() if line.strip()]


def ci_commands(script: str) -> list[str]:
    """The commands .ci/run runs in its fresh environment: the paragraph under its comment
    that names the README."""
    lines = script.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# The README's"))
    commands = []
    for line in lines[start:]:
        if not line.strip():
            break
        if not line.startswith("#"):
            commands.append(line)
    return commands


def test_ci_runs_the_readme_contributor_commands_in_order():
    readme = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert ci_commands((ROOT / ".ci" / "run").read_text()) == readme
    assert readme[-1] == "python3 -m pytest" and any("-e " in line for line in readme)


def test_a_command_ci_added_alone_is_seen():
    script = ("# The README's commands\npython3 -m pip install -e .\nruff check .\n"
              "python3 -m pytest -x\n\nbash other.sh\n")
    readme = "Set-up with everything the project's own tests need\n\n```bash\n" \
             "python3 -m pip install -e .\nruff check .\npython3 -m pytest\n```\n"
    assert ci_commands(script) != readme_commands(readme)


def declared_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"],
                    *(item for extra in project["optional-dependencies"].values()
                      for item in extra)]
    return {_canonical(re.split(r"[\s<>=!~;\[]", item, maxsplit=1)[0]) for item in requirements}


def imported_top_level(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        if "fixture_katas" in path.parts or "styles" in path.parts:
            continue  # learner files: what they import is theirs to get wrong
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def undeclared(modules: set[str], declared: set[str], owners: dict[str, list[str]]) -> set[str]:
    """Third-party modules none of whose distributions is declared."""
    third_party = modules - set(sys.stdlib_module_names) - {"grader", "tests", "__future__"}
    return {name for name in third_party
            if not {_canonical(owner) for owner in owners.get(name, [name])} & declared}


def test_every_module_the_tests_import_is_declared():
    modules = imported_top_level(ROOT / "tests") | imported_top_level(ROOT / "scripts")
    assert undeclared(modules, declared_distributions(), packages_distributions()) == set()


def test_a_module_only_installed_by_chance_is_undeclared():
    owners = {"yaml": ["PyYAML"], "numpy": ["numpy"]}
    assert undeclared({"yaml", "numpy", "json"}, {"numpy"}, owners) == {"yaml"}
    assert undeclared({"yaml", "numpy"}, {"numpy", "pyyaml"}, owners) == set()


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_pythons_claimed_are_the_ones_the_workflow_tests():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    claimed = [item.rsplit(" :: ", 1)[1] for item in project["classifiers"]
               if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", item)]
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text())
    assert workflow["jobs"]["tests"]["strategy"]["matrix"]["python"] == claimed
    assert project["requires-python"] == f">={claimed[0]}"
