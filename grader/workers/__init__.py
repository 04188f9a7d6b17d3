"""Workers: the processes that run learner and reference code, and the only place it runs.

pool (worker handles in the grading process: start, load, call with a deadline, kill),
worker (the process side: load a file, call a function, reply in JSON), wire (the JSON
format for values; nothing is ever unpickled), loader and notebook_source (a file or a
notebook turned into Python source inside the worker), sandbox (confinement of learner
workers)."""
