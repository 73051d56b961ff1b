"""The mentoring rules: pure values and functions (no I/O, no framework)."""
