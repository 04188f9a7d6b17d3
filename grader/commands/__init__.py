"""One module per sub-command. Each exposes `configure(parser)` and `main(args) -> int`;
grader.cli imports only the module of the command being run, so start-up stays cheap."""
