"""Outbox -> relay -> Kafka -> consumer, end to end on the real servers."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import UTC, datetime

from jenjang_shared.contracts.base import Event
from jenjang_shared.messaging.codec import EventMeta
from jenjang_shared.messaging.kafka import create_producer
from jenjang_shared.messaging.relay import OutboxRelay
from jenjang_shared.web.app import start_runtime
from jenjang_testing.harness import wait_for

from .toy import HANDLERS, MIGRATIONS, ToySettings, registration


async def test_events_written_through_the_outbox_are_applied_once_each(
    infra, new_database, new_topics
):
    settings = ToySettings(
        database_url=await new_database(),
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=await new_topics(),
        relay_batch_size=50,
    )
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    try:
        for n in range(200):
            async with runtime.unit_of_work() as uow:
                await uow.publish(registration(n))
        applied = await wait_for(
            lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
            until=lambda c: c >= 200,
            what="200 events applied",
        )
        assert applied == 200
        assert await runtime.pool.fetchval("SELECT max(times) FROM applications") == 1
        names = [
            r["name"] for r in await runtime.pool.fetch("SELECT name FROM applied ORDER BY seq")
        ]
        assert names == [f"Pegawai {n:05d}" for n in range(200)]  # one key: order kept
    finally:
        await runtime.shutdown()


def meta_for(event: Event) -> EventMeta:
    return EventMeta(
        id=str(uuid.uuid4()),
        type=event.ce_type(),
        source=event.source(),
        subject=event.partition_key,
        time=datetime.now(UTC),
    )


async def test_the_relay_deletes_published_rows_past_the_retention(infra, new_database, new_topics):
    settings = ToySettings(database_url=await new_database(), kafka_bootstrap_servers=infra.kafka_bootstrap,
                           topic_prefix=await new_topics(), consumer_enabled=False, outbox_retention_days=7)  # fmt: skip
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    try:
        for n in range(3):
            async with runtime.unit_of_work() as uow:
                await uow.publish(registration(n))
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL"),
                       until=lambda n: n == 0, what="all published")  # fmt: skip
        await runtime.pool.execute("UPDATE outbox SET published_at = now() - interval '8 days' WHERE seq = "
                                   "(SELECT min(seq) FROM outbox)")  # fmt: skip
        await runtime.shutdown()  # a new relay prunes as it takes the lead
        runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM outbox"), until=lambda n: n == 2,
                       what="the old row pruned")  # fmt: skip
    finally:
        await runtime.shutdown()


async def test_a_relay_on_a_freshly_booted_machine_prunes_as_soon_as_it_leads(
    infra, new_database, new_topics
):
    # A machine that booted seconds ago has a monotonic clock near zero: the first prune must not
    # wait for the clock to pass the prune interval.
    settings = ToySettings(database_url=await new_database(), kafka_bootstrap_servers=infra.kafka_bootstrap,
                           topic_prefix=await new_topics(), consumer_enabled=False, relay_enabled=False)  # fmt: skip
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    relay = OutboxRelay(
        dsn=settings.database_url,
        producer_factory=lambda: create_producer(infra.kafka_bootstrap),
        retention_days=7,
        clock=lambda: 3.0,
    )
    task = asyncio.create_task(relay.run())
    try:
        async with runtime.unit_of_work() as uow:
            await uow.publish(registration(1))
            await uow.publish(registration(2))
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL"),
                       until=lambda n: n == 0, what="both published")  # fmt: skip
        await runtime.pool.execute("UPDATE outbox SET published_at = now() - interval '8 days' WHERE seq = "
                                   "(SELECT min(seq) FROM outbox)")  # fmt: skip
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        assert await runtime.pool.fetchval("SELECT count(*) FROM outbox") == 2  # not pruned yet
        task = asyncio.create_task(relay.run())  # leads again with the clock still at 3 s
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM outbox"), until=lambda n: n == 1,
                       what="the old row pruned at clock 3 s")  # fmt: skip
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await runtime.shutdown()
