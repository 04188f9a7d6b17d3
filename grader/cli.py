"""The `grader` command line. Each subcommand is one module of grader.commands, imported
only when that command runs, so start-up stays cheap."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from types import ModuleType
from typing import NoReturn

import grader
from grader.records import messages
from grader.records.errors import SetupError

# name -> the module of grader.commands that does the work (its one-line help: the
# tables' cli.command.<name>).
COMMANDS: dict[str, str] = {
    "list": "list_",
    "run": "run",
    "watch": "watch",
    "hint": "hint",
    "plot": "plot",
    "repro": "repro",
    "notebook": "notebook",
    "grade": "grade",
    "collect": "collect",
    "report": "report",
    "export": "export",
    "release": "release",
    "gradescope": "autograder",
    "new-exercise": "new_exercise",
}

USAGE_ERROR = 2
INTERRUPTED = 130  # 128 + SIGINT, as shells report a command Ctrl-C ended


def version() -> str:
    """This checkout's version (grader.__version__, which the package metadata also reads)."""
    return grader.__version__


def build_parser(command: str | None = None) -> Parser:
    """The parser, its words in the current language (argparse's own English words, and the
    top level's texts, from the tables in Chinese)."""
    parser = Parser(prog="grader", description=messages.text("cli.description"),
                    epilog=messages.text("cli.epilog"),
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.commands = {}
    parser.add_argument("--version", action="version", version=f"grader {version()}",
                        help=messages.text("cli.version_help"))
    _add_lang(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                title=messages.text("cli.commands_title"))
    for name, module_name in COMMANDS.items():
        help_text = messages.text(f"cli.command.{name}")
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
                        help=messages.text("cli.lang_help"))


# argparse's own words (usage, its section titles, its errors), said in the current language
_ARGPARSE_LINES = {"usage: ": "cli.usage", "positional arguments:": "cli.positionals",
                   "options:": "cli.options", "optional arguments:": "cli.options"}
_ARGPARSE_HELP = "show this help message and exit"
_ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "cli.unrecognized"),
    (re.compile(r"argument (?P<name>\S+): invalid choice: (?P<value>.+?) \(choose from "
                r"(?P<choices>.+)\)"), "cli.invalid_choice"),
    (re.compile(r"argument (?P<name>\S+): invalid \S+ value: (?P<value>.+)"), "cli.invalid_value"),
    (re.compile(r"argument (?P<name>\S+): expected one argument"), "cli.expected_one"),
)


class Parser(argparse.ArgumentParser):
    """argparse's parser, its help, usage and errors in the current language; the top-level
    one keeps its sub-commands' parsers by name."""

    commands: dict[str, argparse.ArgumentParser]

    def format_usage(self) -> str:
        return _translated(super().format_usage())

    def format_help(self) -> str:
        help_text = _translated(super().format_help())
        return help_text.replace(_ARGPARSE_HELP, messages.text("cli.help_help"))

    def error(self, message: str) -> NoReturn:
        for pattern, key in _ARGPARSE_ERRORS:
            found = pattern.fullmatch(message)
            if found:
                message = messages.text(key, **found.groupdict())
                break
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, messages.text("cli.usage_error", prog=self.prog,
                                             error=message) + "\n")


def _translated(text: str) -> str:
    if messages.current() == "en":
        return text
    lines = text.split("\n")
    titles = {f"{messages.text('cli.commands_title')}:": messages.text("cli.commands_heading")}
    for i, line in enumerate(lines):
        lines[i] = titles.get(line, line)
        for english, key in _ARGPARSE_LINES.items():
            if line == english or (english.endswith(" ") and line.startswith(english)):
                lines[i] = messages.text(key) + line[len(english):]
    return "\n".join(lines)


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


def _asked_language(argv: list[str]) -> str:
    """The language of --help and usage errors, before argv is parsed: `--lang X` (or
    `--lang=X`) anywhere, else the environment; English where neither says a known one."""
    words = iter(argv)
    asked = None
    for word in words:
        if word == "--lang":
            asked = next(words, None)
        elif word.startswith("--lang="):
            asked = word.partition("=")[2]
    try:
        return messages.choose_language(asked if asked in messages.LANGUAGES else None,
                                        os.environ)
    except SetupError:  # an unknown GRADER_LANG is reported once the command runs
        return "en"


def _module(module_name: str) -> ModuleType:
    return importlib.import_module(f"grader.commands.{module_name}")


def _parse(parser: Parser, argv: list[str]) -> argparse.Namespace:
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
    with messages.language(_asked_language(argv)):
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
        return int(_module(COMMANDS[args.command]).main(args))
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
