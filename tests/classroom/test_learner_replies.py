"""A reply a learner's worker sends is the learner's: whatever it holds (a field of the wrong
type, a missing one, inputs that are not the ones sent, a verdict only the grader may give),
it is that learner's function failing with a plain message, never "the grader failed".

Two ways in: generated replies (a seeded generator, thousands of them) through the decoder
and through the code that consumes a decoded reply (`Kata.check` on a stand-in pool), and
real learner files that rewrite their worker's reply helpers, graded as an instructor would.
"""

from __future__ import annotations

import base64
import csv
import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.classroom.batch import grade_class
from grader.grading.checks import CheckRecord, Kata, Target
from grader.grading.outcomes import GraderFault, Outcome
from grader.workers import wire
from grader.workers.pool import LoadSpec
from grader.workers.replies import CallReply, lost, reply_from

GRADER_WORDS = ("grader failed", "fault in the grader", "grader fault")
KINDS = ("call", "load", "syntax", "missing", "not_loaded", "too_large", "encode", "grader",
         "timeout", "died", "invalid", "memory", "budget", "", "call\n")
ODD_TEXT = ("", "x", "# heading", "\x1b[2J", "\ud800", "a" * 300, "名字", "\u202e", "`", "0")


# ----------------------------------------------------------------------------- generator


def _text(rng: random.Random) -> str:
    return rng.choice(ODD_TEXT) if rng.random() < 0.7 else "".join(
        chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(8)))


def _array(rng: random.Random) -> dict:
    dtype = rng.choice(["float64", "float32", "int64", "bool", "object", "U3", "V8", 7, None])
    shape = rng.choice([[], [2], [0, 10**19], [-1], [2, 3], "2", [1.5], [10**40]])
    try:
        itemsize = np.dtype(dtype).itemsize
        count = int(np.prod(shape)) if isinstance(shape, list) and len(shape) < 3 else 1
    except Exception:
        itemsize, count = 8, 1
    size = rng.choice([itemsize * max(count, 0), 3, 0]) if count < 1000 else 8
    data = rng.choice([base64.b64encode(bytes(size)).decode(), "!!", 5, None])
    return {"dtype": dtype, "shape": shape, "data": data, "scalar": rng.random() < 0.3}


