"""One grading session per command: what one session chose (devices, torch or not) never
limits a later one in the same process (`grader grade --device cpu`, a notebook kernel that
runs check("01") and then check("04")). And each worker comes from the server its file
needs: NumPy files from the NumPy server, which never waits for torch.

Each case runs in a fresh interpreter: the worker servers are per process, and this test
process may have started them already."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
import sys

from tests.support.katas import REPOSITORY

# A learner file whose function says whether torch was already imported in its worker
# before the call (it never imports torch itself): true only when the server preloaded it.
PROBE = "import sys\n\ndef torch_preloaded():\n    return 'torch' in sys.modules\n"

TORCH_WORKER = """
from pathlib import Path
from grader.workers.pool import LoadSpec, WorkerPool

def torch_preloaded_in_a_new_pool(probe, server=None):
    with WorkerPool(preload_torch=True) as pool:
        request = {"op": "call", "function": "torch_preloaded", "args": [],
                   "kwargs": {"$dict": {}}, "seed": 0, "device": "cpu"}
        spec = LoadSpec(Path(probe), "probe.py", "probe", server=server)
        return pool.call("learner", spec, request, 30.0).result
"""

AFTER_A_DEVICE_PROBE = TORCH_WORKER + """
import json, sys
from grader.classroom.batch import resolve_devices
devices = resolve_devices("auto", kata_root=Path(sys.argv[1]))
print(json.dumps({"devices": list(devices),
                  "torch": torch_preloaded_in_a_new_pool(sys.argv[2])}))
"""

# Other code of the process (a learner's notebook using multiprocessing) started
# multiprocessing's forkserver with imports of its own and without torch: the worker servers
# are the grader's own, whatever other code runs.
AFTER_A_FOREIGN_SERVER = TORCH_WORKER + """
import json, sys, multiprocessing, multiprocessing.forkserver
multiprocessing.get_context("forkserver").set_forkserver_preload(["json"])
multiprocessing.forkserver.ensure_running()
print(json.dumps({"torch": torch_preloaded_in_a_new_pool(sys.argv[1])}))
"""

# What each server has imported before a worker's first call
PRELOADED = """import sys

def preloaded():
    return [name for name in ("torch", "torch._dynamo") if name in sys.modules]
"""

BY_WHAT_THE_FILE_NEEDS = """
import json, sys
from pathlib import Path
from grader.workers.pool import LoadSpec, WorkerPool

request = {"op": "call", "function": "preloaded", "args": [], "kwargs": {"$dict": {}},
           "seed": 0, "device": "cpu"}
found = {}
with WorkerPool(preload_torch=True) as pool:
    for server in ("numpy", "torch", "optimizer", None):
        spec = LoadSpec(Path(sys.argv[1]), "probe.py", f"probe_{server}", server=server)
        found[str(server)] = pool.call("learner", spec, request, 60.0).result
print(json.dumps(found))
"""

AFTER_CHECK_01_THEN_04 = TORCH_WORKER + """
import json, sys, contextlib, io
import grader
with contextlib.redirect_stdout(io.StringIO()):
    first = grader.check("01", start=sys.argv[1], seed=1)
    second = grader.check("04", start=sys.argv[1], seed=1, device="cpu")
print(json.dumps({"scores": [first.score, second.score],
                  "torch": torch_preloaded_in_a_new_pool(sys.argv[2])}))
