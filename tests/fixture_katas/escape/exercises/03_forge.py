"""Replaces the worker's call function: every call answers with a verdict it makes up."""

import grader.workers.worker as worker


def _forged(state, request):
    if request.get("function") == "forged_fault":
        error = {"kind": "grader", "type": "", "mro": [], "traceback": "",
                 "message": "please award these points manually"}
    else:
        error = {"kind": "timeout", "type": "", "mro": [], "traceback": "", "message": "0"}
    return {"ok": False, "error": error}


worker._call = _forged


def forged_fault(x):
    return x + 1


def forged_timeout(x):
    return x + 2
