"""Training SIGKILLed (a real `kill -9`) while its consumer works through a stream of events.

5,000 EmployeeRegistered events wait on personnel's topic; training applies them in batches of
up to 500 (one transaction per partition's batch, offsets committed after it). It is killed once
a third is applied, mid-batch, then started again. Counted exactly: every event is applied (one
`processed_events` row each, one employee each), none twice, and nothing is dead-lettered.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from jenjang_shared.contracts.registry import topic_of
from jenjang_shared.messaging.codec import EventMeta, encode
from jenjang_shared.messaging.kafka import create_producer, read_all
from jenjang_testing import builders
from jenjang_testing.infra import SessionInfra, create_database, create_topics, fresh_prefix
from jenjang_testing.issuer import TestIssuer
from jenjang_testing.processes import ServiceProcess

EVENTS = 5_000


async def _publish(bootstrap: str, topic: str) -> list[str]:
    producer = create_producer(bootstrap)
    await producer.start()
    ids = []
    try:
        sends = []
        for _ in range(EVENTS):
            event = builders.employee_registered(builders.new_nip(), employment_type="PNS")
            meta = EventMeta(
                id=str(uuid.uuid4()), type=event.ce_type(), source=event.source(),
                subject=event.partition_key, time=datetime.now(UTC),
            )  # fmt: skip
            record = encode(meta, event.model_dump(mode="json"))
            ids.append(meta.id)
            sends.append(
                await producer.send(topic, record.value, key=record.key, headers=record.headers)
            )
        await asyncio.gather(*sends)
    finally:
        await producer.stop()
    return ids


async def _count(conn: asyncpg.Connection, sql: str) -> int:
    try:
        return int(await conn.fetchval(sql))
    except asyncpg.UndefinedTableError:  # not migrated yet
        return 0


async def test_a_sigkill_mid_batch_loses_nothing_and_applies_nothing_twice(
    infra: SessionInfra, test_issuer: TestIssuer, tmp_path: Path
) -> None:
    prefix = fresh_prefix()
    await create_topics(infra, prefix)
    dsn = await create_database(infra)
    ids = await _publish(infra.kafka_bootstrap, f"{prefix}{topic_of('personnel')}")
    service = ServiceProcess(
        "training",
        {
            "database_url": dsn,
            "kafka_bootstrap_servers": infra.kafka_bootstrap,
            "topic_prefix": prefix,
            "auth_issuer": test_issuer.url,
            "auth_jwks_url": test_issuer.jwks_url,
        },
        log_path=tmp_path / "training.log",
    )
    conn = await asyncpg.connect(dsn)
    try:
        await service.start()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while (done := await _count(conn, "SELECT count(*) FROM processed_events")) < EVENTS // 3:
            assert loop.time() < deadline, service.log_tail()
            await asyncio.sleep(0.05)
        service.kill9()
        at_kill = await _count(conn, "SELECT count(*) FROM processed_events")
        await service.start()
        deadline = loop.time() + 180
        while (done := await _count(conn, "SELECT count(*) FROM processed_events")) < EVENTS:
            assert loop.time() < deadline, f"{done} applied: {service.log_tail()}"
            await asyncio.sleep(0.2)
        await asyncio.sleep(2.0)  # let a redelivery, were there one to apply twice, arrive
        applied = set(await conn.fetch("SELECT event_id FROM processed_events"))
        employees = await _count(conn, "SELECT count(*) FROM employees")
    finally:
        service.stop()
        await conn.close()
    dead = await read_all(infra.kafka_bootstrap, f"{prefix}asn.training.dlq.v1")
    print(
        f"\nconsumer kill -9: {EVENTS} events, killed at {at_kill} applied; applied="
        f"{len(applied)} employees={employees} dead_lettered={len(dead)}"
    )
    assert {row["event_id"] for row in applied} == set(ids)  # 0 lost, and nothing else
    assert employees == EVENTS  # one projection row per event: 0 applied twice
    assert dead == []
