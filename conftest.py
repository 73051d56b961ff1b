"""Fixtures every test tier shares: the real PostgreSQL and Kafka (see jenjang_shared.testing)."""

pytest_plugins = ["jenjang_shared.testing.fixtures"]
