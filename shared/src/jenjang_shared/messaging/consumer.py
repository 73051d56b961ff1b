"""The consumer runner: applies each event exactly once, retries what may pass, dead-letters the rest.

For every record: decode (CloudEvents, JSON), validate against the contract, then, in the same
database transaction, record the event id in `processed_events` and run the handler. A
redelivered event finds its id already there and changes nothing. The records of one partition
in one poll share a transaction (one commit instead of hundreds); if any of them fails, that
transaction is rolled back whole and the records are taken again one transaction each, so a bad
record is decided alone. Offsets are committed after the database commit, once per batch; a
commit lost to a rebalance only means redelivery, which is absorbed.

Failures, decided explicitly:
- transient (database or network away, serialization conflicts): retried with exponential
  back-off up to `max_attempts`; if it still fails the partition is rewound to that record and
  the runner pauses, so nothing is skipped and order holds (the service reports not ready);
- permanent (not a CloudEvent, not JSON, a schema violation, a handler's DomainError, a bug):
  the record goes at once to the dead-letter topic with the reason, and the consumer moves on;
- an event type this code does not know: skipped and counted (newer producers may add types).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError, KafkaError
from pydantic import ValidationError

from jenjang_shared.contracts.registry import model_for
from jenjang_shared.errors import TransientError
from jenjang_shared.messaging.codec import DecodeError, decode
from jenjang_shared.messaging.dead_letters import dead_letter_headers
from jenjang_shared.messaging.handlers import HandlerTable
from jenjang_shared.messaging.idempotency import apply_event, record_processed, unit_of_work_for

log = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    TransientError,
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.SerializationError,
    asyncpg.exceptions.DeadlockDetectedError,
    asyncpg.exceptions.TooManyConnectionsError,
)


class ConsumerRunner:
    """One consumer group member; `run()` until `stop()`."""

    def __init__(
        self,
        *,
        bootstrap_servers: str,
        group_id: str,
        topics: list[str],
        pool: asyncpg.Pool,
        handlers: HandlerTable,
        dead_letter_topic: str,
        producer_factory: Callable[[], AIOKafkaProducer],
        topic_prefix: str = "",
        max_records: int = 500,
        max_attempts: int = 5,
        retry_base_s: float = 0.2,
        stall_pause_s: float = 5.0,
        auto_offset_reset: str = "earliest",
    ) -> None:
        self._bootstrap = bootstrap_servers
        self.group_id = group_id
        self.topics = topics
        self._pool = pool
        self._handlers = handlers
        self._dead_letter_topic = dead_letter_topic
        self._producer_factory = producer_factory
        self._producer: AIOKafkaProducer | None = None
        self._topic_prefix = topic_prefix
        self._max_records = max_records
        self._max_attempts = max_attempts
        self._retry_base_s = retry_base_s
        self._stall_pause_s = stall_pause_s
        self._auto_offset_reset = auto_offset_reset
        self._stopping = asyncio.Event()
        self.running = False
        self.stalled_since: float | None = None
        self.counts = {
            "applied": 0,
            "duplicates": 0,
            "unknown_type": 0,
            "dead_lettered": 0,
            "retries": 0,
        }

    async def run(self) -> None:
        """Consume until `stop()`. An unexpected crash of the loop (not of a handler: those are
        decided per record) restarts it from the last committed offsets after a pause."""
        while not self._stopping.is_set():
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("consumer loop crashed; restarting in %.0fs", self._stall_pause_s)
                await asyncio.sleep(self._stall_pause_s)

    async def _consume(self) -> None:
        consumer = await self._started_consumer()
        if consumer is None:
            return
        try:
            self.running = True
            while not self._stopping.is_set():
                batch = await consumer.getmany(timeout_ms=500, max_records=self._max_records)
                if batch:
                    await self._process_batch(consumer, batch)
        finally:
            self.running = False
            await consumer.stop()
            if self._producer is not None:
                await self._producer.stop()
                self._producer = None

    async def stop(self) -> None:
        """Finish the batch in hand, commit, and leave the group."""
        self._stopping.set()

    async def _started_consumer(self) -> AIOKafkaConsumer | None:
        backoff = 0.2
        while not self._stopping.is_set():
            consumer = AIOKafkaConsumer(
                *self.topics,
                bootstrap_servers=self._bootstrap,
                group_id=self.group_id,
                enable_auto_commit=False,
                auto_offset_reset=self._auto_offset_reset,
                max_poll_interval_ms=300_000,
            )
            try:
                await consumer.start()
                return consumer
            except KafkaError as exc:
                await consumer.stop()
                log.warning("consumer cannot reach Kafka yet (%s); retrying", exc)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
        return None

    async def _process_batch(
        self, consumer: AIOKafkaConsumer, batch: dict[TopicPartition, list[ConsumerRecord]]
    ) -> None:
        offsets: dict[TopicPartition, int] = {}
        rewind: dict[TopicPartition, int] = {}
        for tp, records in batch.items():
            if rewind:  # a partition before this one stalled: leave this one for later
                rewind[tp] = records[0].offset
                continue
            stalled_at = await self._process_partition(records)
            if stalled_at is not None:
                rewind[tp] = stalled_at
                if stalled_at > records[0].offset:
                    offsets[tp] = stalled_at
            else:
                offsets[tp] = records[-1].offset + 1
        await self._commit(consumer, offsets)
        if rewind:
            owned = consumer.assignment()  # a rebalance may have moved some away meanwhile
            for tp, offset in rewind.items():
                if tp in owned:
                    consumer.seek(tp, offset)
            self.stalled_since = self.stalled_since or time.monotonic()
            log.error("consumer paused %.0fs: transient failures persist", self._stall_pause_s)
            await asyncio.sleep(self._stall_pause_s)
        else:
            self.stalled_since = None

    async def _process_partition(self, records: list[ConsumerRecord]) -> int | None:
        """Apply one partition's records in order; the offset to rewind to if they stalled.

        The fast path applies them all in one transaction (one commit, not one per event). If
        any record fails there, nothing of it stays and they are taken one by one instead, each
        in its own transaction, so that one bad record is dead-lettered alone.
        """
        if await self._apply_together(records):
            return None
        for record in records:
            if not await self._process_with_retries(record):
                return int(record.offset)
        return None

    async def _apply_together(self, records: list[ConsumerRecord]) -> bool:
        prepared = []
        unknown = 0
        try:
            for record in records:
                meta, payload = decode(record.key, record.value, record.headers)
                model = model_for(meta.type)
                handler = self._handlers.get(model) if model is not None else None
                if model is None or handler is None:
                    unknown += 1
                    continue
                prepared.append((record, handler, model.model_validate(payload), meta))
            applied = 0
            async with self._pool.acquire() as conn, conn.transaction():
                # One round trip records every id; the handlers run for the ids new here.
                fresh = await record_processed(
                    conn,
                    [(m, (r.topic, r.partition, r.offset)) for r, _, _, m in prepared],
                )
                for _, handler, event, meta in prepared:
                    if meta.id in fresh:
                        fresh.discard(meta.id)  # the same id twice in one batch: once only
                        await handler(event, unit_of_work_for(conn, meta, self._topic_prefix))
                        applied += 1
        except Exception as exc:  # anything at all: retry record by record, deciding each
            log.debug("batch of %d fell back to one by one: %r", len(records), exc)
            return False
        self.counts["applied"] += applied
        self.counts["duplicates"] += len(prepared) - applied
        self.counts["unknown_type"] += unknown
        return True

    async def _commit(self, consumer: AIOKafkaConsumer, offsets: dict[TopicPartition, int]) -> None:
        if not offsets:
            return
        try:
            await consumer.commit(offsets)
        except (CommitFailedError, KafkaError) as exc:
            # The group rebalanced under us: the new owner gets these records again, and the
            # processed-events table makes applying them a no-op.
            log.warning("offset commit failed (%s); redelivery will be absorbed", exc)

    async def _process_with_retries(self, record: ConsumerRecord) -> bool:
        """Apply or dead-letter one record; False when transient failures outlasted the bound."""
        first_failure: datetime | None = None
        for attempt in range(1, self._max_attempts + 1):
            try:
                await self._apply(record)
                return True
            except TRANSIENT_ERRORS as exc:
                first_failure = first_failure or datetime.now(UTC)
                self.counts["retries"] += 1
                log.warning(
                    "transient failure at %s:%s (attempt %d): %r",
                    record.topic,
                    record.offset,
                    attempt,
                    exc,
                )
                if attempt < self._max_attempts:
                    await asyncio.sleep(self._retry_base_s * 2 ** (attempt - 1))
            except Exception as exc:  # permanent: decoding, schema, domain rule, or a bug
                try:
                    await self._dead_letter(record, exc, attempt, first_failure)
                except KafkaError as kafka_exc:
                    log.warning("dead-letter publish failed: %r", kafka_exc)
                    return False
                return True
        return False

    async def _apply(self, record: ConsumerRecord) -> None:
        meta, payload = decode(record.key, record.value, record.headers)
        model = model_for(meta.type)
        handler = self._handlers.get(model) if model is not None else None
        if model is None or handler is None:
            self.counts["unknown_type"] += 1
            return
        event = model.model_validate(payload)
        applied = await apply_event(
            self._pool,
            handler,
            event,
            meta,
            topic_prefix=self._topic_prefix,
            position=(record.topic, record.partition, record.offset),
        )
        self.counts["applied" if applied else "duplicates"] += 1

    async def _dead_letter(
        self, record: ConsumerRecord, exc: Exception, attempts: int, first_failure: datetime | None
    ) -> None:
        if self._producer is None:
            producer = self._producer_factory()
            try:
                await producer.start()
            except BaseException:
                await producer.stop()  # release its background tasks before retrying later
                raise
            self._producer = producer
        headers = dead_letter_headers(
            list(record.headers),
            original_topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            error=exc,
            attempts=attempts,
            first_failure=first_failure or datetime.now(UTC),
            consumer_group=self.group_id,
        )
        await self._producer.send_and_wait(
            self._dead_letter_topic, value=record.value, key=record.key, headers=headers
        )
        self.counts["dead_lettered"] += 1
        level = logging.WARNING if isinstance(exc, DecodeError | ValidationError) else logging.ERROR
        log.log(
            level,
            "dead-lettered %s:%s:%s: %s: %s",
            record.topic,
            record.partition,
            record.offset,
            type(exc).__name__,
            exc,
        )

    def describe(self) -> dict[str, Any]:
        """State for health and metrics."""
        return {
            "running": self.running,
            "stalled": self.stalled_since is not None,
            "group": self.group_id,
            "topics": self.topics,
            **self.counts,
        }
