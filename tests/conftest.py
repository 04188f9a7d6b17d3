"""The project's own tests, and fixtures several folders share.

Fixture katas hold hidden tests that run only inside the grader (which gives them their
fixtures), so pytest never collects them directly.

Where learner workers cannot be confined (no namespaces), a test that needs confinement
fails with the reason, unless GRADER_CI_NO_NAMESPACES=1 says the machine has none; then it
skips, and the run's summary says which tests did not prove confinement.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.kata_maker import SubmissionMaker, make_kata

collect_ignore = ["fixture_katas"]


@pytest.fixture(scope="session")
def small_kata(tmp_path_factory) -> Path:
    """A small kata built once per run: two NumPy exercises with hidden tests."""
    return make_kata(tmp_path_factory.mktemp("kata") / "kata")


@pytest.fixture
def submissions(tmp_path) -> SubmissionMaker:
    """Makes learner submissions (folders of exercise files) for the small kata."""
    return SubmissionMaker(tmp_path / "class")


NO_NAMESPACES = "GRADER_CI_NO_NAMESPACES"
_UNPROVEN = pytest.StashKey[list]()


@pytest.fixture
def require_confinement(request):
    """Call with the workers' sandbox states: fails (or skips, as said above) unless every
    learner worker was confined."""
    from grader.workers import sandbox

    def check(states: set[str] | str) -> None:
        if isinstance(states, str):  # the reason itself (grade refused to run unconfined)
            reason = states
        else:
            weak = sorted(state for state in states if not sandbox.is_confined(state))
            if not weak and states:
                return
            reason = f"learner workers were not confined: {weak or 'no worker reported'}"
        if os.environ.get(NO_NAMESPACES) == "1":
            request.config.stash.setdefault(_UNPROVEN, []).append(
                f"{request.node.nodeid}: {reason}")
            pytest.skip(f"{reason} ({NO_NAMESPACES}=1)")
        pytest.fail(f"{reason}; if this machine has no namespaces, set {NO_NAMESPACES}=1")
    return check


def pytest_terminal_summary(terminalreporter, config):
    unproven = config.stash.get(_UNPROVEN, [])
    if unproven:
        terminalreporter.write_sep("=", f"confinement NOT tested ({NO_NAMESPACES}=1)")
        for line in unproven:
            terminalreporter.write_line(line)
