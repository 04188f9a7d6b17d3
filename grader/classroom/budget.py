"""Grading processes that give each submission a time budget and no more.

Each grading process (spawned: it starts clean, in a process group of its own) opens one
grader (one worker pool, so torch and the reference are paid once) and grades submissions
one at a time, handed to it over a pipe. A submission has `budget` seconds from the moment
it is handed over, a fresh process's start included. A process still busy then is killed
with its process group (its forkserver and the workers, which die with their forkserver),
the submission is recorded by `lost`, and a fresh process takes the next one. Whatever a
submission does, then, grading N of them ends within N x budget: each takes at most its
budget, one after another with one process, side by side with more.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Generator, Sequence

from grader.classroom.signals import forget_stop_signals, signals_held

DEFAULT_BUDGET = 120.0  # seconds per submission: about 25 times what a normal one takes
STOP_GRACE = 30.0  # seconds a process that is told to stop may take to close its pool


@dataclass(frozen=True)
class Budgeted:
    """How to grade: `open_grader(settings)` in each process gives an object with
    grade(item) -> outcome and close(); `lost(item, why)` is the outcome of an item whose
    process ran past the budget (why == "budget") or died (why: how)."""

    open_grader: Callable[[Any], Any]
    settings: Any
    lost: Callable[[Any, str], Any]
    budget: float
    jobs: int = 1


class _Process:
    """One grading process and the item it is grading, if any."""

    def __init__(self, context, plan: Budgeted):
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve,
                                       args=(child, plan.open_grader, plan.settings))
        with signals_held():  # until it is in a group of its own (see _serve)
            self.process.start()
        child.close()
        self.item: Any = None
        self.deadline = 0.0

    def hand(self, item: Any, budget: float) -> None:
        self.item, self.deadline = item, time.monotonic() + budget
        self.conn.send(item)

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # before it made its own group
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.join(STOP_GRACE)
        except (OSError, ValueError):  # it is gone already
            pass
        self.kill()  # whatever of its group is left


def grade_within_budget(items: Sequence[Any], plan: Budgeted,
                        first: Any = None) -> Generator[Any, None, None]:
    """The outcome of every item, in the order they finish. `first`: an item graded before
    any other (the environment's check, say) by the first process, while the others start:
    its outcome is yielded first, and the caller may stop there."""
    context = multiprocessing.get_context("spawn")
    pending = deque(items)
    busy: list[Any] = []
    idle: list[Any] = []
    try:
        if first is not None:
            checker = _Process(context, plan)
            checker.hand(first, plan.budget)
            busy.append(checker)
            idle = [_Process(context, plan) for _ in range(min(plan.jobs, len(pending)) - 1)]
            yield _awaited(checker, plan)
            busy.remove(checker)
            if checker.process.is_alive():
                idle.append(checker)  # the next handed out: its pool is warm
        while pending or busy:
            while pending and len(busy) < plan.jobs:
                process = idle.pop() if idle else _Process(context, plan)
                process.hand(pending.popleft(), plan.budget)
                busy.append(process)
            left = min(process.deadline for process in busy) - time.monotonic()
            ready = wait([process.conn for process in busy], timeout=max(left, 0.0))
            for process in list(busy):
                outcome = _outcome(process, process.conn in ready, plan)
                if outcome is not None:
                    busy.remove(process)
                    if process.process.is_alive():
                        idle.append(process)
                    yield outcome
    finally:
        for process in busy:
            process.kill()
        for process in idle:
            process.stop()


def _awaited(process: _Process, plan: Budgeted) -> Any:
    """The outcome of the item `process` grades, however long it takes within its budget."""
    while True:
        left = process.deadline - time.monotonic()
        outcome = _outcome(process, bool(wait([process.conn], timeout=max(left, 0.0))), plan)
        if outcome is not None:
            return outcome


def _outcome(process: _Process, ready: bool, plan: Budgeted) -> Any:
    """The finished item's outcome; None while it still has time."""
    if ready:
        try:
            return process.conn.recv()
        except (EOFError, OSError):  # the grading process died: this item's row says so
            process.kill()
            return plan.lost(process.item, f"exit code {process.process.exitcode}")
    if time.monotonic() >= process.deadline:
        process.kill()
        return plan.lost(process.item, "budget")
    return None


def _serve(conn, open_grader: Callable[[Any], Any], settings: Any) -> None:
    """A grading process: grade what comes until told to stop (None) or the pipe closes."""
    os.setpgid(0, 0)  # one group: killing it takes the forkserver and whatever it started
    forget_stop_signals()
    grader = open_grader(settings)
    try:
        while (item := conn.recv()) is not None:
            conn.send(grader.grade(item))
    except EOFError:
        pass
    finally:
        grader.close()
