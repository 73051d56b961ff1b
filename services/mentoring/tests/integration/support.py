"""What the mentoring integration tests share beyond jenjang_testing: this suite's usual
employee (a PNS at III/d in DPUPR, job family PEKERJAAN_UMUM), delivering an event to the
running service, putting a mentor in the pool, and the pinned "today" of HTTP commands."""

from __future__ import annotations

from typing import Any

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.contracts.base import Event
from jenjang_shared.ports import FixedClock, SystemClock
from jenjang_testing.builders import employee_registered
from jenjang_testing.harness import ServiceHarness, deliver

TODAY = SystemClock().today()
"""The agency's date now: what the handlers take from deliver()'s event time, and what the
service's pinned clock says for HTTP commands (the two agree)."""
CLOCK = FixedClock.on(TODAY)

_SUITE_EMPLOYEE = {"golongan": "III/d", "unit_code": "DPUPR", "job_family": "PEKERJAAN_UMUM"}


def registered(nip: str | None = None, **overrides: Any) -> EmployeeRegistered:
    """The shared builder's registration, with this suite's rank, unit and job family."""
    return employee_registered(nip, **{**_SUITE_EMPLOYEE, **overrides})


async def apply(svc: ServiceHarness, event: Event, *, event_id: str | None = None) -> bool:
    """Deliver an event through the service's own (bound) handler table, as its consumer would.
    True when applied, False when that event id was already handled."""
    return await deliver(svc.runtime, svc.app.state.handlers, event, event_id=event_id)


async def pool_mentor(svc: ServiceHarness, **fields: Any) -> str:
    """Register a PNS and put them in the pool; return the NIP."""
    capacity = fields.pop("capacity", None)
    expertise = fields.pop("expertise", [])
    event = registered(**fields)
    await apply(svc, event)
    body: dict[str, Any] = {"nip": event.nip, "expertise": expertise}
    if capacity is not None:
        body["capacity"] = capacity
    response = await svc.client.post("/v1/mentors", json=body)
    assert response.status_code == 201, response.text
    return event.nip
