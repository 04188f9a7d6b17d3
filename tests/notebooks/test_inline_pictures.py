"""check() in a notebook shows the picture of a wrong function, and only of a wrong one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.notebooks.pictures_inline import show_wrong, wrong_pictured
from grader.records.paths import KataPaths
from tests.support.grading import grade_kata

ROOT = Path(__file__).resolve().parents[2]
MISTAKE = ROOT / "tests" / "styles" / "02_gradient_descent" / "mistake_path_missing_x0.py"


@pytest.fixture
def real_kata(tmp_path: Path) -> KataPaths:
    for name in ("exercises", "solutions", "hidden_tests"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copyfile(ROOT / "catalogue.toml", tmp_path / "catalogue.toml")
    return KataPaths(tmp_path)


def png_of(shown) -> bytes:
    return getattr(shown, "data", shown)  # IPython's Image, or the bytes without IPython


def test_a_wrong_path_is_shown_and_a_correct_one_is_not(real_kata):
    pytest.importorskip("matplotlib")  # the learn (and test) extra
    shutil.copyfile(MISTAKE, real_kata.exercises / "02_gradient_descent.py")
    report = grade_kata(real_kata.root, exercises=["02_gradient_descent"], seed=1)
    assert wrong_pictured(report, real_kata) == [("02_gradient_descent", "descent_path")]
    shown = []
    assert show_wrong(report, real_kata, display=shown.append) == 1
    assert png_of(shown[0])[:8] == b"\x89PNG\r\n\x1a\n"

    shutil.copyfile(real_kata.solution("02_gradient_descent"),
                    real_kata.exercises / "02_gradient_descent.py")
    report = grade_kata(real_kata.root, exercises=["02_gradient_descent"], seed=1)
    assert show_wrong(report, real_kata, display=shown.append) == 0
    assert len(shown) == 1


def test_stubs_get_no_picture_and_outside_a_kernel_nothing_is_drawn(real_kata):
    report = grade_kata(real_kata.root, exercises=["02_gradient_descent"], seed=1)
    assert wrong_pictured(report, real_kata) == []  # not started is not wrong
    shutil.copyfile(MISTAKE, real_kata.exercises / "02_gradient_descent.py")
    report = grade_kata(real_kata.root, exercises=["02_gradient_descent"], seed=1)
    # No display given and no IPython kernel running these tests: nothing is shown.
    assert show_wrong(report, real_kata) == 0
