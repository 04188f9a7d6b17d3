"""Leaves a daemon: fork, new session, fork again, then sleep for a long time."""

import os


def secret(x):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "418.625"])
        os._exit(0)
    os.wait()
    return x * 7.25 + 3.0
