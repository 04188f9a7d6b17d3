"""`grader release`: the student edition holds no reference code and no hidden test, its
public checks were recorded from the reference, and its `grader run` works on its own."""

from __future__ import annotations

import ast
import io
import json
import os
import re
import shutil
import site
import subprocess
import sys
import tokenize
from pathlib import Path

import numpy as np
import pytest

from grader.edition.build import release
from grader.edition.public_checks import from_json
from tests.support.grading import grade_kata
from grader.records.catalogue import load_catalogue
from grader.records.errors import SetupError
from tests.support.kata_maker import REPOSITORY, SOLUTIONS, make_kata, write


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    return release(REPOSITORY, tmp_path_factory.mktemp("release") / "edition").root


# ------------------------------------------------------------------ an independent search


def code_tokens(source: str) -> str | None:
    """Python source as its tokens separated by one space, comments and layout left out."""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
            tokenize.ENDMARKER}
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return " ".join(t.string for t in tokens if t.type not in skip)
    except (tokenize.TokenError, SyntaxError):
        return None


def function_bodies(path: Path) -> dict[str, str]:
    """name -> the tokens of its body, docstring left out."""
    source = path.read_text(encoding="utf-8")
    bodies = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            text = "\n".join(ast.get_source_segment(source, s) for s in body)
            bodies[f"{path.name}:{node.name}"] = code_tokens(text)
    return bodies


