"""Benchmark `grader grade`: N synthetic submissions graded with --jobs 2.

Each submission takes, exercise by exercise, the reference solution, the stub, or one of the
learner styles in tests/styles (correct variants and known mistakes: most submissions carry
at least one mistake, as a real class does); `--class solved` takes only correct files.
Prints seconds per submission, its ratio to `python -c "import torch"` measured in the same
run, peak memory, and, where a control group can count it (root), the CPU seconds the whole
batch used per submission: a figure other work on the machine barely changes.
`--compare FOLDER` grades the same class with the grader of another checkout (an earlier
commit's worktree) in the same run, for a before and after.

    python scripts/bench_grade.py [--submissions 100] [--jobs 2] [--class mixed|solved]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_class(folder: Path, count: int, kind: str = "mixed") -> list[Path]:
    """`count` submissions, each exercise chosen from solution, stub or a learner style
    (`kind` "solved": from the solution and the correct styles only)."""
    ids = sorted(path.stem for path in (ROOT / "solutions").glob("*.py"))
    pattern = "correct_*.py" if kind == "solved" else "*.py"
    stubs = [] if kind == "solved" else ["exercises"]
    choices = {
        exercise_id: [ROOT / "solutions" / f"{exercise_id}.py",
                      *(ROOT / folder / f"{exercise_id}.py" for folder in stubs),
                      *sorted((ROOT / "tests" / "styles" / exercise_id).glob(pattern))]
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


CPU_ACCOUNTING = Path("/sys/fs/cgroup/cpuacct")


def grade(paths: list[Path], out: Path, jobs: int,
          checkout: Path = ROOT) -> tuple[float, int, float | None]:
    """Wall seconds, peak memory and CPU seconds (None where they cannot be counted)."""
    command = [sys.executable, "-m", "grader", "grade", *map(str, paths), "--out", str(out),
               "--jobs", str(jobs), "--seed", "1", "--device", "cpu"]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    group = _cpu_group()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=checkout, stdout=subprocess.DEVNULL, env=env,
                               preexec_fn=(lambda: _join(group)) if group else None)
    sampler = TreeMemory(process.pid)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - started
    sampler.running = False
    cpu = None
    if group is not None:
        cpu = int((group / "cpuacct.usage").read_text()) / 1e9
        _remove(group)
    if code not in (0, 1):
        raise SystemExit(f"grader grade failed with exit code {code}")
    return elapsed, sampler.peak, cpu


def _cpu_group() -> Path | None:
    """A cpuacct group (cgroup v1) the batch runs in: its usage is every process's CPU time,
    workers and servers included."""
    if os.geteuid() != 0 or not (CPU_ACCOUNTING / "cpuacct.usage").exists():
        return None
    group = CPU_ACCOUNTING / f"bench-grade-{os.getpid()}-{time.monotonic_ns()}"
    try:
        group.mkdir()
    except OSError:
        return None
    return group


def _join(group: Path) -> None:
    (group / "cgroup.procs").write_text(str(os.getpid()))


def _remove(group: Path) -> None:
    for _ in range(50):
        try:
            group.rmdir()
            return
        except OSError:  # its last processes are still exiting
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--class", dest="kind", choices=("mixed", "solved"), default="mixed")
    parser.add_argument("--compare", type=Path, metavar="FOLDER",
                        help="also grade the class with this checkout's grader (before)")
    args = parser.parse_args()
    checkouts = [("this checkout", ROOT)]
    if args.compare:
        checkouts.insert(0, (f"{args.compare}", args.compare.resolve()))
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as folder:
        paths = make_class(Path(folder) / "class", args.submissions, args.kind)
        torch_import = min(seconds([sys.executable, "-c", "import torch"]) for _ in range(3))
        for name, checkout in checkouts:
            out = Path(folder) / f"out-{len(name)}-{abs(hash(name))}"
            elapsed, peak, cpu = grade(paths, out, args.jobs, checkout)
            rows = (out / "gradebook.csv").read_text().count("\n") - 1
            _report(name, rows, args, elapsed, peak, cpu, torch_import)


def _report(name: str, rows: int, args, elapsed: float, peak: int, cpu: float | None,
            torch_import: float) -> None:
    per = elapsed / args.submissions
    print(f"grader of:                 {name}")
    print(f"submissions graded:        {rows} (--jobs {args.jobs}, --class {args.kind}, "
          f"{os.cpu_count()} CPUs)")
    print(f"wall time:                 {elapsed:.1f} s")
    print(f"per submission:            {per:.3f} s")
    if cpu is not None:
        print(f"CPU per submission:        {cpu / args.submissions:.3f} s "
              f"(all processes of the batch)")
    print(f"python -c 'import torch':  {torch_import:.2f} s (best of 3)")
    print(f"per submission / import:   {per / torch_import:.2f}")
    print(f"peak memory, process tree: {peak / 2**20:.0f} MiB (proportional set size, sampled)")
    print(f"load average (1 min):      {os.getloadavg()[0]:.1f} "
          "(other work on the machine slows it)")
    print()


if __name__ == "__main__":
    main()
