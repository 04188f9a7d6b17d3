"""Worker handles in the grading process: start, load, call with a time limit, kill, restart.

Workers are forked from the worker servers (grader.workers.servers), which preload numpy
(and torch when a tensor exercise is graded), so each import is paid once per grading
process. Replies are read with channel.recv_bytes and decoded from JSON: nothing from a
worker is ever unpickled.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.records import messages
from grader.workers import channel, limits, pidns, sandbox, servers, torch_build, wire
from grader.workers.pending import CachedCall, PendingCall, counts_timeout
from grader.workers.replies import CallReply, reply_from
from grader.workers.replies import lost as _lost
from grader.workers.resource_group import ResourceGroup
from grader.workers.uid_lease import UidLease


@dataclass(frozen=True)
class LoadSpec:
    """What a worker loads: a file (shown as `display`) and the trusted callables.
    `server`: the worker server its worker is forked from (grader.workers.servers.NAMES:
    "numpy", "torch" or "optimizer"); None: the pool's choice (torch if it preloads it)."""

    path: Path
    display: str
    module: str
    callables: Path | None = None
    devices: tuple[str, ...] = ("cpu",)
    server: str | None = None


class Worker:
    """One worker process for one loaded file, replaced after a timeout or a crash. A
    learner's worker has a sandbox uid of its own (`lease`) for as long as it lives, and
    runs in its submission's resource group (`group`, where the machine gives one)."""

    def __init__(self, server: servers.Server, spec: LoadSpec, load_time_limit: float,
                 confinement: dict | None = None, budget: limits.Budget | None = None,
                 restarts: limits.Restarts | None = None, *, lease: UidLease | None = None,
                 group: ResourceGroup | None = None) -> None:
        self.spec = spec
        self.confinement = confinement  # the sandbox plan; None: trusted, not confined
        self._lease = lease
        self._group = group
        self._server = server
        self._load_time_limit = load_time_limit
        self._budget = budget  # shared by the submission's learner workers
        self._restarts = restarts  # None: restarted whenever needed (the reference)
        self._process: servers.ForkedProcess | None = None
        self._conn: socket.socket | None = None
        self._counter = 0
        self._trusted = confinement is None  # may report a grader fault
        self.timeouts = 0
        self.load_seconds = 0.0
        self.load_reply: CallReply | None = None
        self.on_load: Any = None  # called with each fresh load reply (the pool records it)

    def load(self) -> CallReply:
        """Start and load once; a failed load is kept (loading again would fail alike), and
        a worker that may not be started again is not (its calls are timed out)."""
        if self.load_reply is not None and (not self.load_reply.ok or self.alive
                                            or self.spent()):
            return self.load_reply
        if self._budget is not None and self._budget.exhausted():
            return self._out_of_budget()
        watch = limits.Stopwatch(None)
        self._start()
        request = {"op": "load", "path": str(self.spec.path), "display": self.spec.display,
                   "module": self.spec.module, "devices": list(self.spec.devices),
                   "lang": messages.current(),  # the worker writes its sentences in it
                   "callables": str(self.spec.callables) if self.spec.callables else None}
        if self.confinement is None:
            reply = self._exchange(request, self._load_time_limit)
        else:
            reply = self._load_confined(request)
        if reply.error and reply.error["kind"] == "timeout":
            if self._budget is not None and self._budget.exhausted():
                return self._out_of_budget()
            reply = _lost("load_timeout", f"{self._load_time_limit:g}", reply.output)
        self.load_seconds = watch.stop()
        self.load_reply = reply
        if self.on_load is not None:
            self.on_load(reply)
        return reply

    def _out_of_budget(self) -> CallReply:
        """The submission's time is spent: a file that loaded before keeps that reply (its
        calls are timed out); one that never loaded was not graded for want of time."""
        assert self._budget is not None, "only a learner's worker has a budget to run out of"
        if self.load_reply is None or not self.load_reply.ok:
            self.load_reply = _lost("budget", f"{self._budget.seconds:g}")
        return self.load_reply

    def loaded(self) -> CallReply:
        """The load's reply, loading only if it never was: a worker killed by a timeout or a
        crash is not started again after grading just to say the file loads."""
        return self.load_reply if self.load_reply is not None else self.load()

    def _load_confined(self, request: dict) -> CallReply:
        """Prepare (read the file, confine) then run the file: the sandbox report comes
        before any learner code has run, so learner code cannot forge it."""
        assert self.confinement is not None, "only a learner's worker is confined"
        self._trusted = True  # no learner code has run in this process yet
        prepared = self._exchange(dict(request, op="prepare", sandbox=self.confinement),
                                  self._load_time_limit)
        # the canary's file is the reference: its worker's words are the instructor's
        self._trusted = self.confinement.get("reference_as_learner") is True
        if not prepared.ok:
            return prepared
        if self.confinement.get("required") and not sandbox.is_confined(prepared.sandbox):
            self.kill()  # confinement failed here: learner code is not run at all
            refused = _lost("grader", messages.text("grade.refuse_unconfined",
                                                    reason=prepared.sandbox))
            return dataclasses.replace(refused, sandbox=prepared.sandbox)
        reply = self._exchange({"op": "exec"}, self._load_time_limit)
        return dataclasses.replace(reply, sandbox=prepared.sandbox)

    def call(self, request: dict, time_limit: float) -> CallReply:
        return self.begin_call(request, time_limit).reply()

    def begin_call(self, request: dict, time_limit: float) -> PendingCall:
        """Send a call and return at once: its reply is read with .reply(), so another
        worker (the reference) can compute meanwhile."""
        if self.spent():
            return PendingCall.done(_lost("timeout", f"{time_limit:g}"))
        loaded = self.load()
        if not loaded.ok:
            return PendingCall.done(loaded)
        return self._begin(request, time_limit, counts_timeouts=True)

    def spent(self) -> bool:
        """Whether this learner's file gets no more time: the submission's budget is used
        up, or its worker is gone and may not be started again (too many timeouts, or a load
        too slow to pay again)."""
        if self._budget is not None and self._budget.exhausted():
            return True
        if self.load_reply is None or not self.load_reply.ok or self.alive:
            return False
        return self._restarts is not None and self._restarts.refused(self.timeouts,
                                                                     self.load_seconds)

    def probe(self, timeout: float) -> bool:
        """Whether torch in a fresh worker sees a CUDA device."""
        self._start()
        reply = self._exchange({"op": "probe"}, timeout)
        return reply.ok and reply.result is True

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _start(self) -> None:
        self.kill()
        # A learner's worker is born in a PID namespace of its own where its submission's
        # control group caps memory, CPU and processes: the second fork of its guard, which
        # would do that otherwise (grader.workers.pidns), is not needed there.
        own_pids = (self._group is not None and self.confinement is not None
                    and not self.confinement.get("off"))
        self._process, self._conn = self._server.fork_worker(own_pids)
        channel.unblock(self._conn)

    def _exchange(self, request: dict, timeout: float) -> CallReply:
        return self._begin(request, timeout).reply()

    def _begin(self, request: dict, timeout: float, counts_timeouts: bool = False) -> PendingCall:
        self._counter += 1
        watch = limits.Stopwatch(self._budget)
        wait = self._budget.bound(timeout) if self._budget is not None else timeout
        deadline = time.monotonic() + wait
        pending = PendingCall(self, self._counter, deadline, watch, timeout, counts_timeouts)
        try:
            channel.send_bytes(self._conn, wire.dumps(dict(request, id=self._counter)), deadline)
        except BaseException as error:
            pending.failed(error)
        return pending

    def _receive(self, pending: PendingCall) -> CallReply:
        try:
            data = channel.recv_bytes(self._conn, pending.deadline, wire.MAX_MESSAGE_BYTES)
        except BaseException as error:
            return self._failed(pending, error)
        finally:
            if pending.watch is not None:
                pending.watch.stop()
        reply = self._observed(self._decode(data, pending.number))
        if counts_timeout(pending, reply):
            self.timeouts += 1
        return reply

    def _failed(self, pending: PendingCall, error: BaseException) -> CallReply:
        """The reply to a call whose sending or reading failed; an outer interruption (Ctrl-C,
        a batch's time-out) leaves no worker mid-call and goes on up."""
        if isinstance(error, channel.Late):
            self.kill()
            reply = _lost("timeout", f"{pending.timeout:g}")
        elif isinstance(error, channel.Oversized):
            self.kill()
            reply = _lost("too_large", str(error))
        elif isinstance(error, (EOFError, OSError)):
            reply = self._out_of_memory() or self._died()
        else:
            self.kill()
            raise error
        if counts_timeout(pending, reply):
            self.timeouts += 1
        return reply

    def _observed(self, reply: CallReply) -> CallReply:
        """A failed call of a worker whose address space reached its limit ran out of
        memory, whatever the worker said about it."""
        if self._group is not None and self._group.ran_out_of_memory():
            return self._out_of_memory(counted=True, output=reply.output) or reply
        limit = (self.confinement or {}).get("memory")
        if reply.ok or self._process is None or limit is None or not limits.ran_out_of_memory(
                self._process.pid, limit):
            return reply
        self.kill()
        return _lost("memory", f"{limit / limits.GIB:g}", reply.output)

    def _out_of_memory(self, counted: bool = False, output: str = "") -> CallReply | None:
        """The reply of a call during which the submission's processes together passed
        their memory cap (the kernel killed one of them, the worker or a child it forked);
        None if they did not."""
        limit = (self.confinement or {}).get("memory")
        if self._group is None or limit is None:
            return None
        if not counted and not self._group.ran_out_of_memory():
            return None
        self.kill()
        return _lost("memory", f"{limit / limits.GIB:g}", output)

    def _decode(self, data: bytes, number: int) -> CallReply:
        try:
            tree = wire.loads(data)
            if type(tree) is not dict or tree.get("id") != number:
                raise wire.WireError("reply out of order")
            return reply_from(tree, self._trusted)
        except (wire.WireError, KeyError, TypeError, ValueError) as error:
            self.kill()
            return _lost("invalid", str(error))

    def _died(self) -> CallReply:
        """The reply of a worker gone mid-call: its guard ended it for the memory of its
        processes together (grader.workers.pidns), or it died."""
        process = self._process
        if process is not None:  # the process the pool started (the worker's guard) ends
            process.join(1)      # just after the worker: its exit tells how that ended
        self.kill()
        code = process.exitcode if process is not None else None
        limit = (self.confinement or {}).get("memory")
        if code == pidns.MEMORY_EXIT and limit is not None:
            return _lost("memory", f"{limit / limits.GIB:g}")
        if code is not None and code < 0:
            return _lost("died", messages.text("crash.signal", signal=signal.Signals(-code).name))
        return _lost("died", messages.text("crash.exit_code", code=code))

    def kill(self, wait: bool = True) -> None:
        """Kill the worker's whole process group: it and anything it started. `wait`: until
        it is gone (a worker about to be started again); a worker closed for good is not
        waited for (a torch worker takes tens of milliseconds to tear down)."""
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is None:  # start() interrupted: nothing runs
            return
        process.kill_group()
        if wait:
            process.join(5)

    def close(self) -> None:
        """Kill the worker for good, and give its sandbox uid back with nothing left under it."""
        self.kill(wait=False)
        if self._lease is not None:
            state = (self.load_reply.sandbox if self.load_reply else None) or ""
            self._lease.release(contained=_contained(state))
            self._lease = None


