"""Use cases and event handlers of the evaluation service, on its ports (no I/O of their own)."""
