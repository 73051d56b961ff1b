"""Welfare use cases and event handlers, on the `UnitOfWork` port (no I/O of their own)."""
