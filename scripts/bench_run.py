"""Speed of `grader run` as ratios to the floors measured in the same run (design.md):

- one NumPy-only exercise against `python -c "import numpy, pytest"` (target: within 3x),
- the whole kata against `python -c "import torch"` (target: within 2x),

plus the peak memory of a run (resident sets of the grading process and its workers).

    python scripts/bench_run.py [KATA_ROOT] [--repeat N]

KATA_ROOT defaults to this checkout. The grader measured is the one beside this script.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]
# Runs a command and reports its wall time and its peak memory: the largest sum, over
# samples taken every 20 ms, of the proportional set sizes (PSS: pages shared after a fork
# counted once in all) of the command and all its descendants: grading process,
# forkserver, workers. The forkserver is never waited for, so RUSAGE_CHILDREN would miss
# it and its workers; /proc sees them all.
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

start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL)
peak = 0
while child.poll() is None:
    peak = max(peak, tree_pss(child.pid))
    time.sleep(0.02)
print(time.perf_counter() - start, peak, child.returncode)
"""


def measure(command: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """(median seconds, peak MiB) over `repeat` runs."""
    env = dict(os.environ, PYTHONPATH=str(ENGINE))
    walls, peaks = [], []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", MEASURE, str(cwd), *command],
                              capture_output=True, text=True, env=env, check=True)
        wall, peak_kib, _code = done.stdout.split()
        walls.append(float(wall))
        peaks.append(int(peak_kib) / 1024)
    return statistics.median(walls), max(peaks)


def numpy_exercise(kata: Path) -> str:
    sys.path.insert(0, str(ENGINE))
    from grader.records.catalogue import load_catalogue

    entries = load_catalogue(kata / "catalogue.toml").exercises
    found = [entry.id for entry in entries if not entry.tensor_functions]
    if not found:
        raise SystemExit(f"{kata}: no exercise without tensor functions to time alone")
    return found[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kata", nargs="?", type=Path, default=ENGINE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    kata = args.kata.resolve()
    # -P: the engine beside this script, never a grader/ folder inside the kata root.
    grader = [sys.executable, "-P", "-m", "grader", "run", "--seed", "1", "--device", "cpu"]
    exercise = numpy_exercise(kata)
    rows = [
        ("floor: import numpy, pytest", [sys.executable, "-c", "import numpy, pytest"]),
        ("floor: import torch", [sys.executable, "-c", "import torch"]),
        (f"grader run {exercise}", grader + [exercise]),
        ("grader run (whole kata)", grader),
    ]
    started = time.perf_counter()
    results = {name: measure(command, kata, args.repeat) for name, command in rows}
    print(f"kata: {kata}  (median of {args.repeat} runs each, {os.cpu_count()} CPUs)")
    for name, (wall, peak) in results.items():
        print(f"  {name:<40} {wall:6.2f} s   peak {peak:7.1f} MiB")
    one = results[f"grader run {exercise}"][0] / results["floor: import numpy, pytest"][0]
    whole = results["grader run (whole kata)"][0] / results["floor: import torch"][0]
    print(f"one NumPy exercise / import numpy, pytest: {one:5.2f}x  (target <= 3x)")
    print(f"whole kata / import torch:                 {whole:5.2f}x  (target <= 2x)")
    peak = max(results["grader run (whole kata)"][1], results[f"grader run {exercise}"][1])
    print(f"peak memory (all processes of one run):  {peak:.0f} MiB")
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
