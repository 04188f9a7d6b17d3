"""The next hint: for the first function the last run did not pass, in the chosen language."""

import json
from pathlib import Path

import pytest

from grader.records import messages
from grader.records.catalogue import load_catalogue
from grader.records.hinting import function_needing_help, next_hint
from grader.records.paths import KataPaths
from grader.records.progress import read_state, write_state

CATALOGUE = """\
format = 1

[[exercise]]
id = "01_first"
title = "First"
time_limit = 2
tensor_functions = []

[exercise.points]
alpha = 60
beta = 40

[exercise.hints.alpha]
en = ["gentle alpha", "specific alpha"]
zh = ["温和的提示", "具体的提示"]

[exercise.hints.beta]
en = ["gentle beta"]
zh = ["关于 beta 的提示"]
"""


@pytest.fixture
def kata(tmp_path):
    (tmp_path / "catalogue.toml").write_text(CATALOGUE, encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    paths = KataPaths(tmp_path)
    return paths, load_catalogue(paths.catalogue).exercise("01")


def recorded(paths, functions):
    """As a run records it, keeping the hints already shown."""
    state = read_state(paths)
    state["exercises"] = {"01_first": {"status": "failing", "functions": functions}}
    paths.state.mkdir(exist_ok=True)
    (paths.state / "progress.json").write_text(json.dumps(state))


@pytest.mark.parametrize("functions, expected", [
    ({}, "alpha"),
    ({"alpha": "passed", "beta": "failing"}, "beta"),
    ({"alpha": "not started", "beta": "passed"}, "alpha"),
    ({"alpha": "passed"}, "beta"),  # not graded last time: not known to pass
    ({"alpha": "passed", "beta": "passed"}, None),
])
def test_the_function_needing_help(kata, functions, expected):
    paths, entry = kata
    recorded(paths, functions)
    found = function_needing_help(entry, read_state(paths))
    assert (found.name if found else None) == expected


def test_each_function_keeps_its_own_count(kata):
    paths, entry = kata
    assert "gentle alpha" in next_hint(paths, entry)[0]
    assert "specific alpha" in next_hint(paths, entry)[0]
    recorded(paths, {"alpha": "passed", "beta": "failing"})
    assert "gentle beta" in next_hint(paths, entry)[0]
    recorded(paths, {"alpha": "failing", "beta": "failing"})
    assert "specific alpha" in next_hint(paths, entry)[0]  # alpha's count was kept


def test_the_hint_text_follows_the_language(kata):
    paths, entry = kata
    with messages.language("zh"):
        (line, *_) = next_hint(paths, entry)
    assert "温和的提示" in line and "gentle alpha" not in line


def test_messages_report_the_current_language():
    assert messages.current() == "en"
    with messages.language("zh"):
        assert messages.current() == "zh"


def test_the_chinese_hint_sentences_match_the_english_keys_and_placeholders():
    import string

    from grader.records.messages_en import TABLE as EN
    from grader.records.messages_zh import TABLE as ZH

    def fields(template):
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    hint_keys = {key for key in EN if key.startswith("hint.")}
    assert hint_keys <= set(ZH)
    for key in ZH:
        assert fields(ZH[key]) == fields(EN[key]), key


KATA_ROOT = Path(__file__).resolve().parents[2]


def test_grader_hint_after_a_diagnosis_shows_its_hint(tmp_path):
    entry = load_catalogue(KATA_ROOT / "catalogue.toml").exercise("01")
    paths = KataPaths(tmp_path)
    functions = {"fn": "passed", "dfn": "passed", "numerical_derivative": "wrong"}
    write_state(paths, {"exercises": {entry.id: {
        "functions": functions, "diagnoses": {"numerical_derivative": ["precedence"]}}}})
    first = next_hint(paths, entry)[0]
    assert entry.hint("numerical_derivative.2").text(messages.current()) in first
    second = next_hint(paths, entry)[0]
    assert entry.hint("numerical_derivative.1").text(messages.current()) in second


def test_the_hint_for_the_named_mistake_comes_first(tmp_path):
    """After a run that named `precedence` for numerical_derivative, the precedence hint is
    hint 1; without a diagnosis the usual order holds."""
    from grader.records.catalogue import load_catalogue
    from grader.records.hinting import ordered

    entry = load_catalogue(KATA_ROOT / "catalogue.toml").exercise("01")
    function = entry.function("numerical_derivative")
    assert [h.id for h in ordered(function, ["precedence"])] == [
        "numerical_derivative.2", "numerical_derivative.1", "numerical_derivative.3"]
    assert ordered(function, []) == function.hints
    assert ordered(function, ["uphill"]) == function.hints


def test_every_hint_diagnosis_is_a_known_id():
    from grader.grading.diagnosis import ENGINE_IDS
    from grader.records import course_diagnoses
    from grader.records.catalogue import load_catalogue

    catalogue = load_catalogue(KATA_ROOT / "catalogue.toml")
    named = [key for entry in catalogue.exercises for function in entry.functions
             for hint in function.hints for key in hint.diagnoses]
    known = set(ENGINE_IDS) | set(course_diagnoses.load(KataPaths(KATA_ROOT).diagnoses))
    assert named and set(named) <= known
