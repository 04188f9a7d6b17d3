"""In a notebook, `check()` also shows the picture of a wrong function: the learner's path or
loss curve beside the reference's says at a glance what the numbers of the report say.

Only where it can be seen: inside an IPython kernel, with matplotlib installed. Anywhere else
(a terminal, a script, grading) nothing is imported and nothing is drawn.
"""

from __future__ import annotations

import sys
from typing import Any

from grader.grading.session import GradingSession
from grader.records import messages
from grader.records.paths import KataPaths
from grader.records.results import Report, Status


def wrong_pictured(report: Report, paths: KataPaths) -> list[tuple[str, str]]:
    """(exercise, function) of the first wrong function with a picture, per exercise."""
    from grader.pictures.scenes import scenes_of

    chosen: dict[str, str] = {}
    for check in report.checks:
        if check.status is Status.WRONG and check.exercise not in chosen:
            if check.function in scenes_of(paths, check.exercise):
                chosen[check.exercise] = check.function
    return list(chosen.items())


def show_wrong(report: Report, paths: KataPaths, display: Any = None) -> int:
    """Show the pictures of `wrong_pictured` with `display` (IPython's when None); how many.
    Workers start only when there is something to draw."""
    display = display or _ipython_display()
    if display is None or not _matplotlib_installed():
        return 0
    wanted = wrong_pictured(report, paths)
    if not wanted:
        return 0
    from grader.pictures import drawing
    from grader.pictures.panels import picture

    language = drawing.picture_language(sys.stdout)
    with GradingSession.open(paths.root, exercises=[exercise for exercise, _ in wanted],
                             device="cpu", seed=0) as session, messages.language(language):
        for entry, (_, function) in zip(session.selected, wanted):
            drawn = picture(paths, entry, function, session.pool)
            session.pool.close_role("learner")
            display(_image(drawing.png_bytes(drawing.figure(drawn))))
    return len(wanted)


def _ipython_display() -> Any:
    """IPython's display() when this runs in a kernel that can show images, else None."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "kernel"):
        return None
    from IPython.display import display

    return display


def _image(data: bytes) -> Any:
    try:
        from IPython.display import Image
    except ImportError:  # a display given by a caller outside IPython takes the bytes
        return data
    return Image(data=data, format="png")


def _matplotlib_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None
