"""Through the real broker: an EmployeeRegistered on the topic becomes entitlements."""

from __future__ import annotations

from typing import Any

from jenjang_testing import builders
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import publish, wait_for
from jenjang_testing.outbox import outbox_rows
from welfare.config import WelfareSettings
from welfare.main import create_app


async def test_a_registration_published_on_kafka_grants_entitlements(start_service: StartService):
    event = builders.employee_registered()
    nip = event.nip
    async with start_service(create_app, WelfareSettings, through_kafka=True) as svc:
        await publish(
            svc.settings.kafka_bootstrap_servers, event, topic_prefix=svc.settings.topic_prefix
        )

        async def entitlements() -> Any:
            return await svc.client.get(f"/v1/employees/{nip}/entitlements")

        response = await wait_for(
            entitlements,
            until=lambda r: r.status_code == 200 and len(r.json()["entitlements"]) == 3,
            timeout=40,
            what="entitlements from Kafka",
        )
        assert response.json()["total_idr"] == 4_042_000 + 900_000 + 1_100_000

        async def relayed() -> int:
            rows = await outbox_rows(svc.runtime, subject=nip)
            return sum(1 for row in rows if row.published_at is not None)

        await wait_for(
            relayed,
            until=lambda n: n == 3,
            timeout=30,
            what="3 AllowanceEntitlementChanged relayed",
        )
