import os

import pytest


@pytest.mark.grades("breaches")
def test_breaches(kata):
    # The test that grades this kata tells where to look, through these variables.
    kata.check("breaches", int(os.environ["ESCAPE_KATA_PORT"]), os.environ["ESCAPE_KATA_MARKER"],
               os.environ["ESCAPE_KATA_SECRET"])
