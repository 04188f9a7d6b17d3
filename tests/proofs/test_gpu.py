"""Device parity: tensor functions graded on CUDA keep their device and dtype and match the
reference computed there. The CUDA tests skip cleanly where no CUDA device is available;
the GPU-only mistakes are also checked to pass on the CPU, as they declare."""

import pytest

from grader.records.results import Status
from tests.support.styles import CATALOGUE, EXERCISES, KATA_ROOT

SEED = 2026
BOTH = ("cpu", "cuda")


@pytest.fixture(scope="session")
def cuda(pool):
    """Skips the test unless a worker's torch sees a CUDA device (asked of a worker, so
    this process never imports torch)."""
    if not pool.cuda_available():
        pytest.skip("no CUDA device available")


def test_gpu_mistake_earns_full_marks_on_the_cpu(grade_files, gpu_mistake):
    report = grade_files({gpu_mistake.exercise: gpu_mistake.path}, seed=SEED)
    assert gpu_mistake.problems(report) == []
    assert report.score == report.max_score


@pytest.mark.cuda
def test_solutions_earn_every_point_on_cpu_and_cuda(cuda, grade_files):
    files = {exercise: KATA_ROOT / "solutions" / f"{exercise}.py" for exercise in EXERCISES}
    report = grade_files(files, seed=SEED, devices=BOTH)
    failed = [f"{c.exercise}.{c.function}[{c.device}]: {c.message[:600]}"
              for c in report.checks if c.status is not Status.PASSED]
    assert failed == []
    assert {c.device for c in report.checks} == set(BOTH)
    assert report.score == report.max_score == CATALOGUE.max_points


@pytest.mark.cuda
def test_gpu_mistake_is_caught_on_cuda_only(cuda, grade_files, gpu_mistake):
    report = grade_files({gpu_mistake.exercise: gpu_mistake.path}, seed=SEED, devices=BOTH)
    assert gpu_mistake.problems(report) == []
    assert gpu_mistake.broken_on("cuda")


@pytest.mark.cuda
def test_tensor_exercise_style_grades_as_declared_on_cuda(cuda, grade_files, tensor_style):
    report = grade_files({tensor_style.exercise: tensor_style.path}, seed=SEED, devices=BOTH)
    assert tensor_style.problems(report) == []
