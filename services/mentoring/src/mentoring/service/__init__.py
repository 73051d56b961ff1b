"""The mentoring service's use cases and event handlers, on its `ports.UnitOfWork` (no I/O)."""
