"""catalogue.toml parsed into records, and every malformed catalogue refused by name."""

from pathlib import Path

import pytest

from grader.records.catalogue import (
    Catalogue,
    CatalogueError,
    load_catalogue,
)
from grader.records.errors import SetupError

KATA_CATALOGUE = Path(__file__).resolve().parents[2] / "catalogue.toml"

GOOD = """\
format = 1

[[exercise]]
id = "01_first"
title = "First"
title_zh = "第一"
time_limit = 2
tensor_functions = []

[exercise.points]
alpha = 30
beta = 10

[exercise.hints.alpha]
en = ["one", "two"]
zh = ["一", "二"]

[[exercise]]
id = "02_second"
title = "Second"
time_limit = 5.5
tensor_functions = ["delta"]

[exercise.points]
gamma = 40
delta = 20

[exercise.hints.delta]
en = ["only"]
"""


def load(tmp_path, text):
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8")
    return load_catalogue(path)


def refused(tmp_path, text):
    with pytest.raises(CatalogueError) as caught:
        load(tmp_path, text)
    message = str(caught.value)
    assert str(tmp_path / "catalogue.toml") in message  # names the file
    return message


# ---- the kata's own catalogue -----------------------------------------------------------------


def test_the_kata_catalogue_loads():
    catalogue = load_catalogue(KATA_CATALOGUE)
    assert catalogue.max_points > 0
    assert catalogue.name == "descent-kata" and catalogue.title.startswith("descent-kata")
    ids = [entry.id for entry in catalogue.exercises]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for entry in catalogue.exercises:
        assert entry.time_limit > 0 and entry.functions
        assert set(entry.tensor_functions) <= {f.name for f in entry.functions}


def test_the_kata_catalogue_lookups():
    catalogue = load_catalogue(KATA_CATALOGUE)
    first = catalogue.exercises[0]
    assert catalogue.exercise(first.id) is first
    assert catalogue.exercise(f"{first.number:02d}") is first
    assert catalogue.exercise(str(first.number)) is first


# ---- records ------------------------------------------------------------------------------------


def test_records_follow_the_file(tmp_path):
    catalogue = load(tmp_path, GOOD)
    assert isinstance(catalogue, Catalogue)
    first, second = catalogue.exercises
    assert (first.id, first.number, first.title, first.time_limit) == ("01_first", 1, "First", 2.0)
    alpha = first.function("alpha")
    assert [(h.id, h.en, h.zh) for h in alpha.hints] == [("alpha.1", "one", "一"),
                                                        ("alpha.2", "two", "二")]
    assert first.function("beta").hints == ()
    assert first.hint("alpha.2") is alpha.hints[1]
    assert (first.title_in("zh"), first.title_in("en"), second.title_in("zh")) == (
        "第一", "First", "Second")

    assert [(f.name, f.points, f.takes_tensors) for f in second.functions] == [
        ("gamma", 40.0, False), ("delta", 20.0, True)]
    assert (first.max_points, second.max_points) == (40.0, 60.0)
    assert second.function("delta").takes_tensors
    with pytest.raises(KeyError):
        second.function("alpha")


def test_a_hint_without_chinese_reads_in_english(tmp_path):
    hint = load(tmp_path, GOOD).exercise("02").hint("delta.1")
    assert (hint.text("zh"), hint.text("en")) == ("only", "only")


def test_records_are_frozen(tmp_path):
    entry = load(tmp_path, GOOD).exercises[0]
    with pytest.raises(AttributeError):
        entry.title = "changed"


@pytest.mark.parametrize("key, expected", [
    ("02_second", "02_second"), ("02", "02_second"), ("2", "02_second"), ("1", "01_first"),
    (" 01 ", "01_first")])
def test_exercise_by_id_or_number(tmp_path, key, expected):
    assert load(tmp_path, GOOD).exercise(key).id == expected


@pytest.mark.parametrize("key", ["3", "03_third", "second", "", "01_firs"])
def test_unknown_exercise_is_a_setup_error(tmp_path, key):
    with pytest.raises(SetupError, match="unknown exercise"):
        load(tmp_path, GOOD).exercise(key)


def test_select(tmp_path):
    catalogue = load(tmp_path, GOOD)
    assert catalogue.select([]) == catalogue.exercises
    assert [e.id for e in catalogue.select(["2", "01_first", "02"])] == ["01_first", "02_second"]
    with pytest.raises(SetupError):
        catalogue.select(["1", "9"])


def test_any_point_total_is_accepted(tmp_path):
    catalogue = load(tmp_path, GOOD.replace("alpha = 30", "alpha = 31.5"))
    assert catalogue.max_points == 101.5


def test_name_and_title_come_from_the_catalogue_or_the_folder(tmp_path):
    named = load(tmp_path, GOOD.replace("format = 1", 'format = 1\nname = "k.2"\ntitle = "K two"'))
    assert (named.name, named.title) == ("k.2", "K two")
    folder = tmp_path / "algebra-kata"
    folder.mkdir()
    unnamed = load(folder, GOOD)
    assert (unnamed.name, unnamed.title) == ("algebra-kata", "algebra-kata")


