"""Writing a request to a worker and reading its reply, each with a deadline; replies with a
size bound. And the worker's side: reading a request and writing its reply, waiting as long
as it takes (the grading process bounds its own waits).

`Connection.recv_bytes` blocks until the whole message has arrived: a worker that announces
a large message and then stalls would hold the grading process for ever, whatever `poll`
said. Here the length header and the body are read with `select` against one deadline, in
one framing: a 4-byte big-endian length, or -1 and an 8-byte length for messages of 2 GiB
and more (as multiprocessing's Connection writes them). A request is written the same way: a worker
whose code stopped reading its channel cannot block the grading process on a full buffer.
"""

from __future__ import annotations

import os
import select
import struct
import time
from typing import Any


class Late(Exception):
    """The whole message did not arrive before the deadline."""


class Oversized(Exception):
    """The announced length is over the bound; nothing more is read."""


def recv_bytes(conn: Any, deadline: float, limit: int) -> bytes:
    """The next message on `conn`, read by `deadline` (a time.monotonic() value).
    EOFError when the other end closed; Late, Oversized as named."""
    return _message(conn.fileno(), deadline, limit)


def unblock(conn: Any) -> None:
    """Make the grading process's end non-blocking: no write or read can then outlast its
    deadline, whatever the worker does."""
    os.set_blocking(conn.fileno(), False)


def send_bytes(conn: Any, data: bytes, deadline: float) -> None:
    """Write one message (under 2 GiB, as every request is) by `deadline`; Late if not.
    The grading process's end of the channel is non-blocking (see `unblock`)."""
    view = memoryview(_framed(data))
    fd = conn.fileno()
    while view:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([], [fd], [], wait)[1]:
            raise Late()
        try:
            view = view[os.write(fd, view[:1 << 20]):]
        except BlockingIOError:  # another writer took the room select saw: wait again
            continue


def read_message(fd: int) -> bytes:
    """The worker's side: the next message on a blocking `fd`. EOFError when it closed."""
    return _message(fd, None, None)


def write_message(fd: int, data: bytes) -> None:
    """The worker's side: one message on a blocking `fd`."""
    view = memoryview(_framed(data))
    while view:
        view = view[os.write(fd, view[:1 << 20]):]


def _framed(data: bytes) -> bytes:
    """`data` behind its length header (a 4-byte length, or -1 and an 8-byte one)."""
    if len(data) < 1 << 31:
        return struct.pack("!i", len(data)) + data
    return struct.pack("!iQ", -1, len(data)) + data


def _message(fd: int, deadline: float | None, limit: int | None) -> bytes:
    size = struct.unpack("!i", _read(fd, 4, deadline))[0]
    if size == -1:
        size = struct.unpack("!Q", _read(fd, 8, deadline))[0]
    if limit is not None and (size < 0 or size > limit):
        raise Oversized(f"a reply of {size} bytes announced, over {limit}")
    return _read(fd, size, deadline)


def _read(fd: int, count: int, deadline: float | None) -> bytes:
    """`count` bytes; by `deadline` from a non-blocking fd (Late if not), or, without one,
    however long a blocking fd takes."""
    chunks, left = [], count
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise Late()
        try:
            chunk = os.read(fd, min(left, 1 << 20))
        except BlockingIOError:  # select saw data another reader took: wait again
            continue
        if not chunk:
            raise EOFError("the other end closed the channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
