"""The outbox relay: publishes pending outbox rows to Kafka in order, then marks them sent.

Only one relay per database is active (it holds an advisory lock on a dedicated connection), so
rows leave in `seq` order and per-key order holds however many instances a service runs. A NOTIFY
from the writer wakes it at once; a poll every `poll_interval_s` covers lost notifications. While
Kafka is down rows simply wait: the API keeps accepting writes and the relay catches up later.
Publishing twice is possible (a crash between send and mark): consumers absorb duplicates by id.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import asyncpg
from aiokafka import AIOKafkaProducer

from jenjang_shared.messaging.codec import EventMeta, encode
from jenjang_shared.messaging.outbox import NOTIFY_CHANNEL

log = logging.getLogger(__name__)

_LEADER_LOCK = 0x72656C6179  # "relay": one active relay per database

_PENDING = """
SELECT seq, event_id, topic, event_type, source, subject, payload, occurred_at,
       correlation_id, causation_id, traceparent
FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1
"""
_MARK_SENT = "UPDATE outbox SET published_at = clock_timestamp() WHERE seq = ANY($1::bigint[])"
_PRUNE = """
DELETE FROM outbox WHERE published_at < clock_timestamp() - make_interval(days => $1)
"""
_PRUNE_EVERY_S = 600.0
_CONNECT_TIMEOUT_S = 10.0
_COMMAND_TIMEOUT_S = 30.0
_SERVER_KEEPALIVES = {
    "tcp_keepalives_idle": "10",
    "tcp_keepalives_interval": "5",
    "tcp_keepalives_count": "3",
}
IDEMPOTENCY_KEY_HORIZON_HOURS = 24
"""How long an Idempotency-Key is remembered: a client retrying later is doing a new write (and
the stored answers hold personal data)."""
PROCESSED_EVENT_HORIZON_DAYS = 30
"""How long an applied event's id is remembered: a redelivery older than this would be applied
again. Kafka keeps records 7 days by default, and a consumer group's offsets are committed after
every batch, so a redelivery comes from the last minutes, not from a month ago; a dead letter
replayed after the horizon is applied again, which is what replaying it asks for."""
_PRUNE_KEYS = """
DELETE FROM idempotency_keys WHERE created_at < clock_timestamp() - make_interval(hours => $1)
"""
_PRUNE_PROCESSED = """
DELETE FROM processed_events WHERE processed_at < clock_timestamp() - make_interval(days => $1)
"""
_STATS = """
SELECT count(*) AS pending,
       coalesce(extract(epoch FROM clock_timestamp() - min(occurred_at)), 0) AS oldest_age_s
