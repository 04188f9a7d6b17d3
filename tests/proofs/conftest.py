"""Fixtures of the proofs that the hidden tests grade correctly: a shared worker pool, a
grading helper, and parametrisation over the learner files in tests/styles."""

from pathlib import Path

import pytest

from grader.workers.pool import WorkerPool
from tests.support.styles import CATALOGUE, KATA_ROOT, all_styles, grade, rounds, styles_of
from tests.support.sweep import Sweeper

TENSOR_EXERCISES = {entry.id for entry in CATALOGUE.exercises if entry.tensor_functions}


def pytest_generate_tests(metafunc):
    """Parametrise `correct_style`, `mistake_style`, `gpu_mistake` and `tensor_style` (every
    file of an exercise with tensor functions) over the style files."""
    chosen = {
        "correct_style": [s for s in all_styles() if s.correct],
        "mistake_style": [s for s in all_styles() if not s.correct],
        "gpu_mistake": styles_of("gpu"),
        "tensor_style": [s for s in all_styles() if s.exercise in TENSOR_EXERCISES],
    }
    for name, styles in chosen.items():
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, styles, ids=[s.name for s in styles])


@pytest.fixture(scope="session")
def pool():
    """One pool for the whole session: each reference result is computed once per request."""
    with WorkerPool(preload_torch=True) as shared:
        yield shared


@pytest.fixture
def grade_files(tmp_path, pool):
    """grade_files({exercise: file}, seed=..., devices=...) -> Report, in a fresh folder."""

    def run(files: dict[str, Path], *, seed: int, devices: tuple[str, ...] = ("cpu",)):
        return grade(tmp_path / "submission", files, seed=seed, pool=pool, devices=devices)

    return run


@pytest.fixture(scope="session")
def graded_at():
    """graded_at(seed) -> {style name: Report}: every style file of every exercise graded at
    that seed, in groups of one file per exercise, by two grading processes; each seed is
    graded once per test run, whichever tests ask for it."""
    groups = rounds(all_styles())
    seen: dict[int, dict[str, object]] = {}
    with Sweeper(KATA_ROOT, jobs=2) as sweeper:

        def at(seed: int) -> dict[str, object]:
            if seed not in seen:
                files = [{exercise: style.path for exercise, style in group.items()}
                         for group in groups]
                reports = sweeper.grade(files, seed=seed)
                seen[seed] = {style.name: report for group, report in zip(groups, reports)
                              for style in group.values()}
            return seen[seed]

        yield at
