"""Through the real broker: an EmployeeRegistered on the topic becomes entitlements."""

from __future__ import annotations

from typing import Any

from jenjang_shared.testing.harness import publish, running_service, wait_for
from welfare.config import WelfareSettings
from welfare.main import create_app


async def test_a_registration_published_on_kafka_grants_entitlements(
    infra: Any, new_database: Any, new_topics: Any, events: Any, outbox: Any
):
    prefix = await new_topics()
    settings = WelfareSettings(
        database_url=await new_database(),
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=prefix,
    )
    nip = events.nip()
    async with running_service(create_app, settings) as svc:
        await publish(infra.kafka_bootstrap, events.registered(nip), topic_prefix=prefix)

        async def entitlements() -> Any:
            return await svc.client.get(f"/v1/employees/{nip}/entitlements")

        response = await wait_for(
            entitlements,
            until=lambda r: r.status_code == 200 and len(r.json()["entitlements"]) == 3,
            timeout=40,
            what="entitlements from Kafka",
        )
        assert response.json()["total_idr"] == 4_042_000 + 900_000 + 1_100_000

        async def relayed() -> Any:
            return await svc.runtime.pool.fetchval(
                "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NOT NULL", nip
            )

        await wait_for(
            relayed,
            until=lambda n: n == 3,
            timeout=30,
            what="3 AllowanceEntitlementChanged relayed",
        )
