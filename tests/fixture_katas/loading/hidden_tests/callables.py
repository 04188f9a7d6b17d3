"""No callables: these tests pass only data."""
