"""`grader.check(...)`: grade exercises from inside Jupyter (or any script) and print the report.

What is graded is the saved file, exactly what `grader run` grades: the `.py` or the
`.ipynb` of each exercise, whichever was saved last. The kernel's own definitions are never
graded: Jupyter's unsaved edits cannot be seen from the kernel, and learner code only ever
runs in the grader's worker processes, never in the process that compares results. So the
report starts with the file graded for each exercise and the time it was saved, and names
the functions whose code last run in the kernel is not in the saved notebook: a learner who
forgot to save sees at once that an older version was graded.
"""

from __future__ import annotations

import ast
import os
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Sequence

from grader.grading.canary import unproven_fault
from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.notebooks.pictures_inline import show_wrong
from grader.records import messages
from grader.records.paths import KataPaths, find_kata_root
from grader.records.progress import record_run
from grader.records.results import Report
from grader.reports.terminal import render
from grader.workers.notebook_source import NotebookError, read_notebook


def check(*exercises: str, device: str = "auto", seed: int | None = None,
          start: str | Path | None = None, lang: str | None = None) -> Report | None:
    """Grade the named exercises (all when none is named) of the kata that holds `start`
    (default: the current directory, which in Jupyter is the notebook's folder), print the
    same report as `grader run`, and return it. `device`, `seed` and `lang` mean what
    `--device`, `--seed` and `--lang` mean for `grader run` (without `lang`: GRADER_LANG,
    then the locale).

    When the calling code is itself being loaded by the grader (its `__name__` is not
    "__main__"), nothing is graded: grading must not start grading again.
    """
    with messages.language(messages.choose_language(lang, os.environ)):
        return _check(exercises, device, seed, start)


def _check(exercises: Sequence[str], device: str, seed: int | None,
           start: str | Path | None) -> Report | None:
    if not called_as_main():
        print(messages.text("inline.skipped"))
        return None
    root = find_kata_root(Path(start) if start is not None else Path.cwd())
    with GradingSession.open(root, exercises=exercises, device=device, seed=seed) as session:
        fault = unproven_fault(session)  # the machine's fault, proven once: no grade at all
        if fault:
            print(fault)
            return None
        report = run_kata(session)
    catalogue = session.catalogue
    print(graded_files(report, root))
    unsaved = unsaved_functions(report, root, _kernel_history())
    if unsaved:
        print(messages.text("inline.unsaved", functions=", ".join(unsaved)))
    print(render(report, catalogue))
    show_wrong(report, KataPaths(root))  # in a Jupyter kernel: the pictures
    record_run(KataPaths(root), report)  # `grader list` shows progress made in notebooks too
    return report


def graded_files(report: Report, root: Path, now: float | None = None) -> str:
    """Which file was graded for each exercise and when it was saved."""
    now = time.time() if now is None else now
    lines = [messages.text("inline.graded_heading")]
    for run in report.exercises:
        if run.source is None:
            lines.append(messages.text("inline.missing", exercise=run.exercise))
            continue
        saved = (root / run.source).stat().st_mtime
        lines.append(messages.text("inline.graded", exercise=run.exercise, file=run.source,
                                   when=_when(saved, now)))
    return "\n".join(lines)


def unsaved_functions(report: Report, root: Path, history: Sequence[str]) -> list[str]:
    """Functions graded from a notebook whose definition last run in the kernel (`history`,
    the cells run so far) does not appear in the saved notebook."""
    ran = _last_definitions(history)
    unsaved = []
    for run in report.exercises:
        if run.source is None or not run.source.endswith(".ipynb"):
            continue
        try:
            saved = read_notebook(root / run.source).code
        except NotebookError:
            continue  # the report already says why it could not be loaded
        graded = dict.fromkeys(c.function for c in report.checks if c.exercise == run.exercise)
        unsaved += [name for name in graded if name in ran and ran[name] not in saved]
    return unsaved


def _last_definitions(history: Sequence[str]) -> dict[str, str]:
    """Function name -> the source of its latest top-level definition among the cells."""
    ran: dict[str, str] = {}
    for cell in history:
        try:
            tree = ast.parse(cell)
        except SyntaxError:  # IPython syntax that the kernel transformed differently
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                ran[node.name] = ast.get_source_segment(cell, node) or ""
    return ran


def _kernel_history() -> list[str]:
    """The cells run so far in this IPython kernel; [] outside IPython (never imported here)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    history = getattr(shell, "user_ns", {}).get("In", [])
    return [cell for cell in history if isinstance(cell, str)]


def _when(saved: float, now: float) -> str:
    """'at 14:03:12', with the date when it was not saved today."""
    moment = time.localtime(saved)
    date, clock = time.strftime("%Y-%m-%d", moment), time.strftime("%H:%M:%S", moment)
    if date == time.strftime("%Y-%m-%d", time.localtime(now)):
        return messages.text("inline.saved_today", time=clock)
    return messages.text("inline.saved_earlier", date=date, time=clock)


def called_as_main() -> bool:
    """True when the nearest caller outside the grader runs as `__main__` (a Jupyter cell,
    a script), False when it is a module being loaded (by the grader's worker)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and _in_grader(frame.f_globals.get("__name__", "")):
        frame = frame.f_back
    return frame is None or frame.f_globals.get("__name__") == "__main__"



def _in_grader(module: str) -> bool:
    return module == "grader" or module.startswith("grader.")
