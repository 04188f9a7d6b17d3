"""The maintainer's check of the course: every content rule, read from catalogue.toml alone.

The catalogue, exercises/, solutions/ and hidden_tests/ are the course. Each test here is
parametrised over the catalogue, so adding an exercise needs no edit to any test. Stubs are
read as the repository holds them (grader.records.pristine), never the learner's working
files: a clone in which exercises are solved, half-solved or broken still passes.
"""

import ast
import inspect
import re
import types
from pathlib import Path

import pytest

from grader.edition.leaks import copied_lines
from grader.records.catalogue import load_catalogue
from grader.records.pristine import pristine_stub

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT / "catalogue.toml")
ENTRIES = {entry.id: entry for entry in CATALOGUE.exercises}
EXERCISES = list(ENTRIES)
HINTS_PER_FUNCTION = (2, 3)  # gentle to specific, and never so many that one is the answer
HAN = re.compile(r"[\u4e00-\u9fff]")


def stub_text(exercise):
    return pristine_stub(ROOT, exercise)


def solution_text(exercise):
    return (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")


def module_from(text, name):
    module = types.ModuleType(name)
    exec(compile(text, f"{name}.py", "exec"), vars(module))
    return module


def public_functions(module):
    return {name: obj for name, obj in vars(module).items()
            if inspect.isfunction(obj) and not name.startswith("_")
            and obj.__module__ == module.__name__}


def signature_of(func):
    return [(p.name, p.kind, p.default) for p in inspect.signature(func).parameters.values()]


def imported_roots(text):
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add((node.module or "").split(".")[0])
    return found


# ---- the files of the course -------------------------------------------------------------


def test_the_catalogue_lists_exactly_the_solutions_and_hidden_tests():
    assert sorted(p.stem for p in (ROOT / "solutions").glob("*.py")) == sorted(EXERCISES)
    hidden = sorted(p.stem[len("test_"):] for p in (ROOT / "hidden_tests").glob("test_*.py"))
    assert hidden == sorted(EXERCISES)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_stub_and_solution_define_the_catalogue_functions_with_one_signature(exercise):
    stub = public_functions(module_from(stub_text(exercise), f"stub_{exercise}"))
    solution = public_functions(module_from(solution_text(exercise), f"solution_{exercise}"))
    names = [function.name for function in ENTRIES[exercise].functions]
    assert list(stub) == names  # catalogue order is the stub's order, the learner's path
    assert sorted(solution) == sorted(names)
    for name in names:
        assert signature_of(stub[name]) == signature_of(solution[name]), name


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_stub_raises_not_implemented_naming_itself(exercise):
    module = module_from(stub_text(exercise), f"stub_{exercise}")
    for function in ENTRIES[exercise].functions:
        stub = getattr(module, function.name)
        arity = len(inspect.signature(stub).parameters)
        with pytest.raises(NotImplementedError, match=f"^{exercise}\\.{function.name}:"):
            stub(*[None] * arity)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_stubs_are_specifications(exercise):
    text = stub_text(exercise)
    tree = ast.parse(text)
    assert ast.get_docstring(tree), "module docstring"
    lines = text.splitlines()
    nodes = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    for node in nodes:
        body = lines[node.lineno - 1:node.end_lineno]
        assert sum("# TODO" in line for line in body) == 1, node.name
        doc = ast.get_docstring(node)
        assert doc and "Example" in doc, node.name
    assert text.count("TODO") == len(nodes)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_solutions_have_no_todo(exercise):
    assert "TODO" not in solution_text(exercise)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_only_exercises_with_tensor_functions_import_torch(exercise):
    takes_tensors = bool(ENTRIES[exercise].tensor_functions)
    for text in (stub_text(exercise), solution_text(exercise)):
        assert ("torch" in imported_roots(text)) == takes_tensors


@pytest.mark.parametrize("exercise", EXERCISES)
def test_hidden_tests_check_every_function(exercise):
    text = (ROOT / "hidden_tests" / f"test_{exercise}.py").read_text(encoding="utf-8")
    for function in ENTRIES[exercise].functions:
        assert re.search(rf"\b{function.name}\b", text), function.name


# ---- points, titles and hints ------------------------------------------------------------


@pytest.mark.parametrize("exercise", EXERCISES)
def test_points_are_whole(exercise):
    """Whole points, so GitHub Classroom (which counts whole points) gives each exercise its
    own; they may add up to any total, which every report shows scores out of."""
    functions = ENTRIES[exercise].functions
    assert all(f.points == int(f.points) and f.points > 0 for f in functions), exercise


@pytest.mark.parametrize("exercise", EXERCISES)
def test_titles_exist_in_both_languages(exercise):
    entry = ENTRIES[exercise]
    assert entry.title.strip() and HAN.search(entry.title_zh), exercise


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_function_has_gentle_to_specific_hints_in_both_languages(exercise):
    for function in ENTRIES[exercise].functions:
        low, high = HINTS_PER_FUNCTION
        assert low <= len(function.hints) <= high, function.name
        for hint in function.hints:
            assert hint.id.startswith(f"{function.name}.")
            assert hint.en.strip() and not HAN.search(hint.en), hint.id
            assert HAN.search(hint.zh), hint.id


def sentences(text):
    return [s for s in re.split(r"(?<=[.;:!?])\s+", " ".join(text.split())) if len(s) > 20]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_no_hint_repeats_its_stub_docstring(exercise):
    tree = ast.parse(stub_text(exercise))
    docs = {n.name: " ".join(ast.get_docstring(n).split()) for n in tree.body
            if isinstance(n, ast.FunctionDef)}
    for function in ENTRIES[exercise].functions:
        for hint in function.hints:
            repeated = [s for s in sentences(hint.en) if s.rstrip(".") in docs[function.name]]
            assert repeated == [], hint.id


# ---- stubs state what, not how -----------------------------------------------------------


@pytest.mark.parametrize("exercise", EXERCISES)
def test_no_stub_holds_three_lines_of_its_reference(exercise):
    assert copied_lines(solution_text(exercise), stub_text(exercise)) == []


@pytest.mark.parametrize("exercise", EXERCISES)
def test_no_notebook_made_from_a_stub_holds_three_lines_of_its_reference(exercise, tmp_path):
    import nbformat

    from grader.notebooks.making import make_notebook

    stub = tmp_path / f"{exercise}.py"
    stub.write_text(stub_text(exercise), encoding="utf-8")
    make_notebook(stub, tmp_path / f"{exercise}.ipynb", exercise)
    cells = nbformat.read(tmp_path / f"{exercise}.ipynb", as_version=4).cells
    text = "\n".join(cell.source for cell in cells)
    assert copied_lines(solution_text(exercise), text) == []


def longest_reference_function():
    """(exercise, node) of the longest function of any reference: the rule needs a few
    lines to find, whatever the last exercise's functions are like."""
    found = [(exercise, node) for exercise in EXERCISES
             for node in ast.parse(solution_text(exercise)).body
             if isinstance(node, ast.FunctionDef)]
    return max(found, key=lambda pair: pair[1].end_lineno - pair[1].lineno)


def test_the_rule_finds_a_reference_body_pasted_into_a_docstring():
    exercise, longest = longest_reference_function()
    solution = solution_text(exercise)
    body = solution.splitlines()[longest.body[0].lineno - 1:longest.end_lineno]
    pasted = "\n".join("        " + line.strip() + "   # as the lesson says" for line in body)
    stub = stub_text(exercise)
    first = stub.index('"""', stub.index(f"def {longest.name}(")) + 3
    leaky = stub[:first] + "Do it like this:\n\n" + pasted + "\n" + stub[first:]
    found = copied_lines(solution, leaky)
    assert found and all(hit.startswith(f"{longest.name}: ") for hit in found)
    assert copied_lines(solution, stub) == []
