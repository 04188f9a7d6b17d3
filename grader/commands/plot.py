"""`grader plot EXERCISE [FUNCTION] [--out FILE.png]`: the learner's result drawn beside the
reference's, on the kata's fixed inputs (grader.pictures)."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise", metavar="EXERCISE", help="an id or its number (02)")
    parser.add_argument("function", nargs="?", metavar="FUNCTION",
                        help="the function to draw (default: the exercise's first picture)")
    parser.add_argument("--out", type=Path, metavar="FILE.png",
                        help="write the picture here instead of showing a window")


def main(args: argparse.Namespace) -> int:
    from grader.grading.runner import instructor_only
    from grader.pictures import drawing
    from grader.pictures.panels import picture
    from grader.records import messages
    from grader.records.catalogue import load_catalogue
    from grader.records.paths import KataPaths, find_kata_root
    from grader.workers.pool import WorkerPool

    paths = KataPaths(find_kata_root(Path.cwd()))
    entry = load_catalogue(paths.catalogue).exercise(args.exercise)
    drawing.check_installed()
    with WorkerPool(preload_torch=bool(entry.tensor_functions)) as pool:
        pool.hide(*instructor_only(paths))
        drawn = picture(paths, entry, args.function, pool)
    for note in drawn.notes:
        print(note)
    window = args.out is None and drawing.display_available()
    fig = drawing.figure(drawn, interactive=window)
    if window:
        drawing.show(fig)
        return 0
    out = args.out or paths.state / f"plot-{entry.id}-{drawn.function}.png"
    print(messages.text("picture.wrote", path=drawing.save(fig, out)))
    return 0
