"""`grader plot EXERCISE [FUNCTION] [--out FILE.png]`: the learner's result drawn beside the
reference's, on the kata's fixed inputs (grader.pictures)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.records import messages


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = messages.text("cli.plot.epilog")
    parser.add_argument("exercise", metavar="EXERCISE", help=messages.text("cli.plot.exercise"))
    parser.add_argument("function", nargs="?", metavar="FUNCTION",
                        help=messages.text("cli.plot.function"))
    parser.add_argument("--out", type=Path, metavar="FILE.png",
                        help=messages.text("cli.plot.out"))


def main(args: argparse.Namespace) -> int:
    from grader.grading.session import GradingSession
    from grader.pictures import drawing
    from grader.pictures.panels import picture
    from grader.records import messages
    from grader.records.paths import find_kata_root

    drawing.check_installed()
    language = drawing.picture_language(sys.stdout)
    # the learner's and the reference's workers, confined as when grading; CPU is enough
    with GradingSession.open(find_kata_root(Path.cwd()), exercises=[args.exercise],
                             device="cpu", seed=0) as session, messages.language(language):
        entry, paths = session.selected[0], session.paths
        drawn = picture(paths, entry, args.function, session.pool)
    for note in drawn.notes:
        print(note)
    window = args.out is None and drawing.display_available()
    with messages.language(language):
        fig = drawing.figure(drawn, interactive=window)
    if window:
        drawing.show(fig)
        return 0
    out = args.out or paths.state / f"plot-{entry.id}-{drawn.function}.png"
    print(messages.text("picture.wrote", path=drawing.save(fig, out)))
    return 0
