"""`grader.hint("01")` in a notebook prints what `grader hint 01` prints, and stays quiet while
the grader loads the notebook to grade it."""


def test_hint_in_a_cell_prints_the_next_hint(kata, monkeypatch, capsys):
    monkeypatch.chdir(kata / "exercises")
    exec("from grader import hint\nhint('1')", {"__name__": "__main__"})
    printed = capsys.readouterr().out
    assert printed.startswith("Hint 1 of 1 for 01_squares, function square: Multiply")


def test_hint_while_the_notebook_is_being_graded_does_nothing(kata, monkeypatch, capsys):
    monkeypatch.chdir(kata / "exercises")
    exec("from grader import hint\nhint('1')", {"__name__": "learner_notebook"})
    assert capsys.readouterr().out == ""
    assert not (kata / ".grader").exists()  # the hint count did not move
