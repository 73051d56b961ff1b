"""Fixtures of the backbone tests: a toy service's settings on a fresh database and topics."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from jenjang_shared.messaging.kafka import read_all
from jenjang_testing.infra import SessionInfra

from .toy import ToySettings

DEAD_LETTERS = "asn.toy.dlq.v1"


@pytest.fixture
async def toy_settings(
    infra: SessionInfra,
    new_database: Callable[[], Awaitable[str]],
    new_topics: Callable[[], Awaitable[str]],
) -> Callable[..., Awaitable[ToySettings]]:
    """Settings of a toy service with its own database, topic prefix and dead-letter topic."""

    async def make(**overrides: object) -> ToySettings:
        prefix = await new_topics()
        admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
        await admin.start()
        try:
            await admin.create_topics([NewTopic(prefix + DEAD_LETTERS, 1, 1)])
        finally:
            await admin.close()
        values: dict[str, object] = {
            "database_url": await new_database(),
            "kafka_bootstrap_servers": infra.kafka_bootstrap,
            "topic_prefix": prefix,
            "consumer_retry_base_s": 0.05,
            **overrides,
        }
        return ToySettings(**values)  # type: ignore[arg-type]

    return make


async def read_topic(bootstrap: str, topic: str) -> list:
    """Every record on a topic, in partition then offset order."""
    return await read_all(bootstrap, topic)
