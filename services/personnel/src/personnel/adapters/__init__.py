"""Adapters: how personnel talks to the outside world (PostgreSQL, see `postgres`)."""
