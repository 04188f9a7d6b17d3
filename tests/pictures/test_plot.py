"""`grader plot`: the learner's result and the reference's, from their workers, on the kata's
fixed inputs (hidden_tests/pictures.py); and grading that never loads matplotlib."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from grader.cli import main
from grader.pictures.panels import picture
from grader.records.catalogue import load_catalogue
from grader.records.errors import SetupError
from grader.records.paths import KataPaths
from grader.records.pristine import pristine_stub
from grader.workers.pool import WorkerPool

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT / "tests" / "styles"


@pytest.fixture
def kata(tmp_path: Path) -> KataPaths:
    """A copy of the kata whose exercise files are the stubs as shipped (git's copy: a
    learner's solved working files must not change what these tests see)."""
    for name in ("exercises", "solutions", "hidden_tests"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copyfile(ROOT / "catalogue.toml", tmp_path / "catalogue.toml")
    for entry in load_catalogue(ROOT / "catalogue.toml").exercises:
        stub = tmp_path / "exercises" / f"{entry.id}.py"
        stub.write_text(pristine_stub(ROOT, entry.id), encoding="utf-8")
    return KataPaths(tmp_path)


@pytest.fixture(scope="module")
def pool():
    with WorkerPool() as shared:
        yield shared


def learner(kata: KataPaths, exercise: str, file: Path) -> None:
    shutil.copyfile(file, kata.exercises / f"{exercise}.py")


def draw(kata: KataPaths, key: str, function: str | None, pool: WorkerPool):
    entry = load_catalogue(kata.catalogue).exercise(key)
    try:
        return picture(kata, entry, function, pool)
    finally:
        pool.close_role("learner")


def test_a_correct_descent_path_lies_on_the_reference(kata, pool):
    learner(kata, "02_gradient_descent", kata.solution("02_gradient_descent"))
    drawn = draw(kata, "02", None, pool)
    assert drawn.function == "descent_path" and drawn.notes == []
    calm, wild = drawn.panels
    for panel in (calm, wild):
        np.testing.assert_allclose(panel.series["learner"][0], panel.series["reference"][0])
        assert panel.backdrop  # the curve the path runs on
    assert "diverges" not in calm.title and "diverges" in wild.title
    steps = np.abs(np.diff(wild.series["reference"][0]))
    assert steps[-1] > steps[0]  # the picture's too-large learning rate really diverges


def test_a_path_without_x0_is_drawn_one_point_short(kata, pool):
    mistake = STYLES / "02_gradient_descent" / "mistake_path_missing_x0.py"
    learner(kata, "02_gradient_descent", mistake)
    calm = draw(kata, "02", "descent_path", pool).panels[0]
    mine, reference = calm.series["learner"][0], calm.series["reference"][0]
    assert reference[0] == 3.0 and 3.0 not in mine
    np.testing.assert_allclose(mine[:5], reference[1:6])


def test_a_stub_is_named_and_the_reference_drawn_alone(kata, pool):
    drawn = draw(kata, "02", "descent_path", pool)
    assert len(drawn.notes) == 1 and "not started" in drawn.notes[0]
    assert "descent_path" in drawn.notes[0]
    assert all(set(panel.series) == {"reference"} for panel in drawn.panels)


def test_a_path_in_the_plane_goes_uphill_when_the_step_goes_uphill(kata, pool):
    (kata.exercises / "03_partial_derivatives.py").write_text(
        kata.solution("03_partial_derivatives").read_text().replace(
            "p - learning_rate *", "p + learning_rate *"))
    panel = draw(kata, "03", None, pool).panels[0]
    assert panel.contour is not None
    mine, reference = np.column_stack(panel.series["learner"]), np.column_stack(
        panel.series["reference"])
    assert np.allclose(mine[0], reference[0]) and not np.allclose(mine[-1], reference[-1])


def test_loss_curves_of_linear_regression_fall(kata, pool):
    learner(kata, "05_linear_regression", kata.solution("05_linear_regression"))
    panel = draw(kata, "05", "train_numpy", pool).panels[0]
    epochs, losses = panel.series["reference"]
    assert list(epochs) == list(range(60)) and losses[-1] < losses[0] / 10 and panel.log_y
    np.testing.assert_allclose(panel.series["learner"][1], losses)


def test_an_unknown_function_is_a_usage_error_naming_the_choices(kata, pool):
    entry = load_catalogue(kata.catalogue).exercise("02")
    with pytest.raises(SetupError, match="descent_path, gradient_descent"):
        picture(kata, entry, "descend_until", pool)


def test_the_command_writes_a_png(kata, monkeypatch, tmp_path, capsys):
    pytest.importorskip("matplotlib")  # the learn (and test) extra
    learner(kata, "01_derivatives", kata.solution("01_derivatives"))
    monkeypatch.chdir(kata.root)
    out = tmp_path / "p.png"
    assert main(["plot", "01", "tangent_line", "--out", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize("display", [None, ":99"], ids=["no-display", "no-gui-backend"])
def test_without_a_window_the_png_goes_to_the_state_folder(kata, monkeypatch, capsys, display):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(kata.root)
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    if display:  # a display, but only a backend that cannot open windows
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.setenv("MPLBACKEND", "Agg")
    assert main(["plot", "01"]) == 0
    written = kata.state / "plot-01_derivatives-tangent_line.png"
    assert written.is_file() and str(written) in capsys.readouterr().out


def test_grading_never_loads_matplotlib(kata):
    code = ("import sys; from grader.cli import main; import grader.notebooks.inline; "
            "main(['run', '01', '02']); print('matplotlib' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], cwd=kata.root, env=env,
                            capture_output=True, text=True, timeout=120)
    assert "not started" in result.stdout  # it did grade
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_without_matplotlib_the_picture_says_how_to_install_it(monkeypatch):
    from grader.pictures import drawing

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    with pytest.raises(SetupError, match="pip install matplotlib"):
        drawing.check_installed()


def test_a_loop_that_never_clears_the_gradient_shows_in_its_loss_curve(kata, pool):
    learner(kata, "04_autograd", STYLES / "04_autograd" / "mistake_minimize_forgets_zero_grad.py")
    panel = draw(kata, "04", "minimize", pool).panels[0]
    epochs, reference = panel.series["reference"]
    mine = panel.series["learner"][1]
    assert len(epochs) == 26 and reference[-1] < 1e-6 * reference[0]  # the bowl is descended
    assert mine[0] == pytest.approx(reference[0]) and mine[-1] > 1e3 * reference[-1]


def test_without_a_reference_the_learner_is_drawn_alone_and_judged(kata, pool):
    shutil.rmtree(kata.solutions)  # as in a student edition
    learner(kata, "02_gradient_descent", STYLES / "02_gradient_descent" / "correct_plain.py")
    drawn = draw(kata, "02", "descent_path", pool)
    assert len(drawn.notes) == 1 and "student edition" in drawn.notes[0]
    assert all(set(panel.series) == {"learner"} for panel in drawn.panels)
    assert "diverges" in drawn.panels[1].title and "diverges" not in drawn.panels[0].title


@pytest.mark.filterwarnings("ignore:Glyph")  # the font named here need not exist
def test_chinese_labels_use_an_installed_chinese_font(kata, pool, monkeypatch):
    pytest.importorskip("matplotlib")
    from matplotlib.text import Text

    from grader.pictures import drawing
    from grader.records import messages

    learner(kata, "02_gradient_descent", kata.solution("02_gradient_descent"))
    monkeypatch.setattr(drawing, "label_font", lambda language: "Some CJK Sans")
    with messages.language("zh"):
        fig = drawing.figure(draw(kata, "02", None, pool))
    families = {tuple(text.get_fontfamily()) for text in fig.findobj(Text) if text.get_text()}
    assert families == {("Some CJK Sans", "DejaVu Sans")}


def test_without_a_chinese_font_the_picture_is_labelled_in_english(monkeypatch):
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from grader.pictures import drawing

    fonts = [font for font in font_manager.fontManager.ttflist
             if font.name not in drawing.CJK_FAMILIES]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", fonts)
    assert drawing.label_font("zh") is None and drawing.labels_language("zh") == "en"
    assert drawing.labels_language("en") == "en"


def test_plot_02_draws_the_first_function_the_last_run_failed(kata, monkeypatch, capsys):
    """A wrong gradient_descent beside a right descent_path: the picture is the one that
    shows the mistake, not descent_path's (which would look like the reference)."""
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(kata.root)
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    learner(kata, "02_gradient_descent",
            STYLES / "02_gradient_descent" / "mistake_descent_adds_the_step.py")
    assert main(["plot", "02"]) == 0  # before any run: the first pictured function
    assert (kata.state / "plot-02_gradient_descent-descent_path.png").is_file()
    assert main(["run", "02", "--seed", "3"]) == 1
    capsys.readouterr()
    assert main(["plot", "02"]) == 0
    written = kata.state / "plot-02_gradient_descent-gradient_descent.png"
    assert written.is_file() and str(written) in capsys.readouterr().out
