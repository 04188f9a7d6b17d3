"""A grading session: what one command decides once and every layer receives.

The kata's paths and catalogue, the devices tensor functions run on, the run's seed, and
the worker pool (which owns its own start-up choices). Nothing of it lives in module
globals, so a second session in the same process (another `grader.check` in a notebook
kernel, a warm `watch` loop, a batch after a device probe) starts from its own choices.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from grader.grading.cascade import reference_uses
from grader.grading.helper_code import Helpers
from grader.records import course_diagnoses, messages
from grader.records.catalogue import Catalogue, ExerciseEntry, load_catalogue
from grader.records.errors import SetupError
from grader.records.paths import KataPaths, grader_checkout
from grader.workers import servers
from grader.workers.limits import LOAD_TIME_LIMIT

if TYPE_CHECKING:  # imported in open(), after the worker servers have started
    from grader.workers.pool import WorkerPool

DEVICE_CHOICES = ("auto", "cpu", "cuda")
OPTIM_WORD = re.compile(rb"\boptim\b")  # torch.optim, from torch import optim, optim.SGD


@dataclass
class GradingSession:
    paths: KataPaths
    catalogue: Catalogue
    selected: tuple[ExerciseEntry, ...]  # what this session grades unless told otherwise
    devices: tuple[str, ...]
    seed: int
    pool: WorkerPool
    owns_pool: bool = True  # False: the caller's pool, left open for the caller to close
    # exercise id -> its optimizer_functions, read once from the solutions (not per run_kata)
    optimizer: dict[str, frozenset[str]] = field(default_factory=dict)
    # exercise id -> function -> the graded functions its reference calls (cascades)
    uses: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # the course's diagnosis ids and their sentences (hidden_tests/mistakes/diagnoses.toml)
    sentences: dict[str, dict[str, str]] = field(default_factory=dict)
    # the kata's callables.py, parsed once for every failing call that passed one of them
    helpers: Helpers = field(default_factory=Helpers)

    @classmethod
    def open(cls, kata_root: Path, *, exercises: Sequence[str] = (), device: str = "auto",
             devices: Sequence[str] | None = None, seed: int | None = None,
             hidden: Sequence[Path] = (), load_time_limit: float = LOAD_TIME_LIMIT,
             learner_budget_s: float | None = None,
             pool: WorkerPool | None = None) -> GradingSession:
        """`device` is the `--device` choice, resolved here; `devices` skips that (a batch's
        grading processes take the devices their command resolved). `hidden`: more folders
        learner code must not see (a batch's output folder). `pool`: grade with a pool the
        caller keeps (tests grading many katas); by default the session makes its own.
        `learner_budget_s`: seconds of loads and calls each run_kata's learner code may use
        (a batch's per-submission budget; None: only each call's own limit)."""
        paths = KataPaths(Path(kata_root))
        catalogue = load_catalogue(paths.catalogue)
        selected = tuple(catalogue.select(list(exercises)))
        optimizer = {entry.id: optimizer_functions(entry, paths) for entry in catalogue.exercises}
        owns_pool = pool is None
        if pool is None:
            chosen_servers = {worker_server(entry) for entry in selected} | (
                {"optimizer"} if any(optimizer[entry.id] for entry in selected) else set())
            needs_torch = bool(chosen_servers - {"numpy"})
            # torch's import (a second) starts first, to overlap with the rest of start-up;
            # a NumPy server alone starts in a tenth: it gains nothing by it. No server
            # starts that no selected exercise needs.
            if needs_torch:
                servers.start(chosen_servers)
            from grader.workers.pool import WorkerPool

            pool = WorkerPool(preload_torch=needs_torch,
                              optimizer_ahead="optimizer" in chosen_servers,
                              load_time_limit=load_time_limit, budget_s=learner_budget_s)
        pool.hide(*hidden, *learner_may_not_see(paths))
        _import_grading_code()
        try:
            chosen = tuple(devices) if devices is not None else resolve_devices(
                device, selected, pool.cuda_available)
        except BaseException:
            if owns_pool:
                pool.close()
            raise
        from grader.records.seeding import new_run_seed

        run_seed = new_run_seed() if seed is None else int(seed)
        uses = {entry.id: reference_uses(entry, paths) for entry in catalogue.exercises}
        return cls(paths, catalogue, selected, chosen, run_seed, pool, owns_pool, optimizer,
                   uses, course_diagnoses.load(paths.diagnoses), Helpers.read(paths.callables))

    def close(self) -> None:
        if self.owns_pool:
            self.pool.close()

    def __enter__(self) -> GradingSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def worker_server(entry: ExerciseEntry) -> str:
    """The worker server an exercise's workers (learner, reference, mistake models) are
    forked from: NumPy for an exercise without tensor functions, torch otherwise; calls of
    its optimizer_functions go to workers of the optimizer server."""
    return "torch" if entry.tensor_functions else "numpy"


def learner_server(entry: ExerciseEntry, source: Path) -> str:
    """The worker server a learner's file of `entry` is forked from: the optimizer server
    where the file names torch.optim anywhere (its optimizer's first step would import
    torch._dynamo, most of a second, in each of its workers, for every submission written
    so; and all of an exercise whose reference trains with one then runs in one worker,
    not two), else worker_server's. A search for the word, not a parse: learner text is
    not trusted to parse, and a notebook's JSON holds its code's words too."""
    server = worker_server(entry)
    if server != "torch":
        return server
    try:
        return "optimizer" if OPTIM_WORD.search(source.read_bytes()) else server
    except OSError:  # its worker's load reports it
        return server


def optimizer_functions(entry: ExerciseEntry, paths: KataPaths) -> frozenset[str]:
    """The functions of a tensor exercise whose reference trains with torch.optim, itself
    or through another function of its file. An optimizer's first step imports
    torch._dynamo (most of a second), paid once in the optimizer server; the exercise's
    other functions are graded meanwhile. A learner who uses torch.optim elsewhere pays that
    import in their own worker."""
    if not entry.tensor_functions:
        return frozenset()
    try:
        return optimizer_functions_in(paths.solution(entry.id).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError):  # a student edition has no solutions
        return frozenset()


def optimizer_functions_in(source: str) -> frozenset[str]:
    """The top-level functions of `source` that name torch.optim (or something its imports
    bound from it), or call such a function of the same file."""
    tree = ast.parse(source)
    defined = {node.name: node for node in tree.body
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    bound = _optim_names(tree)  # `from torch.optim import SGD` binds SGD, and so on
    found = {name for name, node in defined.items() if any(
        (isinstance(inner, ast.Attribute) and inner.attr == "optim")
        or (isinstance(inner, ast.Name) and inner.id in bound) for inner in ast.walk(node))}
    calls = {name: {inner.func.id for inner in ast.walk(node) if isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name) and inner.func.id in defined}
             for name, node in defined.items()}
    while True:  # and whatever calls one of them
        more = {name for name, called in calls.items() if called & found} - found
        if not more:
            return frozenset(found)
        found |= more


def _optim_names(tree: ast.Module) -> set[str]:
    """Names the file's imports bind to torch.optim or something in it."""
    bound = {"optim"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound |= {alias.asname for alias in node.names
                      if alias.asname and "optim" in alias.name.split(".")}
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")
            bound |= {alias.asname or alias.name for alias in node.names
                      if "optim" in module or alias.name == "optim"}
    return bound


def _import_grading_code() -> None:
    """What grading imports in this process (numpy, pytest, the plugin and comparisons),
    imported while the worker servers import theirs: the device probe after it waits for
    the torch server, and this module imports none of it at its top, so the servers start
    first."""
    from grader.grading import outcomes, plugin  # noqa: F401  (pytest, the checks)
    from grader.records import seeding  # noqa: F401  (numpy)


def learner_may_not_see(paths: KataPaths) -> tuple[Path, ...]:
    """The kata's instructor-only folders, and those of the checkout the grader runs from
    when that is a kata too (learner code finds it through grader.__file__)."""
    checkout = grader_checkout()
    return instructor_only(paths) + (instructor_only(checkout) if checkout else ())


def instructor_only(paths: KataPaths) -> tuple[Path, ...]:
    """What learner code must not see: the reference, the hidden tests, the project's tests
    (correct styles among them), the history that holds them all, local state."""
    return (paths.solutions, paths.hidden_tests, paths.project_tests, paths.root / ".git",
            paths.state)


def resolve_devices(choice: str, selected: Sequence[ExerciseEntry],
                    cuda_available: Callable[[], bool]) -> tuple:
    """`--device auto|cpu|cuda` as the devices tensor functions run on. `cuda_available` asks
    a worker (the grading process never imports torch), and only if a selected exercise takes
    tensors at all (or CUDA was asked for by name)."""
    if choice not in DEVICE_CHOICES:
        raise SetupError(messages.text("inline.unknown_device", device=choice,
                                       choices=DEVICE_CHOICES))
    if choice == "cpu" or not any(entry.tensor_functions for entry in selected):
        if choice == "cuda" and not cuda_available():
            raise SetupError(messages.text("setup.no_cuda"))
        return ("cpu",)
    available = cuda_available()
    if choice == "cuda":
        if not available:
            raise SetupError(messages.text("setup.no_cuda"))
        return ("cuda",)
    return ("cpu", "cuda") if available else ("cpu",)
