"""The command line's own behaviour, outside any one command."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_reader_that_stops_early_gets_no_traceback():
    # `grader list | head -1`: head exits after one line and closes the pipe.
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom grader.cli import main\n"
         "import grader.commands.list_ as l\n"
         "def loud(args):\n"
         "    for _ in range(100000): print('row')\n"
         "    return 0\n"
         "l.main = loud\n"
         "sys.exit(main(['list']))"],
        stdout=reader.stdin, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True, timeout=60,
    )
    reader.stdin.close()
    reader.wait(timeout=10)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_no_command_prints_usage_and_exits_2():
    result = subprocess.run([sys.executable, "-m", "grader"], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 2
    assert "run" in result.stdout and "grade" in result.stdout


def test_the_program_exits_at_once_with_its_output_complete_and_its_exit_handlers_run(tmp_path):
    # `grader` skips the interpreter's teardown: what it printed, its code and its exit
    # handlers (a file written by one here; the worker servers' end in a real run) all stay.
    marker = tmp_path / "handler-ran"
    script = ("import atexit, pathlib, sys\n"
              "import grader.commands.list_ as l\n"
              f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
              "def loud(args):\n"
              "    for n in range(5000): print('row', n)\n"
              "    return 3\n"
              "l.main = loud\n"
              "sys.argv = ['grader', 'list']\n"
              "from grader.cli import program\n"
              "program()\n"
              "print('not reached')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    assert len(lines) == 5000 and lines[-1] == "row 4999"
    assert marker.read_text() == "yes"
