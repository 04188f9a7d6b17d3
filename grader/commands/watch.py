"""`grader watch [EXERCISE]`: grade an exercise again each time its file is saved."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.records import messages


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = messages.text("cli.watch.epilog")
    parser.add_argument("exercise", nargs="?", metavar="EXERCISE",
                        help=messages.text("cli.watch.exercise"))
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                        help=messages.text("cli.option.device"))
    parser.add_argument("--seed", type=int, default=None, help=messages.text("cli.watch.seed"))


def main(args: argparse.Namespace) -> int:
    import sys

    from grader.learner_loop.keys import Keys
    from grader.learner_loop.loop import watch
    from grader.learner_loop.screen import Screen
    from grader.records.paths import find_kata_root

    root = find_kata_root(Path.cwd())
    with Keys(sys.stdin) as keys:
        return watch(root, args.exercise, keys, Screen(sys.stdout), device=args.device,
                     seed=args.seed)