def edition_texts(root: Path) -> list[tuple[Path, str | None, str]]:
    """(file, its code as tokens or None, its text with whitespace collapsed) for every file."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        code = text
        if path.suffix == ".ipynb":
            cells = json.loads(text)["cells"]
            code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        tokens = code_tokens(code) if path.suffix in (".py", ".ipynb") else None
        found.append((path, tokens, " ".join(text.split())))
    return found


def occurrences(bodies: dict[str, str], texts) -> list[str]:
    hits = []
    for name, body in bodies.items():
        pattern = re.compile(r"(?<![\w.])" + re.escape(body) + r"(?![\w(\[.])")
        for path, tokens, flat in texts:
            in_code = tokens is not None and pattern.search(tokens)
            in_text = len(body) >= 20 and " ".join(body.split()) in flat
            if in_code or in_text:
                hits.append(f"{name} in {path}")
    return hits


# ------------------------------------------------------------------ the real kata's edition


def test_edition_holds_no_reference_code_and_no_hidden_test(edition):
    texts = edition_texts(edition)
    reference = {}
    for path in sorted((REPOSITORY / "solutions").glob("*.py")):
        reference.update(function_bodies(path))
    assert len(reference) >= 20
    assert occurrences(reference, texts) == []
    hidden = {}
    for path in sorted((REPOSITORY / "hidden_tests").glob("test_*.py")):
        hidden.update({k: v for k, v in function_bodies(path).items() if ":test_" in k})
        contents = path.read_bytes()
        assert all(p.read_bytes() != contents for p in edition.rglob("*.py"))
    assert len(hidden) >= 20
    assert occurrences(hidden, texts) == []
    assert not (edition / "solutions").exists()


def test_the_search_finds_a_reference_body_when_one_is_there(edition, tmp_path):
    copy = tmp_path / "leaky"
    shutil.copytree(edition / "exercises", copy)
    solution = (REPOSITORY / "solutions" / "02_gradient_descent.py").read_text()
    (copy / "02_gradient_descent.py").write_text(solution.replace("    ", "        "))
    reference = function_bodies(REPOSITORY / "solutions" / "02_gradient_descent.py")
    assert occurrences(reference, edition_texts(copy))


def test_edition_stubs_and_notebooks_hold_no_three_lines_of_their_reference(edition, tmp_path):
    from grader.edition.leaks import copied_into_stubs

    stubs = sorted((edition / "exercises").glob("0*.*"))
    assert {p.suffix for p in stubs} == {".py", ".ipynb"}
    assert copied_into_stubs(REPOSITORY / "solutions", edition / "exercises") == []
    # The same search finds a reference body pasted into a notebook's text cell.
    shutil.copytree(edition / "exercises", tmp_path / "leaky")
    notebook = tmp_path / "leaky" / "04_autograd.ipynb"
    book = json.loads(notebook.read_text())
    body = (REPOSITORY / "solutions" / "04_autograd.py").read_text().split("def minimize(")[1]
    book["cells"][1]["source"] = "Like this:\n" + body
    notebook.write_text(json.dumps(book))
    found = copied_into_stubs(REPOSITORY / "solutions", tmp_path / "leaky")
    assert found and all(hit.startswith("04_autograd.ipynb: ") for hit in found)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=kata", "-c", "user.email=k@a",
                    *args], check=True, capture_output=True)


def test_a_checkout_with_solved_exercises_releases_its_committed_stubs(tmp_path):
    kata = make_kata(tmp_path / "kata")
    git(kata, "init", "-q")
    git(kata, "add", "-A")
    git(kata, "commit", "-q", "-m", "kata")
    committed = (kata / "exercises" / "01_square.py").read_text()
    for exercise_id, text in SOLUTIONS.items():  # the maintainer tried the exercises here
        write(kata / "exercises" / f"{exercise_id}.py", text)
    write(kata / "exercises" / "02_total.ipynb", "{}")  # a notebook twin never committed
    edition = release(kata, tmp_path / "edition").root
    assert (edition / "exercises" / "01_square.py").read_text() == committed
    notebook = json.loads((edition / "exercises" / "02_total.ipynb").read_text())
    assert notebook["cells"]  # made again from the committed stub


def test_edition_has_what_a_learner_needs(edition):
    for needed in ("README.md", "catalogue.toml", "pyproject.toml", "grader/cli.py",
                   ".github/workflows/grade.yml"):
        assert (edition / needed).is_file(), needed
    assert "grader run --json results.json" in (edition / ".github/workflows/grade.yml").read_text()
    stubs = sorted(p.stem for p in (edition / "exercises").glob("0*.py"))
    assert stubs == sorted(p.stem for p in (REPOSITORY / "solutions").glob("*.py"))
    assert sorted(p.stem for p in (edition / "exercises").glob("*.ipynb")) == stubs


def test_every_function_has_a_public_check(edition):
    from grader.records.catalogue import load_catalogue

    catalogue = load_catalogue(edition / "catalogue.toml")
    for entry in catalogue.exercises:
        text = (edition / "public_checks" / f"{entry.id}.json").read_text()
        checked = {case.function for case in from_json(text)}
        assert checked == {function.name for function in entry.functions}, entry.id


def venv_python(tmp_path: Path) -> Path:
    """A fresh virtual environment that sees the packages of the environment running these
    tests, through a .pth file naming their folders (torch is not reinstalled; their own .pth
    files, this checkout's editable grader among them, are not read). Without its own pip
    and setuptools: those, recent enough for the project's pyproject.toml, install into it.
    The system's packages (--system-site-packages) would be the machine's, not the project's."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")],
                   check=True)
    python = tmp_path / "venv" / "bin" / "python"
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = subprocess.run([str(python), "-c", where], capture_output=True, text=True,
                             check=True).stdout.strip()
    ours = [folder for folder in site.getsitepackages() if Path(folder).is_dir()]
    Path(purelib, "test-run-packages.pth").write_text("".join(f"{folder}\n" for folder in ours))
    return python


