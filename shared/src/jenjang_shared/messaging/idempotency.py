"""Exactly-once application: an event's id is recorded in `processed_events` in the same
transaction as its handler's effect, so a redelivered event changes nothing."""

from __future__ import annotations

import asyncpg

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.types import Connection
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.codec import EventMeta
from jenjang_shared.messaging.handlers import EventHandler
from jenjang_shared.messaging.outbox import OutboxWriter

Position = tuple[str, int, int]
"""Where the event was read: topic, partition, offset (kept for the record)."""

_RECORD_PROCESSED = """
INSERT INTO processed_events (event_id, event_type, topic, partition, "offset")
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING RETURNING true
"""
_RECORD_PROCESSED_MANY = """
INSERT INTO processed_events (event_id, event_type, topic, partition, "offset")
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::bigint[])
ON CONFLICT (event_id) DO NOTHING RETURNING event_id
"""


async def apply_event(
    pool: asyncpg.Pool,
    handler: EventHandler,
    event: Event,
    meta: EventMeta,
    *,
    topic_prefix: str = "",
    position: Position = ("", -1, -1),
) -> bool:
    """Run `handler` once per event id, in one transaction with the record of its id.

    Returns False (and changes nothing) when the event was applied before. Events the handler
    publishes carry this event's id as causation id and its correlation id.
    """
    async with pool.acquire() as conn, conn.transaction():
        return await apply_in_transaction(conn, handler, event, meta, topic_prefix, position)


async def apply_in_transaction(
    conn: Connection,
    handler: EventHandler,
    event: Event,
    meta: EventMeta,
    topic_prefix: str,
    position: Position,
) -> bool:
    """Inside the caller's transaction: record the event id, then run the handler (once)."""
    topic, partition, offset = position
    fresh = await conn.fetchval(_RECORD_PROCESSED, meta.id, meta.type, topic, partition, offset)
    if not fresh:
        return False
    await handler(event, unit_of_work_for(conn, meta, topic_prefix))
    return True


async def record_processed(conn: Connection, events: list[tuple[EventMeta, Position]]) -> set[str]:
    """Record many event ids in one statement; return those not seen before."""
    rows = await conn.fetch(
        _RECORD_PROCESSED_MANY,
        [meta.id for meta, _ in events],
        [meta.type for meta, _ in events],
        [topic for _, (topic, _, _) in events],
        [partition for _, (_, partition, _) in events],
        [offset for _, (_, _, offset) in events],
    )
    return {row["event_id"] for row in rows}


def unit_of_work_for(conn: Connection, meta: EventMeta, topic_prefix: str) -> UnitOfWork:
    """The handler's unit of work: what it publishes is caused by this event, same correlation."""
    outbox = OutboxWriter(
        conn=conn,
        topic_prefix=topic_prefix,
        correlation_id=meta.correlation_id or meta.id,
        causation_id=meta.id,
        traceparent=meta.traceparent,
    )
    return UnitOfWork(conn=conn, outbox=outbox, message=meta)
