"""The career loop's evaluation leg through the real broker: relay and consumer running."""

from __future__ import annotations

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_shared.testing.harness import publish, running_service, wait_for

from .helpers import TODAY, evaluation_body, new_nip, outbox_of, registered


async def test_personnel_events_from_kafka_and_evaluations_lead_to_a_published_recommendation(
    infra, new_database, new_topics
):
    prefix = await new_topics()
    settings = EvaluationSettings(
        database_url=await new_database(),
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=prefix,
        today=TODAY,
        relay_poll_interval_s=0.2,
    )
    async with running_service(create_app, settings) as svc:
        nip = new_nip()
        await publish(infra.kafka_bootstrap, registered(nip), topic_prefix=prefix)

        async def projected():
            response = await svc.client.get(f"/v1/employees/{nip}/promotion-eligibility")
            return response.status_code

        await wait_for(projected, until=lambda s: s == 200, timeout=45, what="projection")
        for period, rating in (("2024", "SESUAI"), ("2025", "DI_ATAS")):
            response = await svc.client.post(
                "/v1/evaluations", json=evaluation_body(nip, period, rating, rating)
            )
            assert response.status_code == 201

        async def published():
            return await outbox_of(svc.runtime.pool, nip, "PromotionRecommended")

        (event,) = await wait_for(
            published,
            until=lambda events: len(events) == 1 and events[0]["_published_at"] is not None,
            timeout=30,
            what="PromotionRecommended published to Kafka",
        )
        assert event["to_golongan"] == "III/b" and event["kp_period"] == "2026-12-01"
