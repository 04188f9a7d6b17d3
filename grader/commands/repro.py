"""`grader repro EXERCISE FUNCTION [--seed N]`: the failed call of a function, as a script
that replays it exactly (grader.grading.replay)."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from grader.records import messages


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = messages.text("cli.repro.epilog")
    parser.add_argument("exercise", metavar="EXERCISE", help=messages.text("cli.repro.exercise"))
    parser.add_argument("function", metavar="FUNCTION", help=messages.text("cli.repro.function"))
    parser.add_argument("--seed", type=int, default=None,
                        help=messages.text("cli.repro.seed"))


def main(args: argparse.Namespace) -> int:
    from grader.grading.replay import FailedCall, write_script
    from grader.grading.runner import run_kata
    from grader.grading.session import GradingSession
    from grader.records import messages
    from grader.records.errors import SetupError
    from grader.records.paths import find_kata_root
    from grader.records.progress import read_state

    with GradingSession.open(find_kata_root(Path.cwd()), exercises=[args.exercise],
                             device="cpu", seed=args.seed) as session:
        entry, paths = session.selected[0], session.paths
        if args.function not in {function.name for function in entry.functions}:
            raise SetupError(messages.text("repro.unknown_function", function=args.function,
                                           exercise=entry.id))
        seed = args.seed if args.seed is not None else _last_seed(read_state(paths), entry.id)
        failed: list[FailedCall] = []
        replayed = dataclasses.replace(session, seed=session.seed if seed is None else seed)
        report = run_kata(replayed, on_failure=lambda call: failed.append(call)
                          if call.function == args.function else None)
    run = report.run_of(entry.id)
    if not failed or run is None or run.source is None:
        print(messages.text("repro.nothing", function=args.function, seed=report.seed))
        return 1
    script = write_script(failed[0], folder=paths.state / "repro",
                          learner_file=paths.root / run.source, seed=report.seed,
                          callables=paths.callables)
    shown = script.relative_to(Path.cwd()) if script.is_relative_to(Path.cwd()) else script
    print(messages.text("repro.wrote", path=shown))
    return 0


def _last_seed(state: dict, exercise: str) -> int | None:
    return state.get("exercises", {}).get(exercise, {}).get("seed")
