"""The same cases in every environment this machine offers (scripts/environment_table.py):
root with namespaces, a Python under /tmp, one inside a home of mode 0700, a default
container, an ordinary user. A grade must not depend on where Python lives: each row must
be as expected, or the environment must be one this machine cannot make (then it skips,
saying why)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.kata_maker import REPOSITORY

SCRIPT = REPOSITORY / "scripts" / "environment_table.py"
ENVIRONMENTS = ("root", "python-tmp", "home-0700", "container", "user")


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="making the environments needs root")
@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_every_case_is_as_expected_in(environment, require_confinement):
    done = subprocess.run([sys.executable, str(SCRIPT), "--only", environment, "--check"],
                          capture_output=True, text=True, timeout=1500)
    table = done.stdout
    print(table)  # the row, for the run's log
    if "not available here" in table:
        pytest.skip(table.strip().splitlines()[-1])
    if "not graded:" in table and "unconfined" in table:
        require_confinement(table.strip().splitlines()[-1])
    assert done.returncode == 0, table + done.stderr[-2000:]
    row = table.strip().splitlines()[-1]
    assert row.startswith(f"| {environment} |") and "unexpected" not in row, row
