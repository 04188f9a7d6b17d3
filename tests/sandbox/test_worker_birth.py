"""How a learner's worker gets its PID namespace. As root with a control group for its
submission, its server makes the namespace at the worker's birth: one process, no guard
(the group caps memory, CPU and processes). Without a group (a default container, an
ordinary user, here made so), the worker makes it itself and forks its guard."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.katas import REPOSITORY

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="groups are made for root only")

# The process tree below the NumPy server while one learner worker is loaded: for each child
# of the server, its namespaced pids (NSpid) and its own children's.
TREE = """
import json, os, shutil, sys, tempfile
from pathlib import Path
from grader.workers import resource_group, servers
from grader.workers.pool import LoadSpec, WorkerPool

if sys.argv[2] == "no-group":
    resource_group.ResourceGroup.create = classmethod(lambda cls, memory, processes: None)

def ns_pids(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("NSpid:"):
            return line.split()[1:]

def children(pid):
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()

root = Path(sys.argv[1])
scratch = Path(tempfile.mkdtemp(dir="/var/tmp"))
submission = scratch / "learner"
(submission / "exercises").mkdir(parents=True)
name = "01_derivatives.py"
shutil.copyfile(root / "solutions" / name, submission / "exercises" / name)
for path in (scratch, submission, submission / "exercises", submission / "exercises" / name):
    path.chmod(0o755)
try:
    with WorkerPool(hidden=(root / "solutions",)) as pool:
        pool.confine_to(submission)
        loaded = pool.worker("learner", LoadSpec(submission / "exercises" / name, name,
                                                 "01")).load()
        server = servers.pids()["numpy"]
        tree = [{"ns_pids": ns_pids(child),
                 "children": [ns_pids(grandchild) for grandchild in children(child)]}
                for child in children(server)]
        print(json.dumps({"sandbox": loaded.sandbox, "tree": tree}))
finally:
    shutil.rmtree(scratch)
"""


def tree(mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", TREE, str(REPOSITORY), mode],
                          cwd=REPOSITORY, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_root
def test_with_a_control_group_the_worker_is_born_process_1_and_has_no_guard():
    found = tree("group")
    assert found["sandbox"].startswith("mount-ns") and "pid-ns" in found["sandbox"]
    [worker] = found["tree"]
    assert worker["ns_pids"][-1] == "1" and len(worker["ns_pids"]) == 2
    assert worker["children"] == []  # no guard, nothing else


@needs_root
def test_without_a_control_group_its_guard_forks_it_into_the_namespace():
    # the guard counts the memory of all it started and lowers their priority: the group's
    # work, done where there is no group
    found = tree("no-group")
    assert found["sandbox"].startswith("mount-ns") and "pid-ns" in found["sandbox"]
    [guard] = found["tree"]
    assert len(guard["ns_pids"]) == 1  # in the grading process's namespace
    [worker] = guard["children"]
    assert worker[-1] == "1" and len(worker) == 2
