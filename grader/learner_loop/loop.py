"""`grader watch`: grade one exercise, again on every save of its file, until the learner
quits; `h` shows the next hint, `n` moves on once the exercise passes.

One grading session stays open for the whole loop, so the worker server (numpy, and torch
once an exercise needs it) and the reference workers are started once; each save forks a
fresh learner worker, which must load the file as saved anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.grading.canary import unproven_fault
from grader.grading.runner import run_kata
from grader.grading.session import GradingSession
from grader.learner_loop.changes import POLL_SECONDS, SourceWatch
from grader.learner_loop.keys import Keys
from grader.learner_loop.screen import Screen
from grader.records import messages
from grader.records.catalogue import ExerciseEntry, load_catalogue
from grader.records.errors import SetupError
from grader.records.paths import KataPaths
from grader.records.hinting import next_hint
from grader.records.progress import next_to_do, read_state, record_run
from grader.records.results import Report
from grader.reports.terminal import render, wrap

QUIT, HINT, NEXT = "q", "h", "n"


@dataclass
class Watched:
    """The exercise on screen, its latest report, and what is shown under it."""

    entry: ExerciseEntry
    report: Report
    notes: list[str] = field(default_factory=list)


def watch(kata_root: Path, exercise: str | None, keys: Keys, screen: Screen, *,
          device: str = "auto", seed: int | None = None) -> int:
    """Run the loop until `q` (returns 0); Ctrl-C raises KeyboardInterrupt, after the
    session's workers are killed."""
    paths = KataPaths(kata_root)
    catalogue = load_catalogue(paths.catalogue)
    entry = (catalogue.exercise(exercise) if exercise else
             next_to_do(catalogue, read_state(paths)) or catalogue.exercises[0])
    # opened for this exercise alone: torch is imported only once an exercise needs it
    session = GradingSession.open(kata_root, exercises=[entry.id], device=device, seed=seed)
    try:
        while entry is not None:
            session = _session_for(session, entry, device)
            entry = _watch_one(session, entry, keys, screen)
    finally:
        session.close()
    return 0


def _session_for(session: GradingSession, entry: ExerciseEntry, device: str) -> GradingSession:
    """The open session, or a new one where `entry` takes tensors and the open one's worker
    server did not import torch (nor choose devices for tensors)."""
    if session.selected == (entry,) or not entry.tensor_functions:
        return session
    if any(chosen.tensor_functions for chosen in session.selected):
        return session
    session.close()
    return GradingSession.open(session.paths.root, exercises=[entry.id], device=device,
                               seed=session.seed)


def _watch_one(session: GradingSession, entry: ExerciseEntry, keys: Keys,
               screen: Screen) -> ExerciseEntry | None:
    """Grade `entry` now and on every save; the exercise to move on to, or None to quit."""
    source = SourceWatch(session.paths.exercises, entry.id)
    watched = Watched(entry, _grade(session, entry, screen))
    screen.show(_screen_text(session, watched, screen.width))
    while True:
        pressed = keys.read(POLL_SECONDS)
        if source.changed():
            watched = Watched(entry, _grade(session, entry, screen))
            screen.show(_screen_text(session, watched, screen.width))
        for key in pressed.lower():
            if key == QUIT:
                return None
            if key == HINT:
                watched.notes = next_hint(session.paths, watched.entry)
            elif key == NEXT:
                moved = _next(session, watched)
                if moved is not None:
                    return moved
            else:
                continue
            screen.show(_screen_text(session, watched, screen.width))


def _grade(session: GradingSession, entry: ExerciseEntry, screen: Screen) -> Report:
    screen.add(messages.text("watch.grading", exercise=entry.id))
    fault = unproven_fault(session)  # proven once per environment, then remembered
    if fault:
        raise SetupError(fault)
    report = run_kata(session, exercises=[entry.id])
    record_run(session.paths, report)  # `grader list` and `h` agree with the screen
    return report


def _next(session: GradingSession, watched: Watched) -> ExerciseEntry | None:
    """The next exercise, or None with the reason put on screen."""
    if not watched.report.passed:
        watched.notes = [messages.text("watch.not_yet", exercise=watched.entry.id)]
        return None
    following = next_to_do(session.catalogue, read_state(session.paths), watched.entry.id)
    if following is None:
        watched.notes = [messages.text("watch.course_done")]
    return following


def _screen_text(session: GradingSession, watched: Watched, width: int) -> str:
    lines = []
    if watched.report.passed:
        following = next_to_do(session.catalogue, read_state(session.paths), watched.entry.id)
        lines.append(messages.text("watch.passed", exercise=watched.entry.id,
                                   next=following.id) if following else
                     messages.text("watch.course_done"))
    lines += watched.notes
    run = watched.report.run_of(watched.entry.id)
    shown = run.source if run is not None and run.source else f"exercises/{watched.entry.id}.py"
    lines += ["", messages.text("watch.keys", source=shown)]
    under = [out for line in lines for part in line.split("\n") for out in wrap(part, width)]
    return render(watched.report, session.catalogue, width) + "\n".join(under) + "\n"