FROM outbox WHERE published_at IS NULL
"""


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    oldest_age_s: float


async def outbox_stats(pool: asyncpg.Pool) -> OutboxStats:
    """How many events wait to be published, and how long the oldest has waited."""
    row = await pool.fetchrow(_STATS)
    assert row is not None
    return OutboxStats(pending=int(row["pending"]), oldest_age_s=float(row["oldest_age_s"]))


class OutboxRelay:
    """Runs until cancelled; `published` counts rows published by this instance."""

    def __init__(
        self,
        *,
        dsn: str,
        producer_factory: Callable[[], AIOKafkaProducer],
        batch_size: int = 500,
        poll_interval_s: float = 1.0,
        max_backoff_s: float = 5.0,
        retention_days: int = 7,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._dsn = dsn
        self._producer_factory = producer_factory
        self._producer: AIOKafkaProducer | None = None
        self._batch_size = batch_size
        self._poll_interval_s = poll_interval_s
        self._max_backoff_s = max_backoff_s
        self._retention_days = retention_days
        # Monotonic seconds; injectable so a test can pin it near zero (a freshly booted machine).
        self._clock = clock
        self._pruned_at: float | None = None  # None: prune as soon as this relay leads
        self.is_leader = False
        self.published = 0
        self.last_error: str | None = None

    async def run(self) -> None:
        backoff = 0.1
        try:
            while True:
                try:
                    await self._lead()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # Kafka or PostgreSQL away: wait, then try again
                    self.is_leader = False
                    self.last_error = f"{type(exc).__name__}: {exc}"
                    log.warning("outbox relay paused: %s", self.last_error)
                    await self._drop_producer()
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, self._max_backoff_s)
                else:
                    backoff = 0.1
        finally:
            self.is_leader = False
            await self._drop_producer()

    async def _lead(self) -> None:
        conn = await asyncpg.connect(
            self._dsn,
            timeout=_CONNECT_TIMEOUT_S,
            # A statement on a half-open connection fails instead of hanging: the relay then
            # reconnects (and finds the lock free, or waits as a standby).
            command_timeout=_COMMAND_TIMEOUT_S,
            # The server probes an idle relay connection and ends a dead one, releasing its
            # leader lock so that a standby takes over within about idle + interval * count.
            server_settings=_SERVER_KEEPALIVES,
        )
        try:
            while not await conn.fetchval("SELECT pg_try_advisory_lock($1)", _LEADER_LOCK):
                await asyncio.sleep(self._poll_interval_s)
            self.is_leader = True
            self._pruned_at = None  # a new leader prunes first, then every interval
            log.info("outbox relay is the active instance for this database")
            wake = asyncio.Event()
            await conn.add_listener(NOTIFY_CHANNEL, lambda *_: wake.set())
            while True:
                wake.clear()
                published = await self._publish_batch(conn)
                self.last_error = None
                if published < self._batch_size:
                    try:
                        await asyncio.wait_for(wake.wait(), self._poll_interval_s)
                    except TimeoutError:
                        pass
                if conn.is_closed():
                    raise ConnectionError("relay connection closed")
                await self._prune(conn)
        finally:
            self.is_leader = False
            await conn.close()  # closing the session releases the leader lock

    async def _publish_batch(self, conn: asyncpg.Connection) -> int:
        rows = await conn.fetch(_PENDING, self._batch_size)
        if not rows:
            return 0
        producer = await self._ready_producer()
        sends = []
        for row in rows:
            record = encode(_meta_of(row), row["payload"])
            sends.append(
                await producer.send(
                    row["topic"], value=record.value, key=record.key, headers=record.headers
                )
            )
        await asyncio.gather(*sends)
        await self._mark_sent(conn, [row["seq"] for row in rows])
        self.published += len(rows)
        return len(rows)

    async def _prune(self, conn: asyncpg.Connection) -> None:
        """Now and then, delete rows published longer ago than the retention, and forget keys
        and applied event ids older than their de-duplication horizons."""
        now = self._clock()
        if self._pruned_at is None or now - self._pruned_at >= _PRUNE_EVERY_S:
            self._pruned_at = now
            await conn.execute(_PRUNE, self._retention_days)
            await conn.execute(_PRUNE_KEYS, IDEMPOTENCY_KEY_HORIZON_HOURS)
            await conn.execute(_PRUNE_PROCESSED, PROCESSED_EVENT_HORIZON_DAYS)

    async def _mark_sent(self, conn: asyncpg.Connection, seqs: list[int]) -> None:
        await conn.execute(_MARK_SENT, seqs)

    async def _ready_producer(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = self._producer_factory()
            try:
                await producer.start()
            except BaseException:
                await producer.stop()
                raise
            self._producer = producer
        return self._producer

    async def _drop_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                await producer.stop()
            except Exception:  # already broken: nothing more to release
                log.debug("producer stop failed", exc_info=True)


def _meta_of(row: asyncpg.Record) -> EventMeta:
    occurred_at: datetime = row["occurred_at"]
    return EventMeta(
        id=str(row["event_id"]),
        type=row["event_type"],
        source=row["source"],
        subject=row["subject"],
        time=occurred_at,
        correlation_id=row["correlation_id"],
        causation_id=row["causation_id"],
        traceparent=row["traceparent"],
    )
