"""The outbox writer: events join the caller's transaction and leave with the relay.

Per-key order is commit order. The relay publishes by `seq`, which is taken at insert time; two
transactions that write events for one NIP without sharing a lock (rejecting a proposal locks
only the proposal) could commit in the other order than their `seq`s. So before its insert a
writer takes a transaction lock on each of its keys' buckets (`KEY_BUCKETS` of them, in order,
so that one writer never waits on another for the same buckets in the other order): the second
writer of a NIP waits until the first has committed, and its `seq` comes after. Buckets bound the
locks a bulk import holds (at most `KEY_BUCKETS`); the price is that writers of two NIPs sharing a
bucket take turns, for the length of the shorter transaction.
"""

from __future__ import annotations

import uuid
import zlib
from dataclasses import dataclass, field

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.types import Connection
from jenjang_shared.messaging.tracing import child_traceparent

NOTIFY_CHANNEL = "jenjang_outbox"
KEY_BUCKETS = 256
_LOCK_CLASS = 0x6F7574  # "out": the first key of the two-key advisory locks on key buckets
_LOCK_KEYS = """
SELECT pg_advisory_xact_lock($1, b) FROM unnest($2::int[]) AS b ORDER BY b
"""

# One statement for any number of events. Payloads travel as JSON text (pydantic serialises
# them natively) and are cast to jsonb by the server.
_INSERT = """
INSERT INTO outbox (event_id, topic, event_type, source, subject, payload,
                    correlation_id, causation_id, traceparent)
SELECT event_id, topic, event_type, source, subject, payload::jsonb,
       correlation_id, causation_id, traceparent
FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[])
     AS t (event_id, topic, event_type, source, subject, payload,
           correlation_id, causation_id, traceparent)
"""


@dataclass
class OutboxWriter:
    """Adds events to the outbox inside the transaction of `conn` (the caller commits).

    The correlation id ties every event of one request (or one chain of events) together; the
    causation id names the event that caused these ones, when a consumer's handler publishes.
    """

    conn: Connection
    topic_prefix: str = ""
    correlation_id: str | None = None
    causation_id: str | None = None
    traceparent: str | None = None
    written: list[uuid.UUID] = field(default_factory=list)

    async def add(self, event: Event) -> uuid.UUID:
        """Write one event; return its CloudEvents id."""
        return (await self.add_many([event]))[0]

    async def add_many(self, events: list[Event]) -> list[uuid.UUID]:
        """Write several events in one statement (bulk work); return their ids in order."""
        ids = [uuid.uuid4() for _ in events]
        if not ids:
            return []
        rows = [self._row(i, e) for i, e in zip(ids, events, strict=True)]
        buckets = sorted({zlib.crc32(e.partition_key.encode()) % KEY_BUCKETS for e in events})
        await self.conn.execute(_LOCK_KEYS, _LOCK_CLASS, buckets)
        await self.conn.execute(_INSERT, *(list(column) for column in zip(*rows, strict=True)))
        if not self.written:
            # Delivered at commit, and only once per transaction: wakes the relay.
            await self.conn.execute(f"NOTIFY {NOTIFY_CHANNEL}")
        self.written.extend(ids)
        return ids

    def _row(self, event_id: uuid.UUID, event: Event) -> tuple[object, ...]:
        return (
            event_id,
            f"{self.topic_prefix}{event.topic()}",
            event.ce_type(),
            event.source(),
            event.partition_key,
            event.model_dump_json(),
            self.correlation_id or str(event_id),
            self.causation_id,
            child_traceparent(self.traceparent),
        )
