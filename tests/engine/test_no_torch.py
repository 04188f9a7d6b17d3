"""A NumPy-only run never imports torch: not in the grading process, not in its workers.

Run in a fresh interpreter, since the test process itself may have imported torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.katas import FIXTURE_KATAS as KATAS

SCRIPT = """
import json, sys
from pathlib import Path
from grader.workers.pool import LoadSpec, WorkerPool
from tests.support.grading import grade_kata

kata, probe = Path(sys.argv[1]), Path(sys.argv[2])
with WorkerPool() as pool:
    report = grade_kata(kata, exercises=["01", "02"], seed=1, pool=pool)
    spec = LoadSpec(probe, "probe.py", "probe")
    request = {"op": "call", "function": "torch_loaded", "args": [], "kwargs": {"$dict": {}},
               "seed": 0, "device": "cpu"}
    in_worker = pool.call("learner", spec, request, 10.0).result
print(json.dumps({"checks": len(report.checks), "grading_process": "torch" in sys.modules,
                  "worker": in_worker}))
"""


def test_a_numpy_only_run_never_imports_torch(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import sys\n\ndef torch_loaded():\n    return 'torch' in sys.modules\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(KATAS / "trust"), str(probe)],
                          capture_output=True, text=True, cwd=root, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"checks": 4, "grading_process": False, "worker": False}
