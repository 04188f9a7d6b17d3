"""Grading: one session's hidden tests run as a pytest plugin, comparing learner and reference.

session (the value a command builds once: paths, catalogue, devices, seed, pool), runner
(`run_kata`: pytest over the hidden tests, a Report back), plugin (fixtures, markers, one
CheckRecord per exercise, function and device), checks (the `kata` fixture: same request
to both workers, results compared), compare (the one tolerance policy), outcomes (why a
call did not pass)."""
