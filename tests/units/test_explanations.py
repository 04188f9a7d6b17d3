"""What a failed check says beyond its verdict (grader.grading.explanation, facts, cascade):
a model's id holds only when a second run names it too; a failure that comes from a failing
callee names the callee and no mistake; where no id holds, facts computed from the results
are said, and only facts that hold."""

from pathlib import Path

import numpy as np
import pytest

from grader.grading.cascade import failing_callee, reference_uses
from grader.grading.explanation import Explanation
from grader.grading.facts import facts
from grader.records import messages
from grader.records.catalogue import load_catalogue
from grader.records.paths import KataPaths
from grader.records.values import TensorData

KATA = Path(__file__).resolve().parents[2]


def test_a_modelled_id_holds_only_when_the_second_run_names_it_too():
    first = Explanation("verdict", ("applies_final_step", "changes_input"),
                        modelled=frozenset({"applies_final_step"}))
    assert first.confirmed(Explanation("again", ("applies_final_step",))).found == \
        ("applies_final_step", "changes_input")
    # a second run that passed, or named something else: the model's id goes, the engine's stays
    assert first.confirmed(None).found == ("changes_input",)
    assert first.confirmed(Explanation("again", ("uphill",))).diagnoses == ("changes_input",)
    assert Explanation("verdict", ("an_id_without_words",)).message == \
        "verdict\nan_id_without_words"


def test_facts_are_said_only_where_no_id_holds():
    explanation = Explanation("verdict", ("changes_input",), facts=("A fact.",))
    assert "A fact." not in explanation.message
    assert Explanation("verdict", (), facts=("A fact.",)).message == "verdict\nA fact."


def test_a_cascade_names_the_callee_and_no_mistake():
    explanation = Explanation("verdict", ("scalar_only",)).from_callee("mse_gradients")
    assert explanation.diagnoses == ()
    assert explanation.message == "verdict\n" + messages.text("diagnosis.cascade",
                                                             function="mse_gradients")
    assert "mse_gradients" in explanation.message


def test_the_callee_comes_from_the_traceback_first_then_the_reference():
    failed = {"df_y", "predict"}.__contains__
    traced = Explanation("verdict", frames=("gradient", "df_y"))
    assert failing_callee("gradient", traced, ("df_x",), failed) == "df_y"
    assert failing_callee("train", Explanation("verdict"), ("mse_loss", "predict"),
                          failed) == "predict"
    assert failing_callee("train", Explanation("verdict"), ("mse_loss",), failed) == ""
    assert failing_callee("df_y", Explanation("v", frames=("df_y",)), (), failed) == ""


def test_the_reference_calls_are_read_from_the_solutions():
    catalogue = load_catalogue(KATA / "catalogue.toml")
    uses = reference_uses(catalogue.exercise("05"), KataPaths(KATA))
    assert uses["train_numpy"] == ("predict", "mse_loss", "mse_gradients")
    assert uses["predict"] == ()
    assert reference_uses(catalogue.exercise("03"), KataPaths(KATA))["gradient"] == \
        ("df_x", "df_y", "df_z")


def _said(got, want, inputs=(), parts=()):
    return " ".join(facts(got, want, list(inputs), parts))


def test_nothing_moved_is_said_when_the_result_is_the_input():
    x0 = np.array([1.5, -2.0])
    assert messages.text("fact.nothing_moved", part=messages.text("fact.your_result"),
                         name="x0") in _said(x0.copy(), np.zeros(2), [("x0", x0)])
    tensors = [TensorData(np.array([1.0, 2.0]), "float32", "cpu")]
    moved = [TensorData(np.array([0.1, 0.2]), "float32", "cpu")]
    assert "params" in _said(tensors, moved, [("params", tensors)])
    assert "x0" not in _said(np.array([0.3, 0.1]), np.zeros(2), [("x0", x0)])


def test_a_constant_factor_is_named_by_the_input_it_is_a_power_of():
    want = np.array([0.5, -1.5, 2.0])
    said = _said(want * 1e-4, want, [("h", 0.01)])
    assert "h² = 0.0001" in said
    assert "10.0" in _said(want * 10, want)
    assert _said(want * np.array([1.0, 2.0, 3.0]), want) == ""
    assert _said(3.7, 1.0) == ""  # one number always has some ratio: no fact


def test_rows_one_update_late_and_counts_are_said():
    path = np.cumsum(np.ones((6, 2)), axis=0)
    assert messages.text("fact.rows_late", part=messages.text("fact.your_result")) in \
        _said(path[1:], path[:-1])
    assert "early" in _said(path[:-1], path[1:])
    assert messages.text("fact.count", part="steps", got=22, expected=21) in \
        _said((np.array([1.0]), 22), (np.array([1.1]), 21), parts=("x", "steps"))


@pytest.mark.parametrize("power, key", [(0.5, "fact.square_roots"), (2.0, "fact.squares")])
def test_square_roots_and_squares_of_a_part_are_said(power, key):
    losses = [4.0, 2.25, 1.0]
    got = (np.zeros(2), 0.0, [v**power for v in losses])
    want = (np.zeros(2), 0.0, losses)
    assert _said(got, want, parts=("w", "b", "losses")) == messages.text(key, part="losses")


def test_a_zero_or_infinite_factor_is_no_fact_and_no_crash():
    want = np.array([0.5, -1.5, 2.0])
    assert "times" not in _said(np.zeros(3), want)
    assert _said(np.array([np.inf, np.inf]), np.array([1.0, 2.0])) == ""
