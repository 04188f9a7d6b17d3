"""Outcomes of graded calls, and the sentences that explain a worker's error data: why a
learner's call failed (`call_outcome`) or why a file could not be loaded (`load_failure`).

The outcome exceptions are raised by `kata` methods; the plugin turns them into statuses.
"""

from __future__ import annotations

from grader.grading.explanation import Explanation
from grader.records import messages
from grader.records.results import Status


class Outcome(Exception):
    """A graded result other than "passed"; `status` says which. One made from an
    Explanation keeps it, so its message can still change before the report (see there)."""

    status = Status.ERROR
    grader_fault = False  # a fault of the grader or its environment, never the learner's

    def __init__(self, message: str, diagnoses: tuple[str, ...] = (),
                 explanation: Explanation | None = None, result_digest: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.diagnoses = tuple(diagnoses)  # ids of known mistakes that explain it
        self.explanation = explanation
        # a wrong result's fingerprint with its inputs: two learners' are equal only where
        # they returned the same value on the same call (`grader report` pairs them)
        self.result_digest = result_digest

    @classmethod
    def explained(cls, explanation: Explanation, result_digest: str = "") -> Outcome:
        return cls(explanation.message, explanation.diagnoses, explanation, result_digest)


class Wrong(Outcome):
    status = Status.WRONG


class NotStarted(Outcome):
    status = Status.NOT_STARTED


class LearnerError(Outcome):
    status = Status.ERROR


class TimedOut(Outcome):
    status = Status.TIMED_OUT


class GraderFault(Outcome):
    """The reference or the test itself failed: reported as an error, never as wrong."""

    status = Status.ERROR
    grader_fault = True


def call_outcome(function: str, error: dict | None, *, file: str,
                 time_limit: float) -> Outcome:
    """The outcome of a failed learner call, from the worker's error data; `file` is the
    learner's file as shown, `time_limit` the seconds a call had."""
    error = error or {}  # a failed reply always has it; none reads as an unknown failure
    kind, mro = str(error.get("kind")), error.get("mro", [])
    if kind == "timeout":
        seconds = f"{time_limit:g}"
        return TimedOut(messages.text("timed_out", function=function, seconds=seconds))
    if kind == "memory":
        return LearnerError(messages.text("out_of_memory", function=function,
                                          limit=error.get("message")))
    if kind == "missing":
        return LearnerError(messages.text("missing_function", file=file, function=function))
    if kind == "grader":
        return GraderFault(error.get("message", ""))
    if kind != "call":
        reason = _crash_reason(kind, error)
        return LearnerError(messages.text("crashed", function=function, reason=reason))
    if "NotImplementedError" in mro:
        return NotStarted(messages.text("not_started", function=function))
    if error.get("type") == "SystemExit":
        code = error.get("message") or "0"
        return LearnerError(messages.text("exited", function=function, code=code))
    raised = messages.text("raised", function=function, exception=error.get("type"),
                           message=error.get("message"))
    return LearnerError(_with_traceback(raised, error))


def _crash_reason(kind: str, error: dict) -> str:
    if kind == "too_large":
        return messages.text("crash.too_large")
    if kind == "invalid":
        return messages.text("crash.invalid")
    if kind == "encode":
        return messages.text("crash.encode")
    return error.get("message") or kind  # the worker's own words ("died": the signal)


def load_failure(file: str, error: dict | None) -> str:
    """Why a file could not be loaded, naming the file and line (cell and line in notebooks)."""
    error = error or {}  # a failed reply always has it; none reads as an unknown failure
    kind, message = error.get("kind"), error.get("message", "")
    if kind == "syntax":
        where = {"file": file, "line": error.get("line"), "message": message}
        if error.get("cell"):
            sentence = messages.text("load.syntax_cell", cell=error["cell"], **where)
        else:
            sentence = messages.text("load.syntax", **where)
        source = error.get("source", "")  # the offending line with a caret under the spot
        return f"{sentence}\n{source}" if source else sentence
    if kind == "load_timeout":
        return messages.text("load.timed_out", file=file, seconds=message)
    if kind == "died":
        return messages.text("load.crashed", file=file, reason=message)
    if kind == "memory":
        return messages.text("load.out_of_memory", file=file, limit=message)
    if kind == "budget":
        return messages.text("load.budget_spent", file=file, seconds=message)
    if kind in ("invalid", "too_large", "encode"):
        return messages.text("load.crashed", file=file, reason=_crash_reason(kind, error))
    if kind != "load":
        return message  # a notebook that cannot be read, or a grader fault: already a sentence
    if error.get("type") == "SystemExit":
        return _exit_at_load(file, message or "0", error)
    raised = messages.text("load.raised", file=file, exception=error.get("type"),
                           message=message)
    if file.endswith(".ipynb") and error.get("type") == "SyntaxError":
        # a function of a broken cell, called by a try-out line as the notebook loaded
        raised += " " + messages.text("notebook.load_stopped")
    return _with_traceback(raised, error)


def _exit_at_load(file: str, code: str, error: dict) -> str:
    if not error.get("line"):  # no line of the file was on the stack
        return messages.text("load.exited", file=file, code=code)
    if error.get("cell"):
        where = messages.text("load.where_cell", file=file, cell=error["cell"], line=error["line"])
    else:
        where = messages.text("load.where_line", file=file, line=error["line"])
    sentence = messages.text("load.exited_at", where=where, code=code)
    source = error.get("source", "")
    return f"{sentence}\n{source}" if source else sentence


def _with_traceback(sentence: str, error: dict) -> str:
    trace = error.get("traceback", "")
    if "\n" not in trace.strip():  # no line of the learner's in it: it would only repeat
        return sentence
    return f"{sentence}\n{messages.text('traceback')}\n{trace}"
