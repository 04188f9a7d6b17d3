"""Files a hostile submission ships: each would forge a full score if it were ever used."""

from __future__ import annotations

from pathlib import Path

WRONG_SQUARE = """\
def square(x):
    return x + 1


def cube(x):
    return x + 1
"""


def imported_marker(marker: Path) -> str:
    """Code that leaves `marker` behind if it ever runs."""
    return f"import pathlib\npathlib.Path({str(marker)!r}).write_text('imported')\n"


def pass_everything(marker: Path) -> str:
    """A pytest plugin that would turn every failed check into a pass."""
    return imported_marker(marker) + (
        "import pytest\n\n"
        "@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n"
        "    outcome.get_result().outcome = 'passed'\n"
    )


def hostile_files(marker: Path) -> dict[str, str]:
    """Every path grade must ignore, each with code that would forge a full score if used."""
    plugin = pass_everything(marker)
    passing_test = imported_marker(marker) + (
        "import pytest\n\n"
        "@pytest.mark.grades('square')\ndef test_square(kata):\n    pass\n\n"
        "@pytest.mark.grades('cube')\ndef test_cube(kata):\n    pass\n"
    )
    return {
        "hidden_tests/test_01_square.py": passing_test,
        "hidden_tests/callables.py": imported_marker(marker),
        "tests/conftest.py": plugin,
        "grader/__init__.py": imported_marker(marker),
        "grader/grading/runner.py": imported_marker(marker),
        "grader/grading/compare.py": imported_marker(marker)
        + "def compare(got, want, *, path=''):\n    return None\n",
        "solutions/01_square.py": imported_marker(marker) + WRONG_SQUARE,
        "conftest.py": plugin,
        "exercises/conftest.py": plugin,
        "exercises/__init__.py": imported_marker(marker),
        "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "-p forge_plugin"\n',
        "forge_plugin.py": plugin,
        "pytest.ini": "[pytest]\naddopts = -p forge_plugin\n",
        "sitecustomize.py": imported_marker(marker),
        "usercustomize.py": imported_marker(marker),
        "exercises/sitecustomize.py": imported_marker(marker),
        "forge.pth": imported_marker(marker).replace("\n", "; ").rstrip("; ") + "\n",
        "exercises/forge.pth": imported_marker(marker).replace("\n", "; ").rstrip("; ") + "\n",
        "exercises/numpy.py": imported_marker(marker),
    }


# ---- a hostile class: one submission per kind of attack on `grader grade` ----------------
# Each is {relative path: text} for SubmissionMaker.make(..., base="solved"): what it does not
# replace stays correct, so `HONEST` says what its own work earns on the small kata.

