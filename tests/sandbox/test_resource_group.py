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
    # the parent weighs as much: beside the machine's other work, not as one process
    assert (root / PARENT / "cpu.weight").read_text() == str(resource_group.CPU_WEIGHT_V2)
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
    assert (cpu.parent / "cpu.shares").read_text() == str(resource_group.CPU_SHARES_V1)
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


@needs_root
def test_on_this_machine_the_parent_of_the_groups_weighs_one_process_per_cpu():
    # The kernel's own files: a parent left at the default weight would give every learner
    # worker of every submission together the CPU share of a single process.
    group = ResourceGroup.create(None, 8)
    if group is None:
        pytest.skip("this machine gives root no writable control group")
    try:
        parent = group.folders[0].parent
        if group.version == 2:
            assert (parent / "cpu.weight").read_text().strip() == str(resource_group.CPU_WEIGHT_V2)
        else:
            assert (parent / "cpu.shares").read_text().strip() == str(resource_group.CPU_SHARES_V1)
    finally:
        assert group.remove()


@needs_root
@pytest.mark.parametrize("threads", [0, 2])
def test_a_process_joins_its_group_with_all_its_threads(threads):
    # A lone thread moves itself through `tasks` (no global lock); one with threads moves
    # its whole thread group, so none of them stays outside the caps.
    import json
    import threading
    import time

    from grader.workers.sandbox import join_group

    group = ResourceGroup.create(None, 16)
    if group is None:
        pytest.skip("this machine gives root no writable control group")
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            for _ in range(threads):
                threading.Thread(target=time.sleep, args=(2,), daemon=True).start()
            join_group(list(group.join_files()))
            seen = {task: Path(f"/proc/self/task/{task}/cgroup").read_text()
                    for task in os.listdir("/proc/self/task")}
            os.write(writer, json.dumps(seen).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    seen = json.loads(os.read(reader, 1 << 20))
    os.waitpid(pid, 0)
    try:
        assert len(seen) == threads + 1
        names = [f"{folder.parent.name}/{folder.name}" for folder in group.folders]
        for task, lines in seen.items():
            for name in names:
                assert any(line.endswith("/" + name) for line in lines.splitlines()), (task, lines)
    finally:
        assert group.remove()
