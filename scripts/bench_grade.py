"""Benchmark `grader grade`: N synthetic submissions graded with --jobs 2.

Each submission takes, exercise by exercise, the reference solution, the stub, or one of the
learner styles in tests/styles (correct variants and known mistakes). Prints seconds per
submission, its ratio to `python -c "import torch"` measured in the same run, and peak memory.

    python scripts/bench_grade.py [--submissions 100] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_class(folder: Path, count: int) -> list[Path]:
    """`count` submissions, each exercise chosen from solution, stub or a learner style."""
    ids = sorted(path.stem for path in (ROOT / "solutions").glob("*.py"))
    choices = {
        exercise_id: [ROOT / "solutions" / f"{exercise_id}.py",
                      ROOT / "exercises" / f"{exercise_id}.py",
                      *sorted((ROOT / "tests" / "styles" / exercise_id).glob("*.py"))]
        for exercise_id in ids
    }
    pick = random.Random(0)
    paths = []
    for number in range(count):
        target = folder / f"learner{number:03d}" / "exercises"
        target.mkdir(parents=True)
        for exercise_id in ids:
            shutil.copyfile(pick.choice(choices[exercise_id]), target / f"{exercise_id}.py")
        paths.append(target.parent)
    return paths


def seconds(command: list[str], **options) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, **options)
    return time.perf_counter() - started


class TreeMemory(threading.Thread):
    """Samples the memory used by a process and all its descendants (Linux)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))
            time.sleep(0.2)  # sampling more often would take CPU from the grading


def _tree(root: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError):
                continue
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


def _pss(pid: int) -> int:
    """Proportional set size: shared pages (torch, forked from one server) split between
    the processes sharing them, so the sum over processes is the memory really used."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def grade(paths: list[Path], out: Path, jobs: int) -> tuple[float, int]:
    command = [sys.executable, "-m", "grader", "grade", *map(str, paths), "--out", str(out),
               "--jobs", str(jobs), "--seed", "1", "--device", "cpu"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    sampler = TreeMemory(process.pid)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - started
    sampler.running = False
    if code not in (0, 1):
        raise SystemExit(f"grader grade failed with exit code {code}")
    return elapsed, sampler.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as folder:
        paths = make_class(Path(folder) / "class", args.submissions)
        torch_import = min(seconds([sys.executable, "-c", "import torch"]) for _ in range(3))
        elapsed, peak = grade(paths, Path(folder) / "out", args.jobs)
        rows = (Path(folder) / "out" / "gradebook.csv").read_text().count("\n") - 1
    per = elapsed / args.submissions
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"submissions graded:        {rows} (--jobs {args.jobs}, {os.cpu_count()} CPUs)")
    print(f"wall time:                 {elapsed:.1f} s")
    print(f"per submission:            {per:.3f} s")
    print(f"python -c 'import torch':  {torch_import:.2f} s (best of 3)")
    print(f"per submission / import:   {per / torch_import:.2f}")
    print(f"peak memory, process tree: {peak / 2**20:.0f} MiB (proportional set size, sampled)")
    print(f"largest single process:    {largest:.0f} MiB")
    print(f"load average (1 min):      {os.getloadavg()[0]:.1f} "
          "(other work on the machine slows it)")


if __name__ == "__main__":
    main()
