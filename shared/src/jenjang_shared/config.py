"""Settings from the environment: one base, one subclass (and prefix) per service."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from jenjang_shared.contracts.provenance import (
    DEFAULT_SCHEMA_REGISTRY_URL,
    default_source,
    set_event_source,
    set_schema_registry,
)


class ServiceSettings(BaseSettings):
    """What every service reads from its environment (prefix `<SERVICE>_`, e.g. `PERSONNEL_`)."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    service_name: ClassVar[str]

    database_url: str
    kafka_bootstrap_servers: str = "127.0.0.1:59092"
    # Who this service is to the broker: PLAINTEXT (no identity) or SASL_PLAINTEXT / SASL_SSL
    # with its own principal (SCRAM-SHA-512); the password only ever comes from the environment.
    kafka_security_protocol: str = "PLAINTEXT"
    kafka_sasl_mechanism: str = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    # SSL / SASL_SSL: the CA that signed the broker's certificate (default: the system's).
    kafka_ssl_cafile: str | None = None
    # The CloudEvents `source` of every event this service publishes: a URI naming the agency
    # and ending in the service's name (default: the demo agency's).
    event_source: str | None = None
    # The schema registry whose URLs events carry as `dataschema`.
    schema_registry_url: str = DEFAULT_SCHEMA_REGISTRY_URL
    # Prepended to every topic name: lets tests (or a shared dev broker) keep their topics apart.
    topic_prefix: str = ""
    http_host: str = "127.0.0.1"
    http_port: int
    log_level: str = "INFO"

    db_pool_min_size: int = 2
    db_pool_max_size: int = 10
    db_command_timeout_s: float = 30.0
    # False where a deployment runs `python -m <service> migrate` as its own step (a Kubernetes
    # Job, compose's one-shot service): the service then waits, not ready, until they are applied.
    migrate_on_start: bool = True
    # How often the background sampler refreshes the outbox gauges, relay delays and consumer lag
    # (a scrape of /metrics never queries the database or Kafka itself).
    metrics_sample_interval_s: float = 5.0

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

    def model_post_init(self, context: Any, /) -> None:
        # The outbox takes `source` and the codec `dataschema` from the contracts: tell them.
        if self.event_source:
            set_event_source(self.service_name, self.event_source)
        if self.schema_registry_url != DEFAULT_SCHEMA_REGISTRY_URL:
            set_schema_registry(self.schema_registry_url)

    @property
    def source(self) -> str:
        """The CloudEvents `source` this service's events carry."""
        return self.event_source or default_source(self.service_name)

    def kafka_client_options(self) -> dict[str, Any]:
        """The security keyword arguments of every aiokafka client this service makes."""
        from jenjang_shared.messaging.kafka import KafkaSecurity  # aiokafka only where used

        password = self.kafka_sasl_password.get_secret_value() if self.kafka_sasl_password else None
        return KafkaSecurity(
            protocol=self.kafka_security_protocol,
            mechanism=self.kafka_sasl_mechanism,
            username=self.kafka_sasl_username,
            password=password,
            ssl_cafile=self.kafka_ssl_cafile,
        ).client_options()

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
