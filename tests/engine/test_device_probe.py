"""`--device auto` asks a worker whether torch sees a GPU, and that worker waits for the torch
server's import; where the installed torch was built without GPU support the answer is known
without it, and the grading process goes on (the NumPy exercises of a whole-kata run)."""

from __future__ import annotations

from grader.workers import pool as pool_module
from grader.workers import torch_build


def test_a_torch_built_without_gpu_support_is_not_probed(monkeypatch):
    asked = []
    monkeypatch.setattr(torch_build, "may_see_a_gpu", lambda: False)
    monkeypatch.setattr(pool_module.Worker, "probe",
                        lambda self, timeout: asked.append(timeout) or True)
    with pool_module.WorkerPool() as pool:
        assert pool.cuda_available() is False
    assert asked == []


def test_a_build_that_may_see_one_is_asked_of_a_worker(monkeypatch):
    asked = []
    monkeypatch.setattr(torch_build, "may_see_a_gpu", lambda: True)
    monkeypatch.setattr(pool_module.Worker, "probe",
                        lambda self, timeout: asked.append(timeout) or True)
    with pool_module.WorkerPool() as pool:
        assert pool.cuda_available() is True  # the worker's answer, whatever it is
    assert len(asked) == 1
