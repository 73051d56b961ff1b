"""Kafka goes away: the service stays ready and keeps accepting writes; the backlog shows in
/metrics while it grows, and drains when Kafka returns. Readiness must not follow Kafka: on
Kubernetes an unready pod leaves its Service, and a broker outage would become an API outage.
"""

from __future__ import annotations

from typing import Any

import httpx

from jenjang_testing.harness import ServiceHarness, wait_for
from jenjang_testing.infra import SessionInfra, create_topics, fresh_prefix
from personnel.config import PersonnelSettings
from personnel.main import create_app

from .conftest import kafka_broker, kill_broker
from .support import registration, scrape, value

WRITES_DURING_OUTAGE = 20


async def _ready(client: httpx.AsyncClient) -> tuple[int, dict[str, Any]]:
    response = await client.get("/health/ready")
    return response.status_code, response.json()


async def _metric(svc: ServiceHarness, name: str) -> float | None:
    return value(await scrape(svc.client), name, service="personnel")


async def test_kafka_down_keeps_the_api_ready_and_the_backlog_drains_after(
    own_broker, infra, start_service
):
    broker = SessionInfra(infra.pg_admin_dsn, own_broker.kafka_bootstrap)
    prefix = fresh_prefix()
    await create_topics(broker, prefix, partitions=3)
    async with start_service(
        create_app,
        PersonnelSettings,
        through_kafka=True,
        kafka_bootstrap_servers=own_broker.kafka_bootstrap,
        topic_prefix=prefix,
        relay_poll_interval_s=0.2,
        metrics_sample_interval_s=0.2,
    ) as svc:
        await wait_for(lambda: _ready(svc.client), until=lambda r: r[0] == 200, what="ready")
        first = await svc.client.post("/v1/employees", json=registration())
        assert first.status_code == 201, first.text
        await wait_for(lambda: _metric(svc, "jenjang_relay_published_total"),
                       until=lambda n: n >= 1, what="the first event published")  # fmt: skip

        kill_broker(own_broker)
        status, body = await wait_for(
            lambda: _ready(svc.client),
            until=lambda r: r[1]["checks"]["kafka"] == "unreachable",
            timeout=30,
            what="readiness to see Kafka gone",
        )
        assert status == 200 and body["status"] == "ready"
        for _ in range(WRITES_DURING_OUTAGE):
            response = await svc.client.post("/v1/employees", json=registration())
            assert response.status_code == 201, response.text

        pending = await wait_for(lambda: _metric(svc, "jenjang_outbox_pending"),
                                 until=lambda n: n >= WRITES_DURING_OUTAGE,
                                 what="the backlog in /metrics")  # fmt: skip
        assert pending == WRITES_DURING_OUTAGE
        await wait_for(lambda: _metric(svc, "jenjang_kafka_reachable"), until=lambda v: v == 0,
                       what="Kafka unreachable in /metrics")  # fmt: skip
        assert (await _metric(svc, "jenjang_outbox_oldest_age_seconds") or 0) > 0
        assert (await _ready(svc.client))[0] == 200

        kafka_broker.start_broker(own_broker)
        await wait_for(lambda: _metric(svc, "jenjang_outbox_pending"), until=lambda n: n == 0,
                       timeout=120, what="the backlog drained")  # fmt: skip
        published = await _metric(svc, "jenjang_relay_published_total")
        assert published is not None and published >= WRITES_DURING_OUTAGE + 1
        status, body = await wait_for(lambda: _ready(svc.client),
                                      until=lambda r: r[1]["checks"]["kafka"] == "ok",
                                      what="Kafka back in the ready body")  # fmt: skip
        assert status == 200
        text = await scrape(svc.client)
        # Ready the whole time: the probe never flapped.
        assert value(text, "jenjang_ready", service="personnel") == 1
        assert value(text, "jenjang_readiness_changes_total", service="personnel") == 0
