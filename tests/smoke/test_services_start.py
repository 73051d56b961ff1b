"""Every service starts against the real PostgreSQL and Kafka, migrates, and reports ready."""

from __future__ import annotations

import importlib

import asyncpg
import pytest

from jenjang_testing.fixtures import auth_settings
from jenjang_testing.harness import running_service, wait_for

SERVICES = ["personnel", "training", "mentoring", "evaluation", "welfare"]


@pytest.mark.parametrize("service", SERVICES)
async def test_service_starts_migrates_and_is_ready(
    test_issuer, service, new_database, new_topics, infra
):
    settings_cls = getattr(
        importlib.import_module(f"{service}.config"), f"{service.capitalize()}Settings"
    )
    create_app = importlib.import_module(f"{service}.main").create_app
    dsn = await new_database()
    settings = settings_cls(
        **auth_settings(test_issuer),
        database_url=dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=await new_topics(),
    )

    async with running_service(
        create_app, settings, headers=test_issuer.headers(test_issuer.admin())
    ) as svc:
        live = await svc.client.get("/health/live")
        assert live.status_code == 200
        ready = await wait_for(
            lambda: svc.client.get("/health/ready"),
            until=lambda r: r.status_code == 200,
            what=f"{service} ready",
        )
        assert ready.json()["checks"]["database"] == "ok"
        assert ready.json()["checks"]["kafka"] == "ok"
        docs = await svc.client.get("/docs")
        assert docs.status_code == 200

    conn = await asyncpg.connect(dsn)
    try:
        applied = {r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations")}
    finally:
        await conn.close()
    assert {"0001_outbox", "0002_processed_events"} <= applied
