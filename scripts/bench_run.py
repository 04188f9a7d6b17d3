"""Speed of `grader run` as ratios to the floors measured in the same run (design.md):

- one NumPy-only exercise against `python -c "import numpy, pytest"` (target: within 3x),
- each torch exercise against `python -c "import torch"` (target: within 1.5x; an exercise
  whose reference trains with torch.optim cannot get there: an optimizer's first step
  imports torch._dynamo, and importing torch and torch._dynamo alone, without even exiting
  the interpreter, takes about 1.5x; the script prints that floor too),
- the whole kata against `python -c "import torch"` (target: within 2x),

plus the peak memory of a run (resident sets of the grading process and its workers).

    python scripts/bench_run.py [KATA_ROOT] [--repeat N] [--solved]

KATA_ROOT defaults to this checkout. --solved grades a copy of it whose exercise files are
the reference solutions (every check runs to the end, as for a learner who is done). The
grader measured is the one beside this script.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]
# Runs a command and reports its wall time, or (given "memory") its peak memory: the largest
# sum, over samples taken every 20 ms, of the proportional set sizes (PSS: pages shared after a fork
# counted once in all) of the command and all its descendants: grading process,
# worker servers, workers. The servers are never waited for, so RUSAGE_CHILDREN would miss
# them and their workers; /proc sees them all. Walking /proc every 20 ms takes a good part
# of a core, which would slow a run that uses both: times come from runs without it.
MEASURE = """
import os, subprocess, sys, time

def pss_kib(pid):
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0

def tree_pss(root):
    parents = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            parents[int(pid)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            pass
    def inside(pid):
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False
    total = 0
    for pid in filter(inside, parents):
        try:
            total += pss_kib(pid)
        except OSError:
            pass
    return total

sample = sys.argv[2] == "memory"
start = time.perf_counter()
child = subprocess.Popen(sys.argv[3:], cwd=sys.argv[1], stdout=subprocess.DEVNULL)
peak = 0
while sample and child.poll() is None:
    peak = max(peak, tree_pss(child.pid))
    time.sleep(0.02)
child.wait()
print(time.perf_counter() - start, peak, child.returncode)
"""


def measure_once(command: list[str], cwd: Path, what: str) -> float:
    """Seconds (`what` "time") or peak MiB (`what` "memory") of one run."""
    env = dict(os.environ, PYTHONPATH=str(ENGINE))
    # Bytecode is cached as on a learner's machine: an environment that turns the cache off
    # (PYTHONDONTWRITEBYTECODE, common in containers) would have every run compile the
    # grader's modules and the hidden tests again, while torch's come compiled by pip.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", MEASURE, str(cwd), what, *command],
                          capture_output=True, text=True, env=env, check=True)
    wall, peak_kib, _code = done.stdout.split()
    return float(wall) if what == "time" else int(peak_kib) / 1024


def measure(rows: list, cwd: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """(median seconds over `repeat` rounds, peak MiB of one more) of each row. Each round
    runs every row once, so a shared machine's changing load weighs on the floors and the
    grader alike."""
    walls: dict[str, list] = {name: [] for name, _ in rows}
    for _name, command in rows:  # a first run, not counted, writes the bytecode caches
        measure_once(command, cwd, "time")
    for _ in range(repeat):
        for name, command in rows:
            walls[name].append(measure_once(command, cwd, "time"))
    return {name: (statistics.median(walls[name]), measure_once(command, cwd, "memory"))
            for name, command in rows}


def exercises(kata: Path, *, tensors: bool) -> list[str]:
    """The exercises with (or without) tensor functions."""
    sys.path.insert(0, str(ENGINE))
    from grader.records.catalogue import load_catalogue

    entries = load_catalogue(kata / "catalogue.toml").exercises
    found = [entry.id for entry in entries if bool(entry.tensor_functions) == tensors]
    if not found:
        kind = "with" if tensors else "without"
        raise SystemExit(f"{kata}: no exercise {kind} tensor functions to time alone")
    return found


def solved_copy(kata: Path, folder: Path) -> Path:
    """A copy of `kata` whose exercises are its solutions."""
    root = folder / "solved"
    root.mkdir()
    shutil.copy2(kata / "catalogue.toml", root / "catalogue.toml")
    for name in ("solutions", "hidden_tests"):
        shutil.copytree(kata / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(kata / "solutions", root / "exercises",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kata", nargs="?", type=Path, default=ENGINE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--solved", action="store_true",
                        help="grade the reference solutions as the learner's files")
    args = parser.parse_args()
    if args.solved:
        with tempfile.TemporaryDirectory() as folder:
            return bench(solved_copy(args.kata.resolve(), Path(folder)), args.repeat)
    return bench(args.kata.resolve(), args.repeat)


def bench(kata: Path, repeat: int) -> int:
    # -P: the engine beside this script, never a grader/ folder inside the kata root.
    grader = [sys.executable, "-P", "-m", "grader", "run", "--seed", "1", "--device", "cpu"]
    exercise = exercises(kata, tensors=False)[0]
    torch_exercises = exercises(kata, tensors=True)
    rows = [
        ("floor: import numpy, pytest", [sys.executable, "-c", "import numpy, pytest"]),
        ("floor: import torch", [sys.executable, "-c", "import torch"]),
        # what any torch.optim step costs: Optimizer.step imports the compiler (torch 2.x)
        ("floor: import torch, torch._dynamo",
         [sys.executable, "-c", "import torch, torch._dynamo"]),
        # the same imports, the interpreter's exit skipped, as the grader's workers skip it
        # (they are killed): the least one torch.optim exercise can take
        ("floor: the same, no interpreter exit",
         [sys.executable, "-c", "import os, torch, torch._dynamo; os._exit(0)"]),
        (f"grader run {exercise}", grader + [exercise]),
        *((f"grader run {name}", grader + [name]) for name in torch_exercises),
        ("grader run (whole kata)", grader),
    ]
    started = time.perf_counter()
    results = measure(rows, kata, repeat)
    print(f"kata: {kata}  (median of {repeat} runs each, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at the end)")
    for name, (wall, peak) in results.items():
        print(f"  {name:<40} {wall:6.2f} s   peak {peak:7.1f} MiB")

    def ratio(row: str, floor: str) -> float:
        return results[row][0] / results[f"floor: {floor}"][0]

    least = results["floor: the same, no interpreter exit"][0]

    print(f"one NumPy exercise / import numpy, pytest:  "
          f"{ratio(f'grader run {exercise}', 'import numpy, pytest'):5.2f}x  (target <= 3x)")
    for name in torch_exercises:
        label = f"{name} / import torch:"
        print(f"{label:<44}{ratio(f'grader run {name}', 'import torch'):5.2f}x  (target <= 1.5x)")
    print(f"whole kata / import torch:                  "
          f"{ratio('grader run (whole kata)', 'import torch'):5.2f}x  (target <= 2x)")
    print(f"torch and _dynamo, no exit / import torch:  "
          f"{least / results['floor: import torch'][0]:5.2f}x  (the least an "
          f"exercise whose reference trains with torch.optim can take)")
    peak = max(wall_peak[1] for name, wall_peak in results.items() if name.startswith("grader"))
    print(f"peak memory (all processes of one run):  {peak:.0f} MiB")
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
