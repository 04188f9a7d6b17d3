"""Whether the exercise's graded file changed since it was last graded.

The file is polled (its path, modification time and size, every tenth of a second): one
stat() call costs microseconds, sees saves on every file system (network and container
mounts included, where file events are not delivered) and follows editors that save by
writing a new file and renaming it. The graded file is looked up afresh each time, so
saving the notebook twin switches to it, as `grader run` would.
"""

from __future__ import annotations

import time
from pathlib import Path

from grader.records.sources import find_source

POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.03  # an editor may write a file in several steps: wait until it is still


class SourceWatch:
    def __init__(self, exercises: Path, exercise_id: str) -> None:
        self._exercises = exercises
        self._exercise_id = exercise_id
        self._seen = self._signature()

    def _signature(self) -> tuple | None:
        source = find_source(self._exercises, self._exercise_id)
        if source is None:
            return None
        try:
            stat = source.stat()
        except OSError:  # removed between the lookup and the stat: seen next time
            return None
        return source, stat.st_mtime_ns, stat.st_size

    def changed(self) -> bool:
        """True once per save, after the file has stopped changing."""
        now = self._signature()
        if now == self._seen:
            return False
        while True:
            time.sleep(SETTLE_SECONDS)
            settled = self._signature()
            if settled == now:
                break
            now = settled
        self._seen = now
        return True
