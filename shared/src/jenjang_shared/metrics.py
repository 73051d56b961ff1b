"""Prometheus metrics of one service instance, in a registry of its own.

A registry per app (not the process-wide default) because tests run several services in one
process. Three kinds of source, none of which does I/O during a scrape:

- instruments updated as things happen (HTTP durations, readiness);
- gauges the background sampler (`metrics_sampler`) refreshes every few seconds (outbox backlog,
  relay publish delay, consumer lag per partition);
- a collector that reads the live objects' counters at scrape time (consumer outcomes, relay,
  connection pool): in-memory attributes, so a scrape stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from jenjang_shared.runtime import ServiceRuntime

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# Seconds: HTTP handlers are mostly a few milliseconds; imports and reports take seconds.
_HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Seconds from the write's commit to Kafka's acknowledgement: milliseconds normally, minutes in
# an outage (the alert fires at five minutes of backlog age, so the buckets reach past it).
_DELAY_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 60.0, 300.0, 900.0, 3600.0)

# ConsumerRunner.counts keys -> the `outcome` label.
_CONSUMER_OUTCOMES = {
    "applied": "applied",
    "duplicates": "duplicate",
    "unknown_type": "unknown_type",
    "dead_lettered": "dead_lettered",
    "retries": "retry",
}


class ServiceMetrics:
    """Every metric of one service; `render()` is the body of `/metrics`."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.registry = CollectorRegistry()
        self.runtime: ServiceRuntime | None = None
        labels = ["service"]
        self.http_duration = Histogram(
            "jenjang_http_request_duration_seconds",
            "HTTP request duration by route template and status code.",
            [*labels, "method", "route", "status"],
            buckets=_HTTP_BUCKETS,
            registry=self.registry,
        )
        self.outbox_pending = Gauge(
            "jenjang_outbox_pending",
            "Outbox rows not yet published to Kafka (sampled).",
            labels,
            registry=self.registry,
        ).labels(service)
        self.outbox_oldest_age = Gauge(
            "jenjang_outbox_oldest_age_seconds",
            "Age of the oldest unpublished outbox row, 0 when none (sampled).",
            labels,
            registry=self.registry,
        ).labels(service)
        self.relay_delay = Histogram(
            "jenjang_relay_publish_delay_seconds",
            "Seconds from an event's commit to its publication by the relay.",
            labels,
            buckets=_DELAY_BUCKETS,
            registry=self.registry,
        ).labels(service)
        self.consumer_lag = Gauge(
            "jenjang_consumer_lag",
            "Records behind the partition's end for this service's consumer group (sampled).",
            [*labels, "topic", "partition"],
            registry=self.registry,
        )
        self.kafka_reachable = Gauge(
            "jenjang_kafka_reachable",
            "1 when a metadata request to Kafka succeeded at the last sample.",
            labels,
            registry=self.registry,
        ).labels(service)
        self.ready = Gauge(
            "jenjang_ready",
            "1 when the last /health/ready answered 200.",
            labels,
            registry=self.registry,
        ).labels(service)
        self.readiness_changes = Counter(
            "jenjang_readiness_changes",
            "How often /health/ready changed between ready and not ready (flapping).",
            labels,
            registry=self.registry,
        ).labels(service)
        self.sample_errors = Counter(
            "jenjang_metrics_sample_errors",
            "Background samples that failed, by source.",
            [*labels, "source"],
            registry=self.registry,
        )
        self._last_ready: bool | None = None
        self.registry.register(_LiveCollector(self))

    def observe_http(self, method: str, route: str, status: int, seconds: float) -> None:
        self.http_duration.labels(self.service, method, route, str(status)).observe(seconds)

    def record_readiness(self, ready: bool) -> None:
        """Called by the readiness probe; a change of state counts towards flapping."""
        self.ready.set(1 if ready else 0)
        if self._last_ready is not None and ready != self._last_ready:
            self.readiness_changes.inc()
        self._last_ready = ready

    def set_lag(self, lags: dict[tuple[str, int], int]) -> None:
        """Replace the lag series (partitions no longer assigned disappear)."""
        self.consumer_lag.clear()
        for (topic, partition), lag in lags.items():
            self.consumer_lag.labels(self.service, topic, str(partition)).set(lag)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class _LiveCollector(Collector):
    """Reads counters the consumer, relay and pool keep in memory, at scrape time."""

    def __init__(self, metrics: ServiceMetrics) -> None:
        self._metrics = metrics

    def describe(self) -> list[Metric]:
        # Dynamic families: say nothing up front so the registry does not call collect() early.
        return []

    def collect(self) -> Iterator[Metric]:
        runtime = self._metrics.runtime
        if runtime is None:
            return
        service = self._metrics.service
        if runtime.consumer is not None:
            events = CounterMetricFamily(
                "jenjang_consumer_events",
                "Records the consumer handled, by outcome.",
                labels=["service", "outcome"],
            )
            for key, outcome in _CONSUMER_OUTCOMES.items():
                events.add_metric([service, outcome], runtime.consumer.counts.get(key, 0))
            yield events
            yield _gauge(
                "jenjang_consumer_running", "1 while the consumer is in its group.", service,
                runtime.consumer.running,
            )  # fmt: skip
            yield _gauge(
                "jenjang_consumer_stalled",
                "1 while the consumer is stuck on a transient failure (database away).",
                service,
                runtime.consumer.stalled_since is not None,
            )
        if runtime.relay is not None:
            published = CounterMetricFamily(
                "jenjang_relay_published",
                "Outbox rows this instance's relay published.",
                labels=["service"],
            )
            published.add_metric([service], runtime.relay.published)
            yield published
            yield _gauge(
                "jenjang_relay_leader",
                "1 while this instance holds the relay's lock (one per database).",
                service,
                runtime.relay.is_leader,
            )
        pool = runtime.pool
        connections = GaugeMetricFamily(
            "jenjang_db_pool_connections",
            "Connections of the asyncpg pool by state.",
            labels=["service", "state"],
        )
        size, idle = pool.get_size(), pool.get_idle_size()
        connections.add_metric([service, "in_use"], size - idle)
        connections.add_metric([service, "idle"], idle)
        yield connections
        yield _gauge(
            "jenjang_db_pool_max", "The pool's maximum size.", service, pool.get_max_size()
        )


def _gauge(name: str, documentation: str, service: str, value: float | bool) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=["service"])
    family.add_metric([service], float(value))
    return family
