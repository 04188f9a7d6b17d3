"""The catalogue's optional [exercise.returns]: names for the parts of a tuple result."""

import copy
from pathlib import Path

import pytest
from tests.support.report_samples import CATALOGUE

from grader.records.catalogue import CatalogueError, load_catalogue, parse_catalogue

KATA = Path(__file__).resolve().parents[2]


def _with_returns(returns):
    data = copy.deepcopy(CATALOGUE)
    data["exercise"][0]["returns"] = returns
    return data


def test_returns_name_the_parts_and_default_to_none():
    catalogue = parse_catalogue(_with_returns({"tangent": ["slope", "intercept"]}),
                                Path("catalogue.toml"))
    entry = catalogue.exercise("01_slopes")
    assert entry.function("tangent").returns == ("slope", "intercept")
    assert entry.function("slope").returns == ()


@pytest.mark.parametrize("returns, words", [
    ({"nowhere": ["a"]}, "not among its functions"),
    ({"tangent": "slope"}, "list of Python names"),
    ({"tangent": ["slope", "not a name"]}, "list of Python names"),
    ({"tangent": ["a", "a"]}, "twice"),
    (["tangent"], "must be a table"),
])
def test_malformed_returns_are_refused(returns, words):
    with pytest.raises(CatalogueError, match=words):
        parse_catalogue(_with_returns(returns), Path("catalogue.toml"))


def test_the_kata_names_the_parts_of_the_training_results():
    entry = load_catalogue(KATA / "catalogue.toml").exercise("05_linear_regression")
    assert entry.function("train_numpy").returns == ("w", "b", "losses")
    assert entry.function("train_torch").returns == ("w", "b", "losses")
