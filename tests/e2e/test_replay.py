"""Exactly once, end to end: replaying every topic from the start into fresh consumer groups
(fresh databases, relay off) rebuilds the same projections as the live services built."""

from __future__ import annotations

import importlib
import uuid
from contextlib import AsyncExitStack

import asyncpg

from jenjang_testing.fixtures import auth_settings
from jenjang_testing.harness import running_service, wait_for
from jenjang_testing.infra import create_database

from .stack import SERVICES

# What each service keeps of others' data, compared row for row (key fields).
PROJECTIONS = {
    "personnel": [
        "SELECT event_id, nip, kind FROM timeline_entries ORDER BY event_id, nip",
        "SELECT recommendation_id, nip, from_golongan, to_golongan, kp_period FROM promotion_proposals ORDER BY 1",
    ],
    "training": [
        "SELECT nip, employment_type, job_family, unit_code, golongan, status FROM employees ORDER BY nip",
        "SELECT nip, jp, earned_on FROM jp_entries WHERE source = 'MENTORING' ORDER BY 1, 2, 3",
    ],
    "mentoring": [
        "SELECT nip, employment_type, golongan, golongan_tmt, unit_code, job_family, supervisor_nip,"
        " status FROM employees ORDER BY nip",
    ],
    "evaluation": [
        "SELECT nip, employment_type, golongan, golongan_tmt, education, unit_code, status"
        " FROM employees ORDER BY nip",
    ],
    "welfare": [
        "SELECT DISTINCT nip, attribute, effective_from, value FROM employee_facts ORDER BY 1, 2, 3, 4",
    ],
}  # fmt: skip


async def _rows(dsn: str, sql: str) -> list[tuple]:
    conn = await asyncpg.connect(dsn)
    try:
        return [tuple(r) for r in await conn.fetch(sql)]
    finally:
        await conn.close()


async def _processed(dsn: str) -> int:
    return (await _rows(dsn, "SELECT count(*) FROM processed_events"))[0][0]


async def test_replaying_every_topic_into_fresh_consumers_rebuilds_the_same_projections(
    test_issuer, stack, infra
):
    async with AsyncExitStack() as replicas:
        replica_dsns: dict[str, str] = {}
        for service in SERVICES:
            settings_cls = getattr(
                importlib.import_module(f"{service}.config"), f"{service.capitalize()}Settings"
            )
            replica_dsns[service] = await create_database(infra, "replay")
            settings = settings_cls(**auth_settings(test_issuer),
                database_url=replica_dsns[service], kafka_bootstrap_servers=infra.kafka_bootstrap,
                topic_prefix=stack.topic_prefix, consumer_group=f"replay-{service}-{uuid.uuid4().hex[:6]}",
                relay_enabled=False,
            )  # fmt: skip
            create_app = importlib.import_module(f"{service}.main").create_app
            await replicas.enter_async_context(
                running_service(
                    create_app, settings, headers=test_issuer.headers(test_issuer.admin())
                )
            )

        for service in SERVICES:
            live = await _processed(stack.databases[service])
            assert live > 0, f"{service} consumed nothing: the stories must run first"
            await wait_for(lambda s=service: _processed(replica_dsns[s]),
                           until=lambda n, target=live: n >= target, timeout=60,
                           what=f"{service} replica catching up")  # fmt: skip
            assert await _processed(replica_dsns[service]) == await _processed(
                stack.databases[service]
            )

        for service, queries in PROJECTIONS.items():
            for sql in queries:
                live_rows = await _rows(stack.databases[service], sql)
                replayed = await _rows(replica_dsns[service], sql)
                assert live_rows, f"{service}: nothing to compare for {sql}"
                assert replayed == live_rows, f"{service} differs after replay: {sql}"
