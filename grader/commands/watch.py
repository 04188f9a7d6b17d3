"""`grader watch [EXERCISE]`: grade an exercise again each time its file is saved."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """\
examples:
  grader watch              the first exercise you have not passed yet
  grader watch 02           exercise 02

keys (no Enter needed):
  h  the next hint for the function that fails
  n  the next exercise, once this one passes
  q  quit (Ctrl-C too)

exit codes:
  0  quit with q
  2  an unknown exercise, or no kata here
  130  stopped with Ctrl-C"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("exercise", nargs="?", metavar="EXERCISE",
                        help="an id or its number (default: the first not yet passed)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                        help="devices for tensor functions (auto: CPU, and CUDA if available)")
    parser.add_argument("--seed", type=int, default=None, help="the inputs of a given run")


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
