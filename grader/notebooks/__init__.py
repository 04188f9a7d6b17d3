"""Notebooks: Jupyter notebooks made from the stubs, and `grader.check()` inside a kernel."""
