"""Stubs and solutions define exactly the spec's functions; stubs are unstarted; the
catalogue names the same functions."""

import ast
import inspect
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The spec's function signatures (kata-spec.md), written out once.
SPEC = {
    "01_derivatives": [
        "fn(x)", "dfn(x)", "numerical_derivative(f, x, h=1e-5)", "tangent_line(f, df, x0)",
        "stationary_point(a, b, c)",
    ],
    "02_gradient_descent": [
        "gradient_descent(x0, learning_rate, dfn, epochs)",
        "descent_path(x0, learning_rate, dfn, epochs)",
        "descend_until(x0, learning_rate, dfn, tol=1e-6, max_epochs=10_000)",
    ],
    "03_partial_derivatives": [
        "f(x, y, z)", "df_x(x, y, z)", "df_y(x, y, z)", "df_z(x, y, z)", "gradient(p)",
        "numerical_gradient(func, p, h=1e-5)",
        "gradient_descent_nd(grad, p0, learning_rate, epochs)",
    ],
    "04_autograd": [
        "autograd_derivative(f, x)", "minimize(fn, x0, learning_rate, epochs)",
        "minimize_many(fn, params, learning_rate, epochs)",
        "minimize_with_optimizer(fn, params, learning_rate, epochs)",
    ],
    "05_linear_regression": [
        "predict(X, w, b)", "mse_loss(y_pred, y)", "mse_gradients(X, y, w, b)",
        "train_numpy(X, y, learning_rate, epochs)", "train_torch(X, y, learning_rate, epochs)",
        "normal_equation(X, y)", "standardize(X)",
    ],
}
EXERCISES = list(SPEC)
TENSOR_EXERCISES = {"04_autograd", "05_linear_regression"}


def spec_signatures(exercise):
    """{name: [(parameter, default or inspect._empty), ...]} parsed from SPEC."""
    result = {}
    for text in SPEC[exercise]:
        node = ast.parse(f"def {text}: pass").body[0]
        args = node.args.args
        defaults = [inspect.Parameter.empty] * (len(args) - len(node.args.defaults))
        defaults += [ast.literal_eval(d) for d in node.args.defaults]
        result[node.name] = [(a.arg, d) for a, d in zip(args, defaults)]
    return result


def public_functions(module):
    return {name: obj for name, obj in vars(module).items()
            if inspect.isfunction(obj) and not name.startswith("_")
            and obj.__module__ == module.__name__}


def signature_of(func):
    return [(p.name, p.default) for p in inspect.signature(func).parameters.values()]


@pytest.mark.parametrize("folder", ["exercises", "solutions"])
@pytest.mark.parametrize("exercise", EXERCISES)
def test_defines_exactly_the_spec_functions(load, folder, exercise):
    module = load(folder, exercise)
    functions = public_functions(module)
    wanted = spec_signatures(exercise)
    assert sorted(functions) == sorted(wanted)
    for name, params in wanted.items():
        assert signature_of(functions[name]) == params, name


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_stub_raises_not_implemented_naming_itself(load, exercise):
    module = load("exercises", exercise)
    for name, params in spec_signatures(exercise).items():
        with pytest.raises(NotImplementedError, match=f"^{exercise}\\.{name}:"):
            getattr(module, name)(*[None] * len(params))


def function_nodes(folder, exercise):
    tree = ast.parse((ROOT / folder / f"{exercise}.py").read_text(encoding="utf-8"))
    return tree, [n for n in tree.body if isinstance(n, ast.FunctionDef)]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_stubs_are_specifications(exercise):
    text = (ROOT / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")
    tree, nodes = function_nodes("exercises", exercise)
    assert ast.get_docstring(tree), "module docstring"
    lines = text.splitlines()
    for node in nodes:
        body = lines[node.lineno - 1:node.end_lineno]
        assert sum("# TODO" in line for line in body) == 1, node.name
        doc = ast.get_docstring(node)
        assert doc and "Example" in doc, node.name
    assert text.count("TODO") == len(nodes)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_solutions_have_no_todo(exercise):
    assert "TODO" not in (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", ["exercises", "solutions"])
@pytest.mark.parametrize("exercise", EXERCISES)
def test_only_tensor_exercises_import_torch(folder, exercise):
    tree = ast.parse((ROOT / folder / f"{exercise}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert ("torch" in imported) == (exercise in TENSOR_EXERCISES)


def test_catalogue_names_the_spec_functions_in_order():
    catalogue = tomllib.loads((ROOT / "catalogue.toml").read_text(encoding="utf-8"))
    entries = catalogue["exercise"]
    assert [e["id"] for e in entries] == list(EXERCISES)
    for entry in entries:
        names = list(spec_signatures(entry["id"]))
        assert list(entry["points"]) == names, entry["id"]
        assert set(entry["tensor_functions"]) <= set(names)
        assert 2 <= len(entry["hints"]) <= 3 and all(h.strip() for h in entry["hints"])
        assert entry["title"].strip()
    assert sum(sum(e["points"].values()) for e in entries) == 100
