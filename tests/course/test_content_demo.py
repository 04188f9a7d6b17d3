"""The 13-feature data set and the demo that trains on it."""

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from grader.records.pristine import pristine_stub

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "exercises" / "data"


@pytest.fixture(scope="module")
def demo(load_shipped):
    return load_shipped("exercises/demo.py")


def read_data():
    lines = (DATA / "regression13.csv").read_text().splitlines()
    table = np.loadtxt(DATA / "regression13.csv", delimiter=",", skiprows=1)
    return lines[0].split(","), table, json.loads((DATA / "regression13.json").read_text())


def test_data_has_13_features_and_known_weights():
    header, table, truth = read_data()
    assert header == [f"x{i}" for i in range(1, 14)] + ["y"]
    assert table.shape == (truth["samples"], 14) and len(truth["weights"]) == 13
    X, y = table[:, :13], table[:, 13]
    # y is the true model plus noise of the stated size.
    residual = y - (X @ np.array(truth["weights"]) + truth["bias"])
    assert 0.7 * truth["noise_std"] < residual.std() < 1.3 * truth["noise_std"]
    assert abs(residual.mean()) < 4 * truth["noise_std"] / np.sqrt(len(y))


def test_data_is_what_its_script_makes(load_shipped):
    script = load_shipped("exercises/data/make_regression13.py")
    X, y, weights, bias = script.make()
    _, table, truth = read_data()
    np.testing.assert_allclose(table, np.column_stack([X, y]), rtol=1e-9)
    assert truth["weights"] == weights.tolist() and truth["bias"] == bias


def test_demo_with_the_reference_shows_falling_loss_and_weights(demo, capsys):
    assert demo.main(["--reference", "--epochs", "60", "--no-plot"]) == 0
    out = capsys.readouterr().out
    assert "diverged" not in out
    rows = re.findall(r"^\s+(\d+)\s+(\S+)\s+(\S+)$", out, re.M)
    epochs = [int(r[0]) for r in rows]
    numpy_losses = [float(r[1]) for r in rows]
    assert epochs[0] == 0 and epochs[-1] == 59
    assert numpy_losses == sorted(numpy_losses, reverse=True) and numpy_losses[-1] < 0.5
    _, _, truth = read_data()
    for i, w in enumerate(truth["weights"], start=1):
        line = re.search(rf"^\s+w{i}\s+(.*)$", out, re.M).group(1).split()
        assert float(line[0]) == pytest.approx(w, rel=1e-4)
        # NumPy, torch and exact answers agree with each other and roughly with the truth.
        assert float(line[1]) == pytest.approx(float(line[3]), rel=1e-2)
        assert float(line[2]) == pytest.approx(float(line[3]), rel=1e-2)
    assert re.search(r"^\s+b\s", out, re.M)


def test_demo_names_the_unfinished_functions(demo, capsys, monkeypatch, tmp_path):
    # The shipped stub, wherever the learner has got to in their own copy.
    (tmp_path / "exercises").mkdir()
    stub = pristine_stub(ROOT, "05_linear_regression")
    (tmp_path / "exercises" / "05_linear_regression.py").write_text(stub, encoding="utf-8")
    monkeypatch.setattr(demo, "ROOT", tmp_path)
    assert demo.main([]) == 1
    out = capsys.readouterr().out
    assert "exercises/05_linear_regression.py" in out
    for name in ("predict", "mse_loss", "mse_gradients", "train_numpy", "train_torch",
                 "normal_equation", "standardize"):
        assert name in out


def test_a_learning_rate_too_large_is_named_in_words(demo, capsys):
    assert demo.main(["--reference", "--epochs", "40", "--learning-rate", "1.5",
                      "--no-plot"]) == 0
    out = capsys.readouterr().out
    assert "WARNING: training diverged: the loss grew from 55.7" in out
    assert "Learning rate 1.5 is too large" in out and "smaller --learning-rate" in out


def test_without_standardizing_a_small_rate_crawls_and_a_large_one_diverges(demo, capsys):
    assert demo.main(["--reference", "--epochs", "30", "--no-standardize",
                      "--learning-rate", "1e-8", "--no-plot"]) == 0
    out = capsys.readouterr().out
    assert "features NOT standardized" in out and "diverged" not in out
    losses = [float(r) for r in re.findall(r"^\s+\d+\s+(\S+)\s+\S+$", out, re.M)]
    assert losses == sorted(losses, reverse=True) and losses[-1] > 0.5  # far from 0.23
    demo.main(["--reference", "--epochs", "30", "--no-standardize", "--no-plot"])
    assert "too large for features that are not standardized" in capsys.readouterr().out


def test_the_picture_is_written_where_asked(demo, capsys, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "demo.png"
    assert demo.main(["--reference", "--epochs", "30", "--plot", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"picture written to {out}" in capsys.readouterr().out


def test_without_matplotlib_the_tables_are_the_whole_output(demo, capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    out = tmp_path / "demo.png"
    assert demo.main(["--reference", "--epochs", "30", "--plot", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "pip install matplotlib" in printed and re.search(r"^\s+w13\s", printed, re.M)
    assert not out.exists()


def test_a_diverging_run_draws_its_climb_and_says_where_it_overflowed(demo, capsys, tmp_path):
    """Raw features at the default rate: the loss passes 1e308 at epoch 23. The table says
    so, the loss panel shows the climb up to the ceiling (no empty panel, no overflow
    warning from matplotlib's ticks), and the standardized bowl is drawn with equal axes."""
    pytest.importorskip("matplotlib")
    import warnings

    from matplotlib.figure import Figure

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails the test
        assert demo.main(["--reference", "--no-standardize", "--plot",
                          str(tmp_path / "d.png")]) == 0
    out = capsys.readouterr().out
    assert "overflowed (no longer a number) at epoch 23" in out
    run = {"losses_np": np.array([10.0, 1e10, 1e40, np.inf]),
           "losses_t": np.array([10.0, 1e10, 1e40, np.nan])}
    axis = Figure().subplots()
    demo.draw_losses(axis, run, type("Args", (), {"learning_rate": 0.1}))
    drawn = axis.get_lines()[0].get_ydata()
    assert list(drawn[:2]) == [10.0, 1e10] and np.isnan(drawn[2:]).all()
    assert "overflows at epoch 3" in axis.get_title()
    X = demo.np.random.default_rng(0).normal(size=(50, 5))
    round_axis = Figure().subplots()
    demo.draw_valley(round_axis, demo.load_exercise(ROOT / "solutions" /
                                                    "05_linear_regression.py"),
                     X, X @ np.ones(5), "bowl", round_axes=True)
    assert round_axis.get_aspect() == 1.0
