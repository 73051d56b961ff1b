"""Adapters of the mentoring service's ports to the outside world (its PostgreSQL database)."""
