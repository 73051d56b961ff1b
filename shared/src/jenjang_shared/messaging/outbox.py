"""The outbox writer: events join the caller's transaction and leave with the relay."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.types import Connection
from jenjang_shared.messaging.tracing import child_traceparent

NOTIFY_CHANNEL = "jenjang_outbox"

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
