"""No callables: the tests pass plain numbers."""
