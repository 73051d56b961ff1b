"""No record stops a consumer for ever, and no bug empties a topic (issue 19), on real servers.

One handler table plays every fault by the employee's name: `SLOW` always times out, `BUG` is a
programming error until it is fixed, `BLOCKED` breaks a domain rule. Each test counts exactly
what was applied, dead-lettered and parked.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from aiokafka import AIOKafkaProducer

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import InvalidInput
from jenjang_shared.messaging.codec import encode
from jenjang_shared.messaging.consumer import ConsumerRunner
from jenjang_shared.messaging.dead_letters import DEAD_LETTER_CONTENT_TYPE, reason_of
from jenjang_shared.messaging.dlq_cli import read_dead_letters, replay
from jenjang_shared.messaging.kafka import create_producer
from jenjang_shared.messaging.parked import list_parked, replay_parked
from jenjang_shared.runtime import ServiceRuntime
from jenjang_shared.web.app import start_runtime
from jenjang_testing.harness import wait_for

from .conftest import DEAD_LETTERS
from .test_pipeline_smoke import meta_for
from .toy import MIGRATIONS, registration

fixed = {"bug": False}


async def faulty(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    if event.name.startswith("SLOW"):
        raise TimeoutError("the query timed out")  # as a statement that always times out would
    if event.name.startswith("BUG") and not fixed["bug"]:
        raise AttributeError("'Employee' object has no attribute 'grade'")  # a bad deploy
    if event.name.startswith("BLOCKED") and not await uow.conn.fetchval(
        "SELECT true FROM unblocked WHERE name = $1", event.name
    ):
        raise InvalidInput("blocked", field="name")
    assert uow.message is not None
    await uow.conn.execute(
        "INSERT INTO applied (event_id, name) VALUES ($1, $2)", uow.message.id, event.name
    )


HANDLERS = {EmployeeRegistered: faulty}


@asynccontextmanager
async def consuming(
    settings, **options: object
) -> AsyncIterator[tuple[ServiceRuntime, ConsumerRunner]]:
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    values: dict = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "group_id": f"g-{uuid.uuid4().hex[:8]}",
        "topics": [settings.topic(EmployeeRegistered.topic())],
        "pool": runtime.pool,
        "handlers": HANDLERS,
        "dead_letter_topic": settings.topic(DEAD_LETTERS),
        "producer_factory": lambda: create_producer(settings.kafka_bootstrap_servers),
        "max_attempts": 2,
        "retry_base_s": 0.01,
        "stall_pause_s": 0.2,
        "stall_bound_s": 1.0,
        "broken_retry_s": 0.5,
        "dead_letter_timeout_s": 3.0,
        **options,
    }
    runner = ConsumerRunner(**values)
    task = asyncio.create_task(runner.run())
    try:
        yield runtime, runner
    finally:
        await runner.stop()
        await asyncio.wait_for(task, 15)
        await runtime.shutdown()


async def send(settings, records: list[tuple[int, EmployeeRegistered]], **meta_changes) -> None:
    """Each event to the given partition of the personnel topic, in order."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers, max_request_size=2_000_000
    )
    await producer.start()
    try:
        for partition, event in records:
            record = encode(replace(meta_for(event), **meta_changes), event.model_dump(mode="json"))
            await producer.send_and_wait(
                settings.topic(EmployeeRegistered.topic()),
                record.value,
                key=record.key,
                headers=record.headers,
                partition=partition,
            )
    finally:
        await producer.stop()


async def applied_names(runtime: ServiceRuntime) -> list[str]:
    return [r["name"] for r in await runtime.pool.fetch("SELECT name FROM applied ORDER BY seq")]


async def test_a_record_that_always_times_out_is_parked_and_other_partitions_never_stop(
    toy_settings,
):
    settings = await toy_settings(consumer_enabled=False)
    async with consuming(settings, stall_bound_s=4.0) as (runtime, runner):
        await send(settings, [(0, registration(1, name="SLOW one")), (0, registration(2))])
        await send(settings, [(p, registration(10 + n)) for n in range(20) for p in (1, 2)])
        # While partition 0 is held at the slow record, partitions 1 and 2 are applied whole.
        await wait_for(
            lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
            until=lambda n: n == 40,
            what="partitions 1 and 2 applied",
        )
        assert "Pegawai 00002" not in await applied_names(runtime)
        await wait_for(
            lambda: asyncio.sleep(0, runner.describe()["stalled_partitions"]),
            until=lambda n: n == 1,
            what="partition 0 reported stalled",
        )
        assert runner.stalled_since is not None
        # Within the bound the slow record is parked and partition 0 moves on.
        await wait_for(
            lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
            until=lambda n: n == 41,
            what="the record after the slow one applied",
        )
        parked = await list_parked(runtime.pool)
        assert [(p.reason, p.error_type, p.partition, p.offset) for p in parked] == [
            ("stalled", "TimeoutError", 0, 0)
        ]
        assert runner.counts["parked"] == 1 and runner.counts["dead_lettered"] == 0
        assert await runner.parked_waiting() == 1
        await wait_for(  # the batch in hand ends a moment after its last commit
            lambda: asyncio.sleep(0, runner.stalled_since),
            until=lambda since: since is None,
            what="the stall cleared",
        )
        print(
            f"\nslow record: applied=41 parked=1 dead_lettered=0 retries={runner.counts['retries']}"
        )