"""


def run_script(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=REPOSITORY,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def solved_kata(tmp_path):
    """A copy of the kata whose exercises are the reference solutions."""
    import shutil

    root = tmp_path / "kata"
    for folder in ("exercises", "solutions", "hidden_tests"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    shutil.copyfile(REPOSITORY / "catalogue.toml", root / "catalogue.toml")
    for solution in (root / "solutions").glob("*.py"):
        shutil.copyfile(solution, root / "exercises" / solution.name)
    return root


def test_a_device_probe_does_not_stop_torch_being_preloaded_later(tmp_path):
    # `grade` probes for CUDA from a server started without torch; a later pool needing
    # torch must still get it preloaded
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    found = run_script(AFTER_A_DEVICE_PROBE, REPOSITORY, probe)
    assert found == {"devices": ["cpu"], "torch": True}


def test_a_forkserver_other_code_started_without_torch_changes_nothing(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    assert run_script(AFTER_A_FOREIGN_SERVER, probe) == {"torch": True}


def test_each_file_is_forked_from_the_server_it_needs(tmp_path):
    # A NumPy exercise in a torch pool (the whole kata) runs on the NumPy server, so it is
    # graded while torch is still importing; a tensor file gets torch preloaded, one whose
    # reference trains with torch.optim torch._dynamo too; a file that does not say gets the
    # pool's choice.
    probe = tmp_path / "probe.py"
    probe.write_text(PRELOADED)
    assert run_script(BY_WHAT_THE_FILE_NEEDS, probe) == {
        "numpy": [], "torch": ["torch"], "optimizer": ["torch", "torch._dynamo"],
        "None": ["torch"]}


def test_each_exercise_of_the_kata_names_its_server():
    from grader.grading.session import optimizer_functions, worker_server
    from grader.records.catalogue import load_catalogue
    from grader.records.paths import KataPaths

    from grader.workers.servers import NAMES

    paths = KataPaths(REPOSITORY)
    chosen = {entry.id: (worker_server(entry), sorted(optimizer_functions(entry, paths)))
              for entry in load_catalogue(paths.catalogue).exercises}
    # the course's five as they are; an exercise added later has a server of some kind
    assert {name: chosen[name] for name in KNOWN_SERVERS} == KNOWN_SERVERS
    assert all(server in NAMES for server, _ in chosen.values()), chosen


KNOWN_SERVERS = {"01_derivatives": ("numpy", []), "02_gradient_descent": ("numpy", []),
                 "03_partial_derivatives": ("numpy", []),
                 "04_autograd": ("torch", ["minimize_with_optimizer"]),
                 "05_linear_regression": ("torch", [])}


def test_check_01_then_check_04_in_one_kernel_preloads_torch_for_04(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    found = run_script(AFTER_CHECK_01_THEN_04, solved_kata(tmp_path), probe)
    assert found == {"scores": [20.0, 20.0], "torch": True}


def test_the_probe_can_tell_a_server_without_torch(tmp_path):
    # The check above must be able to fail: a pool that does not ask for torch gets none.
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    script = TORCH_WORKER.replace("preload_torch=True", "preload_torch=False") + (
        "\nimport json, sys\n"
        "print(json.dumps({'torch': torch_preloaded_in_a_new_pool(sys.argv[1])}))")
    assert run_script(script, probe) == {"torch": False}


SERVER_PIDS = """
from grader.workers import servers
servers.start(["numpy", "optimizer"])  # the NumPy and torch servers
servers.server("optimizer")  # forked from the torch server: no child of this process
print(*servers.pids().values())
"""


def test_the_servers_end_with_the_process_that_started_them(tmp_path):
    # Left alone they would outlive it by the time torch takes to tear down, holding its
    # output open; they are gone by the time it has exited.
    out = tmp_path / "pids.txt"
    with out.open("w") as stdout:
        subprocess.run([sys.executable, "-c", SERVER_PIDS], cwd=REPOSITORY, stdout=stdout,
                       check=True, timeout=120)
    pids = [int(pid) for pid in out.read_text().split()]
    assert len(pids) == 3 and all(pids)
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            continue
        # a zombie runs nothing and holds nothing open: it waits for init to reap it
        assert state == "Z", f"server {pid} outlived the process that started it ({state})"


STARTED_FOR = """
import json, sys
from pathlib import Path
from grader.grading.session import GradingSession
from grader.workers import servers

with GradingSession.open(Path(sys.argv[1]), exercises=sys.argv[2:], device="cpu", seed=1):
    print(json.dumps({name: pid is not None for name, pid in servers.pids().items()}))
"""


def test_a_session_starts_the_servers_its_exercises_need_and_no_other():
    # The optimizer server waits for torch: it starts with the first torch worker, not here.
    started = {exercises: run_script(STARTED_FOR, REPOSITORY, *exercises.split())
               for exercises in ("02", "05", "04", "02 04")}
    assert started == {
        "02": {"numpy": True, "torch": False, "optimizer": False},
        "05": {"numpy": False, "torch": True, "optimizer": False},
        "04": {"numpy": False, "torch": True, "optimizer": False},
        "02 04": {"numpy": True, "torch": True, "optimizer": False},
    }


GRADED_WITH = """
import json, sys
from pathlib import Path
from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.workers import servers

with GradingSession.open(Path(sys.argv[1]), exercises=["05"], device="cpu", seed=1) as session:
    report = run_kata(session)
    print(json.dumps({"score": report.score, "optimizer": servers.pids()["optimizer"] is not None}))
