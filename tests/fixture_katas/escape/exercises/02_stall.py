"""Announces a 50 MB reply on the worker's channel, sends one byte of it, and sleeps."""

import gc
import socket
import struct
import time


def stall(x):
    channel = next(o for o in gc.get_objects() if isinstance(o, socket.socket) and o.fileno() >= 0)
    channel.sendall(struct.pack("!i", 50_000_000) + b"{")
    time.sleep(3600)
