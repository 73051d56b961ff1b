"""Fixtures every test tier shares: the real PostgreSQL and Kafka (see jenjang_testing)."""

pytest_plugins = ["jenjang_testing.fixtures"]
