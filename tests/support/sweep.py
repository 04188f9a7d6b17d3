"""Grading many groups of learner files over many seeds, in parallel grading processes.

Each grading process holds one grading session for the whole test run (warm workers, torch
imported once, reference results cached), and grades one group of files (at most one per
exercise) at one seed per task: the session value is copied with that task's seed, so the
pool is shared. Reports come back as plain frozen values.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from grader.records.results import Report

Files = dict[str, Path]  # exercise id -> learner file


def _serve(kata_root: str, devices: tuple[str, ...], tasks, results) -> None:
    # imported here: the spawned process starts clean
    from grader.grading.runner import run_kata
    from grader.grading.session import GradingSession

    with GradingSession.open(Path(kata_root), devices=devices, seed=0) as session, \
            tempfile.TemporaryDirectory(prefix="sweep-") as scratch:
        for task_id, seed, files in iter(tasks.get, None):
            folder = Path(scratch) / str(task_id)
            (folder / "exercises").mkdir(parents=True)
            for exercise, source in files.items():
                shutil.copyfile(source, folder / "exercises" / f"{exercise}.py")
            try:
                report = run_kata(dataclasses.replace(session, seed=seed), sources_root=folder,
                                  exercises=list(files))
                results.put((task_id, report, ""))
            except Exception as error:  # reported by the test that asked, not swallowed
                results.put((task_id, None, f"{type(error).__name__}: {error}"))
            finally:
                shutil.rmtree(folder, ignore_errors=True)


class Sweeper:
    def __init__(self, kata_root: Path, *, jobs: int = 2, devices: tuple[str, ...] = ("cpu",)):
        # not daemonic: a grading process starts worker processes of its own
        context = multiprocessing.get_context("spawn")
        self._tasks = context.Queue()
        self._results = context.Queue()
        self._processes = [context.Process(target=_serve,
                                           args=(str(kata_root), devices, self._tasks,
                                                 self._results))
                           for _ in range(jobs)]
        for process in self._processes:
            process.start()
        self._next_id = 0

    def grade(self, groups: Sequence[Files], *, seed: int, timeout: float = 600) -> list[Report]:
        """One report per group, in order; a grading process that fails raises here."""
        first = self._next_id
        for group in groups:
            self._tasks.put((self._next_id, seed, {k: str(v) for k, v in group.items()}))
            self._next_id += 1
        found: dict[int, Report] = {}
        while len(found) < len(groups):
            task_id, report, problem = self._results.get(timeout=timeout)
            if report is None:
                raise RuntimeError(f"grading a group at seed {seed} failed: {problem}")
            found[task_id] = report
        return [found[first + index] for index in range(len(groups))]

    def close(self) -> None:
        for _ in self._processes:
            self._tasks.put(None)
        for process in self._processes:
            process.join(60)
            if process.is_alive():
                process.kill()

    def __enter__(self) -> Sweeper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
