"""The rules of personnel: pure functions and values, no I/O (see docs/domain.md)."""