SQUARE_OK = "def square(x):\n    return x * x\n\n\ndef cube(x):\n    return x * x * x\n"
TOTAL_OK = (
    "import math\n\n\ndef total(values):\n    return float(sum(values))\n\n\n"
    "def safe_sqrt(x):\n    if x < 0:\n        raise ValueError('negative')\n"
    "    return math.sqrt(x)\n"
)
HANG_AT_LOAD = "import time\ntime.sleep(3600)\n"
# Announces a large reply on every socket it holds (the worker's channel among them), then
# stalls: a grading process reading that reply without a deadline would wait for ever.
STALL_REPLY = """\
import os, socket, struct, time


def square(x):
    for fd in map(int, os.listdir('/proc/self/fd')):
        try:
            channel = socket.socket(fileno=os.dup(fd))
            channel.send(struct.pack('!i', 1_000_000) + b'{"id": ')
        except OSError:
            pass
    time.sleep(3600)


def cube(x):
    return x * x * x
"""
SLOW_LOAD_AND_DIE = (
    "import os, signal, time\ntime.sleep(4)\n\n\n"
    "def square(x):\n    os.kill(os.getpid(), signal.SIGKILL)\n\n\n"
    "def cube(x):\n    return x * x * x\n"
)
SURROGATE = (
    "def square(x):\n    raise ValueError('\\ud800 \\udcff broken text')\n\n\n"
    "def cube(x):\n    return x * x * x\n"
)
ESCAPES = (
    "import sys\nESC = '\\x1b]0;owned\\x07\\x1b[2J\\x1b[31m\\x00\\u202e'\n\n\n"
    "def square(x):\n    print(ESC)\n    sys.stderr.write(ESC)\n    return x * x\n\n\n"
    "def cube(x):\n    raise RuntimeError(ESC)\n"
)
MEGABYTES = (
    "def square(x):\n    print('x' * 3_000_000)\n    return x * x\n\n\n"
    "def cube(x):\n    print('y' * 3_000_000)\n    return x * x * x\n"
)
# Looks for classmates' files around itself and on the grader's command line, runs the first.
COPIER = """\
import glob, os

found = {}
places = ['../*/exercises', '../../*/exercises', '../../../*/exercises']
try:
    with open(f'/proc/{os.getppid()}/cmdline', 'rb') as f:
        places += [a.decode(errors='replace') + '/exercises'
                   for a in f.read().split(b'\\0') if a.startswith(b'/')]
except OSError:
    pass
for place in places:
    for path in glob.glob(os.path.join(place, '01_square.py')):
        try:
            exec(open(path).read(), found)
        except Exception:
            continue
        if 'square' in found:
            break
square = found.get('square', lambda x: x + 1)
cube = found.get('cube', lambda x: x + 1)
"""
# Patches the worker so that every call reports a "grader fault" with a plea for points.
FAKE_VERDICT = """\
import sys

PLEA = 'grader fault: please award these points manually'
for module in list(sys.modules.values()):
    for name in ('_call', 'call_function'):
        if getattr(module, '__name__', '').startswith('grader') and hasattr(module, name):
            setattr(module, name, lambda *a, **k: {'ok': False, 'error': {
                'kind': 'grader', 'type': 'GraderFault', 'mro': [], 'message': PLEA,
                'traceback': ''}})


def square(x):
    return x + 1


def cube(x):
    return x + 1
"""


def litter(marker: str) -> str:
    """01_square, correct, that leaves files in /tmp and /dev/shm named after `marker`."""
    return (
        "import pathlib\n"
        f"for place in ('/tmp', '/dev/shm'):\n"
        f"    try:\n"
        f"        (pathlib.Path(place) / {marker!r}).write_bytes(b'0' * 100_000)\n"
        f"    except OSError:\n"
        f"        pass\n\n\n" + SQUARE_OK
    )


def hostile_class(marker: str) -> dict[str, tuple[dict[str, str], int]]:
    """name -> (files over a correct submission, the most its honest part earns)."""
    return {
        "hang-at-load": ({"exercises/01_square.py": HANG_AT_LOAD,
                          "exercises/02_total.py": HANG_AT_LOAD}, 0),
        "stall-reply": ({"exercises/01_square.py": STALL_REPLY}, 70),
        "die-and-reload": ({"exercises/01_square.py": SLOW_LOAD_AND_DIE}, 70),
        "surrogate": ({"exercises/01_square.py": SURROGATE}, 70),
        "escapes": ({"exercises/01_square.py": ESCAPES}, 80),
        "megabytes": ({"exercises/01_square.py": MEGABYTES}, 100),
        "copier": ({"exercises/01_square.py": COPIER}, 50),
        "fake-verdict": ({"exercises/01_square.py": FAKE_VERDICT}, 50),
        "litter": ({"exercises/01_square.py": litter(marker)}, 100),
    }


# Folder names that once broke the outputs: each is a correct submission.
ODD_NAMES = ("gradebook.csv.partial", "junit.xml", "batch.json", "submissions", "=1+1",
             "+cmd", "-rm", "@SUM(A1)", "esc\x1b[31mred", "bad\udcffbyte")
