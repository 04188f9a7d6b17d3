"""--shard I/N: deterministic, disjoint slices that cover the class."""

from __future__ import annotations

import pytest

from grader.classroom.shards import Shard, parse_shard, select_shard
from grader.records.errors import SetupError


def test_parse_shard_reads_i_of_n():
    assert parse_shard("2/5") == Shard(2, 5)
    assert str(parse_shard("1/1")) == "1/1"


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "2", "a/b", "1/2/3", "-1/2", ""])
def test_parse_shard_refuses_anything_else(text):
    with pytest.raises(SetupError):
        parse_shard(text)


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_are_disjoint_cover_everything_and_are_balanced(count):
    names = [f"learner{n:03d}" for n in range(23)]
    slices = [select_shard(names[::-1], Shard(i, count)) for i in range(1, count + 1)]
    everything = sorted(name for part in slices for name in part)
    assert everything == sorted(names)
    sizes = [len(part) for part in slices]
    assert max(sizes) - min(sizes) <= 1


def test_shards_do_not_depend_on_the_order_given():
    names = ["carol", "alice", "dave", "bob", "erin"]
    second = ["bob", "dave"]
    assert select_shard(names, Shard(2, 2)) == select_shard(sorted(names), Shard(2, 2)) == second
