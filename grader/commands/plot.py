"""`grader plot EXERCISE [FUNCTION] [--out FILE.png]`: the learner's result drawn beside the
reference's, on the kata's fixed inputs (grader.pictures)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EPILOG = """\
examples:
  grader plot 02                       02's descent path beside the reference's
  grader plot 05 train_numpy           05's loss curve of train_numpy
  grader plot 04 --out minimize.png    write the picture to a file instead of a window

exit codes:
  0  the picture was shown or written
  2  an unknown exercise or function, no kata here, or matplotlib is not installed"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("exercise", metavar="EXERCISE", help="an id or its number (02)")
    parser.add_argument("function", nargs="?", metavar="FUNCTION",
                        help="the function to draw (default: the exercise's first picture)")
    parser.add_argument("--out", type=Path, metavar="FILE.png",
                        help="write the picture here instead of showing a window")


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
