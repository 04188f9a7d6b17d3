"""A diagnosis travels from the grading run to every report: the id in the Gradescope JSON's
extra_data.diagnoses (an empty list for a passing test or an unexplained failure), the
sentence in the test's output and in the terminal report."""

import json

from tests.support.styles import CATALOGUE, STYLES

from grader.records import messages
from grader.reports import gradescope, terminal

SEED = 2026


def _tests(report) -> dict:
    return {tuple(test["tags"][1:]): test for test in gradescope.to_dict(report)["tests"]}


def test_a_diagnosed_mistake_reaches_the_json_and_the_terminal(grade_files, tmp_path):
    path = STYLES / "04_autograd" / "mistake_minimize_forgets_zero_grad.py"
    report = grade_files({"04_autograd": path}, seed=SEED)
    sentence = messages.text("diagnosis.grad_accumulates")
    tests = _tests(report)
    failed = tests[("minimize", "cpu")]
    assert failed["extra_data"]["diagnoses"] == ["grad_accumulates"]
    assert sentence in failed["output"]
    assert all(test["extra_data"]["diagnoses"] == [] for key, test in tests.items()
               if key != ("minimize", "cpu"))
    assert sentence in " ".join(terminal.render(report, CATALOGUE, width=400).split())
    gradescope.write(report, tmp_path / "results.json")
    again = gradescope.read(tmp_path / "results.json")
    assert again.checks == report.checks
    assert json.loads((tmp_path / "results.json").read_text())["tests"]


def test_an_unexplained_mistake_gets_no_name(grade_files):
    path = STYLES / "01_derivatives" / "mistake_tangent_swapped.py"
    report = grade_files({"01_derivatives": path}, seed=SEED)
    failed = _tests(report)[("tangent_line", "cpu")]
    assert failed["status"] == "failed"
    assert failed["extra_data"]["diagnoses"] == []
    assert "Likely mistake" not in failed["output"]


def test_an_error_shows_the_call_with_its_tensors_and_the_symptom(grade_files):
    path = STYLES / "05_linear_regression" / "mistake_predict_with_np_dot.py"
    report = grade_files({"05_linear_regression": path}, seed=SEED)
    failed = _tests(report)[("predict", "cpu")]
    assert failed["output"].startswith("Called predict(X=")
    assert "tensor(shape=" in failed["output"]  # the inputs were tensors: the explanation
    assert failed["extra_data"]["diagnoses"] == ["scalar_only"]
    assert messages.text("diagnosis.scalar_only") in failed["output"]


def test_a_part_of_a_tuple_result_is_named_by_its_meaning(grade_files):
    path = STYLES / "05_linear_regression" / "mistake_loss_recorded_after_update.py"
    report = grade_files({"05_linear_regression": path}, seed=SEED)
    failed = _tests(report)[("train_numpy", "cpu")]
    assert "\nlosses[0]: got " in failed["output"]
    assert "result[2]" not in failed["output"]
