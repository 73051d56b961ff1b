"""Test support for every tier: real servers (fixtures, infra), a service harness, one builder
per event (builders), one outbox reader (outbox) and the base of each service's fake unit of
work (fakes). Not a runtime dependency of any service."""
