"""Single key presses, read without Enter.

On a terminal, cbreak mode: each key arrives as typed and is not echoed, while Ctrl-C still
interrupts (the loop relies on that to stop). From a pipe, characters arrive as written."""

from __future__ import annotations

import os
import select
import time
from typing import Any, TextIO


class Keys:
    def __init__(self, stream: TextIO) -> None:
        try:
            self._fd: int | None = stream.fileno()
        except (OSError, ValueError):  # no usable stdin (closed, or a test's stand-in)
            self._fd = None
        self._saved: Any = None  # the terminal's settings, restored on exit
        self._terminal: int | None = None

    def __enter__(self) -> Keys:
        if self._fd is not None and os.isatty(self._fd):
            import termios
            import tty

            self._terminal = self._fd
            self._saved = termios.tcgetattr(self._terminal)
            tty.setcbreak(self._terminal)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._terminal is not None:
            import termios

            # the shell gets its terminal back as it was, whatever ended the loop
            termios.tcsetattr(self._terminal, termios.TCSADRAIN, self._saved)
            self._terminal = None

    def read(self, timeout: float) -> str:
        """The keys pressed within `timeout` seconds ("" if none)."""
        if self._fd is None:
            time.sleep(timeout)
            return ""
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return ""
        data = os.read(self._fd, 64)
        if not data:  # end of input: no more keys will come, keep watching the file
            self._fd = None
        return data.decode("utf-8", errors="ignore")
