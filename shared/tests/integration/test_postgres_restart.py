"""PostgreSQL restarted under a running service: it reports not ready, then recovers by itself,
and the events that arrived meanwhile are applied exactly once.

The test runs its own PostgreSQL (the launcher's recipe, on another port) so that restarting it
does not disturb the server the rest of the session shares.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from jenjang_shared.web.app import start_runtime
from jenjang_testing.harness import free_port, publish, wait_for

from .toy import HANDLERS, MIGRATIONS, ToySettings, registration

pytest.importorskip("jenjang_local")
from jenjang_local import postgres
from jenjang_local.config import StackConfig


@pytest.fixture
def own_postgres(tmp_path: Path) -> Iterator[StackConfig]:
    config = dataclasses.replace(
        StackConfig.from_env(), state_dir=tmp_path / "stack", pg_port=free_port()
    )
    config.state_dir.mkdir()
    postgres.start_server(config)
    yield config
    postgres.stop_server(config)
    postgres.purge(config)


async def test_a_service_rides_out_a_postgres_restart(own_postgres, infra, new_topics):
    admin = await asyncpg.connect(own_postgres.pg_admin_dsn)
    await admin.execute('CREATE DATABASE "toy"')
    await admin.close()
    prefix = await new_topics()
    settings = ToySettings(database_url=own_postgres.database_dsn("toy"), topic_prefix=prefix,
                           kafka_bootstrap_servers=infra.kafka_bootstrap, consumer_retry_base_s=0.2)  # fmt: skip
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    runtime.consumer._stall_pause_s = 1.0
    try:
        async with runtime.unit_of_work() as uow:
            await uow.publish(registration(0, name="before"))
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
                       until=lambda n: n == 1, what="the pipeline flowing")  # fmt: skip

        postgres.stop_server(own_postgres)
        ready, checks = await runtime.readiness()
        assert not ready and checks["database"].startswith("unreachable")
        for n in range(20):  # events keep arriving from other services meanwhile
            await publish(
                infra.kafka_bootstrap, registration(n, name=f"during {n}"), topic_prefix=prefix
            )
        await wait_for(lambda: _async(runtime.consumer.counts["retries"]), until=lambda n: n > 0,
                       what="the consumer retrying")  # fmt: skip

        postgres.start_server(own_postgres)
        await wait_for(runtime.readiness, until=lambda r: r[0], timeout=60, what="ready again")
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
                       until=lambda n: n >= 21, timeout=60, what="the events of the outage applied")  # fmt: skip
        assert await runtime.pool.fetchval("SELECT count(*) FROM applied") == 21
        assert await runtime.pool.fetchval("SELECT max(times) FROM applications") == 1
        assert runtime.consumer.counts["dead_lettered"] == 0  # transient: retried, never dropped

        async with runtime.unit_of_work() as uow:  # writes work again, with no restart
            await uow.publish(registration(99, name="after"))
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
                       until=lambda n: n == 22, what="a write after the restart applied")  # fmt: skip
    finally:
        await runtime.shutdown()


async def _async(value: int) -> int:
    return value
