"""Through the real broker: a CPNS registered on personnel's topic gets Latsar recommended, and
the recommendation leaves through the outbox relay."""

from __future__ import annotations

from jenjang_shared.contracts.vocabulary import EmploymentType
from jenjang_testing import builders
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import publish, wait_for
from training.config import TrainingSettings
from training.main import create_app

from .support import make_course, new_code


async def test_a_cpns_registered_on_kafka_gets_latsar_recommended_and_published(
    start_service: StartService,
) -> None:
    async with start_service(
        create_app, TrainingSettings, through_kafka=True, relay_poll_interval_s=0.2
    ) as svc:
        latsar = await make_course(svc, code=new_code("LATSAR"), training_category="LATSAR", jp=40)
        nip = builders.new_nip()

        await publish(
            svc.settings.kafka_bootstrap_servers,
            builders.employee_registered(nip, employment_type=EmploymentType.CPNS),
            topic_prefix=svc.settings.topic_prefix,
        )

        async def recommendations() -> list[dict[str, object]]:
            response = await svc.client.get(f"/v1/employees/{nip}/recommendations")
            items: list[dict[str, object]] = response.json()["items"]
            return items

        [rec] = await wait_for(recommendations, until=bool, timeout=60, what="NEW_CPNS")
        assert rec["reason_key"] == "NEW_CPNS" and rec["course_codes"] == [latsar["code"]]

        async def unsent() -> int:
            count: int = await svc.runtime.pool.fetchval(
                "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NULL", nip
            )
            return count

        await wait_for(unsent, until=lambda n: n == 0, timeout=30, what="relay publishes")
