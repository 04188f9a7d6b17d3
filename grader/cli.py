"""The `grader` command line: a thin dispatcher over grader.commands.<name>.

Exit codes: 0 all checks passed (or the command succeeded), 1 a check failed,
2 a usage or set-up error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# name -> one-line help; the module grader.commands.<module> does the work.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("list_", "every exercise in order with its status"),
    "run": ("run", "grade exercises of the kata that holds the current directory"),
    "hint": ("hint", "show the next hint for an exercise"),
    "notebook": ("notebook", "write Jupyter notebooks from the exercise stubs"),
    "grade": ("grade", "instructor grading of many submissions"),
    "collect": ("collect", "merge the outputs of sharded `grade` runs"),
    "release": ("release", "write the student edition"),
    "gradescope": ("autograder", "write a Gradescope autograder bundle of this kata"),
}

from grader.records.errors import SetupError

USAGE_ERROR = 2


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grader", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:  # only the chosen command's module is imported
            _module(module_name).configure(child)
    return parser


def _module(module_name: str):
    return importlib.import_module(f"grader.commands.{module_name}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in COMMANDS:
        command = None
    parser = build_parser(command)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on bad usage and 0 on --help
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return USAGE_ERROR
    try:
        return int(_module(COMMANDS[args.command][0]).main(args))
    except SetupError as error:
        print(f"grader: {error}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `grader list | head` closed the pipe early: not an error of ours. Point stdout at
        # /dev/null so the interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
