"""The consumer runner: applies each event exactly once, and never stops for ever on one record.

For every record: decode (CloudEvents, JSON), check that the topic's own service produced it,
validate against the contract, then, in the same database transaction, record the event id in
`processed_events` and run the handler. A redelivered event finds its id already there and
changes nothing. The records of one partition in one poll share a transaction (one commit
instead of hundreds); if any of them fails, that transaction is rolled back whole and the records
are taken again one transaction each, so a bad record is decided alone. Offsets are committed
after the database commit, once per batch; a commit lost to a rebalance only means redelivery,
which is absorbed.

Failures, decided explicitly and per partition (one partition's trouble never holds the others):
- bad data (not a CloudEvent, not JSON, a schema violation, a handler's DomainError, a constraint
  the data breaks, an event from a producer that does not own the topic): dead-lettered at once
  with the reason, and the partition moves on;
- transient (database or network away, timeouts, serialization conflicts): retried with
  exponential back-off up to `max_attempts`, then the partition is rewound to that record and
  paused for `stall_pause_s` (the others go on); once the same record has stalled for
  `stall_bound_s` it is parked (`parked_records`) with its reason and the partition moves on;
- a dead letter that cannot be published (too large, no dead-letter topic): parked at once;
- a programming error (any other exception: an undefined column after a bad deploy, a
  TypeError): nothing is dead-lettered or committed; the partition is paused and retried every
  `broken_retry_s`, and `counts["programming_errors"]` / `describe()["paused_partitions"]` rise
  for the alert. A fixed deploy picks up where it stopped;
- an event type this code does not know: skipped and counted (newer producers may add types).

If parking itself fails (the database is away) the partition stays stalled: nothing is skipped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError, KafkaError
from pydantic import ValidationError

from jenjang_shared.contracts.provenance import owner_of_topic
from jenjang_shared.contracts.registry import model_for
from jenjang_shared.errors import DomainError, TransientError
from jenjang_shared.messaging.codec import DecodeError, EventMeta, decode
from jenjang_shared.messaging.dead_letters import dead_letter_headers
from jenjang_shared.messaging.handlers import HandlerTable
from jenjang_shared.messaging.idempotency import apply_event, record_processed, unit_of_work_for
from jenjang_shared.messaging.parked import park, waiting_count

log = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    TransientError,
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.OperatorInterventionError,  # statement timeouts, admin shutdowns
    asyncpg.exceptions.SerializationError,
    asyncpg.exceptions.DeadlockDetectedError,
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.LockNotAvailableError,
)

DATA_ERRORS: tuple[type[Exception], ...] = (
    DecodeError,
    ValidationError,
    DomainError,
    asyncpg.exceptions.DataError,  # a value the column cannot hold
    asyncpg.exceptions.IntegrityConstraintViolationError,  # the data breaks a rule of the table
)
"""What the record's content causes: the same record fails the same way on any deploy."""


class ForeignProducer(DecodeError):
    """An event on a topic whose owning service did not produce it (type or source)."""


def check_producer(topic: str, meta: EventMeta) -> None:
    """Defence in depth: on `asn.<service>.v1` only `<service>` publishes. The source's last
    path segment names the service, whatever agency prefix the URI carries
    (`https://bkd.example/personnel`, `/agency/jabar/asn/personnel`)."""
    owner = owner_of_topic(topic)
    if owner is None:  # not a service topic (a test's own): nothing to hold it to
        return
    if not meta.type.startswith(f"asn.{owner}."):
        raise ForeignProducer(f"event type {meta.type!r} does not belong to {owner}'s topic")
    named = meta.source.split("?", 1)[0].rstrip("/").rpartition("/")[2]
    if named != owner:
        raise ForeignProducer(f"event source does not name {owner}, the topic's owner")


