"""`--device auto` asks a worker whether torch sees a GPU, and that worker waits for the torch
server's import; where the installed torch was built without GPU support the answer is known
without it, and the grading process goes on (the NumPy exercises of a whole-kata run)."""

from __future__ import annotations

import pytest

from grader.workers import pool as pool_module
from grader.workers import torch_build


@pytest.mark.parametrize("may_see_a_gpu, answer, probes", [
    (False, False, 0),  # a build without GPU support: known without a worker
    (True, True, 1),  # one that may see a GPU: the worker's answer, whatever it is
])
def test_a_worker_is_asked_only_where_the_build_may_see_a_gpu(monkeypatch, may_see_a_gpu,
                                                              answer, probes):
    asked = []
    monkeypatch.setattr(torch_build, "may_see_a_gpu", lambda: may_see_a_gpu)
    monkeypatch.setattr(pool_module.Worker, "probe",
                        lambda self, timeout: asked.append(timeout) or True)
    with pool_module.WorkerPool() as pool:
        assert pool.cuda_available() is answer
    assert len(asked) == probes
