"""Topics as code: the one declaration of every topic (issue 14, "Topics as code").

From it the launcher creates the topics with their settings and the ACLs of each service's
principal (`kafka_access.py`). The launcher does not depend on the shared library, so the
classification and the consumers are written here as data; `tests/bus/test_topics.py` holds
them to the contracts (the most sensitive type on the topic) and to the services' handler
tables (who consumes what), so they cannot drift apart.

- Event topics keep their whole history (retention unlimited): a projection is rebuilt by
  replaying its topics from the start, and the oldest events (registrations) are the ones a
  rebuild needs most. Kafka's default 7 days would quietly break that after a week.
- Dead-letter topics keep 30 days: long enough to notice, fix and replay (`jenjang-dlq`).
- Replication 3 with min ISR 2, so `acks=all` means two brokers; a cluster with fewer brokers
  (the local single node) gets as many as it has (`for_brokers`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

SERVICES: tuple[str, ...] = ("personnel", "training", "mentoring", "evaluation", "welfare")

UNLIMITED = -1
DEAD_LETTER_RETENTION_MS = 30 * 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicSpec:
    """One topic and everything that is decided about it."""

    name: str
    owner: str
    partitions: int
    replication_factor: int
    min_insync_replicas: int
    retention_ms: int
    cleanup_policy: str
    classification: str
    consumers: tuple[str, ...]
    dead_letters: bool = False

    def configs(self) -> dict[str, str]:
        """The topic-level settings Kafka is given at creation."""
        return {
            "retention.ms": str(self.retention_ms),
            "cleanup.policy": self.cleanup_policy,
            "min.insync.replicas": str(self.min_insync_replicas),
        }

    def for_brokers(self, brokers: int, *, partitions: int | None = None) -> TopicSpec:
        """The same topic on a cluster of `brokers` (and, for tests, another partition count)."""
        replication = min(self.replication_factor, brokers)
        return replace(
            self,
            partitions=partitions or self.partitions,
            replication_factor=replication,
            min_insync_replicas=min(self.min_insync_replicas, replication),
        )

    def prefixed(self, prefix: str) -> TopicSpec:
        """The same topic under a name prefix (a test session's, or the province bus's)."""
        return replace(self, name=f"{prefix}{self.name}")


# Who consumes each service's events (from the handler tables; see the module docstring).
CONSUMERS: dict[str, tuple[str, ...]] = {
    "personnel": ("evaluation", "mentoring", "personnel", "training", "welfare"),
    "training": ("evaluation", "personnel"),
    "mentoring": ("personnel", "training"),
    "evaluation": ("mentoring", "personnel", "training", "welfare"),
    "welfare": ("personnel",),
}
# A topic is as sensitive as its most sensitive event type (docs/events/README.md).
CLASSIFICATION: dict[str, str] = {
    "personnel": "confidential",
    "training": "confidential",
    "mentoring": "confidential",
    "evaluation": "confidential",
    "welfare": "restricted",
}


def _declare() -> tuple[TopicSpec, ...]:
    topics = []
    for service in SERVICES:
        topics.append(
            TopicSpec(
                name=f"asn.{service}.v1",
                owner=service,
                partitions=6,
                replication_factor=3,
                min_insync_replicas=2,
                retention_ms=UNLIMITED,
                cleanup_policy="delete",
                classification=CLASSIFICATION[service],
                consumers=CONSUMERS[service],
            )
        )
        topics.append(
            TopicSpec(
                name=f"asn.{service}.dlq.v1",
                owner=service,
                partitions=6,
                replication_factor=3,
                min_insync_replicas=2,
                retention_ms=DEAD_LETTER_RETENTION_MS,
                cleanup_policy="delete",
                # A dead letter is a copy of a record the service consumed: any topic's.
                classification="restricted",
                consumers=(),
                dead_letters=True,
            )
        )
    return tuple(topics)


TOPICS: tuple[TopicSpec, ...] = _declare()


def topic(name: str) -> TopicSpec:
    return next(spec for spec in TOPICS if spec.name == name)


def consumed_by(service: str) -> list[TopicSpec]:
    """The event topics a service's handler table reads."""
    return [spec for spec in TOPICS if service in spec.consumers]
