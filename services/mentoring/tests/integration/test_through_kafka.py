"""End to end through the real broker: personnel's events in, a Latsar mentorship out."""

from __future__ import annotations

from typing import Any

from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import publish, wait_for
from jenjang_testing.infra import SessionInfra
from jenjang_testing.outbox import outbox_rows
from mentoring.config import MentoringSettings
from mentoring.main import create_app

from .support import registered


async def test_a_cpns_registered_on_kafka_gets_their_superior_as_latsar_mentor(
    start_service: StartService, infra: SessionInfra
) -> None:
    superior = registered(golongan="III/d", unit_code="KAFKA")
    cpns = registered(
        employment_type="CPNS", golongan="III/a", unit_code="KAFKA", supervisor_nip=superior.nip
    )
    async with start_service(
        create_app, MentoringSettings, through_kafka=True, relay_poll_interval_s=0.2
    ) as svc:
        prefix = svc.settings.topic_prefix
        await publish(infra.kafka_bootstrap, superior, topic_prefix=prefix)
        await publish(infra.kafka_bootstrap, cpns, topic_prefix=prefix)

        async def latsar() -> list[dict[str, Any]]:
            response = await svc.client.get(f"/v1/employees/{cpns.nip}/mentorships")
            return [m for m in response.json()["as_mentee"] if m["program"] == "LATSAR"]

        [mentorship] = await wait_for(latsar, timeout=45, what="the Latsar mentorship")
        assert (mentorship["mentor_nip"], mentorship["status"]) == (superior.nip, "ACTIVE")

        async def published() -> int:
            rows = await outbox_rows(svc.runtime, subject=cpns.nip)
            return sum(1 for row in rows if row.published_at is not None)

        assert await wait_for(published, timeout=30, what="MentorshipStarted on Kafka") == 1
