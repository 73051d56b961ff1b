"""Two writers of one NIP whose transactions would commit out of `seq` order (issue 19).

Writer A inserts first (the lower `seq`) and commits last; writer B inserts and commits in
between. Without a lock they share, the relay would publish A before B although B committed
first. The outbox's per-key lock makes B wait for A, so consumers see commit order.
"""

from __future__ import annotations

import asyncio
import contextlib

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.messaging.codec import decode
from jenjang_shared.messaging.kafka import create_producer, read_all
from jenjang_shared.messaging.relay import OutboxRelay
from jenjang_shared.web.app import start_runtime

from .toy import HANDLERS, MIGRATIONS, registration


async def test_one_nips_events_leave_in_commit_order(toy_settings) -> None:
    settings = await toy_settings(consumer_enabled=False, relay_enabled=False)
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    committed: list[str] = []
    try:
        a_inserted = asyncio.Event()
        a_may_commit = asyncio.Event()

        async def writer_a() -> None:
            async with runtime.unit_of_work() as uow:
                await uow.publish(registration(1, name="A"))
                a_inserted.set()
                await a_may_commit.wait()
            committed.append("A")

        async def writer_b() -> None:
            await a_inserted.wait()
            async with runtime.unit_of_work() as uow:
                await uow.publish(registration(2, name="B"))  # same NIP, no shared row lock
            committed.append("B")

        a, b = asyncio.create_task(writer_a()), asyncio.create_task(writer_b())
        await a_inserted.wait()
        await asyncio.sleep(0.5)  # B's chance to commit before A: the lock makes it wait
        b_waited = not b.done()
        a_may_commit.set()
        await asyncio.wait_for(asyncio.gather(a, b), 10)

        relay = OutboxRelay(
            dsn=settings.database_url,
            producer_factory=lambda: create_producer(settings.kafka_bootstrap_servers),
        )
        task = asyncio.create_task(relay.run())
        try:
            topic = settings.topic(EmployeeRegistered.topic())
            for _ in range(100):
                records = await read_all(settings.kafka_bootstrap_servers, topic)
                if len(records) == 2:
                    break
                await asyncio.sleep(0.1)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        published = [decode(r.key, r.value, r.headers)[1]["name"] for r in records]
        print(f"\ncommit order {committed}, published {published}, B waited for A: {b_waited}")
        assert b_waited
        assert published == committed == ["A", "B"]
    finally:
        await runtime.shutdown()
