"""The `grader` command line. Each subcommand is one module of grader.commands, imported
only when that command runs, so start-up stays cheap."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from types import ModuleType
from typing import NoReturn

import grader
from grader.records import messages
from grader.records.errors import SetupError

# name -> one-line help; the module grader.commands.<module> does the work.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("list_", "every exercise in order with its status"),
    "run": ("run", "grade exercises of the kata that holds the current directory"),
    "watch": ("watch", "grade an exercise again each time you save it"),
    "hint": ("hint", "show the next hint for an exercise"),
    "plot": ("plot", "draw your result beside the reference's"),
    "repro": ("repro", "write a script that replays a failed call of one function"),
    "notebook": ("notebook", "write Jupyter notebooks from the exercise stubs"),
    "grade": ("grade", "instructor grading of many submissions"),
    "collect": ("collect", "merge the outputs of sharded `grade` runs"),
    "release": ("release", "write the student edition"),
    "gradescope": ("autograder", "write a Gradescope autograder bundle of this kata"),
    "new-exercise": ("new_exercise", "start a new exercise from a template"),
}

USAGE_ERROR = 2
INTERRUPTED = 130  # 128 + SIGINT, as shells report a command Ctrl-C ended
LANG_HELP = "language of what the grader prints: en or zh (default: $GRADER_LANG, then the locale)"

DESCRIPTION = """\
Work through the kata's exercises and have them graded: each function you write is called
on fresh inputs and compared with the reference solution. Instructors also grade a whole
class and release the student edition from here.

Run it anywhere inside the kata (the folder that holds exercises/)."""

EPILOG = """\
examples:
  grader list                 where you are: every exercise and its status
  grader run 02               grade exercise 02 (all exercises when none is named)
  grader hint 02              the next hint for exercise 02
  grader COMMAND --help       the options and examples of one command

exit codes:
  0  every check passed (or the command did its job)
  1  a check failed, or something could not be graded
  2  a usage or set-up error (a typo, no kata here, an output path that cannot be written)"""


def version() -> str:
    """This checkout's version (grader.__version__, which the package metadata also reads)."""
    return grader.__version__


class GraderParser(argparse.ArgumentParser):
    """The top-level parser, which keeps its sub-commands' parsers by name."""

    commands: dict[str, argparse.ArgumentParser]


def build_parser(command: str | None = None) -> GraderParser:
    parser = GraderParser(prog="grader", description=DESCRIPTION, epilog=EPILOG,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.commands = {}
    parser.add_argument("--version", action="version", version=f"grader {version()}")
    _add_lang(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        _add_lang(child)
        parser.commands[name] = child
        if name == command:  # only the chosen command's module is imported
            _module(module_name).configure(child)
    return parser


def _add_lang(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a sub-command's default must not erase `grader --lang zh run`'s choice
    parser.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS,
                        help=LANG_HELP)


def _command_name(argv: list[str]) -> str | None:
    """The sub-command named in `argv`: its first word that is neither an option nor the
    value of `--lang`."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _module(module_name: str) -> ModuleType:
    return importlib.import_module(f"grader.commands.{module_name}")


def _parse(parser: GraderParser, argv: list[str]) -> argparse.Namespace:
    """Parse `argv`; an option the chosen command does not know is reported with that
    command's own usage (argparse would otherwise show the top-level one)."""
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        command = getattr(args, "command", None)
        target = parser.commands.get(command, parser) if command else parser
        target.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def program() -> NoReturn:
    """The `grader` program (its console script and `python -m grader`): main(), then an
    exit that skips the interpreter's teardown once the exit handlers have run (see
    grader._end_program)."""
    code = main()
    grader._program_exit[:] = [code]
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    """Ctrl-C at any moment (parsing, a worker starting, a test running) ends the command
    with 130 and one line; the command's own `with` blocks have killed its workers."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return _interrupted()


def _interrupted() -> int:
    print(messages.text("cli.interrupted"), file=sys.stderr)
    return INTERRUPTED


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_name(argv))
    try:
        args = _parse(parser, argv)
    except SystemExit as exit_:  # argparse exits 2 on bad usage and 0 on --help/--version
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return USAGE_ERROR
    try:
        code = messages.choose_language(getattr(args, "lang", None), os.environ)
    except SetupError as error:  # an unknown GRADER_LANG: said in English, the default
        print(messages.text("cli.error", error=error), file=sys.stderr)
        return USAGE_ERROR
    with messages.language(code):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(_module(COMMANDS[args.command][0]).main(args))
    except SetupError as error:
        print(messages.text("cli.error", error=error), file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:
        # `grader list | head` closed the pipe early: not an error of ours. Point stdout at
        # /dev/null so the interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
