"""One running training service per module: real database; relay and consumer off (events come
with `deliver`, what would be published is read from the outbox table)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import asyncpg
import pytest_asyncio

from jenjang_shared.testing.harness import ServiceHarness, running_service
from jenjang_shared.testing.infra import SessionInfra as Infra
from jenjang_shared.testing.infra import create_database
from training.config import TrainingSettings
from training.main import create_app


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def own_database(infra: Infra) -> AsyncIterator[str]:
    """A fresh database for the module, dropped after it.

    Not the shared `new_database`: its session teardown drops every `t_*` database, including
    those of test sessions of other services running at the same time on the same server.
    """
    dsn = await create_database(infra, prefix="training")
    yield dsn
    name = dsn.rpartition("/")[2]
    conn = await asyncpg.connect(infra.pg_admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(infra: Infra, own_database: str) -> AsyncIterator[ServiceHarness]:
    settings = TrainingSettings(
        database_url=own_database,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix="t-training-local.",  # relay and consumer are off: no Kafka
        consumer_enabled=False,
        relay_enabled=False,
        db_pool_max_size=25,
        # The JP shortfall sweep may not run ahead of today: pin today to the year's end.
        today=date(date.today().year, 12, 31),
    )
    async with running_service(create_app, settings) as harness:
        yield harness
