"""Deterministic slices of a class, so N machines can grade one class between them.

Every shard sees the same list of submissions (same command line, same checkout) and keeps
the names at positions I-1, I-1+N, I-1+2N, ... of the sorted list: the slices are disjoint,
cover the class, and differ in size by at most one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TypeVar

from grader.records.errors import SetupError

T = TypeVar("T")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based, as written on the command line
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """`"2/4"` -> Shard(2, 4); anything else is a usage error."""
    index_text, slash, count_text = text.partition("/")
    try:
        index, count = int(index_text), int(count_text)
    except ValueError:
        index = count = 0
    if not slash or count < 1 or not 1 <= index <= count:
        raise SetupError(f"--shard wants I/N with 1 <= I <= N (such as 1/4), not {text!r}")
    return Shard(index, count)


def select_shard(items: Sequence[T], shard: Shard | None, *, key=str) -> list[T]:
    """The items of `shard` in sorted order of `key` (all of them, sorted, when no shard)."""
    ordered = sorted(items, key=key)
    if shard is None:
        return ordered
    return ordered[shard.index - 1 :: shard.count]
