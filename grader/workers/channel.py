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
    fd = conn.fileno()
    size = struct.unpack("!i", _read(fd, 4, deadline))[0]
    if size == -1:
        size = struct.unpack("!Q", _read(fd, 8, deadline))[0]
    if size < 0 or size > limit:
        raise Oversized(f"a reply of {size} bytes announced, over {limit}")
    return _read(fd, size, deadline)


def unblock(conn: Any) -> None:
    """Make the grading process's end non-blocking: no write or read can then outlast its
    deadline, whatever the worker does."""
    os.set_blocking(conn.fileno(), False)


def send_bytes(conn: Any, data: bytes, deadline: float) -> None:
    """Write one message (under 2 GiB, as every request is) by `deadline`; Late if not.
    The grading process's end of the channel is non-blocking (see `unblock`)."""
    view = memoryview(struct.pack("!i", len(data)) + data)
    fd = conn.fileno()
    while view:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([], [fd], [], wait)[1]:
            raise Late()
        try:
            view = view[os.write(fd, view[:1 << 20]):]
        except BlockingIOError:  # another writer took the room select saw: wait again
            continue


def _read(fd: int, count: int, deadline: float) -> bytes:
    chunks, left = [], count
    while left:
        wait = deadline - time.monotonic()
        if wait <= 0:
            raise Late()
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            raise Late()
        try:
            chunk = os.read(fd, min(left, 1 << 20))
        except BlockingIOError:  # select saw data another reader took: wait again
            continue
        if not chunk:
            raise EOFError("the worker closed its channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_message(fd: int) -> bytes:
    """The worker's side: the next message on a blocking `fd`. EOFError when it closed."""
    size = struct.unpack("!i", _read_blocking(fd, 4))[0]
    if size == -1:
        size = struct.unpack("!Q", _read_blocking(fd, 8))[0]
    return _read_blocking(fd, size)


def write_message(fd: int, data: bytes) -> None:
    """The worker's side: one message on a blocking `fd`."""
    header = struct.pack("!i", len(data)) if len(data) < 1 << 31 else struct.pack(
        "!iQ", -1, len(data))
    view = memoryview(header + data)
    while view:
        view = view[os.write(fd, view[:1 << 20]):]


def _read_blocking(fd: int, count: int) -> bytes:
    chunks, left = [], count
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the grading process closed the channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
