"""No callables in this kata."""