async def test_a_dead_letter_too_large_or_without_a_topic_is_parked_and_replayable(toy_settings):
    settings = await toy_settings(consumer_enabled=False)
    # Near 1 MB: the record fits, its dead letter (with the added headers) does not.
    huge = registration(1, name="BLOCKED " + "x" * (1_048_576 - 1_200))
    group = f"g-{uuid.uuid4().hex[:8]}"  # both runs are one service: the second goes on
    async with consuming(settings, group_id=group) as (runtime, runner):
        await send(settings, [(0, huge), (0, registration(2))])
        await wait_for(
            lambda: applied_names(runtime), until=lambda n: n == ["Pegawai 00002"], what="moved on"
        )
        parked = await list_parked(runtime.pool)
        assert [(p.reason, p.error_type) for p in parked] == [
            ("dead_letter_failed", "InvalidInput")
        ]
        assert parked[0].value is not None and len(parked[0].value) > 1_040_000
    async with consuming(settings, group_id=group, dead_letter_topic="t.missing.dlq") as (
        runtime,
        runner,
    ):
        await send(settings, [(1, registration(3, name="BLOCKED small")), (1, registration(4))])
        await wait_for(
            lambda: applied_names(runtime), until=lambda n: len(n) == 2, what="moved on again"
        )
        assert runner.counts["parked"] == 1 and runner.counts["dead_lettered"] == 0
        waiting = await list_parked(runtime.pool)
        assert [p.reason for p in waiting] == ["dead_letter_failed", "dead_letter_failed"]
        # Replayed (twice: a crash between republish and mark) it is decided again, once.
        small = [p for p in waiting if p.partition == 1]
        await replay_parked(runtime.pool, settings.kafka_bootstrap_servers, small)
        await replay_parked(runtime.pool, settings.kafka_bootstrap_servers, small)
        await wait_for(
            lambda: runtime.pool.fetchval("SELECT count(*) FROM parked_records"),
            until=lambda n: n == 3,
            what="the replayed record parked again, once (the second replay is a duplicate)",
        )
        assert len(await list_parked(runtime.pool)) == 2


async def test_a_programming_error_pauses_the_partition_and_dead_letters_nothing(toy_settings):
    settings = await toy_settings(consumer_enabled=False)
    fixed["bug"] = False
    async with consuming(settings) as (runtime, runner):
        await send(settings, [(0, registration(1)), (0, registration(2, name="BUG two"))])
        await send(settings, [(0, registration(3)), (1, registration(4))])
        await wait_for(
            lambda: asyncio.sleep(0, runner.counts["programming_errors"]),
            until=lambda n: n >= 2,
            what="the bug met twice (paused, then retried)",
        )
        assert sorted(await applied_names(runtime)) == ["Pegawai 00001", "Pegawai 00004"]
        assert runner.counts["dead_lettered"] == 0 and runner.counts["parked"] == 0
        assert runner.describe()["paused_partitions"] == 1
        letters = await read_dead_letters(
            settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS)
        )
        assert letters == []
        fixed["bug"] = True  # the fixed deploy
        await wait_for(
            lambda: applied_names(runtime), until=lambda n: len(n) == 4, what="resumed in order"
        )
        on_partition_0 = [n for n in await applied_names(runtime) if n != "Pegawai 00004"]
        assert on_partition_0 == ["Pegawai 00001", "BUG two", "Pegawai 00003"]  # in order
        assert runner.describe()["paused_partitions"] == 0
        print(f"\nprogramming error: met={runner.counts['programming_errors']} dead_lettered=0")


async def test_a_foreign_producer_is_dead_lettered_marked_and_replays_once_in_order(
    toy_settings,
):
    settings = await toy_settings(consumer_enabled=False)
    async with consuming(settings) as (runtime, runner):
        await send(settings, [(0, registration(1))])
        await send(
            settings, [(0, registration(2))], source="https://bkd-demo.jenjang.example/training"
        )
        await send(settings, [(0, registration(3, name="BLOCKED three"))])
        await wait_for(
            lambda: asyncio.sleep(0, runner.counts["dead_lettered"]),
            until=lambda n: n == 2,
            what="two dead letters",
        )
        assert runner.counts["foreign_producer"] == 1
        letters = await read_dead_letters(
            settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS)
        )
        assert [reason_of(d.headers)["error_type"] for d in letters] == [
            "ForeignProducer", "InvalidInput"
        ]  # fmt: skip
        headers = dict(letters[1].headers)
        assert headers["content-type"] == DEAD_LETTER_CONTENT_TYPE
        assert headers["dlq_original_content_type"] == b"application/json"
        assert "ce_id" not in headers and "dlq_original_ce_id" in headers
        # The cause fixed, replayed twice (an operator's retry): applied once, after the event
        # of its NIP that preceded it.
        await runtime.pool.execute("INSERT INTO unblocked VALUES ('BLOCKED three')")
        await replay(settings.kafka_bootstrap_servers, [letters[1]])
        await replay(settings.kafka_bootstrap_servers, [letters[1]])
        await wait_for(
            lambda: asyncio.sleep(0, runner.counts["duplicates"]),
            until=lambda n: n == 1,
            what="the second replay absorbed as a duplicate",
        )
        assert await applied_names(runtime) == ["Pegawai 00001", "BLOCKED three"]
        assert runner.counts["dead_lettered"] == 2
        print("\ndead-letter replay x2: applied=1 duplicates=1 dead_lettered=2 (1 foreign)")
