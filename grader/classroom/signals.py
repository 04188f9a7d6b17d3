"""Holding back Ctrl-C and SIGTERM while a class's outputs are written, so a stop never
leaves gradebook.csv, junit.xml and batch.json from two different moments: the signal is
delivered (and the batch stops) as soon as the writing is done."""

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
