"""A submission's control group on both hierarchies, laid out in a folder as the kernel lays
them out (the machine here mounts version 1; GitHub's runners and most current systems
version 2): what is written where, how an OOM kill is read back, and when none is made."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grader.workers import resource_group
from grader.workers.resource_group import PARENT, ResourceGroup

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="groups are made for root only")


def version_2(root: Path) -> Path:
    root.mkdir()
    (root / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    (root / "cgroup.subtree_control").write_text("cpu memory pids\n")
    return root


def version_1(root: Path) -> Path:
    for controller in ("cpu", "memory", "pids"):
        (root / controller).mkdir(parents=True)
        (root / controller / "cgroup.procs").write_text("")
    return root


@needs_root
def test_version_2_sets_weight_memory_and_processes(tmp_path, monkeypatch):
    root = version_2(tmp_path / "cgroup")
    monkeypatch.setattr(resource_group, "CGROUP_ROOT", root)
    group = ResourceGroup.create(512 << 20, 64)
    assert group is not None and group.version == 2
    [folder] = group.folders
    assert folder.parent == root / PARENT
    assert (root / PARENT / "cgroup.subtree_control").read_text() == "+cpu +memory +pids"
    assert (folder / "memory.max").read_text() == str(512 << 20)
    assert (folder / "pids.max").read_text() == "64"
    assert (folder / "cpu.weight").read_text() == str(resource_group.CPU_WEIGHT_V2)
    (folder / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    assert group.ran_out_of_memory() and not group.ran_out_of_memory()  # read once


@needs_root
def test_version_1_makes_one_folder_per_controller(tmp_path, monkeypatch):
    root = version_1(tmp_path / "cgroup")
    monkeypatch.setattr(resource_group, "CGROUP_ROOT", root)
    group = ResourceGroup.create(None, 32)
    assert group is not None and group.version == 1
    cpu, memory, pids = group.folders
    assert (cpu / "cpu.shares").read_text() == str(resource_group.CPU_SHARES_V1)
    assert (pids / "pids.max").read_text() == "32"
    assert not (memory / "memory.limit_in_bytes").exists()  # no cap asked for
    (memory / "memory.oom_control").write_text("oom_kill_disable 0\nunder_oom 0\noom_kill 2\n")
    assert group.oom_kills() == 2


@needs_root
def test_none_where_no_hierarchy_is_mounted(tmp_path, monkeypatch):
    monkeypatch.setattr(resource_group, "CGROUP_ROOT", tmp_path / "nothing")
    assert ResourceGroup.create(1 << 30, 64) is None


@needs_root
def test_groups_of_a_grading_process_that_ended_are_removed(tmp_path, monkeypatch):
    root = version_1(tmp_path / "cgroup")
    monkeypatch.setattr(resource_group, "CGROUP_ROOT", root)
    ended = 2 ** 22 + 1  # above any pid this machine hands out
    stale = root / "cpu" / PARENT / f"{ended}-0"
    stale.mkdir(parents=True)
    live = root / "cpu" / PARENT / f"{os.getpid()}-999"
    live.mkdir()
    ResourceGroup.create(None, 8)
    assert not stale.exists() and live.exists()


def test_an_ordinary_user_gets_none(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert ResourceGroup.create(1 << 30, 64) is None
