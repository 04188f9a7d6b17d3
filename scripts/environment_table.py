"""Grade the same cases in every environment this machine offers; print one table.

A grade must not depend on where Python lives or how the machine is set up. Each row is an
environment, made here from this checkout:
  root        root with namespaces, this interpreter
  python-tmp  root, a Python environment under /tmp (its packages copied there)
  home-0700   root, a Python environment inside a home folder of mode 0700
  container   root under a default container's limits (no CAP_SYS_ADMIN, namespaces and
              mounts refused: tests/support/default_container.py), a system Python
  user        an ordinary user (uid 65534) with user namespaces, a system Python
Each column a case, graded by `grader grade` as an instructor runs it:
  solved      a solved submission graded beside a copycat: its score (expect 100)
  copycat     the copycat, which walks the disk for a classmate's file: its score (0 in its
              own view; without namespaces it can read what any user may, so its score
              there says whether a world-readable solution lies elsewhere on the machine)
  classmate   a file that opens the classmate's exercise by its path: its score (0)
  hog         a solved submission beside one that forks 48 busy processes, --jobs 2: its
              score (100) and its time beside the hog over its time alone
  ipc         SysV objects sandbox uids left after a batch that made some (0)
  memory      five children of 150 MiB each under a 512 MiB cap: the verdict (memory)
  gradescope  the bundle's run_autograder on a solved upload: results.json's score (full)
Every cell also says what confined the code. The small fixture kata is graded (fast, no
torch), the real kata in the Gradescope case.

    python scripts/environment_table.py [--only root,container] [--check]

`--check`: exit 1 unless every cell that could be made is as expected. Needs root.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from tests.sandbox.test_neighbours import (  # noqa: E402  the cases' files, one source
    CHILDREN_MEMORY, COPYCAT, HOG, IPC, _sandbox_ipc)
from tests.support import default_container  # noqa: E402
from tests.support.kata_maker import SOLUTIONS, make_kata  # noqa: E402

NOBODY = 65534
MEMORY_RUN = """
import sys
from pathlib import Path
from grader.workers.pool import WorkerPool
from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
kata, folder = Path(sys.argv[1]), Path(sys.argv[2])
with WorkerPool(memory_limit=512 << 20) as pool:
    with GradingSession.open(kata, exercises=["01_square"], devices=("cpu",), seed=1,
                             pool=pool) as session:
        report = run_kata(session, sources_root=folder)
    states = sorted(pool.sandbox_states)
