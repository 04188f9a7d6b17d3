"""Which known mistakes explain a failed check (grader.grading.diagnosis), on plain values:
a model names its mistake only when it explains the learner's result; the engine names what
the comparison sees; an error names the mistake it is the known symptom of."""

import ast
from pathlib import Path

import numpy as np

from grader.grading import diagnosis
from grader.grading.compare import compare, compare_inputs
from grader.grading.compare import named as compare_named
from grader.grading.explanation import Explanation
from grader.records import course_diagnoses, messages, messages_en, messages_zh
from grader.records.catalogue import load_catalogue
from grader.records.values import TensorData

KATA = Path(__file__).resolve().parents[2]
MISTAKES = KATA / "hidden_tests" / "mistakes"


def explain(got, want, modelled=(), changed=None):
    return diagnosis.explained(got, want, compare(got, want), changed, list(modelled))


def test_a_model_that_agrees_with_the_learner_names_its_mistake():
    want, uphill, extra = np.array([1.0, 2.0]), np.array([3.0, 5.0]), np.array([0.5, 1.5])
    modelled = [("one_step_too_many", extra), ("uphill", uphill)]
    assert explain(uphill + 1e-12, want, modelled) == ("uphill",)
    assert explain(extra, want, modelled) == ("one_step_too_many",)


def test_no_model_agrees_no_name():
    modelled = [("uphill", np.array([3.0, 5.0]))]
    assert explain(np.array([9.0, 9.0]), np.array([1.0, 2.0]), modelled) == ()


def test_a_passing_result_gets_no_model_name():
    want = np.array([1.0, 2.0])
    assert explain(want.copy(), want, [("uphill", np.array([3.0, 5.0]))]) == ()


def test_a_model_that_gives_the_reference_names_nothing():
    # epochs == 0: "one step too few" and the right answer coincide; it explains nothing
    want = 1.5
    assert diagnosis.explained(2.0, want, compare(2.0, want), None, [("uphill", 1.5)]) == ()


def test_models_that_cannot_be_told_apart_give_only_the_nearest():
    want = (1.0, 10)
    got = (1.0 + 4e-7, 11)  # applied the last small step, and counted it
    modelled = [("counts_final_check", (1.0, 11)), ("applies_final_step", (1.0 + 4e-7, 11))]
    assert explain(got, want, modelled) == ("applies_final_step",)
    assert explain((1.0, 11), want, modelled) == ("counts_final_check",)


def test_a_model_of_a_division_by_zero_agrees_nan_for_nan():
    want = np.array([[0.5, 0.0], [-0.5, 0.0]])
    unguarded = np.array([[0.5, np.nan], [-0.5, np.nan]])
    assert explain(unguarded.copy(), want, [("constant_column", unguarded)]) == (
        "constant_column",)
    other = np.array([[0.7, np.nan], [-0.5, np.nan]])
    assert explain(other, want, [("constant_column", unguarded)]) == ()
    # a NaN agrees with a NaN, but the words beside it must agree too
    mine, model = (np.nan, "maximum"), (np.nan, "minimum")
    assert not diagnosis.agrees(mine, model)
    assert diagnosis.agrees((np.nan, "minimum"), model)


def test_engine_names_a_list_of_the_right_numbers_wrong_type():
    want = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert explain([np.array([1.0, 2.0]), np.array([3.0, 4.0])], want) == ("wrong_type",)
    assert explain(None, want) == ()
    assert explain([np.array([1.0, 2.0]), np.array([3.0, 9.0])], want) == ()


def test_engine_names_right_numbers_in_another_shape_wrong_shape():
    want = TensorData(np.array(2.5), "float64", "cpu")
    assert explain(TensorData(np.array([2.5]), "float64", "cpu"), want) == ("wrong_shape",)
    assert explain(TensorData(np.array([2.0]), "float64", "cpu"), want) == ()


def test_engine_names_dtype_device_and_requires_grad():
    want = TensorData(np.array([1.0]), "float64", "cpu")
    as_float32 = TensorData(np.array([1.0], dtype=np.float32), "float32", "cpu")
    tracked = TensorData(np.array([1.0]), "float64", "cpu", requires_grad=True)
    on_gpu = TensorData(np.array([1.0]), "float64", "cuda:0")
    assert explain(as_float32, want) == ("wrong_dtype",)
    assert explain(tracked, want) == ("requires_grad_left_on",)
    assert explain(on_gpu, want) == ("wrong_device",)


def test_a_changed_input_is_named_whatever_the_result():
    changed = compare_inputs([np.zeros(2)], [np.ones(2)], names=["x0"])
    assert diagnosis.explained(1.0, 1.0, None, changed, []) == ("changes_input",)
    modelled = [("uphill", 3.0)]
    assert explain(3.0, 1.0, modelled, changed) == ("uphill", "changes_input")


