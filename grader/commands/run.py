"""`grader run [EXERCISE ...]`: grade exercises of the kata holding the current directory."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help="an id (02_gradient_descent) or its number (02, 2); all if none")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                        help="devices for tensor functions (auto: CPU, and CUDA if available)")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run's inputs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write Gradescope JSON")
    parser.add_argument("--junit", type=Path, metavar="FILE", help="write JUnit XML")


def main(args: argparse.Namespace) -> int:
    from grader.records.catalogue import load_catalogue
    from grader.records.paths import KataPaths, find_kata_root
    from grader.workers.pool import WorkerPool

    paths = KataPaths(find_kata_root(Path.cwd()))
    catalogue = load_catalogue(paths.catalogue)
    selected = catalogue.select(args.exercises)
    # The pool starts the worker server first, so its imports overlap with pytest's here.
    with WorkerPool(preload_torch=any(entry.tensor_functions for entry in selected)) as pool:
        from grader.grading.runner import resolve_devices, run_kata

        devices = resolve_devices(args.device, selected, pool)
        report = run_kata(paths.root, exercises=[entry.id for entry in selected],
                          devices=devices, seed=args.seed, pool=pool)
    _write_reports(report, catalogue, args)
    from grader.records.progress import record_run

    record_run(paths, report)
    return 0 if report.passed else 1


def _write_reports(report, catalogue, args: argparse.Namespace) -> None:
    from grader.reports import gradescope as report_gradescope
    from grader.reports import junit as report_junit
    from grader.reports import terminal as report_terminal

    print(report_terminal.render(report, catalogue))
    if args.json:
        report_gradescope.write(report, args.json)
    if args.junit:
        report_junit.write([report], args.junit)