def test_the_kata_title_has_a_chinese_edition_or_falls_back_to_english(tmp_path):
    titled = load(tmp_path, GOOD.replace("format = 1", 'format = 1\ntitle = "K"\ntitle_zh = "甲"'))
    assert (titled.title_in("zh"), titled.title_in("en")) == ("甲", "K")
    plain = load(tmp_path, GOOD.replace("format = 1", 'format = 1\ntitle = "K"'))
    assert plain.title_in("zh") == "K"



# ---- refused catalogues -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("alpha = 30", "alpha = 0\nepsilon = 30", "points of alpha must be > 0"),
        ("alpha = 30", 'alpha = "30"', "points of alpha must be a number"),
        ("alpha = 30", "alpha = true", "points of alpha must be a number"),
        ('en = ["one", "two"]', 'en = ["one", " "]', "hints of alpha: en hint 2 is empty"),
        ('en = ["one", "two"]', "en = []", "hints of alpha: en must be a list of 1 to 5"),
        ('en = ["one", "two"]', 'en = ["1","2","3","4","5","6"]', "alpha: en must be a list"),
        ('en = ["one", "two"]', 'en = "one"', "hints of alpha: en must be a list"),
        ('en = ["one", "two"]', 'en = ["one"]', "as many hints, found {'en': 1, 'zh': 2}"),
        ('en = ["one", "two"]', 'fr = ["un", "deux"]', "hints of alpha: a table with en"),
        ('zh = ["一", "二"]', 'zh = ["一", "二"]\nfr = ["un", "deux"]', "unknown languages ['fr']"),
        ("[exercise.hints.alpha]", "[exercise.hints.omega]", "hints for ['omega'], which are not"),
        ('title_zh = "第一"', "title_zh = 1", "01_first: title_zh must be a string"),
        ("format = 1", "format = 1\ntitle_zh = 2", "catalogue.toml: title_zh must be a string"),
        ('id = "02_second"', 'id = "2_second"', "exercise #2: id '2_second'"),
        ('id = "02_second"', 'id = "02-second"', "exercise #2: id '02-second'"),
        ('id = "02_second"', 'id = "01_first"', "exercise 01_first: duplicate id"),
        ('id = "02_second"', 'id = "01_other"', "01_other: number 01 is also 01_first's"),
        ('id = "01_first"', 'id = "03_first"', "02_second: listed after 03_first"),
        ("time_limit = 2\n", "time_limit = 0\n", "01_first: time_limit must be > 0"),
        ("time_limit = 2\n", "time_limit = -1.5\n", "01_first: time_limit must be > 0"),
        ("time_limit = 2\n", 'time_limit = "2"\n', "01_first: time_limit must be a number"),
        ("time_limit = 2\n", "time_limit = inf\n", "01_first: time_limit must be > 0"),
        ('tensor_functions = ["delta"]', 'tensor_functions = ["omega"]',
         "02_second: tensor_functions ['omega'] are not among its functions"),
        ('tensor_functions = ["delta"]', 'tensor_functions = ["delta", "delta"]',
         "02_second: tensor_functions lists a function twice"),
        ('title = "First"', 'title = ""', "01_first: title must be"),
        ('title = "First"', 'title = "First"\ntitel = "x"', "01_first: unknown keys ['titel']"),
        ("format = 1", "format = 2", "expected `format = 1`"),
        ("format = 1", 'format = 1\nname = "my kata"', "name 'my kata' must be letters"),
        ("format = 1", "format = 1\nname = 3", "name 3 must be letters"),
        ("format = 1", 'format = 1\ntitle = " "', "catalogue.toml: title must be"),
        ("format = 1", 'format = 1\nnmae = "x"', "unknown top-level keys ['nmae']"),
    ],
)
def test_bad_catalogues_are_refused_naming_the_entry(tmp_path, old, new, words):
    assert old in GOOD
    message = refused(tmp_path, GOOD.replace(old, new, 1))
    assert words in message


def test_one_list_of_hints_for_a_whole_exercise_is_refused(tmp_path):
    text = GOOD.replace('[exercise.hints.delta]\nen = ["only"]\n', "").replace(
        'tensor_functions = ["delta"]\n', 'tensor_functions = ["delta"]\nhints = ["only"]\n')
    assert "02_second: hints are per function" in refused(tmp_path, text)


def test_missing_points_table(tmp_path):
    text = GOOD.replace("[exercise.points]\nalpha = 30\nbeta = 10\n", "")
    assert "01_first: [exercise.points] must list" in refused(tmp_path, text)


def test_no_exercises(tmp_path):
    assert "no [[exercise]] entries" in refused(tmp_path, "format = 1\n")


def test_not_toml(tmp_path):
    assert "not valid TOML" in refused(tmp_path, "format = = 1\n")


def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match="cannot read"):
        load_catalogue(tmp_path / "absent.toml")


def test_catalogue_error_is_a_setup_error():
    assert issubclass(CatalogueError, SetupError)


