"""The background task behind the sampled gauges: outbox backlog, relay delay, consumer lag.

A scrape must not query the database or Kafka (Prometheus scrapes every instance every few
seconds, and a slow database would make the scrape itself time out exactly when it matters), so
one task per instance samples every `metrics_sample_interval_s` and the scrape reads the gauges.
A failed sample counts in `jenjang_metrics_sample_errors` and leaves the last values.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from jenjang_shared.messaging.relay import outbox_stats
from jenjang_shared.metrics import ServiceMetrics
from jenjang_shared.runtime import ServiceRuntime

log = logging.getLogger(__name__)

# Rows published since the last sample, read by primary key (the relay publishes in seq order).
_PUBLISHED_SINCE = """
SELECT seq, extract(epoch FROM published_at - occurred_at) AS delay_s
FROM outbox WHERE seq > $1 AND published_at IS NOT NULL ORDER BY seq LIMIT 10000
"""
_LAST_PUBLISHED = "SELECT coalesce(max(seq), 0) FROM outbox WHERE published_at IS NOT NULL"


class MetricsSampler:
    """`run()` until cancelled; `sample_once()` is one round (tests call it directly)."""

    def __init__(self, runtime: ServiceRuntime, metrics: ServiceMetrics, interval_s: float) -> None:
        self._runtime = runtime
        self._metrics = metrics
        self._interval_s = interval_s
        self._timeout_s = max(2.0, min(interval_s, 10.0))
        self._last_seq: int | None = None
        self._admin: AIOKafkaAdminClient | None = None
        self._offsets: AIOKafkaConsumer | None = None

    async def run(self) -> None:
        try:
            while True:
                await self.sample_once()
                await asyncio.sleep(self._interval_s)
        finally:
            await self._close_kafka()

    async def sample_once(self) -> None:
        await self._guarded("outbox", self._sample_outbox())
        await self._guarded("relay_delay", self._sample_relay_delay())
        await self._guarded("kafka", self._sample_kafka())

    async def _guarded(self, source: str, sample: Coroutine[Any, Any, None]) -> None:
        try:
            await asyncio.wait_for(sample, self._timeout_s)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._metrics.sample_errors.labels(self._metrics.service, source).inc()
            log.debug("metrics sample %s failed: %s", source, exc)
            if source == "kafka":
                await self._close_kafka()

    async def _sample_outbox(self) -> None:
        stats = await outbox_stats(self._runtime.pool)
        self._metrics.outbox_pending.set(stats.pending)
        self._metrics.outbox_oldest_age.set(stats.oldest_age_s)

    async def _sample_relay_delay(self) -> None:
        pool = self._runtime.pool
        if self._last_seq is None:
            # Start from now: the delays of rows published before this instance started were
            # another instance's to observe.
            self._last_seq = int(await pool.fetchval(_LAST_PUBLISHED))
            return
        rows = await pool.fetch(_PUBLISHED_SINCE, self._last_seq)
        for row in rows:
            self._metrics.relay_delay.observe(max(0.0, float(row["delay_s"])))
        if rows:
            self._last_seq = int(rows[-1]["seq"])

    async def _sample_kafka(self) -> None:
        reachable = await self._runtime.kafka_reachable()
        self._metrics.kafka_reachable.set(1 if reachable else 0)
        consumer = self._runtime.consumer
        if not reachable or consumer is None:
            return
        self._metrics.set_lag(await self._lag(consumer.group_id, consumer.topics))

    async def _lag(self, group_id: str, topics: list[str]) -> dict[tuple[str, int], int]:
        """End offset minus the group's committed offset, per partition of its topics."""
        admin, offsets = await self._kafka_clients()
        described = await admin.describe_topics(topics)  # fresh metadata: new partitions count
        partitions = [
            TopicPartition(topic["topic"], p["partition"])
            for topic in described
            if not topic.get("error_code")
            for p in sorted(topic["partitions"], key=lambda p: p["partition"])
        ]
        if not partitions:
            return {}
        committed = await admin.list_consumer_group_offsets(group_id, partitions=partitions)
        ends = await offsets.end_offsets(partitions)
        never_committed = [
            tp for tp in partitions if tp not in committed or committed[tp].offset < 0
        ]
        beginnings = await offsets.beginning_offsets(never_committed) if never_committed else {}
        lags: dict[tuple[str, int], int] = {}
        for tp in partitions:
            position = committed[tp].offset if tp not in beginnings else beginnings[tp]
            lags[(tp.topic, tp.partition)] = max(0, ends[tp] - position)
        return lags

    async def _kafka_clients(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        # Kept open between samples; closed (and rebuilt next time) after any failure.
        bootstrap = self._runtime.settings.kafka_bootstrap_servers
        if self._admin is None:
            admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
            await admin.start()
            self._admin = admin
        if self._offsets is None:
            # No group: it only asks for offsets, it never joins or commits.
            offsets = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
            await offsets.start()
            self._offsets = offsets
        return self._admin, self._offsets

    async def _close_kafka(self) -> None:
        admin, offsets = self._admin, self._offsets
        self._admin = self._offsets = None
        with contextlib.suppress(Exception):
            if admin is not None:
                await admin.close()
        with contextlib.suppress(Exception):
            if offsets is not None:
                await offsets.stop()
