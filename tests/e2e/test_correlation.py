"""One request, followed through the services: its id is the correlation id of every event it
causes, and an event published in reaction names its cause."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

from jenjang_testing.harness import wait_for

from .people import registration
from .promotion_story import ACTOR


async def _outbox(dsn: str, event_type: str, subject: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch(
            "SELECT event_id::text, correlation_id, causation_id, traceparent FROM outbox"
            " WHERE event_type = $1 AND subject = $2",
            event_type,
            subject,
        )
    finally:
        await conn.close()


async def test_a_request_id_follows_the_events_it_causes_across_services(stack):
    request_id = f"req-{uuid.uuid4()}"
    trace_id = uuid.uuid4().hex
    cpns = registration(employment_type="CPNS", golongan="III/a", golongan_tmt="2026-02-01",
                        tmt_cpns=date(2026, 2, 1), birth_date=date(1999, 9, 9))  # fmt: skip
    created = await stack.client("personnel").post(
        "/v1/employees", json=cpns,
        headers={**ACTOR, "X-Request-ID": request_id, "traceparent": f"00-{trace_id}-{'1' * 16}-01"},
    )  # fmt: skip
    assert created.status_code == 201
    assert created.headers["x-request-id"] == request_id

    registered = await _outbox(
        stack.databases["personnel"], "asn.personnel.EmployeeRegistered.v1", cpns["nip"]
    )
    assert [r["correlation_id"] for r in registered] == [request_id]
    assert registered[0]["causation_id"] is None
    assert registered[0]["traceparent"].split("-")[1] == trace_id  # the caller's trace goes on

    # Training reacts (Latsar for a new CPNS): same correlation, caused by the registration.
    recommended = await wait_for(
        lambda: _outbox(stack.databases["training"], "asn.training.TrainingRecommended.v1", cpns["nip"]),
        until=lambda rows: len(rows) == 1, what="training's reaction")  # fmt: skip
    assert recommended[0]["correlation_id"] == request_id
    assert recommended[0]["causation_id"] == registered[0]["event_id"]
    assert recommended[0]["traceparent"].split("-")[1] == trace_id
