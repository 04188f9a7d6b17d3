"""Holding back Ctrl-C and SIGTERM where they would do harm: while a class's outputs are
written, so a stop never leaves gradebook.csv, junit.xml and batch.json from two different
moments (the signal is delivered, and the batch stops, as soon as the writing is done); and
while a grading process starts, before it has a process group of its own (a terminal's
Ctrl-C reaches the whole group, and a process half started would print a traceback)."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only: nothing to hold back here
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def forget_stop_signals() -> None:
    """In a grading process started with the stop signals held, once it is in a group of
    its own: a Ctrl-C meant for its parent's group is dropped (its parent stops it), and the
    signals behave as usual again."""
    if threading.current_thread() is not threading.main_thread():
        return
    for number in STOP_SIGNALS:
        previous = signal.signal(number, signal.SIG_IGN)  # discards one already pending
        signal.signal(number, previous)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