square = next(c for c in report.checks if c.function == "square")
verdict = "memory" if "memory" in square.message else square.status.value
print(f"{verdict} [{', '.join(states)}]")  # one cell of the table: no "|" in it
"""


@dataclass
class Environment:
    name: str
    python: str
    as_user: int | None = None
    container: bool = False
    missing: str = ""  # why it cannot be made here

    def command(self, arguments: list[str]) -> tuple[list[str], dict]:
        command = [self.python, *arguments]
        if self.container:
            command = [sys.executable, str(REPOSITORY / "tests/support/default_container.py"),
                       "--", *command]
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        if self.python == sys.executable:  # this checkout's grader, not an installed one
            env["PYTHONPATH"] = str(REPOSITORY)
        return command, env

    def run(self, arguments: list[str], cwd: Path, timeout: float = 600) -> tuple[str, float]:
        command, env = self.command(arguments)
        started = time.monotonic()
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout, user=self.as_user, group=self.as_user,
                              extra_groups=[] if self.as_user is not None else None)
        return done.stdout + done.stderr, time.monotonic() - started


def copied_environment(base_python: str, folder: Path) -> str:
    """A venv at `folder` from `base_python`, holding copies of this interpreter's packages
    (and of this checkout's grader): everything it imports lives under `folder`."""
    subprocess.run([base_python, "-m", "venv", "--without-pip", str(folder)], check=True)
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    target = Path(subprocess.run([str(folder / "bin/python"), "-c", where], check=True,
                                 capture_output=True, text=True).stdout.strip())
    source = Path(next(p for p in sys.path if p.endswith("site-packages")))
    for entry in source.iterdir():
        if entry.name.startswith(("__editable__", "_descent")) or entry.name.endswith(".pth") \
                or entry.name == "__pycache__":
            continue  # this checkout's editable install: its grader is copied below
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, symlinks=True, copy_function=_link)
        else:
            _link(entry, target / entry.name)
    shutil.copytree(REPOSITORY / "grader", target / "grader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return str(folder / "bin/python")


def _link(source, target) -> None:
    """A hard link where the two folders share a file system (torch is a gigabyte)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def system_python() -> str:
    """A Python other users can read, of this interpreter's version (packages are copied)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        if os.path.exists(candidate):
            return candidate
    return ""


def environments(scratch: Path, only: set[str]) -> list[Environment]:
    made = []
    wanted = ["root", "python-tmp", "home-0700", "container", "user"]
    for name in [n for n in wanted if not only or n in only]:
        made.append(_make(name, scratch))
    return made


def _make(name: str, scratch: Path) -> Environment:
    if name == "root":
        return Environment(name, sys.executable)
    if name == "python-tmp":
        folder = Path(tempfile.mkdtemp(prefix="kata-env-", dir="/tmp"))
        return Environment(name, copied_environment(sys.executable, folder / "venv"))
    if name == "home-0700":
        home = Path(tempfile.mkdtemp(prefix="kata-home-", dir=scratch))  # mode 0700
        return Environment(name, copied_environment(sys.executable, home / ".venv"))
    system = system_python()
    if not system:
        return Environment(name, "", missing=f"no system Python {sys.version_info[:2]}")
    folder = Path(tempfile.mkdtemp(prefix="kata-system-env-", dir=scratch))
    folder.chmod(0o755)
    python = copied_environment(system, folder / "venv")
    if name == "container":
        why = default_container.available()
        return Environment(name, python, container=True, missing=why)
    return Environment(name, python, as_user=NOBODY)


# ----------------------------------------------------------------------------- the cases


def place(env: Environment, scratch: Path) -> tuple[Path, Path]:
    """A kata and a class folder this environment's grader may use: the instructor's
    folders closed to other users (a container's sandbox user must not read them), the
    whole tree owned by the ordinary user where it grades."""
    root = Path(tempfile.mkdtemp(prefix=f"kata-{env.name}-", dir=scratch))
    root.chmod(0o755)
    kata = make_kata(root / "kata")
    for folder in ("solutions", "hidden_tests"):
        (kata / folder).chmod(0o700)
    classes = root / "class"
    classes.mkdir(mode=0o700)  # as an instructor keeps a class (a container requires it)
    if env.as_user is not None:
        for path in [root, *root.rglob("*")]:
            os.chown(path, env.as_user, env.as_user, follow_symlinks=False)
    return kata, classes


def submission(classes: Path, name: str, files: dict[str, str], owner: int | None) -> Path:
    folder = classes / name / "exercises"
    folder.mkdir(parents=True)
    for exercise_id, text in files.items():
        (folder / f"{exercise_id}.py").write_text(text, encoding="utf-8")
    if owner is not None:
        for path in [classes / name, folder, *folder.iterdir()]:
            os.chown(path, owner, owner)
    return classes / name


def grade(env: Environment, kata: Path, folders: list[Path], out: Path,
          jobs: int = 2) -> tuple[dict, float, str]:
    arguments = ["-m", "grader", "grade", *map(str, folders), "--out", str(out), "--jobs",
                 str(jobs), "--seed", "3", "--device", "cpu"]
    text, seconds = env.run(arguments, kata)
    try:
        with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
            return {row["submission"]: row for row in csv.DictReader(handle)}, seconds, text
    except OSError:
        return {}, seconds, text


def _grading_seconds(results_folder: Path) -> float:
    """The submission's own grading time, as its results.json records it."""
    try:
        return float(json.loads((results_folder / "results.json").read_text("utf-8"))
                     ["execution_time"])
    except (OSError, ValueError, KeyError, TypeError):
        return float("nan")


def cells(env: Environment, scratch: Path) -> dict[str, tuple[str, bool]]:
    """case -> (what the cell shows, whether it is as expected)."""
    kata, classes = place(env, scratch)
    owner = env.as_user
    solved = submission(classes, "solved", SOLUTIONS, owner)
    copycat = submission(classes, "copycat", {"01_square": COPYCAT}, owner)
    result: dict[str, tuple[str, bool]] = {}
    out = kata.parent / "out"
    rows, _, text = grade(env, kata, [solved, copycat], out / "copy")
    if not rows:
        failure = (text.strip().splitlines() or ["no output"])[-1][:120]
        return {case: (f"not graded: {failure}", False) for case in CASES}
    row = rows["solved"]
    result["solved"] = (f"{row['score']} [{row['confinement']}]",
                        row["score"] == row["max_score"])
    row = rows["copycat"]
    result["copycat"] = (f"{row['score']}", row["01_square"] == "0" or env.container)
    reader = submission(classes, "reader", {"01_square": CLASSMATE.replace(
        "@PATH@", str(solved / "exercises" / "01_square.py"))}, owner)
    rows, _, _ = grade(env, kata, [solved, reader], out / "reader")
    row = rows.get("reader", {})
    result["classmate"] = (f"{row.get('score')}", row.get("01_square") == "0")
    grade(env, kata, [solved], out / "alone", jobs=1)
    hog = submission(classes, "hog", {"01_square": HOG.replace("@MARKER@", "kata-hog"),
                                      "02_total": SOLUTIONS["02_total"]}, owner)
    rows, _, _ = grade(env, kata, [solved, hog], out / "hog")
    row = rows.get("solved", {})
    alone, beside = (_grading_seconds(out / name / "solved") for name in ("alone", "hog"))
    result["hog"] = (f"{row.get('score')} (graded in {beside:.1f} s beside it, {alone:.1f} s "
                     "alone)", row.get("score") == row.get("max_score"))
    ipc = submission(classes, "ipc", {"01_square": IPC}, owner)
    before = set(_sandbox_ipc())  # another grading on this machine may hold some
    grade(env, kata, [ipc], out / "ipc", jobs=1)
    left = set(_sandbox_ipc()) - before
    result["ipc"] = (f"{len(left)} left", not left)
    # graded where it lies (no staging copy): a folder its sandbox user can read
    greedy = submission(kata.parent, "greedy", {"01_square": CHILDREN_MEMORY}, owner)
    memory_kata = kata.parent / "memory-kata"
    shutil.copytree(kata, memory_kata)
    catalogue = memory_kata / "catalogue.toml"
    catalogue.write_text(catalogue.read_text().replace("time_limit = 2.0", "time_limit = 30.0"))
    if owner is not None:
        for path in [memory_kata, *memory_kata.rglob("*")]:
            os.chown(path, owner, owner, follow_symlinks=False)
    text, _ = env.run(["-c", MEMORY_RUN, str(memory_kata), str(greedy)], kata.parent)
    verdict = (text.strip().splitlines() or ["?"])[-1]
    result["memory"] = (verdict[:90], verdict.startswith("memory"))
    result["gradescope"] = gradescope(env, scratch)
    return result


def gradescope(env: Environment, scratch: Path) -> tuple[str, bool]:
    if env.as_user is not None:
        return "n/a (Gradescope runs as root)", True
    from grader.edition.gradescope_bundle import build_bundle

    root = Path(tempfile.mkdtemp(prefix="kata-autograder-", dir=scratch))
    root.chmod(0o755)
    bundle = build_bundle(REPOSITORY, root / "autograder.zip")
    with zipfile.ZipFile(bundle.path) as archive:
        archive.extractall(root / "source")
    for name in ("run_autograder", "setup.sh"):
        (root / "source" / name).chmod(0o755)
    upload = root / "submission"
    shutil.copytree(REPOSITORY / "solutions", upload)
    python = env.python
    command = ["bash", str(root / "source" / "run_autograder")]
    if env.container:
        command = [sys.executable, str(REPOSITORY / "tests/support/default_container.py"),
                   "--", *command]
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment.update(GRADER_AUTOGRADER=str(root), GRADER_PYTHON=python)
    subprocess.run(command, cwd=root, env=environment, capture_output=True, timeout=900)
    try:
        results = json.loads((root / "results" / "results.json").read_text("utf-8"))
    except OSError:
        return "no results.json", False
    score, full = results.get("score"), results.get("max_score")
    return f"{score:g}", score is not None and score == full


CASES = ("solved", "copycat", "classmate", "hog", "ipc", "memory", "gradescope")
CLASSMATE = """\
def _classmate():
    try:
        return open("@PATH@").read()
    except OSError:
        return "def square(x):\\n    return 0\\ndef cube(x):\\n    return 0\\n"

exec(_classmate())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="environments, separated by commas")
    parser.add_argument("--check", action="store_true", help="exit 1 unless all as expected")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("environment_table: needs root (it makes users' environments)", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="kata-environments-", dir="/var/tmp"))
    scratch.chmod(0o755)
    failed = False
    try:
        print("| environment | " + " | ".join(CASES) + " |")
        print("|---" * (len(CASES) + 1) + "|")
        for env in environments(scratch, {n for n in args.only.split(",") if n}):
            if env.missing:
                print(f"| {env.name} | not available here: {env.missing} |")
                continue
            shown = cells(env, scratch)
            failed |= not all(good for _, good in shown.values())
            marks = [f"{text}{'' if good else ' **(unexpected)**'}"
                     for text, good in (shown[case] for case in CASES)]
            print(f"| {env.name} | " + " | ".join(marks) + " |", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
