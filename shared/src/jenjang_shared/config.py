"""Settings from the environment: one base, one subclass (and prefix) per service."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """What every service reads from its environment (prefix `<SERVICE>_`, e.g. `PERSONNEL_`)."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    service_name: ClassVar[str]

    database_url: str
    kafka_bootstrap_servers: str = "127.0.0.1:59092"
    # Prepended to every topic name: lets tests (or a shared dev broker) keep their topics apart.
    topic_prefix: str = ""
    http_host: str = "127.0.0.1"
    http_port: int
    log_level: str = "INFO"

    db_pool_min_size: int = 2
    db_pool_max_size: int = 10
    db_command_timeout_s: float = 30.0

    max_request_bytes: int = 1_048_576
    max_upload_bytes: int = 256 * 1_048_576

    relay_enabled: bool = True
    relay_batch_size: int = 500
    relay_poll_interval_s: float = 1.0
    relay_linger_ms: int = 5
    # Published outbox rows are kept this long (for inspection), then deleted by the relay.
    outbox_retention_days: int = 7

    consumer_enabled: bool = True
    consumer_group: str | None = None
    consumer_max_records: int = 500
    consumer_max_attempts: int = 5
    consumer_retry_base_s: float = 0.2
    consumer_auto_offset_reset: str = "earliest"

    # Bearer tokens (OIDC access tokens, JWT): who may call this service. The issuer is
    # required by any service with routes; the audience defaults to the service's name.
    auth_issuer: str = ""
    auth_audience: str | None = None
    # Default: the `jwks_uri` of the issuer's discovery document.
    auth_jwks_url: str | None = None
    auth_algorithms: tuple[str, ...] = ("RS256", "PS256", "ES256")
    auth_leeway_s: float = 30.0
    # /docs and /openapi.json without a token (False: not served at all).
    auth_public_docs: bool = True
    # /metrics without a token (False: admin or service tokens only).
    auth_public_metrics: bool = False

    @property
    def audience(self) -> str:
        """The `aud` a token must carry to be accepted here."""
        return self.auth_audience or self.service_name

    def topic(self, name: str) -> str:
        """The real topic name of a logical one (`asn.personnel.v1`)."""
        return f"{self.topic_prefix}{name}"

    @property
    def group_id(self) -> str:
        """The Kafka consumer group: one per service, shared by its instances."""
        return self.consumer_group or f"{self.topic_prefix}{self.service_name}"
