"""Records: plain values and tables every other layer reads, and nothing that runs code.

The catalogue (course facts parsed from catalogue.toml), results (one CheckResult per
exercise, function and device, gathered in a Report), the messages tables (every sentence a
learner reads), where things are in a kata (paths, sources), seeds, local progress.
Imports only the standard library (NumPy lazily, to render values)."""
