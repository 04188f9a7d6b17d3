"""Save-to-report time of `grader watch` on a warm session, as ratios to the floors measured
in the same run (design.md: within 0.5 s for a NumPy exercise, 1 s for a torch one):

- 02 (NumPy) against `python -c "import numpy"`,
- 04 (torch) against `python -c "import torch"`.

    python scripts/bench_watch.py [--repeat N]

Each exercise is watched in a copy of this checkout's kata with the reference as the
learner's file; each save appends a comment (a new size and modification time), and the
time runs from the write to the end of the new report on the command's output.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]
END_OF_REPORT = b"Watching exercises/"


def copy_kata(destination: Path) -> Path:
    root = destination / "kata"
    root.mkdir()
    shutil.copy2(ENGINE / "catalogue.toml", root / "catalogue.toml")
    for folder in ("exercises", "solutions", "hidden_tests"):
        shutil.copytree(ENGINE / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.ipynb"))
    return root


class Watch:
    def __init__(self, kata: Path, exercise: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(ENGINE), GRADER_LANG="en")
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "grader", "watch", exercise, "--seed", "1",
             "--device", "cpu"], cwd=kata, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.pending = b""

    def next_report(self, timeout: float = 120.0) -> bytes:
        """Output up to the end of the next report."""
        deadline = time.monotonic() + timeout
        while END_OF_REPORT not in self.pending:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(left, 0))
            chunk = os.read(self.process.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise SystemExit(f"no report came:\n{self.pending.decode(errors='replace')}")
            self.pending += chunk
        report, _, rest = self.pending.partition(END_OF_REPORT)
        self.pending = rest.partition(b"\n")[2]
        return report

    def quit(self) -> None:
        self.process.stdin.write(b"q")
        self.process.stdin.flush()
        self.process.wait(timeout=60)


def save_to_report(kata: Path, exercise: str, repeat: int) -> list[float]:
    source = kata / "exercises" / f"{exercise}.py"
    source.write_text((kata / "solutions" / f"{exercise}.py").read_text())
    watch = Watch(kata, exercise)
    try:
        first = watch.next_report()
        if b"passed" not in first:
            raise SystemExit(first.decode(errors="replace"))
        times = []
        for number in range(repeat):
            time.sleep(0.3)  # a learner saves now and then: the loop is idle, polling
            started = time.perf_counter()
            with source.open("a") as file:
                file.write(f"# save {number}\n")
            watch.next_report()
            times.append(time.perf_counter() - started)
        return times
    finally:
        watch.quit()


def floor(code: str, repeat: int) -> float:
    walls = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        kata = copy_kata(Path(folder))
        numpy_floor = floor("import numpy", args.repeat)
        torch_floor = floor("import torch", args.repeat)
        saves = {"02_gradient_descent": save_to_report(kata, "02_gradient_descent", args.repeat),
                 "04_autograd": save_to_report(kata, "04_autograd", args.repeat)}
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs, "
          f"median of {args.repeat}")
    print(f"  floor: import numpy  {numpy_floor:6.3f} s")
    print(f"  floor: import torch  {torch_floor:6.3f} s")
    for exercise, times in saves.items():
        print(f"  save of {exercise:<20} {statistics.median(times):6.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f})")
    two = statistics.median(saves["02_gradient_descent"])
    four = statistics.median(saves["04_autograd"])
    print(f"02 save / import numpy: {two / numpy_floor:5.2f}x   ({two:.3f} s, target <= 0.5 s)")
    print(f"04 save / import torch: {four / torch_floor:5.2f}x   ({four:.3f} s, target <= 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
