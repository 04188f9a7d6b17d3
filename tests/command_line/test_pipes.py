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
