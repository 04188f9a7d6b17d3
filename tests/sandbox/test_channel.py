"""The channel to a worker: every write and read ends by its deadline, whatever the other
end does, and a reply announced over the bound is refused before it is read."""

from __future__ import annotations

import multiprocessing
import struct
import time

import pytest

from grader.workers import channel


@pytest.fixture
def ends():
    ours, theirs = multiprocessing.Pipe(duplex=True)
    channel.unblock(ours)
    yield ours, theirs
    ours.close()
    theirs.close()


def test_a_message_goes_both_ways(ends):
    ours, theirs = ends
    channel.send_bytes(ours, b"request", time.monotonic() + 5)
    assert theirs.recv_bytes() == b"request"
    theirs.send_bytes(b"reply")
    assert channel.recv_bytes(ours, time.monotonic() + 5, 100) == b"reply"


def test_a_reply_announced_then_stalled_is_late(ends):
    ours, theirs = ends
    theirs._send(struct.pack("!i", 1000) + b"{")
    with pytest.raises(channel.Late):
        channel.recv_bytes(ours, time.monotonic() + 0.3, 10_000)


def test_a_reply_over_the_bound_is_refused_unread(ends):
    ours, theirs = ends
    theirs._send(struct.pack("!i", 10_001))
    with pytest.raises(channel.Oversized):
        channel.recv_bytes(ours, time.monotonic() + 5, 10_000)


def test_a_worker_that_stopped_reading_cannot_block_a_large_request(ends):
    ours, _ = ends
    with pytest.raises(channel.Late):
        channel.send_bytes(ours, b"x" * (16 * 1024 * 1024), time.monotonic() + 0.3)


def test_a_closed_worker_end_is_an_end_of_file(ends):
    ours, theirs = ends
    theirs.close()
    with pytest.raises(EOFError):
        channel.recv_bytes(ours, time.monotonic() + 5, 100)
