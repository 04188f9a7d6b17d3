"""Command-line conventions, run as a user runs them (a subprocess): --version, help with
examples and exit codes, output paths checked before grading, a subcommand's own usage."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.katas import copy_kata
from grader.cli import COMMANDS
from grader.commands.outputs import check_file, check_folder
from grader.records.errors import SetupError

REPOSITORY = Path(__file__).resolve().parents[2]


def grader(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "GRADER_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "grader", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def kata(tmp_path):
    return copy_kata("trust", tmp_path)


def test_version_is_the_packages(tmp_path):
    done = grader("--version", cwd=tmp_path)
    assert done.returncode == 0
    pyproject = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "grader.__version__"}
    import grader as package

    assert done.stdout == f"grader {package.__version__}\n"


def test_top_level_help_is_written_for_users(tmp_path):
    done = grader("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "dispatcher" not in done.stdout and "grader.commands" not in done.stdout
    for words in ("examples:", "exit codes:", "grader run 02", "--version", *COMMANDS):
        assert words in done.stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_help_has_examples_and_exit_codes(tmp_path, command):
    done = grader(command, "--help", cwd=tmp_path)
    assert done.returncode == 0
    assert f"usage: grader {command}" in done.stdout
    examples = done.stdout.split("examples:\n", 1)[1]
    assert f"  grader {command}" in examples
    codes = done.stdout.split("exit codes:\n", 1)[1]
    assert "  0  " in codes and "  2  " in codes


# The commands a learner types: their whole help is in the learner's language.
LEARNER_COMMANDS = ("run", "watch", "hint", "list", "plot", "repro", "notebook")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("command", LEARNER_COMMANDS)
def test_a_learner_command_s_help_is_all_in_chinese_with_the_same_examples(tmp_path, command):
    english = grader(command, "--help", cwd=tmp_path).stdout
    chinese = grader(command, "--help", "--lang", "zh", cwd=tmp_path).stdout
    options, _, rest = chinese.partition("示例：\n")
    assert "退出码：\n" in rest and "  0  " in rest and "  2  " in rest
    for line in options.split("\n", 3)[-1].splitlines():  # after the usage and description
        text = line.strip()
        if not text or text.endswith("："):
            continue
        if text.startswith(("-", "EXERCISE", "FUNCTION")):  # a name, then its help
            parts = re.split(r"\s{2,}", text, maxsplit=1)
            said = parts[1] if len(parts) == 2 else ""
        else:  # help continued on a line of its own
            said = text
        assert not said or CJK.search(said), f"English help in Chinese: {line!r}"
    # the same invocations in both languages, only their explanations translated
    assert _invocations(english.split("examples:\n", 1)[1]) == _invocations(rest)
    assert _invocations(rest)


def _invocations(examples: str) -> list[str]:
    return [re.split(r"\s{2,}", line.strip())[0] for line in examples.splitlines()
            if line.startswith(("  grader ", "  python "))]


@pytest.mark.parametrize("argv, typo", [
    (["run", "--jsn", "r.json"], "--jsn"),  # r.json is taken as an exercise
    (["grade", "s", "--out", "o", "--jbos", "2"], "--jbos 2"),
    (["hint", "1", "--alll"], "--alll"),
    (["list", "--verbose"], "--verbose"),
])
def test_an_unknown_option_shows_the_commands_own_usage(kata, argv, typo):
    done = grader(*argv, cwd=kata)
    assert done.returncode == 2
    assert done.stderr.startswith(f"usage: grader {argv[0]} ")
    assert done.stderr.endswith(f"grader {argv[0]}: error: unrecognized arguments: {typo}\n")


def test_an_unknown_command_still_shows_the_top_level_usage(kata):
    done = grader("frobnicate", cwd=kata)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: grader [-h] [--version] [--lang {en,zh}] COMMAND")


@pytest.mark.parametrize("option", ["--json", "--junit"])
def test_run_checks_its_output_files_before_grading(kata, option):
    done = grader("run", "01", option, "/nonexistent/dir/r.out", cwd=kata)
    assert done.returncode == 2
    assert done.stdout == ""  # nothing graded, no report
    assert done.stderr == (
        "grader: cannot write /nonexistent/dir/r.out: the folder /nonexistent/dir does not exist\n"
    )
    assert not (kata / ".grader").exists()  # no run was recorded


def test_run_refuses_a_folder_as_its_output_file(kata):
    done = grader("run", "01", "--json", str(kata), cwd=kata)
    assert (done.returncode, done.stdout) == (2, "")
    assert "it is a folder; name a file" in done.stderr and "Traceback" not in done.stderr


def test_grade_checks_its_out_folder_before_grading(kata, tmp_path):
    taken = tmp_path / "taken.txt"
    taken.write_text("a file, not a folder\n")
    for out in (taken, taken / "below"):
        done = grader("grade", str(kata / "solutions"), "--out", str(out), cwd=kata)
        assert (done.returncode, done.stdout) == (2, "")
        assert "exists and is not a folder" in done.stderr and "Traceback" not in done.stderr
    assert taken.read_text() == "a file, not a folder\n"


def test_release_checks_its_out_folder_before_building(kata, tmp_path):
    done = grader("release", str(tmp_path / "missing" / "edition"), cwd=kata)
    assert (done.returncode, done.stdout) == (2, "")
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr


def test_writable_outputs_pass_the_checks(tmp_path):
    check_file(None)
    check_file(tmp_path / "new.json")
    (tmp_path / "old.json").write_text("{}")
    check_file(tmp_path / "old.json")  # replaced when the run ends
    check_folder(tmp_path)
    check_folder(tmp_path / "new" / "deeper")  # made with its parents
    with pytest.raises(SetupError, match="does not exist"):
        check_file(tmp_path / "new" / "r.json")


def test_help_and_usage_errors_speak_chinese_with_lang_zh(tmp_path, kata):
    from grader.records import messages

    done = grader("--lang", "zh", "--help", cwd=tmp_path)
    assert done.returncode == 0
    with messages.language("zh"):
        for key in ("cli.usage", "cli.options", "cli.help_help", "cli.commands_heading",
                    "cli.command.run", "cli.command.repro"):
            assert messages.text(key) in done.stdout, key
        wrong = grader("run", "--device", "gpu", "--lang", "zh", cwd=kata)
        assert wrong.returncode == 2
        assert wrong.stderr.startswith(messages.text("cli.usage") + "grader run")
        assert messages.text("cli.invalid_choice", name="--device", value="'gpu'",
                             choices="'auto', 'cpu', 'cuda'") in wrong.stderr
        missing = grader("--lang=zh", "hint", cwd=kata)
        assert messages.text("cli.required", names="EXERCISE") in missing.stderr
    for english in ("show this help message", "usage:", "options:"):
        assert english not in done.stdout
    assert "usage: grader run" in grader("run", "--device", "gpu", cwd=kata).stderr
