"""End to end through the real broker: personnel's events in, a Latsar mentorship out."""

from __future__ import annotations

from jenjang_shared.testing.harness import publish, running_service, wait_for
from mentoring.config import MentoringSettings
from mentoring.main import create_app

from .support import registered


async def test_a_cpns_registered_on_kafka_gets_their_superior_as_latsar_mentor(
    new_database,
    new_topics,
    infra,  # type: ignore[no-untyped-def]
) -> None:
    prefix = await new_topics()
    settings = MentoringSettings(
        database_url=await new_database(),
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=prefix,
        relay_poll_interval_s=0.2,
    )
    superior = registered(golongan="III/d", unit_code="KAFKA")
    cpns = registered(
        employment_type="CPNS", golongan="III/a", unit_code="KAFKA", supervisor_nip=superior.nip
    )
    async with running_service(create_app, settings) as svc:
        await publish(infra.kafka_bootstrap, superior, topic_prefix=prefix)
        await publish(infra.kafka_bootstrap, cpns, topic_prefix=prefix)

        async def latsar() -> list[dict]:  # type: ignore[type-arg]
            response = await svc.client.get(f"/v1/employees/{cpns.nip}/mentorships")
            return [m for m in response.json()["as_mentee"] if m["program"] == "LATSAR"]

        [mentorship] = await wait_for(latsar, timeout=45, what="the Latsar mentorship")
        assert (mentorship["mentor_nip"], mentorship["status"]) == (superior.nip, "ACTIVE")

        async def published() -> int:
            return int(
                await svc.runtime.pool.fetchval(
                    "SELECT count(*) FROM outbox WHERE subject = $1 AND published_at IS NOT NULL",
                    cpns.nip,
                )
            )

        assert await wait_for(published, timeout=30, what="MentorshipStarted on Kafka") == 1