"""


def test_a_learner_who_trains_with_torch_optim_is_forked_from_the_optimizer_server(tmp_path):
    # Its optimizer's first step imports torch._dynamo (most of a second): once in the
    # optimizer server, not in every such learner's worker. The reference of 05 uses no
    # optimizer, so with the solution in place no optimizer server starts at all.
    kata = solved_kata(tmp_path)
    solution = run_script(GRADED_WITH, kata)
    target = kata / "exercises" / "05_linear_regression.py"
    target.write_text((REPOSITORY / "tests" / "styles" / "05_linear_regression"
                       / "correct_loops.py").read_text())
    with_optim = run_script(GRADED_WITH, kata)
    assert solution == {"score": 20.0, "optimizer": False}
    assert with_optim == {"score": 20.0, "optimizer": True}


PASSING_ORDER = """
import json, sys
from pathlib import Path
from grader.grading.runner import run_kata
from grader.grading.session import GradingSession

passed = []
with GradingSession.open(Path(sys.argv[1]), exercises=["04", "05"], device="cpu",
                         seed=1) as session:
    report = run_kata(session, recorder=lambda checked: passed.append(checked.exercise))
print(json.dumps({"score": report.score, "order": list(dict.fromkeys(passed))}))
"""


def test_a_learner_graded_on_the_optimizer_server_is_graded_after_the_others(tmp_path):
    # The optimizer server imports torch._dynamo after torch: 05 is graded meanwhile, not
    # kept waiting behind 04, whose learner file (naming torch.optim) is graded there whole.
    found = run_script(PASSING_ORDER, solved_kata(tmp_path))
    assert found == {"score": 40.0, "order": ["05_linear_regression", "04_autograd"]}


SERVER_OUTPUTS = """
import json, os, sys
from grader.workers import servers
servers.start(["numpy", "torch"])
servers.server("optimizer")
pids = list(servers.pids().values())
print(json.dumps({"servers": [[os.readlink(f"/proc/{pid}/fd/{fd}") for fd in (1, 2)]
                              for pid in pids],
                  "own": [os.readlink(f"/proc/self/fd/{fd}") for fd in (1, 2)]}))
print("still heard", file=sys.stderr)
"""


def test_the_servers_write_nothing_to_the_terminal_and_this_process_still_does():
    # A server that read a fork request cut short by Ctrl-C printed its traceback on the
    # learner's terminal; its output goes to /dev/null, and the grading process keeps its own.
    done = subprocess.run([sys.executable, "-c", SERVER_OUTPUTS], cwd=REPOSITORY,
                          capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["servers"] == [["/dev/null", "/dev/null"]] * 3
    assert all(target.startswith("pipe:") for target in found["own"])
    assert "still heard" in done.stderr


def test_a_session_reads_the_optimizer_functions_once_for_every_run_it_grades(pool, monkeypatch):
    # run_kata takes them from the session: a batch grading 100 submissions parses each
    # solution once, not once per submission.
    from grader.grading.session import GradingSession

    from grader.grading import session as session_module
    from grader.grading.runner import run_kata

    parsed = []
    original = session_module.optimizer_functions
    monkeypatch.setattr(session_module, "optimizer_functions",
                        lambda entry, paths: parsed.append(entry.id) or original(entry, paths))
    session = GradingSession.open(REPOSITORY, device="cpu", seed=1, pool=pool)
    found = {name: sorted(functions) for name, functions in session.optimizer.items()}
    assert {name: found[name] for name in KNOWN_SERVERS} == {
        name: functions for name, (_, functions) in KNOWN_SERVERS.items()}
    ids = [entry.id for entry in session.catalogue.exercises]
    assert sorted(found) == sorted(ids)
    for _ in range(3):
        run_kata(session, sources_root=REPOSITORY)  # the stubs: quick to grade
    assert sorted(parsed) == sorted(ids)  # once each, at the session's opening


RESTARTED = TORCH_WORKER.replace("preload_torch=True", "preload_torch=False") + """
import json, os, signal, sys
from grader.workers import servers
servers.start(["numpy"])
first = servers.pids()["numpy"]
os.kill(first, signal.SIGKILL)
os.waitpid(first, 0)  # gone before the next pool asks for it
torch_preloaded_in_a_new_pool(sys.argv[1])
print(json.dumps({"first": first, "now": servers.pids()["numpy"]}))
"""


def test_a_server_that_died_is_started_again_when_next_needed(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    found = run_script(RESTARTED, probe)
    assert found["now"] not in (None, found["first"])
