"""Adapters of the welfare service to the outside world (PostgreSQL)."""
