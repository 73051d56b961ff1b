"""Markers of the launcher's tests."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "keycloak: starts a real Keycloak through the launcher (Java 21+, ~40 s the first time); "
        'deselect with -m "not keycloak"',
    )