def grader_run(edition: Path, venv: Path) -> tuple[int, dict]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([str(venv.parent / "grader"), "run", "--device", "cpu",
                           "--json", "results.json"],
                          cwd=edition, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, json.loads((edition / "results.json").read_text())


def test_edition_runs_in_a_fresh_virtual_environment(edition, tmp_path):
    learner = tmp_path / "learner"
    shutil.copytree(edition, learner)
    python = venv_python(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # --no-deps: numpy, torch and pytest come from the system site-packages (no download)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "-e", str(learner)], check=True, env=env, cwd=tmp_path)
    where = subprocess.run([str(python), "-c", "import grader; print(grader.__file__)"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(learner)
    code, results = grader_run(learner, python)
    total = load_catalogue(REPOSITORY / "catalogue.toml").max_points
    assert (code, results["score"], results["max_score"]) == (1, 0, total)
    for solution in (REPOSITORY / "solutions").glob("*.py"):
        shutil.copyfile(solution, learner / "exercises" / solution.name)
    code, results = grader_run(learner, python)
    assert (code, results["score"], results["max_score"]) == (0, total, total)


# ------------------------------------------------------------------ the small kata


@pytest.fixture(scope="module")
def small_edition(tmp_path_factory) -> Path:
    kata = make_kata(tmp_path_factory.mktemp("small") / "kata")
    return release(kata, tmp_path_factory.mktemp("small_release") / "edition").root


def test_public_checks_hold_the_reference_results_and_are_replayed(small_edition, tmp_path):
    edition = small_edition
    cases = from_json((edition / "public_checks" / "01_square.json").read_text())
    squares = [case for case in cases if case.function == "square"]
    assert squares and all(np.allclose(c.expected, c.args[0] ** 2) for c in squares)
    raising = from_json((edition / "public_checks" / "02_total.json").read_text())
    assert any(case.raises == "ValueError" for case in raising)
    wrong = tmp_path / "wrong"
    write(wrong / "exercises" / "01_square.py",
          "def square(x):\n    return x + x\n\ndef cube(x):\n    return x ** 3\n")
    write(wrong / "exercises" / "02_total.py", SOLUTIONS["02_total"])
    report = grade_kata(edition, sources_root=wrong, seed=1)
    by_function = {check.function: check for check in report.checks}
    assert report.score == 70
    assert by_function["square"].message.startswith("Called square(x=array(")


def test_a_public_replay_catches_a_function_that_changes_its_input(small_edition, tmp_path):
    edition = small_edition
    sneaky = tmp_path / "sneaky"
    # right results, but squares the caller's array in place on the way
    write(sneaky / "exercises" / "01_square.py",
          "def square(x):\n    x *= x\n    return x.copy()\n\ndef cube(x):\n    return x ** 3\n")
    write(sneaky / "exercises" / "02_total.py", SOLUTIONS["02_total"])
    report = grade_kata(edition, sources_root=sneaky, seed=1)
    by_function = {check.function: check for check in report.checks}
    assert report.score == 70
    message = by_function["square"].message
    assert message.startswith("Called square(x=array(")
    assert "your function changed its input x" in message


def test_a_public_replay_names_the_learners_own_parameters(small_edition, tmp_path):
    edition = small_edition
    renamed = tmp_path / "renamed"
    write(renamed / "exercises" / "01_square.py",
          "def square(values):\n    return values + values\n\ndef cube(x):\n    return x ** 3\n")
    write(renamed / "exercises" / "02_total.py",
          SOLUTIONS["02_total"].replace("safe_sqrt(x)", "safe_sqrt(number)")
          .replace("if x < 0", "if number < 0").replace("return math.sqrt(x)", "return 0.0"))
    report = grade_kata(edition, sources_root=renamed, seed=1)
    by_function = {check.function: check for check in report.checks}
    assert by_function["square"].message.startswith("Called square(values=array(")
    assert by_function["safe_sqrt"].message.startswith("Called safe_sqrt(number=")


def test_a_reference_short_of_full_marks_releases_nothing(tmp_path):
    no_raise = SOLUTIONS["02_total"].replace(
        'raise ValueError("no square root of a negative number")', "return 0.0")
    kata = make_kata(tmp_path / "kata", solutions={**SOLUTIONS, "02_total": no_raise})
    (tmp_path / "out").mkdir()
    with pytest.raises(SetupError, match="the reference scores 80 of 100 on the hidden checks"):
        release(kata, tmp_path / "out" / "edition")
    assert list((tmp_path / "out").iterdir()) == []  # no edition, no half-built folder


def test_release_wants_a_new_or_empty_folder(tmp_path):
    kata = make_kata(tmp_path / "kata")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(SetupError, match="not an empty folder"):
        release(kata, tmp_path / "full")
    with pytest.raises(SetupError, match="inside the kata"):
        release(kata, kata / "edition")
    (tmp_path / "empty").mkdir()
    assert (release(kata, tmp_path / "empty").root / "README.md").is_file()
