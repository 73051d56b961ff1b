"""Through the real broker: a PromotionRecommended on asn.evaluation.v1 opens a proposal, and
personnel's own events come back from its topic without doubling the timeline."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest_asyncio

from jenjang_shared.contracts import PromotionRecommended
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import ServiceHarness, publish, wait_for
from personnel.config import PersonnelSettings
from personnel.main import create_app


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def live(start_service: StartService) -> AsyncIterator[ServiceHarness]:
    async with start_service(
        create_app, PersonnelSettings, through_kafka=True, relay_poll_interval_s=0.2
    ) as harness:
        yield harness


async def test_a_recommendation_from_kafka_opens_a_proposal_once(
    live: ServiceHarness,
    infra: Any,
    make_registration: Callable[..., dict[str, Any]],
    make_recommendation: Callable[..., PromotionRecommended],
) -> None:
    body = make_registration(golongan="III/a")
    assert (await live.client.post("/v1/employees", json=body)).status_code == 201
    nip = body["nip"]
    event = make_recommendation(nip, "III/a", "III/b")
    prefix = live.settings.topic_prefix
    event_id = await publish(infra.kafka_bootstrap, event, topic_prefix=prefix)
    await publish(infra.kafka_bootstrap, event, topic_prefix=prefix, event_id=event_id)

    async def proposals() -> list[dict[str, Any]]:
        response = await live.client.get("/v1/promotion-proposals", params={"nip": nip})
        return list(response.json()["items"])

    [proposal] = await wait_for(proposals, until=lambda p: len(p) == 1, what="the proposal")
    assert (proposal["status"], proposal["recommendation_id"]) == (
        "PENDING",
        event.recommendation_id,
    )

    async def timeline() -> list[dict[str, Any]]:
        response = await live.client.get(f"/v1/employees/{nip}/timeline")
        return list(response.json()["items"])

    entries = await wait_for(
        timeline,
        until=lambda items: {e["kind"] for e in items} >= {"PromotionRecommended"},
        what="the recommendation on the timeline",
    )
    assert event_id in {e["event_id"] for e in entries}

    # Our own EmployeeRegistered went out through the relay and came back: still one entry.
    async def consumed_own() -> int:
        return int(
            await live.runtime.pool.fetchval(
                "SELECT count(*) FROM processed_events WHERE event_type = $1",
                "asn.personnel.EmployeeRegistered.v1",
            )
        )

    await wait_for(consumed_own, until=lambda n: n >= 1, what="our own event consumed")
    assert [e["kind"] for e in await timeline()].count("EmployeeRegistered") == 1
    assert len(await proposals()) == 1
