"""Maps memory 256 MiB at a time until it can have no more (the pages are never written,
so the machine itself is not short of memory)."""

import mmap


def hog(x):
    blocks = []
    for _ in range(64):
        blocks.append(mmap.mmap(-1, 256 * 1024 * 1024))
    return x
