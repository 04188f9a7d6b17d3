"""The watch screen: each report replaces the previous one on a terminal; elsewhere (a pipe,
a log) reports follow one another."""

from __future__ import annotations

import shutil
from typing import TextIO

# cursor home, clear the screen and its scroll-back: only the latest report is seen
CLEAR = "\x1b[H\x1b[2J\x1b[3J"


class Screen:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.is_terminal = stream.isatty()

    @property
    def width(self) -> int:
        return shutil.get_terminal_size((80, 24)).columns if self.is_terminal else 80

    def show(self, text: str) -> None:
        self._stream.write((CLEAR if self.is_terminal else "\n") + text)
        self._stream.flush()

    def add(self, line: str) -> None:
        """A line under what is shown (grading has started, for one)."""
        self._stream.write(line + "\n")
        self._stream.flush()
