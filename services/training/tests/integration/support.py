"""What the integration tests share beyond jenjang_testing: the pinned day, unique course codes,
request bodies, and delivering an event through the service's own handler table."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_testing.harness import ServiceHarness, deliver

TODAY = date(2025, 12, 15)
"""The service's "today" (its clock is pinned to it): inside the JP shortfall sweep's quarter."""


async def apply(svc: ServiceHarness, event: Event, *, event_id: str | None = None) -> bool:
    """Deliver an event exactly as the consumer would, through the app's bound handler table."""
    return await deliver(svc.runtime, svc.app.state.handlers, event, event_id=event_id)


def new_code(prefix: str = "C") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


def course_body(code: str | None = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": code or new_code(),
        "title": "Manajemen Rumah Sakit",
        "training_category": "TEKNIS",
        "training_method": "KLASIKAL",
        "jp": 10,
        "provider": "BPSDM Jawa Barat",
        "job_families": ["KESEHATAN"],
    }
    body.update(overrides)
    return body


def session_body(course_code: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "course_code": course_code,
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=2)).isoformat(),
        "location": "Bandung",
        "capacity": 30,
    }
    body.update(overrides)
    return body


async def make_course(svc: ServiceHarness, **overrides: Any) -> dict[str, Any]:
    response = await svc.client.post("/v1/courses", json=course_body(**overrides))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def make_session(svc: ServiceHarness, course_code: str, **overrides: Any) -> dict[str, Any]:
    response = await svc.client.post("/v1/sessions", json=session_body(course_code, **overrides))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def table_count(svc: ServiceHarness, table: str) -> int:
    count: int = await svc.runtime.pool.fetchval(f"SELECT count(*) FROM {table}")
    return count
