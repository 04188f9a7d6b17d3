"""Commands: one module per `grader` subcommand, each a thin layer of argument parsing over
the layers below (so the command line and the Python API cannot drift apart)."""
