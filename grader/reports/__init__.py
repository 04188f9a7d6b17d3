"""Reports: a Report turned into text or files (terminal, Gradescope JSON, JUnit XML, CSV).
Reporters only read results; they never grade."""