def _contained(state: str) -> bool:
    """Whether nothing of a worker in this sandbox state can outlive it: process 1 of its own
    PID namespace (the kernel ends the rest with it), holding its own IPC namespace."""
    applied = state.split(" ")[0].split("+")
    return "pid-ns" in applied and "ipc-ns" in applied


class WorkerPool:
    """Workers by (role, file); reference replies cached by request bytes, so grading many
    submissions computes each reference result once.

    Every role but "reference" runs learner code and is confined (grader.workers.sandbox): the
    folders in `hidden` (and those `hide` adds) are out of its reach. Each such role (one
    submission) has `budget_s` seconds of loads and calls (None: unbounded), each of its
    files `timeouts_allowed` timed-out calls and a load no slower than `reload_limit_s` if
    they are to be loaded again, each worker `memory_limit` bytes of address
    space (None: unlimited); the settings may be changed between submissions.
    `preload_torch`: fork from the torch server (else the NumPy one) the workers of specs
    that name no server, and start it now; `optimizer_ahead`: start the optimizer server
    with the first torch worker (some exercise to come needs it)."""

    def __init__(self, *, preload_torch: bool = False, optimizer_ahead: bool = False,
                 load_time_limit: float = limits.LOAD_TIME_LIMIT, hidden: tuple = (),
                 budget_s: float | None = None,
                 timeouts_allowed: int | None = limits.TIMEOUTS_PER_FILE,
                 reload_limit_s: float = limits.RELOAD_LIMIT,
                 memory_limit: int | None = limits.MEMORY_LIMIT) -> None:
        # The server of specs that name none starts now; the others on first need.
        servers.start(["torch" if preload_torch else "numpy"])
        self.preload_torch = preload_torch
        self.optimizer_ahead = optimizer_ahead
        self.load_time_limit = load_time_limit
        self.budget_s = budget_s
        self.timeouts_allowed = timeouts_allowed
        self.reload_limit_s = reload_limit_s
        self.memory_limit = memory_limit
        self._budgets: dict[str, limits.Budget] = {}
        self._submission: str | None = None
        self._workers: dict[tuple[str, LoadSpec], Worker] = {}
        self._cache: dict[bytes, CallReply] = {}
        self._hidden = {Path(path) for path in (*hidden, *sandbox.extra_hidden())}
        self._groups: dict[str, ResourceGroup | None] = {}
        # groups whose killed processes were not reaped yet when their role closed
        self._retired: list[ResourceGroup] = []
        # a batch's: a learner worker that could not be confined runs no learner code
        self.require_confinement = False
        self.reference_as_learner = False  # the canary's run: its grader faults are believed
        self.sandbox_states: set[str] = set()  # what each confined worker reported

    def confine_to(self, submission: Path | None) -> None:
        """Learner workers started from now see no sibling of this folder (the other
        submissions beside it); None: no such folder (a learner grading their own clone)."""
        self._submission = None if submission is None else str(Path(submission).resolve())

    def hide(self, *paths: Path) -> None:
        """Keep these folders (or files) out of reach of learner workers started from now."""
        self._hidden.update(Path(path) for path in paths)

    def worker(self, role: str, spec: LoadSpec) -> Worker:
        key = (role, spec)
        if key not in self._workers:
            server = self._server_for(spec)
            if role == "reference":
                handle = Worker(server, spec, self.load_time_limit)
            else:
                budget = self._budgets.setdefault(role, limits.Budget(self.budget_s))
                if role not in self._groups:  # GRADER_SANDBOX=off: no limit of any kind
                    self._retired = [group for group in self._retired if not group.remove()]
                    self._groups[role] = ResourceGroup.create(
                        self.memory_limit, sandbox.PROCESS_LIMIT) if sandbox.enabled() else None
                lease = UidLease()
                handle = Worker(server, spec, self.load_time_limit,
                                self._confinement(spec, lease.uid, self._groups[role]), budget,
                                limits.Restarts(self.timeouts_allowed, self.reload_limit_s),
                                lease=lease, group=self._groups[role])
            handle.on_load = self._record
            self._workers[key] = handle
        return self._workers[key]

    def _server_for(self, spec: LoadSpec) -> servers.Server:
        """The server a spec's worker is forked from, started on first need.
        With `optimizer_ahead`, the first torch worker starts the optimizer server too: it
        imports torch._dynamo while the exercises that need no optimizer are graded."""
        server = spec.server or ("torch" if self.preload_torch else "numpy")
        if server == "torch" and self.optimizer_ahead:
            servers.server("optimizer")
        return servers.server(server)

    def _confinement(self, spec: LoadSpec, uid: int | None, group: ResourceGroup | None) -> dict:
        # CUDA maps far more address space than it uses: a GPU worker has no such limit.
        memory = None if "cuda" in spec.devices else self.memory_limit
        # the worker joins its submission's group first thing, before any learner code
        joins = list(group.join_files()) if group is not None else []
        return {"hidden": sorted(str(path) for path in self._hidden), "uid": uid,
                "group": joins,
                "off": not sandbox.enabled(), "memory": memory, "submission": self._submission,
                "required": self.require_confinement,
                "reference_as_learner": self.reference_as_learner}

    def _record(self, reply: CallReply) -> None:
        if reply.sandbox:
            self.sandbox_states.add(reply.sandbox)

    def unconfined(self) -> str | None:
        """Why some learner code ran with the instructor's files in reach; None if none."""
        weak = sorted(state for state in self.sandbox_states if not sandbox.is_confined(state))
        return weak[0] if weak else None

    def call(self, role: str, spec: LoadSpec, request: dict, time_limit: float) -> CallReply:
        return self.begin_call(role, spec, request, time_limit).reply()

    def begin_call(self, role: str, spec: LoadSpec, request: dict,
                   time_limit: float) -> PendingCall | CachedCall:
        """Send a call without waiting for its reply. Reference replies are cached by
        request: a cached one is returned at once, a fresh one is cached when read."""
        if role != "reference":
            return self.worker(role, spec).begin_call(request, time_limit)
        key = str(spec.path).encode() + b"\x00" + wire.dumps(request)
        cached = self._cache.get(key)
        if cached is not None:
            return PendingCall.done(cached)
        return CachedCall(self.worker(role, spec).begin_call(request, time_limit), self._cache, key)

    def cuda_available(self) -> bool:
        """Asked of a worker, so the grading process never imports torch; not asked at all
        where the installed torch was built without GPU support."""
        if not torch_build.may_see_a_gpu():
            return False
        spec = LoadSpec(Path(os.devnull), "probe", "probe")
        probe = Worker(self._server_for(spec), spec, 0.0)
        try:
            return probe.probe(self.load_time_limit * 3)
        finally:
            probe.kill()

    def close_role(self, role: str) -> None:
        for key in [key for key in self._workers if key[0] == role]:
            self._workers.pop(key).close()
        self._budgets.pop(role, None)
        group = self._groups.pop(role, None)
        if group is not None and not group.remove():  # what left its worker's group and uid
            self._retired.append(group)

    def close(self) -> None:
        for role in {role for role, _ in self._workers} | set(self._groups):
            self.close_role(role)
        deadline = time.monotonic() + 2.0  # killed members are reaped within moments
        while self._retired and time.monotonic() < deadline:
            self._retired = [group for group in self._retired if not group.remove()]
            if self._retired:
                time.sleep(0.02)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
