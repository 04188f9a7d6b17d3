"""Tensor functions: graded once per device, tensors compared as data in a grading process
that never imports torch; requires_grad and changed inputs are caught."""

from __future__ import annotations

import pytest

from grader.records.results import Status
from grader.workers.pool import WorkerPool
from tests.support.golden import check_golden, exercise_results
from tests.support.grading import grade_kata
from tests.support.katas import GOLDEN, copy_kata

SEED = 4


@pytest.fixture(scope="module")
def torch_pool():
    with WorkerPool(preload_torch=True) as shared:
        yield shared


@pytest.fixture(scope="module")
def report(tmp_path_factory, torch_pool):
    return grade_kata(copy_kata("tensors", tmp_path_factory.mktemp("kata")), seed=SEED,
                    pool=torch_pool)


def test_cpu_results_match_the_golden_results(report):
    check_golden(exercise_results(report, "01_tensors"), GOLDEN / "tensors" / "01_tensors.json")


def test_tensor_outcomes(report):
    status = {check.function: check.status for check in report.checks}
    assert status == {"scale": Status.PASSED, "descend": Status.PASSED,
                      "keeps_grad": Status.WRONG, "touches_input": Status.WRONG,
                      "total": Status.PASSED}
    messages = {check.function: check.message for check in report.checks}
    assert "requires_grad" in messages["keeps_grad"]
    assert "changed its input x.requires_grad" in messages["touches_input"]


@pytest.mark.cuda
def test_tensor_functions_run_on_every_device_asked_for(tmp_path, torch_pool):
    if not torch_pool.cuda_available():
        pytest.skip("no CUDA device")
    report = grade_kata(copy_kata("tensors", tmp_path), devices=("cpu", "cuda"), seed=SEED,
                      pool=torch_pool)
    found = {(check.function, check.device): check for check in report.checks}
    assert sorted(found) == sorted([(f, d) for f in ("scale", "descend", "keeps_grad",
                                                     "touches_input") for d in ("cpu", "cuda")]
                                   + [("total", "cpu")])
    assert found[("scale", "cuda")].status is Status.PASSED
    assert found[("descend", "cuda")].status is Status.PASSED
    assert found[("scale", "cuda")].max_score == 10  # points split across the devices