@dataclass
class _Stall:
    offset: int
    since: float  # monotonic
    error: BaseException


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
        stall_bound_s: float = 300.0,
        broken_retry_s: float = 60.0,
        dead_letter_timeout_s: float = 15.0,
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
        self._stall_bound_s = stall_bound_s
        self._broken_retry_s = broken_retry_s
        self._dead_letter_timeout_s = dead_letter_timeout_s
        self._auto_offset_reset = auto_offset_reset
        self._stopping = asyncio.Event()
        self._stalls: dict[TopicPartition, _Stall] = {}  # transient trouble, per partition
        self._broken: dict[TopicPartition, _Stall] = {}  # programming errors, per partition
        self._held: dict[TopicPartition, float] = {}  # paused partition -> monotonic resume time
        self.running = False
        self.stalled_since: float | None = None
        self.counts = {
            "applied": 0,
            "duplicates": 0,
            "unknown_type": 0,
            "dead_lettered": 0,
            "retries": 0,
            "parked": 0,
            "programming_errors": 0,
            "foreign_producer": 0,
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
        self._held.clear()  # a new member starts with nothing paused
        try:
            self.running = True
            while not self._stopping.is_set():
                self._resume_due(consumer)
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

    async def parked_waiting(self) -> int:
        """How many of this group's records wait in `parked_records` (for metrics)."""
        return await waiting_count(self._pool, self.group_id)

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

    def _resume_due(self, consumer: AIOKafkaConsumer) -> None:
        now = time.monotonic()
        owned = consumer.assignment()
        for tp in [tp for tp, at in self._held.items() if at <= now or tp not in owned]:
            del self._held[tp]
            if tp in owned:
                consumer.resume(tp)
        for held in (self._stalls, self._broken):  # revoked partitions are someone else's now
            for tp in [tp for tp in held if tp not in owned]:
                del held[tp]
        self._update_stalled()

    async def _process_batch(
        self, consumer: AIOKafkaConsumer, batch: dict[TopicPartition, list[ConsumerRecord]]
    ) -> None:
        offsets: dict[TopicPartition, int] = {}
        holds: dict[TopicPartition, tuple[int, float]] = {}
        for tp, records in batch.items():
            if tp in self._held:  # fetched before it was paused: taken again after the pause
                continue
            commit_at, hold = await self._process_partition(tp, records)
            if commit_at is not None:
                offsets[tp] = commit_at
            if hold is not None:
                holds[tp] = hold
        await self._commit(consumer, offsets)
        owned = consumer.assignment()  # a rebalance may have moved some away meanwhile
        for tp, (offset, pause_s) in holds.items():
            if tp in owned:
                consumer.seek(tp, offset)
                consumer.pause(tp)  # only this partition waits; the others go on
                self._held[tp] = time.monotonic() + pause_s
        self._update_stalled()

    def _update_stalled(self) -> None:
        self.stalled_since = min((s.since for s in self._stalls.values()), default=None)

    async def _process_partition(
        self, tp: TopicPartition, records: list[ConsumerRecord]
    ) -> tuple[int | None, tuple[int, float] | None]:
        """Apply one partition's records in order: the offset to commit, and where to hold the
        partition (offset, seconds) when a record could not be decided yet.

        The fast path applies them all in one transaction (one commit, not one per event). If
        any record fails there, nothing of it stays and they are taken one by one instead, each
        in its own transaction, so that one bad record is decided alone.
        """
        if await self._apply_together(records):
            self._stalls.pop(tp, None)
            self._broken.pop(tp, None)
            return records[-1].offset + 1, None
        for record in records:
            pause_s = await self._decide(tp, record)
            if pause_s is not None:
                done = record.offset if record.offset > records[0].offset else None
                return done, (int(record.offset), pause_s)
        return records[-1].offset + 1, None

    async def _apply_together(self, records: list[ConsumerRecord]) -> bool:
        prepared = []
        unknown = 0
        try:
            for record in records:
                meta, payload = decode(record.key, record.value, record.headers)
                check_producer(record.topic, meta)
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

    async def _decide(self, tp: TopicPartition, record: ConsumerRecord) -> float | None:
        """Apply, dead-letter or park one record (None: the partition moves on), or the seconds
        to hold the partition at it before trying again."""
        first_failure: datetime | None = None
        last: BaseException | None = None
        for attempt in range(1, self._max_attempts + 1):
            try:
                await self._apply(record)
            except TRANSIENT_ERRORS as exc:
                first_failure = first_failure or datetime.now(UTC)
                last = exc
                self.counts["retries"] += 1
                log.warning(
                    "transient failure at %s:%s:%s (attempt %d): %r",
                    record.topic,
                    record.partition,
                    record.offset,
                    attempt,
                    exc,
                )
                if attempt < self._max_attempts:
                    await asyncio.sleep(self._retry_base_s * 2 ** (attempt - 1))
                continue
            except DATA_ERRORS as exc:
                return await self._dead_letter_or_park(record, exc, attempt, first_failure)
            except Exception as exc:  # a bug: hold the partition, never empty it into the DLQ
                self.counts["programming_errors"] += 1
                self._broken[tp] = _Stall(int(record.offset), time.monotonic(), exc)
                log.error(
                    "programming error at %s:%s:%s; partition paused, nothing dead-lettered: %r",
                    record.topic,
                    record.partition,
                    record.offset,
                    exc,
                )
                return self._broken_retry_s
            self._stalls.pop(tp, None)
            self._broken.pop(tp, None)
            return None
        assert last is not None
        stall = self._stalls.get(tp)
        if stall is None or stall.offset != record.offset:
            stall = self._stalls[tp] = _Stall(int(record.offset), time.monotonic(), last)
        if time.monotonic() - stall.since >= self._stall_bound_s and await self._park(
            record, "stalled", last, self._max_attempts
        ):
            del self._stalls[tp]
            return None
        log.error("partition %s held %.1fs: transient failures persist", tp, self._stall_pause_s)
        return self._stall_pause_s

    async def _apply(self, record: ConsumerRecord) -> None:
        meta, payload = decode(record.key, record.value, record.headers)
        check_producer(record.topic, meta)
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

    async def _dead_letter_or_park(
        self, record: ConsumerRecord, exc: Exception, attempts: int, first: datetime | None
    ) -> float | None:
        try:
            await asyncio.wait_for(
                self._dead_letter(record, exc, attempts, first), self._dead_letter_timeout_s
            )
            return None
        except (KafkaError, TimeoutError) as publish_exc:
            # Too large with the added headers, no dead-letter topic, Kafka away: the record
            # waits in the database instead, and the partition moves on.
            log.warning("dead-letter publish failed (%r); parking the record", publish_exc)
            await self._drop_producer()
            if await self._park(record, "dead_letter_failed", exc, attempts):
                return None
            return self._stall_pause_s

    async def _park(
        self, record: ConsumerRecord, reason: str, exc: BaseException, attempts: int
    ) -> bool:
        try:
            await park(
                self._pool,
                consumer_group=self.group_id,
                record=record,
                reason=reason,
                error=exc,
                attempts=attempts,
            )
        except Exception as park_exc:  # the database is away too: hold the partition instead
            log.error("cannot park %s:%s: %r", record.topic, record.offset, park_exc)
            return False
        self.counts["parked"] += 1
        log.error(
            "parked %s:%s:%s (%s): %s", record.topic, record.partition, record.offset, reason, exc
        )
        return True

    async def _drop_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                await producer.stop()
            except Exception:
                log.debug("dead-letter producer stop failed", exc_info=True)

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
        if isinstance(exc, ForeignProducer):
            self.counts["foreign_producer"] += 1
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
            "stalled_partitions": len(self._stalls),
            "paused_partitions": len(self._broken),  # programming errors: alert on this
            **self.counts,
        }
