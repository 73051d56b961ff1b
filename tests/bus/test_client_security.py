"""How a service's Kafka clients prove who they are, from its `<SVC>_KAFKA_*` settings."""

from __future__ import annotations

import ssl

import pytest

from jenjang_shared.messaging.kafka import KafkaSecurity
from personnel.config import PersonnelSettings


def test_plaintext_adds_nothing() -> None:
    assert KafkaSecurity().client_options() == {}
    assert PersonnelSettings().kafka_client_options() == {}


def test_sasl_takes_the_principal_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERSONNEL_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
    monkeypatch.setenv("PERSONNEL_KAFKA_SASL_USERNAME", "svc-personnel")
    monkeypatch.setenv("PERSONNEL_KAFKA_SASL_PASSWORD", "s3cret")
    settings = PersonnelSettings()
    assert settings.kafka_client_options() == {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "svc-personnel",
        "sasl_plain_password": "s3cret",
    }
    assert "s3cret" not in repr(settings)  # a SecretStr: never in a log line


def test_sasl_without_a_password_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="username and password"):
        KafkaSecurity(protocol="SASL_PLAINTEXT", username="svc-personnel").client_options()


def test_sasl_over_tls_brings_a_verifying_context() -> None:
    options = KafkaSecurity(protocol="SASL_SSL", username="u", password="p").client_options()
    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
