"""Where the tests' real PostgreSQL and Kafka come from.

1. `JENJANG_TEST_PG_DSN` and `JENJANG_TEST_KAFKA_BOOTSTRAP`, when set: servers someone runs.
2. Otherwise the project's own launcher (`jenjang_local`) starts them (or finds them running).
Testcontainers would be the choice where a Docker engine runs; these machines have none, so the
launcher is the default and CI's path.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from jenjang_shared.contracts.registry import SERVICES, dead_letter_topic_of, topic_of


@dataclass(frozen=True)
class SessionInfra:
    pg_admin_dsn: str  # a superuser DSN to the `postgres` database
    kafka_bootstrap: str
    started_here: bool = False

    def dsn_for(self, database: str) -> str:
        base, _, _ = self.pg_admin_dsn.rpartition("/")
        return f"{base}/{database}"


def infra_from_environment() -> SessionInfra | None:
    dsn = os.environ.get("JENJANG_TEST_PG_DSN")
    kafka = os.environ.get("JENJANG_TEST_KAFKA_BOOTSTRAP")
    if dsn and kafka:
        return SessionInfra(pg_admin_dsn=dsn, kafka_bootstrap=kafka)
    return None


def infra_from_launcher() -> SessionInfra:
    from jenjang_local.config import StackConfig
    from jenjang_local.stack import ensure_infra, infra_running

    config = StackConfig.from_env()
    already = infra_running(config)
    infra = ensure_infra(config)
    return SessionInfra(infra.pg_admin_dsn, infra.kafka_bootstrap, started_here=not already)


def stop_launched_infra() -> None:
    from jenjang_local.config import StackConfig
    from jenjang_local.stack import stop_infra

    stop_infra(StackConfig.from_env())


async def create_database(infra: SessionInfra, prefix: str = "t") -> str:
    """A new empty database; returns its DSN."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(infra.pg_admin_dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return infra.dsn_for(name)


async def drop_databases(infra: SessionInfra, dsns: list[str]) -> None:
    """Drop the given databases (those a test session created; never anyone else's)."""
    conn = await asyncpg.connect(infra.pg_admin_dsn)
    try:
        for dsn in dsns:
            name = dsn.rpartition("/")[2]
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def create_topics(infra: SessionInfra, prefix: str, partitions: int = 3) -> list[str]:
    """The five service topics and their dead-letter topics, under a fresh prefix, with the
    settings of the launcher's topic declaration (retention, cleanup, min ISR)."""
    from jenjang_local.topics import TOPICS

    specs = [spec.for_brokers(1, partitions=partitions).prefixed(prefix) for spec in TOPICS]
    names = [spec.name for spec in specs]
    assert set(names) == {
        f"{prefix}{t}" for s in SERVICES for t in (topic_of(s), dead_letter_topic_of(s))
    }
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    try:
        try:
            await admin.create_topics(
                [
                    NewTopic(
                        spec.name,
                        num_partitions=spec.partitions,
                        replication_factor=spec.replication_factor,
                        topic_configs=spec.configs(),
                    )
                    for spec in specs
                ]
            )
        except TopicAlreadyExistsError:
            pass
    finally:
        await admin.close()
    return names


async def delete_topics(infra: SessionInfra, prefixes: list[str]) -> None:
    """Delete every topic under the given prefixes (those a test session created). Without
    this the shared broker keeps every session's topics: thousands of partitions, until its
    heap runs out."""
    if not prefixes:
        return
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    try:
        ours = [t for t in await admin.list_topics() if t.startswith(tuple(prefixes))]
        if ours:
            await admin.delete_topics(ours)
    finally:
        await admin.close()


def fresh_prefix() -> str:
    return f"t{uuid.uuid4().hex[:8]}."
