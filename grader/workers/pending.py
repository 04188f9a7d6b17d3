"""Calls sent to a worker whose replies are read later, so two workers (the learner's and
the reference) can compute at once; the Worker that sent one reads and judges its reply."""

from __future__ import annotations

from typing import Any

from grader.workers import limits
from grader.workers.replies import CallReply


class PendingCall:
    """A call sent to a worker whose reply is not read yet (or a reply known without one)."""

    def __init__(self, worker: Any, number: int, deadline: float,
                 watch: limits.Stopwatch | None, timeout: float,
                 counts_timeouts: bool = False) -> None:
        self.worker, self.number, self.deadline = worker, number, deadline
        self.watch, self.timeout, self.counts_timeouts = watch, timeout, counts_timeouts
        self._reply: CallReply | None = None

    @classmethod
    def done(cls, reply: CallReply) -> PendingCall:
        pending = cls(None, 0, 0.0, None, 0.0)
        pending._reply = reply
        return pending

    def failed(self, error: BaseException) -> None:
        """Sending failed: the reply is that failure (the stopwatch stops now)."""
        if self.watch is not None:
            self.watch.stop()
        self._reply = self.worker._failed(self, error)

    def reply(self) -> CallReply:
        if self._reply is None:
            self._reply = self.worker._receive(self)
        return self._reply


def counts_timeout(pending: PendingCall, reply: CallReply) -> bool:
    """Whether a reply is a timed-out learner call (they limit restarts; loads do not)."""
    return (pending.counts_timeouts and reply.error is not None
            and reply.error["kind"] == "timeout")


class CachedCall:
    """A reference call whose reply goes into the pool's cache once read (unless the worker
    timed out or died: that may not happen again)."""

    def __init__(self, pending: PendingCall, cache: dict, key: bytes) -> None:
        self._pending, self._cache, self._key = pending, cache, key

    def reply(self) -> CallReply:
        reply = self._pending.reply()
        if reply.error is None or reply.error["kind"] not in ("timeout", "died"):
            self._cache[self._key] = reply
        return reply
