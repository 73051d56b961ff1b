"""Kafka killed (SIGKILL) and restarted: every write accepted meanwhile is applied exactly once.

This test runs its own broker (the launcher's recipe, on other ports) so that killing it does not
disturb the broker the rest of the session shares.
"""

from __future__ import annotations

import dataclasses
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from jenjang_shared.messaging.relay import outbox_stats
from jenjang_shared.web.app import start_runtime
from jenjang_testing.harness import free_port, wait_for
from jenjang_testing.infra import SessionInfra, create_topics

from .toy import HANDLERS, MIGRATIONS, ToySettings, registration

jenjang_local = pytest.importorskip("jenjang_local")
from jenjang_local import kafka_broker  # noqa: E402
from jenjang_local.config import StackConfig  # noqa: E402
from jenjang_local.kafka_jars import ensure_kafka_jars  # noqa: E402


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[StackConfig]:
    main = StackConfig.from_env()
    libs = ensure_kafka_jars(main)
    config = dataclasses.replace(main, state_dir=tmp_path / "stack", kafka_port=free_port(),
                                 kafka_controller_port=free_port())  # fmt: skip
    config.state_dir.mkdir()
    (config.kafka_libs_dir).symlink_to(libs, target_is_directory=True)
    kafka_broker.start_broker(config)
    yield config
    kafka_broker.stop_broker(config)


def _kill(config: StackConfig) -> None:
    pid = kafka_broker.running_pid(config)
    assert pid is not None
    os.killpg(pid, signal.SIGKILL)
    kafka_broker.pid_file(config).unlink()


async def test_writes_during_a_kafka_outage_are_applied_exactly_once_after_restart(
    own_broker, infra, new_database
):
    broker = SessionInfra(infra.pg_admin_dsn, own_broker.kafka_bootstrap)
    prefix = "outage."
    await create_topics(broker, prefix, partitions=3)
    settings = ToySettings(database_url=await new_database(), topic_prefix=prefix,
                           kafka_bootstrap_servers=own_broker.kafka_bootstrap)  # fmt: skip
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    try:
        async with runtime.unit_of_work() as uow:
            await uow.publish(registration(0, name="before the outage"))
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
                       until=lambda n: n == 1, what="the pipeline flowing")  # fmt: skip

        _kill(own_broker)
        for n in range(1000):  # each its own transaction, as 1,000 API writes would be
            async with runtime.unit_of_work() as uow:
                await uow.publish(registration(n, nip=f"1986092620150510{n % 90 + 10:02d}"))
        stats = await outbox_stats(runtime.pool)
        assert stats.pending == 1000  # accepted, waiting, not lost
        ready, checks = await runtime.readiness()
        # Ready all the same: writes wait in the outbox (readiness is the database's, not Kafka's).
        assert ready and checks["kafka"] == "unreachable"

        kafka_broker.start_broker(own_broker)
        await wait_for(lambda: runtime.pool.fetchval("SELECT count(*) FROM applied"),
                       until=lambda n: n >= 1001, timeout=120, what="1,000 events applied")  # fmt: skip
        assert await runtime.pool.fetchval("SELECT count(*) FROM applied") == 1001
        assert await runtime.pool.fetchval("SELECT count(DISTINCT event_id) FROM applied") == 1001
        assert (await outbox_stats(runtime.pool)).pending == 0
    finally:
        await runtime.shutdown()
