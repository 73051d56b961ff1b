"""Parked records: what a consumer could not apply nor dead-letter within its bound.

A record whose dead letter cannot be published (too large with its added headers, a missing
dead-letter topic) or that keeps failing transiently past the stall bound (a query that always
times out) is written to `parked_records` with its reason, and the partition moves on. Nothing is
lost: the row holds the record byte for byte, `/metrics` counts what waits, and `jenjang-dlq
parked` / `jenjang-dlq replay-parked` list and republish them (same ce_id: applied at most once).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaProducer, ConsumerRecord

from jenjang_shared.db.types import Connection
from jenjang_shared.messaging.dead_letters import original_headers
from jenjang_shared.privacy import describe_error

_PARK = """
INSERT INTO parked_records (consumer_group, topic, partition, "offset", record_key,
                            record_value, headers, reason, error_type, error_message, attempts)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)
ON CONFLICT (consumer_group, topic, partition, "offset") DO NOTHING
"""
_WAITING = "SELECT count(*) FROM parked_records WHERE consumer_group = $1 AND replayed_at IS NULL"
_LIST = """
SELECT id, topic, partition, "offset", record_key, record_value, headers, reason, error_type,
       error_message, attempts, parked_at
FROM parked_records WHERE replayed_at IS NULL ORDER BY id
"""
_MARK_REPLAYED = "UPDATE parked_records SET replayed_at = clock_timestamp() WHERE id = $1"


@dataclass(frozen=True)
class ParkedRecord:
    id: int
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]
    reason: str
    error_type: str
    error_message: str
    attempts: int


async def park(
    pool: asyncpg.Pool,
    *,
    consumer_group: str,
    record: ConsumerRecord,
    reason: str,
    error: BaseException,
    attempts: int,
) -> None:
    """Keep the record with its reason (once per position: a redelivery parks nothing more)."""
    headers = [[name, base64.b64encode(value or b"").decode()] for name, value in record.headers]
    await pool.execute(
        _PARK,
        consumer_group,
        record.topic,
        record.partition,
        record.offset,
        record.key,
        record.value,
        json.dumps(headers),
        reason,
        type(error).__name__,
        describe_error(error)[:2000] if isinstance(error, Exception) else type(error).__name__,
        attempts,
    )


async def waiting_count(pool: asyncpg.Pool, consumer_group: str) -> int:
    """How many of this group's records are parked and not yet replayed."""
    return int(await pool.fetchval(_WAITING, consumer_group))


async def list_parked(conn: Connection) -> list[ParkedRecord]:
    """The records parked and not yet replayed, oldest first."""
    return [
        ParkedRecord(
            id=row["id"],
            topic=row["topic"],
            partition=row["partition"],
            offset=row["offset"],
            key=row["record_key"],
            value=row["record_value"],
            headers=[(name, base64.b64decode(v)) for name, v in json.loads(row["headers"])],
            reason=row["reason"],
            error_type=row["error_type"],
            error_message=row["error_message"],
            attempts=row["attempts"],
        )
        for row in await conn.fetch(_LIST)
    ]


async def replay_parked(conn: Connection, bootstrap: str, records: list[ParkedRecord]) -> int:
    """Republish parked records to their topics as first published, then mark them replayed.
    A crash in between republishes again: their ce_id makes the consumer apply them once."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for parked in records:
            await producer.send_and_wait(
                parked.topic,
                parked.value,
                key=parked.key,
                headers=original_headers(parked.headers),
            )
            await conn.execute(_MARK_REPLAYED, parked.id)
    finally:
        await producer.stop()
    return len(records)
