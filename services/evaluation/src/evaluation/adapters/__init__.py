"""Adapters of the evaluation service to the outside world (PostgreSQL)."""
