"""The use cases and event handlers of personnel, on the ports of `service.ports` (no I/O)."""