def value(rng: random.Random, depth: int = 0) -> Any:
    """A JSON tree of the kinds a worker may send, right or wrong, nested a little."""
    pick = rng.randrange(14 if depth < 4 else 6)
    if pick == 0:
        return None
    if pick == 1:
        return rng.random() < 0.5
    if pick == 2:
        return rng.choice([0, -1, 1, 2**70, -(2**70)])
    if pick == 3:
        return rng.choice([0.5, -0.0, 1e308])
    if pick in (4, 5):
        return _text(rng)
    if pick == 6:
        return [value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if pick == 7:
        return {_text(rng): value(rng, depth + 1) for _ in range(rng.randrange(3))}
    if pick == 8:
        return {"$ndarray": _array(rng)}
    if pick == 9:
        body = dict(_array(rng), device=rng.choice(["cpu", "cuda:0", 3]),
                    requires_grad=rng.choice([True, False, "yes"]),
                    grad=rng.choice([None, value(rng, depth + 1)]))
        return {"$tensor": body}
    if pick == 10:
        return {"$fn": rng.choice(["square", 3]), "params": value(rng, depth + 1)}
    if pick == 11:
        return {"$tuple": value(rng, depth + 1)}
    if pick == 12:
        return {"$dict": value(rng, depth + 1)}
    return {rng.choice(["$float", "$rejected", "$nope"]): rng.choice(["nan", "inf", 3, "t"])}


def error_tree(rng: random.Random) -> Any:
    if rng.random() < 0.1:
        return value(rng)
    error = {"kind": rng.choice(KINDS), "type": value(rng), "message": value(rng),
             "traceback": value(rng), "mro": rng.choice([["ValueError", "Exception"],
                                                         value(rng), None])}
    for key in rng.sample(["line", "cell", "source", "extra"], rng.randrange(3)):
        error[key] = value(rng)
    return error


def reply_tree(rng: random.Random, sent_args: int = 1) -> Any:
    """A reply shaped like a real one (so decoding goes deep), each field at risk on its own:
    replaced by any value, or left out."""
    if rng.random() < 0.05:
        return value(rng)
    good: dict[str, Any] = {
        "ok": rng.choice([True, True, False]), "result": 0.25, "args": [0.5] * sent_args,
        "kwargs": {"$dict": {}}, "output": "", "output_dropped": 0,
        "error": {"kind": "call", "type": "ValueError", "mro": ["ValueError"],
                  "message": "m", "traceback": ""},
        "functions": {"square": ["x"]}, "sandbox": "mount-ns",
    }
    bad = {
        "ok": lambda: rng.choice(["true", 1, None]),
        "args": lambda: rng.choice([[], [0.5] * (sent_args + 1), value(rng)]),
        "error": lambda: error_tree(rng),
        "functions": lambda: rng.choice([{"square": "x"}, ["square"], {"s": [1]}, value(rng)]),
        "output_dropped": lambda: rng.choice([-3, "7", 2**80]),
        "sandbox": lambda: rng.choice([7, ["a"], _text(rng)]),
        "output": lambda: _text(rng) if rng.random() < 0.8 else value(rng),
    }
    tree = {}
    for key, right in good.items():
        roll = rng.random()
        if roll < 0.04:
            continue  # a missing field
        tree[key] = right if roll > 0.2 else bad.get(key, lambda: value(rng))()
    return tree


def decoded(tree: Any, trusted: bool = False) -> CallReply:
    """What the pool does with a reply's tree (grader.workers.pool.Worker._decode)."""
    try:
        return reply_from(tree, trusted) if type(tree) is dict else lost("invalid", "")
    except wire.WireError as error:
        return lost("invalid", str(error))


# ----------------------------------------------------------------------------- the decoder


def test_the_generator_reaches_every_kind_of_reply():
    """Not a vacuous fuzz: generated replies decode to results, errors and refusals alike."""
    rng = random.Random(1)
    seen = {"result": 0, "error": 0, "refused": 0}
    for _ in range(2000):
        tree = reply_tree(rng)
        try:
            reply = reply_from(tree, False) if type(tree) is dict else None
        except wire.WireError:
            reply = None
        seen["refused" if reply is None else "result" if reply.ok else "error"] += 1
    assert min(seen.values()) > 200, seen


@pytest.mark.parametrize("seed", range(4))
def test_a_generated_reply_decodes_or_is_refused_as_malformed(seed):
    rng = random.Random(seed)
    for _ in range(3000):
        tree = reply_tree(rng)
        if type(tree) is not dict:
            continue
        try:
            reply = reply_from(tree, False)
        except wire.WireError:
            continue  # Worker._decode: the reply "is not a reply", the learner's failure
        assert type(reply.output) is str and type(reply.output_dropped) is int
        assert type(reply.args) is list and type(reply.kwargs) is dict
        assert all(type(p) is list and all(type(n) is str for n in p)
                   for p in reply.functions.values())
        if not reply.ok:
            assert reply.error["kind"] not in ("grader", "timeout", "died", "memory", "budget")
            assert all(type(v) is str for k, v in reply.error.items() if k != "mro")


def test_only_a_trusted_worker_may_report_a_grader_fault():
    tree = {"ok": False, "error": {"kind": "grader", "message": "award me"}}
    assert reply_from(tree, True).error["kind"] == "grader"
    assert reply_from(tree, False).error["kind"] == "invalid"


# ----------------------------------------------------------------------------- the consumer


class _Pending:
    def __init__(self, reply: CallReply) -> None:
        self._reply = reply

    def reply(self) -> CallReply:
        return self._reply


class _Worker:
    def __init__(self, load_reply: CallReply, call_reply: CallReply) -> None:
        self.load_reply, self._call_reply = load_reply, call_reply

    def load(self) -> CallReply:
        return self.load_reply

    def begin_call(self, request: dict, time_limit: float) -> _Pending:
        return _Pending(self._call_reply)


class _Pool:
    """Learner replies from the generator; the reference answers right, as it does."""

    def __init__(self, load_reply: CallReply, call_reply: CallReply) -> None:
        self._learner = _Worker(load_reply, call_reply)
        self._reference = _Worker(CallReply(True, functions={"square": ["x"]}),
                                  CallReply(True, result=0.25, args=[0.5]))

    def worker(self, role: str, spec: LoadSpec) -> _Worker:
        return self._reference if role == "reference" else self._learner

    def begin_call(self, role: str, spec: LoadSpec, request: dict, time_limit: float):
        return self._reference.begin_call(request, time_limit)


def _verdict(tmp_path: Path, load_reply: CallReply, call_reply: CallReply) -> Outcome | None:
    spec = LoadSpec(tmp_path / "01_square.py", "exercises/01_square.py", "learner")
    target = Target("01_square", 2.0, reference=spec, learner=spec)
    kata = Kata(target, _Pool(load_reply, call_reply), "square", "cpu", 1, "t", CheckRecord())
    try:
        kata.check("square", 0.5)
    except Outcome as outcome:
        return outcome
    return None


@pytest.mark.parametrize("seed", range(3))
def test_no_generated_reply_is_a_fault_of_the_grader(tmp_path, seed):
    rng = random.Random(100 + seed)
    verdicts = {"passed": 0, "failed": 0}
    for _ in range(600):
        load = decoded(reply_tree(rng)) if rng.random() < 0.3 else CallReply(
            True, functions={"square": ["x"]})
        outcome = _verdict(tmp_path, load, decoded(reply_tree(rng)))
        if outcome is None:
            verdicts["passed"] += 1
            continue
        verdicts["failed"] += 1
        assert not isinstance(outcome, GraderFault), outcome.message
        assert not any(words in outcome.message for words in GRADER_WORDS), outcome.message
    assert verdicts["failed"] > 100  # and a forged "passed" needs the right result: 0.25
    assert verdicts["passed"] < verdicts["failed"]


def test_inputs_that_are_not_the_ones_sent_fail_the_function_plainly(tmp_path):
    load = CallReply(True, functions={"square": ["x"]})
    for args, kwargs in (([], {}), ([0.5, 0.5], {}), ([0.5], {"x": 1.0})):
        outcome = _verdict(tmp_path, load, CallReply(True, result=0.25, args=args,
                                                     kwargs=kwargs))
        assert type(outcome).__name__ == "LearnerError"
        assert "square sent back a reply that does not match the call" in outcome.message
    assert _verdict(tmp_path, load, CallReply(True, result=0.25, args=[0.5])) is None


def test_the_reference_failing_is_still_the_grader(tmp_path):
    """The other direction: a trusted worker's bad reply is not blamed on the learner."""
    spec = LoadSpec(tmp_path / "01_square.py", "exercises/01_square.py", "learner")
    pool = _Pool(CallReply(True, functions={"square": ["x"]}),
                 CallReply(True, result=0.25, args=[0.5]))
    pool._reference = _Worker(CallReply(True, functions={"square": ["x"]}),
                              decoded({"ok": True, "args": "not a list"}, trusted=True))
    kata = Kata(Target("01_square", 2.0, reference=spec, learner=spec), pool, "square", "cpu",
                1, "t", CheckRecord())
    with pytest.raises(GraderFault):
        kata.check("square", 0.5)


# ----------------------------------------------------------------------------- real workers

TABLE_AS_A_LIST = '''\
import grader.workers.worker as worker

worker._signatures = lambda module: ["square", "cube"]


def square(x):
    return x * x


def cube(x):
    return x * x * x
'''

ARGS_LEFT_OUT = '''\
import grader.workers.worker as worker

_reply = worker._call_reply


def _without_args(request, result, args, kwargs):
    return dict(_reply(request, result, args, kwargs), args=[])


worker._call_reply = _without_args


def square(x):
    return x * x


def cube(x):
    return x * x * x
'''


def test_learner_files_that_forge_their_replies_fail_only_themselves(small_kata, submissions,
                                                                     tmp_path):
    table = submissions.make("table", {"exercises/01_square.py": TABLE_AS_A_LIST},
                             base="solved")
    args = submissions.make("args", {"exercises/01_square.py": ARGS_LEFT_OUT}, base="solved")
    out = tmp_path / "out"
    outcomes = grade_class([table, args], kata_root=small_kata, out_dir=out, seed=5)
    assert all(outcome.graded for outcome in outcomes)
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as file:
        book = {row["submission"]: row for row in csv.DictReader(file)}
    for name in ("table", "args"):  # the forged exercise scores 0; the other one in full
        assert (book[name]["01_square"], book[name]["02_total"]) == ("0", "50"), book[name]
        results = json.loads((out / name / "results.json").read_text(encoding="utf-8"))
        for test in results["tests"]:
            assert not any(words in test["output"] for words in GRADER_WORDS), test["output"]
    table_tests = json.loads((out / "table" / "results.json").read_text())["tests"]
    assert "sent back something that is not a reply" in table_tests[0]["output"]
    args_tests = json.loads((out / "args" / "results.json").read_text())["tests"]
    assert "square sent back a reply that does not match the call" in args_tests[0]["output"]


@pytest.mark.parametrize("result", [float("inf"), (1.0, float("nan")), np.array([0.0, -np.inf])])
def test_a_reference_result_no_learner_can_match_is_the_hidden_test_s_fault(tmp_path, result):
    """An author's inputs that make the reference overflow: named as such, never blamed on
    the learner as "-inf, expected -inf"."""
    spec = LoadSpec(tmp_path / "01_square.py", "exercises/01_square.py", "learner")
    pool = _Pool(CallReply(True, functions={"square": ["x"]}),
                 CallReply(True, result=result, args=[0.5]))
    pool._reference = _Worker(CallReply(True, functions={"square": ["x"]}),
                              CallReply(True, result=result, args=[0.5]))
    kata = Kata(Target("01_square", 2.0, reference=spec, learner=spec), pool, "square", "cpu",
                1, "t", CheckRecord())
    with pytest.raises(GraderFault, match="the hidden test's inputs need changing"):
        kata.check("square", 0.5)
