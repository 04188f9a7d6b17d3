"""Starts a process it never waits for."""

import subprocess

# A sleep with an unusual argument, so the project's tests can look for it afterwards.
LEFT_BEHIND = ["sleep", "417.25"]


def spawn(x):
    subprocess.Popen(LEFT_BEHIND)
    return x + 1.0


def double(x):
    return 2 * x