def test_errors_that_are_known_symptoms():
    def error(message):
        return {"kind": "call", "type": "TypeError", "mro": ["TypeError"], "message": message}

    leaf = "a leaf Variable that requires grad is being used in an in-place operation."
    assert diagnosis.symptoms(error(leaf)) == ("update_recorded",)
    scalar = "only length-1 arrays can be converted to Python scalars"
    assert diagnosis.symptoms(error(scalar)) == ("scalar_only",)
    assert diagnosis.symptoms(error("division by zero")) == ()
    assert diagnosis.symptoms({"kind": "timeout", "message": leaf}) == ()


def test_sentences_leave_out_what_the_difference_already_says():
    diff = compare(TensorData(np.array([1.0]), "float64", "cpu", requires_grad=True),
                   TensorData(np.array([1.0]), "float64", "cpu"))
    said = diagnosis.said_by(diff)
    assert Explanation("verdict", ("requires_grad_left_on",), said=said).message == "verdict"
    shape = compare(np.zeros((2, 1)), np.zeros(2))
    words = Explanation("verdict", ("wrong_shape",), said=diagnosis.said_by(shape)).message
    assert words == "verdict\n" + messages.text("diagnosis.wrong_shape")
    course = {"grad_accumulates": {"en": "Clear .grad: backward() adds.", "zh": "清零 .grad。"}}
    words = Explanation("verdict", ("grad_accumulates",), sentences=course).message
    assert words == "verdict\nClear .grad: backward() adds."
    with messages.language("zh"):
        zh = Explanation("v", ("grad_accumulates",), sentences=course).message
        assert zh == "v\n清零 .grad。"
    assert Explanation("verdict").message == "verdict"


# The ids kata-spec.md fixes ("Naming the mistake"): the engine's and this course's together.
SPEC_IDS = {
    "changes_input", "wrong_type", "wrong_shape", "wrong_dtype", "wrong_device",
    "requires_grad_left_on", "missing_factor", "precedence", "scalar_only",
    "forward_difference", "divides_by_h", "ignores_argument", "sign_error", "min_max_swapped",
    "missing_error", "uphill", "one_step_too_few", "one_step_too_many", "path_missing_start",
    "path_rows_shared", "stops_on_x", "counts_final_check", "applies_final_step",
    "wrong_variable", "missing_term", "perturbs_all", "sequential_update", "grad_accumulates",
    "update_recorded", "leaf_replaced", "not_plain_sgd", "sum_not_mean", "loss_after_update",
    "parameter_frozen", "sample_std", "constant_column", "no_bias",
}
COURSE = course_diagnoses.load(MISTAKES / "diagnoses.toml")


def test_every_engine_id_has_a_sentence_in_english_and_chinese():
    for key in diagnosis.ENGINE_IDS:
        name = f"diagnosis.{key}"
        assert name in messages_en.TABLE and name in messages_zh.TABLE, key
        assert messages.placeholders(name) == frozenset()


def test_the_course_declares_its_ids_with_both_sentences_and_keeps_the_spec_ids():
    # the spec's ids are a contract; an exercise added later may declare ids of its own
    assert SPEC_IDS <= set(COURSE) | set(diagnosis.ENGINE_IDS)
    assert not set(COURSE) & set(diagnosis.ENGINE_IDS)  # one sentence per id
    for key, table in COURSE.items():
        assert set(table) == {"en", "zh"}, key
        assert table["zh"].startswith("可能的错误") and table["en"].startswith("Likely"), key


def test_every_diagnosis_a_hint_helps_with_is_one_the_course_or_the_engine_names():
    # a misspelled id would never match a run's diagnosis: the hint would just never move up
    known = set(COURSE) | set(diagnosis.ENGINE_IDS)
    catalogue = load_catalogue(KATA / "catalogue.toml")
    named = {(entry.id, function.name, hint.id, ident)
             for entry in catalogue.exercises for function in entry.functions
             for hint in function.hints for ident in hint.diagnoses}
    assert named, "the course's hints name no diagnosis: this check would check nothing"
    assert {row for row in named if row[3] not in known} == set()


def test_every_model_names_a_catalogue_function_and_a_known_id():
    catalogue = load_catalogue(KATA / "catalogue.toml")
    files = sorted(MISTAKES.glob("*.py"))
    # an exercise may have models of its mistakes (docs/authoring.md); a new one need not
    assert {path.stem for path in files} <= {entry.id for entry in catalogue.exercises}
    assert files
    for path in files:
        functions = {f.name for f in catalogue.exercise(path.stem).functions}
        models = [node.name for node in ast.parse(path.read_text()).body
                  if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]
        assert models, path.name
        for name in models:
            function, _, rest = name.partition(diagnosis.SEPARATOR)
            assert function in functions, name
            assert diagnosis.model_id(name, function + diagnosis.SEPARATOR) in COURSE, name


def test_parts_of_a_tuple_result_are_called_by_their_catalogue_names():
    diff = compare((np.zeros(2), 0.0, [1.0, 2.0]), (np.zeros(2), 0.0, [1.5, 2.0]))
    assert diff.path == "result[2][0]"
    named = compare_named(diff, ("w", "b", "losses"))
    assert named.where == "losses[0]"
    assert compare_named(diff, ("w", "b")).where == "result[2][0]"  # no name for part 2
    assert compare_named(diff, ()).where == "result[2][0]"
