"""The career loop's evaluation leg through the real broker: relay and consumer running."""

from __future__ import annotations

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_shared.contracts import PromotionRecommended
from jenjang_testing.builders import new_nip
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import publish, wait_for
from jenjang_testing.infra import SessionInfra
from jenjang_testing.outbox import outbox_rows

from .helpers import TODAY, evaluation_body, registered


async def test_personnel_events_from_kafka_and_evaluations_lead_to_a_published_recommendation(
    infra: SessionInfra, start_service: StartService
) -> None:
    async with start_service(
        create_app, EvaluationSettings, through_kafka=True, today=TODAY, relay_poll_interval_s=0.2
    ) as svc:
        nip = new_nip()
        prefix = svc.settings.topic_prefix
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
            return await outbox_rows(svc.runtime, PromotionRecommended, subject=nip)

        (row,) = await wait_for(
            published,
            until=lambda rows: len(rows) == 1 and rows[0].published_at is not None,
            timeout=30,
            what="PromotionRecommended published to Kafka",
        )
        assert row.payload["to_golongan"] == "III/b" and row.payload["kp_period"] == "2026-12-01"
