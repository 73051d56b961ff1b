"""Crashes at the worst moments lose nothing and apply nothing twice."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, TopicPartition

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.messaging.consumer import ConsumerRunner
from jenjang_shared.messaging.kafka import create_producer
from jenjang_shared.messaging.relay import OutboxRelay
from jenjang_shared.web.app import start_runtime
from jenjang_testing.harness import wait_for

from .conftest import DEAD_LETTERS, read_topic
from .toy import HANDLERS, MIGRATIONS, registration

TOPIC = EmployeeRegistered.topic()


def _consumer(runtime, settings, cls=ConsumerRunner) -> ConsumerRunner:
    return cls(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=settings.group_id,
        topics=[settings.topic(TOPIC)],
        pool=runtime.pool,
        handlers=HANDLERS,
        dead_letter_topic=settings.topic(DEAD_LETTERS),
        producer_factory=lambda: create_producer(settings.kafka_bootstrap_servers),
        topic_prefix=settings.topic_prefix,
    )


class _CrashBeforeCommit(ConsumerRunner):
    """Applies its first batch, then dies the way a killed process would: no offset commit."""

    async def _commit(self, consumer, offsets) -> None:
        raise asyncio.CancelledError


async def _committed(settings, group) -> int:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers, group_id=group, enable_auto_commit=False
    )
    await consumer.start()
    try:
        topic = settings.topic(TOPIC)
        await consumer.topics()  # loads the metadata partitions_for_topic reads
        parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        offsets = await asyncio.gather(*(consumer.committed(tp) for tp in parts))
        return sum(o or 0 for o in offsets)
    finally:
        await consumer.stop()


async def test_a_consumer_killed_before_committing_offsets_applies_nothing_twice(toy_settings):
    settings = await toy_settings(consumer_enabled=False)
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    try:
        async with runtime.unit_of_work() as uow:
            for n in range(300):
                await uow.publish(registration(n, nip=f"1986092620150510{n % 90 + 10:02d}"))
        await wait_for(
            lambda: runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL"),
            until=lambda c: c == 0,
            what="outbox drained",
        )

        crashing = _consumer(runtime, settings, _CrashBeforeCommit)
        task = asyncio.create_task(crashing.run())
        await asyncio.gather(task, return_exceptions=True)
        applied_before_crash = await runtime.pool.fetchval("SELECT count(*) FROM applied")
        assert applied_before_crash > 0
        assert task.done()
        assert await _committed(settings, settings.group_id) == 0  # nothing was committed

        survivor = _consumer(runtime, settings)
        task = asyncio.create_task(survivor.run())
        await wait_for(
            lambda: asyncio.sleep(0, survivor.counts["applied"] + survivor.counts["duplicates"]),
            until=lambda c: c == 300,
            what="all 300 delivered again",
        )
        await survivor.stop()
        await task
        assert survivor.counts["duplicates"] == applied_before_crash
        assert await runtime.pool.fetchval("SELECT count(*) FROM applied") == 300
        assert await runtime.pool.fetchval("SELECT max(times) FROM applications") == 1
    finally:
        await runtime.shutdown()


class _CrashBeforeMarkingSent(OutboxRelay):
    """Publishes one batch, then dies before it can mark the rows sent."""

    async def _mark_sent(self, conn, seqs) -> None:
        raise asyncio.CancelledError


async def test_a_relay_killed_before_marking_sent_publishes_duplicates_that_are_absorbed(
    toy_settings,
):
    settings = await toy_settings(relay_enabled=False, consumer_enabled=False, relay_batch_size=100)
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    try:
        async with runtime.unit_of_work() as uow:
            for n in range(100):
                await uow.publish(registration(n))

        def relay(cls):
            return cls(
                dsn=settings.database_url,
                batch_size=100,
                producer_factory=lambda: create_producer(settings.kafka_bootstrap_servers),
            )

        crashed = asyncio.create_task(relay(_CrashBeforeMarkingSent).run())
        await asyncio.gather(crashed, return_exceptions=True)
        assert (
            await runtime.pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            == 100
        )

        recovered = relay(OutboxRelay)
        task = asyncio.create_task(recovered.run())
        await wait_for(
            lambda: asyncio.sleep(0, recovered.published),
            until=lambda n: n == 100,
            what="the relay republishing",
        )
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

        on_topic = await read_topic(settings.kafka_bootstrap_servers, settings.topic(TOPIC))
        assert len(on_topic) == 200  # every event is on the topic twice
        assert len({dict(r.headers)["ce_id"] for r in on_topic}) == 100

        consumer = _consumer(runtime, settings)
        task = asyncio.create_task(consumer.run())
        await wait_for(
            lambda: asyncio.sleep(0, consumer.counts["applied"] + consumer.counts["duplicates"]),
            until=lambda c: c == 200,
            what="both copies delivered",
        )
        await consumer.stop()
        await task
        assert consumer.counts == {**consumer.counts, "applied": 100, "duplicates": 100}
        assert await runtime.pool.fetchval("SELECT count(*) FROM applied") == 100
    finally:
        await runtime.shutdown()


async def test_two_relay_instances_publish_one_key_in_order(toy_settings):
    settings = await toy_settings(consumer_enabled=False, relay_batch_size=37)
    first = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    second = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    try:
        for n in range(500):  # one transaction each, as 500 API requests would be
            async with (first if n % 2 else second).unit_of_work() as uow:
                await uow.publish(registration(n))
        await wait_for(
            lambda: first.pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL"),
            until=lambda c: c == 0,
            what="outbox drained",
        )
        assert sorted([first.relay.is_leader, second.relay.is_leader]) == [False, True]

        records = await read_topic(settings.kafka_bootstrap_servers, settings.topic(TOPIC))
        names = [r.value for r in records]
        assert len(names) == 500
        assert [EmployeeRegistered.model_validate_json(v).name for v in names] == [
            f"Pegawai {n:05d}" for n in range(500)
        ]
    finally:
        await first.shutdown()
        await second.shutdown()
