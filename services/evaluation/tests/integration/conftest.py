"""One running evaluation service per test module (real PostgreSQL, no Kafka consumer)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_shared.testing.harness import ServiceHarness, running_service

from .helpers import TODAY


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(infra, new_database, new_topics) -> AsyncIterator[ServiceHarness]:
    settings = EvaluationSettings(
        database_url=await new_database(),
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=await new_topics(),
        consumer_enabled=False,
        relay_enabled=False,
        today=TODAY,
        sweep_batch_size=7,
    )
    async with running_service(create_app, settings) as harness:
        yield harness
