"""`grader run [EXERCISE ...]`: grade exercises of the kata holding the current directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.records import messages


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = messages.text("cli.run.epilog")
    parser.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help=messages.text("cli.run.exercises"))
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                        help=messages.text("cli.option.device"))
    parser.add_argument("--seed", type=int, default=None, help=messages.text("cli.run.seed"))
    parser.add_argument("--json", type=Path, metavar="FILE", help=messages.text("cli.run.json"))
    parser.add_argument("--junit", type=Path, metavar="FILE", help=messages.text("cli.run.junit"))
    parser.add_argument("--all-details", action="store_true",
                        help=messages.text("cli.run.all_details"))


def main(args: argparse.Namespace) -> int:
    from grader.commands.outputs import check_file
    from grader.grading.session import GradingSession
    from grader.records.paths import find_kata_root

    check_file(args.json)
    check_file(args.junit)
    from grader.records.progress import record_run

    # The session's pool starts the worker server first; pytest and the comparison code are
    # imported after, while the server imports numpy (and torch).
    with GradingSession.open(find_kata_root(Path.cwd()), exercises=args.exercises,
                             device=args.device, seed=args.seed) as session:
        from grader.grading.canary import unproven_fault
        from grader.grading.runner import run_kata

        fault = unproven_fault(session)
        if fault:  # the machine, not the learner: no grade at all
            print(f"grader: {fault}", file=sys.stderr)
            return 2
        report = run_kata(session)
    _write_reports(report, session.catalogue, args)
    record_run(session.paths, report)
    if report.passed and report.checks:
        _say_what_next(session, report)
    return 0 if report.passed else 1


def _say_what_next(session, report) -> None:
    from grader.records.progress import read_state
    from grader.reports.terminal import next_step

    last = report.exercises[-1].exercise if report.exercises else None
    print(next_step(session.catalogue, read_state(session.paths), last))


def _write_reports(report, catalogue, args: argparse.Namespace) -> None:
    from grader.reports import gradescope as report_gradescope
    from grader.reports import junit as report_junit
    from grader.reports import terminal as report_terminal

    every = getattr(args, "all_details", False)  # absent where another command reuses this
    print(report_terminal.render(report, catalogue, all_details=every))
    if args.json:
        report_gradescope.write(report, args.json)
    if args.junit:
        report_junit.write([report], args.junit, kata=catalogue.name)
