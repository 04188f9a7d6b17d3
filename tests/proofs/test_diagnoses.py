"""A diagnosis travels from the grading run to every report: the id in the Gradescope JSON's
extra_data.diagnoses (an empty list for a passing test or an unexplained failure), the
sentence in the test's output and in the terminal report."""

import json

from tests.support.styles import CATALOGUE, KATA_ROOT, STYLES

from grader.records import course_diagnoses, messages
from grader.records.paths import KataPaths
from grader.reports import gradescope, terminal

SEED = 2026
COURSE = course_diagnoses.load(KataPaths(KATA_ROOT).diagnoses)


def _tests(report) -> dict:
    return {tuple(test["tags"][1:]): test for test in gradescope.to_dict(report)["tests"]}


def test_a_diagnosed_mistake_reaches_the_json_and_the_terminal(grade_files, tmp_path):
    path = STYLES / "04_autograd" / "mistake_minimize_forgets_zero_grad.py"
    report = grade_files({"04_autograd": path}, seed=SEED)
    sentence = COURSE["grad_accumulates"]["en"]
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


def _failed(grade_files, exercise: str, style: str, function: str, seed: int = SEED) -> dict:
    report = grade_files({exercise: STYLES / exercise / f"{style}.py"}, seed=seed)
    return _tests(report)[(function, "cpu")]


def test_a_caller_of_a_failing_function_names_it_and_no_mistake(grade_files):
    """db returned as an array: mse_gradients is wrong_shape; train_numpy, which calls it,
    raises in float(b), and that is not scalar_only."""
    failed = _failed(grade_files, "05_linear_regression", "mistake_gradients_db_keeps_dims",
                     "train_numpy")
    assert failed["extra_data"]["diagnoses"] == []
    assert failed["output"].endswith(messages.text("diagnosis.cascade", function="mse_gradients"))
    assert messages.text("diagnosis.scalar_only") not in failed["output"]


def test_a_model_matched_on_one_input_by_chance_names_nothing(grade_files):
    """np.linalg.norm of the step: on seed 1 one input's result equals the model of
    applies_final_step; the test's second run does not confirm it."""
    failed = _failed(grade_files, "02_gradient_descent", "mistake_until_measures_the_norm",
                     "descend_until", seed=1)
    assert failed["status"] == "failed"
    assert failed["extra_data"]["diagnoses"] == []
    assert COURSE["applies_final_step"]["en"] not in failed["output"]


def test_error_texts_of_numpy_on_tensors_and_of_mixed_dtypes_are_named(grade_files):
    mean = _failed(grade_files, "05_linear_regression", "mistake_mse_with_np_mean", "mse_loss")
    assert mean["extra_data"]["diagnoses"] == ["scalar_only"]
    assert "unexpected keyword argument 'axis'" in mean["output"]
    dtype = _failed(grade_files, "05_linear_regression",
                    "mistake_torch_parameters_default_dtype", "train_torch")
    assert dtype["extra_data"]["diagnoses"] == ["wrong_dtype"]
    assert messages.text("diagnosis.wrong_dtype") in dtype["output"]


def test_facts_are_said_where_no_model_fits(grade_files):
    still = _failed(grade_files, "04_autograd", "mistake_minimize_zeroes_before_the_update",
                    "minimize")
    assert still["extra_data"]["diagnoses"] == []
    assert messages.text("fact.nothing_moved", part=messages.text("fact.your_result"),
                         name="x0") in still["output"]
    roots = _failed(grade_files, "05_linear_regression", "mistake_losses_are_rmse",
                    "train_numpy")
    assert roots["extra_data"]["diagnoses"] == []
    assert messages.text("fact.square_roots", part="losses") in roots["output"]
