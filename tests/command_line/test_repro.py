"""`grader repro`: a failed call of each exercise written as a script that, run as a learner
runs it, calls the learner's function on the exact inputs and gets the value the report
showed, beside the expected one."""

from __future__ import annotations

import json
import re
import runpy
import shutil

import numpy as np
import pytest
import torch

from grader.cli import main
from grader.records import messages
from tests.support.katas import copy_course
from tests.support.styles import STYLES

CASES = [  # exercise, a mistake, the function it breaks (inputs: callables, tensors, kwargs)
    ("01_derivatives", "mistake_numerical_halves_then_times_h", "numerical_derivative"),
    ("02_gradient_descent", "mistake_until_measures_the_norm", "descend_until"),
    ("03_partial_derivatives", "mistake_nd_inclusive_range", "gradient_descent_nd"),
    ("04_autograd", "mistake_many_zeroes_only_the_last", "minimize_many"),
    ("05_linear_regression", "mistake_losses_are_rmse", "train_numpy"),
]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("repro"))


def _numbers(value) -> np.ndarray:
    if isinstance(value, torch.Tensor):
        return value.detach().cpu().double().numpy().ravel()
    if isinstance(value, (tuple, list)):
        return np.concatenate([_numbers(item) for item in value] or [np.zeros(0)])
    return np.asarray(value, dtype=np.float64).ravel()


@pytest.mark.parametrize("exercise, style, function", CASES, ids=[c[0] for c in CASES])
def test_the_script_replays_the_reported_learner_value(course, monkeypatch, capsys, exercise,
                                                       style, function):
    shutil.copyfile(STYLES / exercise / f"{style}.py", course / "exercises" / f"{exercise}.py")
    monkeypatch.chdir(course)
    number = exercise[:2]
    results = course / "results.json"
    assert main(["run", number, "--device", "cpu", "--seed", "11", "--json", str(results)]) == 1
    report = capsys.readouterr().out
    assert f"grader repro {number} {function}" in report  # the report points to it
    test = next(t for t in json.loads(results.read_text())["tests"]
                if t["tags"][1] == function and t["status"] == "failed")
    reported = float(re.search(r": got (\S+?),", test["output"]).group(1))

    assert main(["repro", number, function]) == 0  # the last run's seed: 11
    script = course / ".grader" / "repro" / f"repro_{exercise}_{function}.py"
    assert str(script.relative_to(course)) in capsys.readouterr().out
    namespace = runpy.run_path(str(script), run_name="__main__")
    printed = capsys.readouterr().out
    assert messages.text("repro.yours") in printed and messages.text("repro.expected") in printed
    got, expected = _numbers(namespace["result"]), _numbers(namespace["expected"])
    assert np.any(np.isclose(got, reported, rtol=1e-6, atol=0.0))  # the value reported
    assert got.shape != expected.shape or not np.allclose(got, expected)  # it still fails
    text = script.read_text()
    assert ", ...]" not in text and "(shape=" not in text  # no value in short


def test_a_function_that_passes_has_nothing_to_replay(course, monkeypatch, capsys):
    shutil.copyfile(course / "solutions" / "01_derivatives.py",
                    course / "exercises" / "01_derivatives.py")
    monkeypatch.chdir(course)
    assert main(["repro", "01", "fn", "--seed", "3"]) == 1
    assert messages.text("repro.nothing", function="fn", seed=3) in capsys.readouterr().out
    assert main(["repro", "01", "no_such_function"]) == 2
